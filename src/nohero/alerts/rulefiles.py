"""Prometheus rule files -> alerts, with the line of every `alert:` and
`runbook_url`.

A rule file is plain Prometheus (`groups:`) or Kubernetes `PrometheusRule`
objects (`spec.groups`, also inside a `kind: List`), in one or more YAML
documents. Documents of other kinds (a Deployment, a kustomization, Helm
values) are skipped quietly: globs like `monitoring/**/*.yaml` match them too.
What cannot be read becomes a `Problem` on that file, never an exception:
invalid YAML, a Helm template (render it first), a symlink out of the
repository, a file over the size limit, a document with more alerts than any
real rule set (YAML aliases multiplying a group).

The YAML is composed (not constructed) by libyaml so every node keeps its
line, and only the few keys an alert needs are walked.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import Config
from ..frontmatter import MAX_DEPTH, _Loader, _too_deep_line
from ..globs import glob_match, literal_prefix
from .settings import AlertSettings

MAX_ALERTS_PER_FILE = 50_000
MAX_RULES_PER_FILE = 200_000  # alerts and recording rules, after alias expansion
_HELM = re.compile(
    r"\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|include\b|template\b|define\b"
    r"|toYaml\b|tpl\b|if\b|end\b|range\b|with\b|else\b)|^\s*\{\{",
    re.M,
)
_KINDS = ("PrometheusRule",)


class _TextLoader(_Loader):  # type: ignore[misc, valid-type]
    """Composes without resolving implicit tags (a Python call per scalar,
    most of the parse time): every scalar stays text, which is all a rule
    file's alerts need."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Alert:
    """One `alert:` rule as written; values that were not strings are shown as text."""

    name: str
    file: str  # repo-relative POSIX path of the rule file
    line: int  # line of `alert:`
    group: str
    expr: str
    duration: str | None  # the rule's `for`
    severity: str | None  # the `severity` label
    summary: str | None  # the `summary` annotation
    runbook_url: str | None  # None: no runbook_url annotation
    url_line: int  # line of `runbook_url`, else of `alert:`
    url_problem: str | None = None  # runbook_url present but not a single string
    team: str | None = None  # the `team` (else `owner`) label: who answers it


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str


@dataclass
class RuleFiles:
    files: list[str]  # repo-relative paths of every rule file read
    alerts: list[Alert]
    problems: list[Problem]


def read_rule_files(config: Config, settings: AlertSettings) -> RuleFiles:
    """Every file matched by `alerts.rules`, read and parsed."""
    from ..doccache import cache_enabled
    from .cache import RuleFileCache  # late: it imports this module

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
        cached = cache.get(key, rel)
        if cached is None:
            cached = parse_rule_text(text or "", rel)
            cache.put(key, *cached)
        result.alerts.extend(cached[0])
        result.problems.extend(cached[1])
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


def parse_rule_text(text: str, rel: str) -> tuple[list[Alert], list[Problem]]:
    """Alerts and problems of one rule file's text."""
    alerts: list[Alert] = []
    problems: list[Problem] = []
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate({0x85: " ", 0x2028: " ", 0x2029: " "})  # keep libyaml's lines ours
    deep = _deep_line(text)
    if deep is not None:
        return [], [Problem(rel, deep, f"nested more than {MAX_DEPTH} levels deep; not read")]
    loader = _TextLoader(text)
    budget = [MAX_RULES_PER_FILE]
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            for item in _alerts_in_document(node, rel, budget):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                alerts.append(item)
                if len(alerts) > MAX_ALERTS_PER_FILE:
                    return [], [
                        Problem(
                            rel,
                            1,
                            f"more than {MAX_ALERTS_PER_FILE} alerts (YAML aliases repeating a "
                            "group?); not read: split the file",
                        )
                    ]
    except yaml.MarkedYAMLError as exc:
        problems.append(_yaml_problem(exc, text, rel))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        problems.append(Problem(rel, 1, f"not valid YAML ({type(exc).__name__}); not read"))
    finally:
        loader.dispose()
    return alerts, problems


