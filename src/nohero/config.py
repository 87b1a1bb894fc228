"""nohero's configuration lives under the `nohero` plugin entry of mkdocs.yml,
so the CLI and the site read one file. The CLI must read it without the theme
or other plugins installed (pre-commit runs in an isolated environment), so
mkdocs.yml is read here with a tolerant YAML loader, not through MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .durations import INTERVAL_RANGE, Interval, parse_interval, parse_review_interval
from .fields import check_fields
from .findings import Severity
from .lazyclass import field, record
from .mkdocs_yaml import parse_mkdocs_text as parse_mkdocs_text  # re-exported
from .mkdocs_yaml import read_mkdocs_yaml

if TYPE_CHECKING:
    from .alerts.settings import AlertSettings

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DOC_TYPES = ("runbook", "escalation", "architecture", "note")
DEFAULT_INTERVALS = {
    doc_type: Interval.of_days(days)
    for doc_type, days in {
        "runbook": 90,
        "escalation": 30,
        "architecture": 180,
        "note": 365,
    }.items()
}
DEFAULT_BOTS = ("[bot]", "dependabot", "renovate", "github-actions")


class ConfigError(Exception):
    """A usage or configuration problem: the CLI exits 2 with this message."""


@record
class Config:
    """Everything nohero needs to know, with paths made absolute."""

    config_file: Path | None
    root: Path  # folder of mkdocs.yml
    repo_root: Path  # git top level (or `root` outside git)
    docs_dir: Path
    roster_path: Path
    review_intervals: dict[str, Interval] = field(default_factory=lambda: dict(DEFAULT_INTERVALS))
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: rule off
    folder_types: dict[str, str] = field(default_factory=dict)  # docs_dir-relative folder -> type
    default_type: str = "note"
    exclude: list[str] = field(default_factory=list)  # docs_dir-relative globs
    due_soon_days: int = 14
    bots: tuple[str, ...] = DEFAULT_BOTS
    cache_dir: Path | None = None
    publish_with_errors: bool = False
    history: bool = True
    snippet_dirs: list[Path] = field(default_factory=list)
    max_file_bytes: int = 5 * 1024 * 1024
    plugin_options: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)  # nohero field -> key the docs use
    alerts: AlertSettings | None = None  # plugins.nohero.alerts: Prometheus rule files

    def rel(self, path: Path) -> str:
        """Repo-relative POSIX path: what git, SARIF and annotations use."""
        return Path(os.path.relpath(path, self.repo_root)).as_posix()

    def type_for(self, docs_rel: str, declared: object) -> str:
        """Effective type: the declared one if valid, else the folder's default."""
        if isinstance(declared, str) and declared in DOC_TYPES:
            return declared
        best, best_len = self.default_type, -1
        for folder, doc_type in self.folder_types.items():
            folder = folder.strip("/")
            if folder in ("", ".") or docs_rel == folder or docs_rel.startswith(folder + "/"):
                length = 0 if folder in ("", ".") else len(folder)
                if length > best_len:
                    best, best_len = doc_type, length
        return best


def find_config_file(explicit: str | os.PathLike[str] | None, cwd: Path | None = None) -> Path:
    """Like `mkdocs`: an explicit -f, else mkdocs.yml in the current folder."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file '{explicit}' does not exist")
        return path.resolve()
    here = (cwd or Path.cwd()).resolve()
    for name in CONFIG_NAMES:
        if (here / name).is_file():
            return here / name
    raise ConfigError(f"no mkdocs.yml in {here}: run 'nohero init' to create one, or pass -f PATH")


def find_repo_root(start: Path) -> Path:
    """The nearest folder with a .git entry, else `start` itself."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def inside_repo(path: Path, repo_root: Path, key: str) -> Path:
    """`path` itself, or a ConfigError when it leaves the repository: nohero
    never reads (or writes) outside it, whatever a config file says."""
    try:
        path.resolve().relative_to(repo_root.resolve())
    except ValueError:
        raise ConfigError(
            f"{key} points outside the repository ({path}): nohero reads nothing outside it"
        ) from None
    return path


def plugin_options(mkdocs_cfg: dict[str, Any]) -> dict[str, Any] | None:
    """The `nohero` entry of `plugins`, as a mapping; None when not listed."""
    plugins = mkdocs_cfg.get("plugins")
    if plugins is None:
        return None
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    if not isinstance(plugins, list):
        raise ConfigError("mkdocs.yml: 'plugins' must be a list")
    for entry in plugins:
        if entry == "nohero":
            return {}
        if isinstance(entry, dict) and "nohero" in entry:
            options = entry["nohero"] or {}
            if not isinstance(options, dict):
                raise ConfigError("mkdocs.yml: plugins.nohero must be a mapping of options")
            return options
    return None


