"""Which files are rule files, and reading them safely: inside the
repository, regular files, under the size limit, UTF-8; what each file says
is `ruletext`'s job, remembered by content in `cache`."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..globs import glob_match, literal_prefix
from .links import Target, url_target
from .ruletext import MAX_ALERTS_PER_FILE, MAX_RULES_PER_FILE, Alert, Problem, parse_rule_text
from .settings import AlertSettings

__all__ = [
    "MAX_ALERTS_PER_FILE",
    "MAX_RULES_PER_FILE",
    "Alert",
    "Problem",
    "RuleFiles",
    "find_rule_files",
    "parse_rule_text",
    "read_rule_files",
]


@dataclass
class RuleFiles:
    files: list[str]  # repo-relative paths of every rule file read
    alerts: list[Alert]
    problems: list[Problem]
    targets: list[Target] = field(default_factory=list)  # where each alert's runbook_url points


def read_rule_files(config: Config, settings: AlertSettings) -> RuleFiles:
    """Every file matched by `alerts.rules`, read and parsed."""
    from ..doccache import cache_enabled
    from .cache import RuleFileCache

    cache = RuleFileCache.open(config.repo_root, config.cache_dir is not None and cache_enabled())
    result = RuleFiles([], [], [])
    for path in find_rule_files(config, settings.rules):
        rel = config.rel(path)
        result.files.append(rel)
        text, problem = _read(config, path, rel)
        if problem is not None:
            result.problems.append(problem)
            continue
        key = cache.key(text or "")
        cached = cache.get(key, rel, settings.base_urls)
        if cached is None:
            alerts, problems = parse_rule_text(text or "", rel)
            targets = [_target(alert, settings.base_urls) for alert in alerts]
            cache.put(key, alerts, problems, targets, settings.base_urls)
            cached = alerts, problems, targets
        result.alerts.extend(cached[0])
        result.problems.extend(cached[1])
        result.targets.extend(cached[2])
    cache.save()
    if not result.files:
        name = config.rel(config.config_file) if config.config_file else "mkdocs.yml"
        result.problems.append(
            Problem(
                name,
                1,
                f"plugins.nohero.alerts.rules ({', '.join(settings.rules)}) matches no file: "
                "fix the globs, or check out the rules repository where they point",
            )
        )
    return result


def watched_paths(config: Config, globs: tuple[str, ...]) -> list[Path]:
    """What `mkdocs serve` should watch to notice an edited, added or removed
    rule file: each glob's literal folder (`monitoring/` of
    `monitoring/**/*.yaml`), and every rule file found (a glob with no literal
    folder, like `**/*.rules.yml`, would otherwise mean watching the whole
    project, site output included)."""
    paths = {Path(p) for p in find_rule_files(config, globs)}
    for glob in globs:
        start = literal_prefix(glob).rstrip("/")
        if start and (config.root / start).exists():
            paths.add(config.root / start)
    return sorted(paths)


def _target(alert: Alert, bases: tuple[str, ...]) -> Target:
    if alert.runbook_url is None or alert.url_problem is not None:
        return _NO_TARGET
    return url_target(alert.runbook_url, bases)


_NO_TARGET = Target("none")


def find_rule_files(config: Config, globs: tuple[str, ...]) -> list[Path]:
    """Files under mkdocs.yml's folder matching any glob, sorted; symlinked
    folders are not followed, dot-folders (.git) are skipped."""
    root = str(config.root)
    found: set[str] = set()
    starts = sorted({literal_prefix(g).rstrip("/") for g in globs})
    for start in starts:
        top = os.path.join(root, start) if start else root
        if os.path.isfile(top):
            found.add(top)
            continue
        for folder, dirnames, filenames in os.walk(top, followlinks=False):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                full = os.path.join(folder, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                if any(glob_match(rel, g) for g in globs):
                    found.add(full)
    return [Path(p) for p in sorted(found)]


def _read(config: Config, path: Path, rel: str) -> tuple[str | None, Problem | None]:
    real = os.path.realpath(path)
    repo = os.path.realpath(config.repo_root)
    if not (real + os.sep).startswith(repo.rstrip(os.sep) + os.sep):
        return None, Problem(rel, 1, "symlink points outside the repository; not read")
    limit = config.max_file_bytes
    try:
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(rel, 1, "not a regular file; not read")
        if info.st_size > limit:
            return None, _too_big(rel, info.st_size, limit)
        with open(real, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        return None, Problem(rel, 1, f"cannot read rule file: {exc.strerror or exc}")
    if len(raw) > limit:
        return None, _too_big(rel, len(raw), limit)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(rel, line, "rule file is not valid UTF-8: re-save it as UTF-8")


def _too_big(rel: str, size: int, limit: int) -> Problem:
    mib = 1024 * 1024
    return Problem(
        rel,
        1,
        f"rule file is {size / mib:.1f} MB, over the {limit // mib} MB limit; not read: "
        "split it, or raise plugins.nohero.max_file_size_mb",
    )