def _deep_line(text: str) -> int | None:
    """libyaml composes recursively in C and crashes far past MAX_DEPTH levels;
    a file whose brackets and line lengths cannot nest that deep skips the scan."""
    reach = text.count("[") + text.count("{") + max(map(len, text.split("\n")), default=0)
    return _too_deep_line(text) if reach > 20_000 else None


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, rel: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    helm = _HELM.search(text)
    if helm is not None:
        return Problem(
            rel,
            text.count("\n", 0, helm.start()) + 1,
            "looks like a Helm template, not a rule file: point plugins.nohero.alerts.rules "
            "at the rendered rules ('helm template ...') or leave this file out",
        )
    reason = exc.problem or "invalid YAML"
    return Problem(rel, line, f"not valid YAML ({reason}): the alerts in it are not read")


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    """A mapping node's string keys -> value nodes (the last duplicate wins, as in YAML loaders)."""
    out: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out[str(key.value)] = value
    return out


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1 if node.start_mark is not None else 1


def _text(node: yaml.Node | None) -> str | None:
    """A scalar as text (numbers and booleans too); None for anything else."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if not value.strip() or (node.style is None and value in _NULLS):
            return None
        return value
    return None


def _alerts_in_document(
    node: yaml.Node, rel: str, budget: list[int] | None = None
) -> Iterator[Alert | Problem]:
    budget = budget if budget is not None else [MAX_RULES_PER_FILE]
    top = _mapping(node)
    kind = _text(top.get("kind"))
    if kind == "List" and isinstance(top.get("items"), yaml.SequenceNode):
        for item in top["items"].value:
            yield from _alerts_in_document(item, rel, budget)
        return
    if "groups" in top and kind is None:
        groups = top["groups"]
    elif kind in _KINDS:
        spec = _mapping(top.get("spec", node))
        if "groups" not in spec:
            yield Problem(rel, _line(node), f"{kind} without spec.groups: no alerts read from it")
            return
        groups = spec["groups"]
    else:
        return  # another kind of YAML document: not ours
    if not isinstance(groups, yaml.SequenceNode):
        yield Problem(rel, _line(groups), "'groups' must be a list of rule groups")
        return
    for group in groups.value:
        fields = _mapping(group)
        if not fields:
            yield Problem(rel, _line(group), "a rule group must be a mapping with name and rules")
            continue
        name = _text(fields.get("name")) or ""
        rules = fields.get("rules")
        if rules is None:
            continue
        if not isinstance(rules, yaml.SequenceNode):
            yield Problem(rel, _line(rules), f"group '{name}': 'rules' must be a list")
            continue
        budget[0] -= len(rules.value)
        if budget[0] < 0:
            yield Problem(
                rel,
                _line(rules),
                f"more than {MAX_RULES_PER_FILE} rules (YAML aliases repeating a group?); "
                "the rest is not read: split the file",
            )
            return
        for rule in rules.value:
            yield from _alert(rule, name, rel)


def _alert(rule: yaml.Node, group: str, rel: str) -> Iterator[Alert | Problem]:
    fields = _mapping(rule)
    if "alert" not in fields:
        return  # a recording rule, or not a rule at all
    name = _text(fields["alert"])
    if name is None or not isinstance(fields["alert"], yaml.ScalarNode):
        yield Problem(rel, _line(fields["alert"]), "'alert' must name the alert")
        return
    labels = _mapping(fields["labels"]) if "labels" in fields else {}
    annotations_node = fields.get("annotations")
    annotations = _mapping(annotations_node) if annotations_node is not None else {}
    if annotations_node is not None and not isinstance(annotations_node, yaml.MappingNode):
        if _text(annotations_node) is not None or not isinstance(annotations_node, yaml.ScalarNode):
            yield Problem(
                rel, _line(annotations_node), f"alert {name}: 'annotations' must be a mapping"
            )
    url_node = annotations.get("runbook_url")
    url: str | None = None
    url_problem: str | None = None
    if url_node is not None:
        url = _text(url_node)
        if url is None and not isinstance(url_node, yaml.ScalarNode):
            url_problem = "runbook_url must be one address, not a list or a mapping"
    expr = fields.get("expr")
    yield Alert(
        name=name.strip(),
        file=rel,
        line=_line(fields["alert"]),
        group=group,
        expr=_text(expr) or "",
        duration=_text(fields.get("for")),
        severity=_text(labels.get("severity")),
        summary=_text(annotations.get("summary")),
        runbook_url=url.strip() if url else None,
        url_line=_line(url_node) if url_node is not None else _line(fields["alert"]),
        url_problem=url_problem,
        team=_text(labels.get("team")) or _text(labels.get("owner")),
    )
