"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Everything taken from a document is escaped: a message may quote front
matter, and a `|` or `<` there must not break the table or inject HTML.
"""

from __future__ import annotations

import html

from ..findings import Severity
from ..report import Report
from .base import Rendered, Reporter, by_path, printable, severity_counts, summary_line

ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, no column breaks)."""
    escaped = html.escape(printable(" ".join(text.split())), quote=False)
    for char in "\\`*_[]|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def markdown_summary(report: Report, heading: str = "nohero check") -> str:
    counts = severity_counts(report.findings)
    status = "❌" if counts[Severity.ERROR] else "⚠️" if counts[Severity.WARNING] else "✅"
    lines = [f"## {heading}", "", f"{status} {cell(summary_line(report))}", ""]
    for path, findings in by_path(report.findings):
        lines += [f"### {cell(path)}", ""]
        lines += ["| Line | Severity | Rule | Message |", "| ---: | --- | --- | --- |"]
        for f in findings:
            severity = f"{ICONS[f.severity]} {f.severity.value}"
            lines.append(f"| {f.line} | {severity} | `{f.rule}` | {cell(f.message)} |")
        lines.append("")
    if report.history_note:
        lines += [f"> {cell(report.history_note)}", ""]
    return "\n".join(lines)


class MarkdownReporter(Reporter):
    name = "markdown"
    description = "Markdown tables per file with a summary, for pull-request comments"

    def render(self, report: Report, color: bool = False) -> Rendered:
        return Rendered(markdown_summary(report))
