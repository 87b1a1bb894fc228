"""Human output: findings grouped under their file, then one summary line.

Colour only when asked (the CLI passes color=True for a terminal), so the same
text piped into a file or a CI log stays plain.
"""

from __future__ import annotations

from ...escape import terminal
from ...findings import Severity
from ...report import Report
from ..base import Rendered, Reporter, by_path, severity_counts, style, summary_line

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextReporter(Reporter[Report]):
    needs = "findings"
    description = "findings grouped by file, with a summary line (coloured on a terminal)"

    def render(self, report: Report, color: bool = False) -> Rendered:
        def paint(text: str, fg: str | None = None, **styles: bool) -> str:
            return style(text, color, fg, **styles)

        lines: list[str] = []
        for path, findings in by_path(report.findings):
            lines.append(paint(terminal(path), bold=True, underline=True))
            line_width = max(len(str(f.line)) for f in findings)
            rule_width = max(len(f.rule) for f in findings)
            for f in findings:
                severity = paint(f"{f.severity.value:<7}", _COLOURS[f.severity])
                rule = paint(f"{f.rule:<{rule_width}}", dim=True)
                lines.append(f"  {f.line:>{line_width}}  {severity}  {rule}  {terminal(f.message)}")
            lines.append("")
        counts = severity_counts(report.findings)
        if counts[Severity.ERROR]:
            summary = paint(terminal(summary_line(report)), "red", bold=True)
        elif counts[Severity.WARNING]:
            summary = paint(terminal(summary_line(report)), "yellow", bold=True)
        elif report.findings:
            summary = paint(terminal(summary_line(report)), bold=True)
        else:
            summary = paint(terminal(summary_line(report)), "green", bold=True)
        lines.append(summary)
        if report.history_note:
            lines.append(paint(f"note: {terminal(report.history_note)}", dim=True))
        return Rendered("\n".join(lines) + "\n")
