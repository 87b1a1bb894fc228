"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Everything taken from a document goes through `escape.md_inert`: a message
may quote front matter, and a `|`, `<` or `@team` there must not break the
table, inject HTML or notify anyone.
"""

from __future__ import annotations

from ...escape import md_inert
from ...findings import Severity
from ...report import Report
from ..base import Rendered, Reporter, by_path, severity_counts, summary_line

ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


def markdown_summary(report: Report, heading: str = "nohero check") -> str:
    counts = severity_counts(report.findings)
    status = "❌" if counts[Severity.ERROR] else "⚠️" if counts[Severity.WARNING] else "✅"
    lines = [f"## {heading}", "", f"{status} {md_inert(summary_line(report))}", ""]
    for path, findings in by_path(report.findings):
        lines += [f"### {md_inert(path)}", ""]
        lines += ["| Line | Severity | Rule | Message |", "| ---: | --- | --- | --- |"]
        for f in findings:
            severity = f"{ICONS[f.severity]} {f.severity.value}"
            lines.append(f"| {f.line} | {severity} | `{f.rule}` | {md_inert(f.message)} |")
        lines.append("")
    if report.history_note:
        lines += [f"> {md_inert(report.history_note)}", ""]
    return "\n".join(lines)


class MarkdownReporter(Reporter[Report]):
    needs = "findings"
    description = "Markdown tables per file with a summary, for pull-request comments"

    def render(self, report: Report, color: bool = False) -> Rendered:
        return Rendered(markdown_summary(report))
