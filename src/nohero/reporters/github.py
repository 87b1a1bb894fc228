"""GitHub Actions: one workflow command per finding (an annotation on the
diff), and a Markdown step summary.

Escaping follows the runner's own rules (actions/toolkit `command.ts`): in
the message `%`, CR and LF are percent-encoded; in properties `:` and `,` are
too, since they separate properties. Unescaped, a message with a newline would
end the command and print the rest as a stray log line.
"""

from __future__ import annotations

from ..findings import Severity
from ..report import Report
from .base import Rendered, Reporter, summary_line
from .markdown import markdown_summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations, plus a Markdown step summary"

    def render(self, report: Report, color: bool = False) -> Rendered:
        lines = []
        for f in report.findings:
            props = ",".join(
                f"{key}={escape_property(value)}"
                for key, value in (
                    ("file", f.path),
                    ("line", str(f.line)),
                    ("title", f"nohero {f.rule}"),
                )
            )
            lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(f.message)}")
        lines.append(summary_line(report))
        return Rendered("\n".join(lines) + "\n", step_summary=markdown_summary(report) + "\n")
