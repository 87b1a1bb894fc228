"""Findings are plain data so that every reporter, the plugin and the JSON
report can share them without knowing which rule produced them."""

from __future__ import annotations

from enum import StrEnum

from .lazyclass import record


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used for `--fail-on` and sorting."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls(value.strip().lower())


@record(frozen=True, order=True)
class Finding:
    """One problem in one file. `line` is 1-based and points into the front
    matter where it can; `message` says how to fix it."""

    path: str
    line: int
    rule: str
    severity: Severity
    message: str

    def to_dict(self, with_path: bool = True) -> dict[str, object]:
        data: dict[str, object] = {"path": self.path} if with_path else {}
        data.update(
            rule=self.rule, severity=self.severity.value, line=self.line, message=self.message
        )
        return data


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """The one order of findings (checker.DocumentCheck sorts its two halves
    by the same key and merges them: keep the two in step)."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.rule, f.message))
