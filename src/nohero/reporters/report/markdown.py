"""`nohero report --format markdown`: the monthly risk report a manager can
paste into a town-hall update. Prevention made visible: what was reviewed in
the period, which risks went away, which remain and who owns them."""

from __future__ import annotations

from ...escape import md_inert as md
from ...report import Report
from ...risks import Period, ReportForPeriod, open_risks
from ..base import Rendered, Reporter
from ..report_alerts import markdown_section


def _bus(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _render(report: Report, period: Period) -> str:
    summary = report.summary()
    by_status = summary["by_status"]
    risks = open_risks(report)
    lines = [
        f"## Operational knowledge: {period.since.isoformat()} to {period.until.isoformat()}",
        "",
    ]
    if report.history_note:
        lines += [f"> {md(report.history_note)}", ""]
    rewritten = sum(1 for _, e in period.reviewed if e.rewritten)
    lines += [
        f"- **{len(period.reviewed)}** reviews in the period "
        f"({rewritten} with edits to the text, {len(period.reviewed) - rewritten} re-dated only)",
        f"- **{len(period.risks_reduced)}** risks reduced, "
        f"**{len(risks)}** documents still at risk",
        f"- **{by_status['fresh']}** of {summary['docs']} documents fresh, "
        f"{by_status['due-soon']} due soon, {by_status['overdue']} overdue, "
        f"{by_status['drifted']} drifted, {by_status['unknown']} without a review date",
    ]
    change = ""
    if period.bus_factor_before is not None and period.bus_factor_before != report.bus_factor:
        change = f" (was {_bus(period.bus_factor_before)})"
    lines += [f"- Overall bus factor: **{_bus(report.bus_factor)}**{change}", ""]

    lines += ["### Reviewed this period", ""]
    if period.reviewed:
        lines += ["| Date | Document | By | Kind |", "| --- | --- | --- | --- |"]
        for path, event in period.reviewed:
            by = ", ".join(event.by) or "-"
            kind = "rewritten" if event.rewritten else "re-dated"
            lines.append(f"| {event.when.isoformat()} | {md(path)} | {md(by)} | {kind} |")
    else:
        lines.append("No document was reviewed in this period.")
    lines.append("")

    lines += ["### Risks reduced", ""]
    if period.risks_reduced:
        lines += [f"- {md(path)}: {md(what)}" for path, what in period.risks_reduced]
    else:
        lines.append("None recorded in this period.")
    lines.append("")

    lines += ["### Open risks", ""]
    if risks:
        lines += ["| Document | Owner | Backup | Risk |", "| --- | --- | --- | --- |"]
        for r in risks:
            lines.append(
                f"| {md(r.title)} ({md(r.path)}) | {md(r.owner or '-')} | "
                f"{md(r.backup_owner or '-')} | {md('; '.join(r.reasons))} |"
            )
    else:
        lines.append("No open risks.")
    lines.append("")

    if report.services:
        lines += ["### Services", "", "| Service | Documents | Owners | Bus factor |"]
        lines.append("| --- | ---: | --- | ---: |")
        for s in report.services:
            owners = md(", ".join(s.owners) or "-")
            lines.append(f"| {md(s.name)} | {len(s.docs)} | {owners} | {_bus(s.bus_factor)} |")
        lines.append("")
    lines += markdown_section(report)
    lines.append(
        "_Bus factor: how many people would have to be unavailable before more than half "
        "of the documents have nobody who knows them (Avelino et al., 2016)._"
    )
    return "\n".join(lines) + "\n"


class ReportMarkdown(Reporter[ReportForPeriod]):
    def render(self, data: ReportForPeriod, color: bool = False) -> Rendered:
        return Rendered(_render(data.report, data.period))