def load_config(
    config_file: str | os.PathLike[str] | None = None, cwd: Path | None = None
) -> Config:
    """Find and read mkdocs.yml and its `nohero` options."""
    path = find_config_file(config_file, cwd)
    mkdocs_cfg = read_mkdocs_yaml(path)
    options = plugin_options(mkdocs_cfg)
    return config_from_options(path, mkdocs_cfg, options or {})


_KNOWN_OPTIONS = {
    "alerts",
    "roster",
    "review_intervals",
    "severity",
    "types",
    "default_type",
    "exclude",
    "due_soon",
    "bots",
    "cache_dir",
    "publish_with_errors",
    "history",
    "max_file_size_mb",
    "enabled",
    "fields",
    "site_prefix",  # the plugin's generated pages live under this docs folder
}


def config_from_options(path: Path, mkdocs_cfg: dict[str, Any], options: dict[str, Any]) -> Config:
    """Build a Config from mkdocs.yml's settings and the plugin's options.

    Shared by the CLI and the MkDocs plugin. Every problem names its key.
    """
    root = path.parent
    unknown = sorted(set(options) - _KNOWN_OPTIONS)
    if unknown:
        raise ConfigError(
            f"mkdocs.yml: plugins.nohero.{unknown[0]} is not a nohero option "
            f"(known: {', '.join(sorted(_KNOWN_OPTIONS))})"
        )
    docs_dir_value = mkdocs_cfg.get("docs_dir", "docs")
    if not isinstance(docs_dir_value, str) or not docs_dir_value.strip():
        raise ConfigError("mkdocs.yml: docs_dir must be a folder name")
    docs_dir = (root / docs_dir_value).resolve()
    repo_root = find_repo_root(root.resolve())
    roster_value = options.get("roster", "people.yml")
    if not isinstance(roster_value, str) or not roster_value.strip():
        raise ConfigError("mkdocs.yml: plugins.nohero.roster must be a file path")
    config = Config(
        config_file=path,
        root=root.resolve(),
        repo_root=repo_root,
        docs_dir=inside_repo(docs_dir, repo_root, "mkdocs.yml: docs_dir"),
        roster_path=inside_repo(
            (root / roster_value).resolve(), repo_root, "mkdocs.yml: plugins.nohero.roster"
        ),
        plugin_options=dict(options),
    )
    try:
        config.fields = check_fields(options.get("fields"))
    except ValueError as exc:
        raise ConfigError(f"mkdocs.yml: plugins.nohero.fields: {exc}") from None
    _apply_intervals(config, options.get("review_intervals"))
    _apply_severities(config, options.get("severity"))
    _apply_types(config, options.get("types"), options.get("default_type"))
    config.exclude = _string_list(options.get("exclude", []), "exclude")
    if "due_soon" in options:
        days = parse_review_interval(options["due_soon"])
        if days is None:
            raise ConfigError(
                "mkdocs.yml: plugins.nohero.due_soon must look like '14d' or '2w', "
                f"{INTERVAL_RANGE}"
            )
        config.due_soon_days = days
    if "bots" in options:
        config.bots = tuple(_string_list(options["bots"], "bots"))
    cache = options.get("cache_dir", ".cache/nohero")
    if cache in (False, None):
        config.cache_dir = None
    elif isinstance(cache, str) and cache.strip():
        config.cache_dir = _cache_dir(repo_root, root, docs_dir, mkdocs_cfg, cache)
    else:
        raise ConfigError("mkdocs.yml: plugins.nohero.cache_dir must be a folder path or false")
    if "site_prefix" in options:
        from .site.layout import parse_prefix  # the build's own check, so check agrees

        parse_prefix(options["site_prefix"])
    for key in ("publish_with_errors", "history"):
        if key in options:
            if not isinstance(options[key], bool):
                raise ConfigError(f"mkdocs.yml: plugins.nohero.{key} must be true or false")
            setattr(config, key, options[key])
    if "max_file_size_mb" in options:
        size = options["max_file_size_mb"]
        if isinstance(size, bool) or not isinstance(size, int | float) or size <= 0:
            raise ConfigError(
                "mkdocs.yml: plugins.nohero.max_file_size_mb must be a positive number"
            )
        config.max_file_bytes = int(size * 1024 * 1024)
    config.snippet_dirs = _snippet_dirs(root, mkdocs_cfg)
    if options.get("alerts") is not None:
        from .alerts.settings import parse_alert_settings

        config.alerts = parse_alert_settings(options["alerts"])
    return config


