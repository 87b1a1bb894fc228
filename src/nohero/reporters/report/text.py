"""`nohero report` as plain-text tables for a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from ...escape import terminal
from ...freshness import STATUSES
from ...report import Report
from ...risks import ReportForPeriod, open_risks
from ..base import Rendered, Reporter
from ..report_alerts import text_section


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Left-aligned columns, two spaces apart; `-` for empty cells; every
    cell through the terminal escaper (values come from documents)."""
    cells = [[str(h) for h in headers]] + [
        ["-" if v is None or v == "" else terminal(v) for v in row] for row in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def bus(value: int | None) -> str:
    return "?" if value is None else str(value)


def _render(report: Report) -> str:
    summary = report.summary()
    lines = [f"nohero report — {report.today.isoformat()}, {summary['docs']} documents", ""]
    if report.history_note:
        lines += [f"note: {terminal(report.history_note)}", ""]
    lines += ["Status", *table(STATUSES, [[summary["by_status"][s] for s in STATUSES]]), ""]
    key = terminal(", ".join(report.key_people))
    lines.append(f"Overall bus factor: {bus(report.bus_factor)}" + (f" ({key})" if key else ""))
    lines.append("")
    risks = open_risks(report)
    if risks:
        lines.append(f"Documents at risk ({len(risks)})")
        lines += table(
            ["path", "owner", "backup", "why"],
            [[r.path, r.owner, r.backup_owner, "; ".join(r.reasons)] for r in risks],
        )
        lines.append("")
    if report.services:
        lines.append("Services")
        lines += table(
            ["service", "docs", "owners", "bus factor", "key people"],
            [
                [
                    s.name,
                    len(s.docs),
                    ", ".join(s.owners),
                    bus(s.bus_factor),
                    ", ".join(s.key_people),
                ]
                for s in report.services
            ],
        )
        lines.append("")
    people = [
        p for p in report.people if p.owns or p.backs_up or p.sole_author_of or p.knowledge_of
    ]
    if people:
        lines.append("People")
        lines += table(
            ["id", "owns", "backs up", "knows", "only holder", "sole author", "note"],
            [
                [
                    p.id,
                    len(p.owns),
                    len(p.backs_up),
                    len(p.knowledge_of),
                    len(p.only_holder_of),
                    len(p.sole_author_of),
                    "left" if p.departed else ("team" if p.kind == "team" else ""),
                ]
                for p in people
            ],
        )
        lines.append("")
    lines += text_section(report)
    if summary["by_rule"]:
        lines.append("Findings by rule")
        lines += table(["rule", "count"], list(summary["by_rule"].items()))
    return "\n".join(lines).rstrip() + "\n"


class ReportText(Reporter[ReportForPeriod]):
    guard = True

    def render(self, data: ReportForPeriod, color: bool = False) -> Rendered:
        return Rendered(_render(data.report))
