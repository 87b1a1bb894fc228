"""GitHub Actions: one workflow command per finding (an annotation on the
diff), and a Markdown step summary.

Commands are built by `escape.github.workflow_command` (the runner's own
escaping rules); the summary line goes through the terminal escaper, so no
data can start a log line with `::`.
"""

from __future__ import annotations

from ...escape import terminal, workflow_command
from ...findings import Severity
from ...report import Report
from ..base import Rendered, Reporter, summary_line
from .markdown import markdown_summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter(Reporter[Report]):
    needs = "findings"
    description = "GitHub Actions annotations, plus a Markdown step summary"

    def render(self, report: Report, color: bool = False) -> Rendered:
        lines = []
        for f in report.findings:
            props = (("file", f.path), ("line", f.line), ("title", f"nohero {f.rule}"))
            lines.append(workflow_command(COMMANDS[f.severity], props, f.message))
        lines.append(terminal(summary_line(report)))
        return Rendered("\n".join(lines) + "\n", summarize=lambda: markdown_summary(report) + "\n")