def _cache_dir(
    repo_root: Path, root: Path, docs_dir: Path, mkdocs_cfg: dict[str, Any], value: str
) -> Path:
    """The history cache's folder. It holds every author's name and e-mail
    and a `.gitignore` of `*`, so it may be neither the repository root (new
    files would vanish from `git status`) nor inside what the site publishes
    (docs_dir, site_dir)."""
    key = "mkdocs.yml: plugins.nohero.cache_dir"
    path = inside_repo((repo_root / value).resolve(), repo_root, key)
    if path == repo_root.resolve():
        raise ConfigError(f"{key} cannot be the repository root: use a folder like .cache/nohero")
    site_value = mkdocs_cfg.get("site_dir", "site")
    published = [("docs_dir", docs_dir.resolve())]
    if isinstance(site_value, str) and site_value.strip():
        published.append(("site_dir", (root / site_value).resolve()))
    for name, folder in published:
        if path == folder or path.is_relative_to(folder) or folder.is_relative_to(path):
            raise ConfigError(
                f"{key} cannot be inside {name} (or hold it): the site would publish "
                "every author's name and e-mail; use a folder like .cache/nohero"
            )
    return path


def _string_list(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"mkdocs.yml: plugins.nohero.{key} must be a list of strings")
    return list(value)


def _apply_intervals(config: Config, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise ConfigError("mkdocs.yml: plugins.nohero.review_intervals must map a type to '90d'")
    for doc_type, interval in value.items():
        if doc_type not in DOC_TYPES:
            raise ConfigError(
                f"mkdocs.yml: plugins.nohero.review_intervals.{doc_type} is not a type "
                f"({', '.join(DOC_TYPES)})"
            )
        parsed = parse_interval(interval)
        if parsed is None:
            raise ConfigError(
                f"mkdocs.yml: plugins.nohero.review_intervals.{doc_type} "
                f"must look like '90d', '12w' or '6 months', {INTERVAL_RANGE}"
            )
        config.review_intervals[doc_type] = parsed


def _apply_severities(config: Config, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise ConfigError("mkdocs.yml: plugins.nohero.severity must map a rule id to a severity")
    from .rules import RULES  # late import: rules import config types

    for rule_id, level in value.items():
        if rule_id not in RULES:
            raise ConfigError(f"mkdocs.yml: plugins.nohero.severity.{rule_id} is not a rule id")
        if level in (False, "off", None):
            config.severities[rule_id] = None
            continue
        try:
            config.severities[rule_id] = Severity.parse(str(level))
        except ValueError:
            raise ConfigError(
                f"mkdocs.yml: plugins.nohero.severity.{rule_id} must be error, warning, info or off"
            ) from None


def _apply_types(config: Config, value: object, default: object) -> None:
    if default is not None:
        if default not in DOC_TYPES:
            raise ConfigError(
                f"mkdocs.yml: plugins.nohero.default_type must be one of {', '.join(DOC_TYPES)}"
            )
        config.default_type = str(default)
    if value is None:
        return
    if not isinstance(value, dict):
        raise ConfigError("mkdocs.yml: plugins.nohero.types must map a folder to a type")
    for folder, doc_type in value.items():
        if doc_type not in DOC_TYPES:
            raise ConfigError(
                f"mkdocs.yml: plugins.nohero.types.{folder} must be one of {', '.join(DOC_TYPES)}"
            )
        config.folder_types[str(folder)] = doc_type


def _snippet_dirs(root: Path, mkdocs_cfg: dict[str, Any]) -> list[Path]:
    """Where pymdownx.snippets looks for `--8<--` includes (default: the config's folder)."""
    extensions = mkdocs_cfg.get("markdown_extensions") or []
    for entry in extensions if isinstance(extensions, list) else []:
        if entry == "pymdownx.snippets":
            return [root.resolve()]
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            opts = entry["pymdownx.snippets"] or {}
            base = opts.get("base_path", ".") if isinstance(opts, dict) else "."
            bases = base if isinstance(base, list) else [base]
            return [(root / str(b)).resolve() for b in bases]
    return []
