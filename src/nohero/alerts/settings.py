"""The `alerts:` option of the nohero plugin entry in mkdocs.yml.

    plugins:
      - nohero:
          alerts:
            rules: [monitoring/**/*.yaml]          # relative to mkdocs.yml's folder
            runbook_base_url: https://runbooks.example.com/runbooks/
            missing_runbook: {critical: error, page: error, "*": "off"}

`runbook_base_url` may also be a list (the site's address and, say, the GitHub
address of the docs folder: alerts link to either). `missing_runbook` sets the
severity of `alert-runbook-missing` by the alert's `severity` label, so that
only page-worthy alerts must have a runbook; `"*"` stands for every other
label and for alerts without one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..findings import Severity

KEY = "mkdocs.yml: plugins.nohero.alerts"
ANY_LABEL = "*"


@dataclass(frozen=True)
class AlertSettings:
    rules: tuple[str, ...]  # globs relative to mkdocs.yml's folder, POSIX
    base_urls: tuple[str, ...] = ()  # each ending in "/"
    # alert `severity` label (lower case, or "*") -> finding severity; None: no finding
    missing_runbook: dict[str, Severity | None] = field(default_factory=dict)

    def missing_severity(self, label: str | None) -> Severity | None | bool:
        """The severity `alert-runbook-missing` takes for an alert with this
        label: a Severity, None (no finding), or True (the rule's own)."""
        table = self.missing_runbook
        key = (label or "").strip().lower()
        if key and key in table:
            return table[key]
        if ANY_LABEL in table:
            return table[ANY_LABEL]
        return True


def parse_alert_settings(value: object) -> AlertSettings | None:
    """The option's value as settings; a ConfigError names the bad key."""
    from ..config import ConfigError  # late: config imports this module lazily

    if value is None:
        return None
    if not isinstance(value, dict):
        raise ConfigError(f"{KEY} must be a mapping with 'rules' and 'runbook_base_url'")
    unknown = sorted(set(value) - {"rules", "runbook_base_url", "missing_runbook"})
    if unknown:
        raise ConfigError(
            f"{KEY}.{unknown[0]} is not an alerts option "
            "(known: missing_runbook, rules, runbook_base_url)"
        )
    rules = _strings(value.get("rules"), "rules", ConfigError)
    if not rules:
        raise ConfigError(f"{KEY}.rules must list rule file globs, e.g. [monitoring/**/*.yaml]")
    for glob in rules:
        parts = glob.replace("\\", "/").split("/")
        if posixpath.isabs(glob) or ".." in parts:
            raise ConfigError(
                f"{KEY}.rules: '{glob}' points outside the repository: "
                "rule files must be inside it (check out a second repository into a folder of it)"
            )
    bases = _strings(value.get("runbook_base_url", []), "runbook_base_url", ConfigError)
    for base in bases:
        if "://" not in base:
            raise ConfigError(
                f"{KEY}.runbook_base_url: '{base}' must be an address like "
                "https://runbooks.example.com/runbooks/"
            )
    return AlertSettings(
        rules=tuple(g.replace("\\", "/").strip() for g in rules),
        base_urls=tuple(b.strip().rstrip("/") + "/" for b in bases),
        missing_runbook=_severity_table(value.get("missing_runbook"), ConfigError),
    )


def _strings(value: object, key: str, error: type[Exception]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise error(f"{KEY}.{key} must be a string or a list of strings")
    return list(value)


def _severity_table(value: object, error: type[Exception]) -> dict[str, Severity | None]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise error(
            f"{KEY}.missing_runbook must map a severity label to error, warning, info or off"
        )
    table: dict[str, Severity | None] = {}
    for label, level in value.items():
        name = str(label).strip().lower()
        if level in (False, None, "off"):
            table[name] = None
            continue
        try:
            table[name] = Severity.parse(str(level))
        except ValueError:
            raise error(
                f"{KEY}.missing_runbook.{label} must be error, warning, info or off"
            ) from None
    return table
