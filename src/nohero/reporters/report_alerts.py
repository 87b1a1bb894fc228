"""The alerts section of `nohero report` (text and Markdown): per owner, the
alerts without a runbook, the broken links and the runbooks no alert reaches.
Data from `nohero.alerts.alert_owners`; this module only formats it."""

from __future__ import annotations

from ..alerts import AlertLink, OwnerAlerts, alert_owners, alert_summary
from ..escape import md_inert as md
from ..report import Report


def _groups(report: Report) -> list[OwnerAlerts]:
    owners = alert_owners(report)
    return owners.groups() if owners is not None else []


def _where(link: AlertLink) -> str:
    return f"{link.alert.file}:{link.alert.line}"


def _url_where(link: AlertLink) -> str:
    return f"{link.alert.file}:{link.alert.url_line}"


def _counts(report: Report) -> str:
    assert report.alerts is not None
    summary = alert_summary(report.alerts, report.docs)
    by_link = summary["by_link"]
    return (
        f"{summary['total']} alerts in {summary['rule_files']} rule files: "
        f"{by_link['doc']} reach a runbook, {by_link['missing']} have none, "
        f"{by_link['broken']} broken, {by_link['templated']} templated, "
        f"{by_link['external']} elsewhere; "
        f"{len(summary['runbooks_unreached'])} runbooks no alert reaches"
    )


def text_section(report: Report) -> list[str]:
    """Lines for the plain-text report; none when alerts are not configured."""
    if report.alerts is None:
        return []
    lines = ["Alerts and runbooks", _counts(report)]
    for group in _groups(report):
        lines += ["", f"  {group.owner or 'no owner'}"]
        lines += [f"    no runbook   {link.alert.name} ({_where(link)})" for link in group.missing]
        lines += [
            f"    broken link  {link.alert.name} -> {link.alert.runbook_url} ({_url_where(link)})"
            for link in group.broken
        ]
        lines += [f"    no alert     {path}" for path in group.unreached]
        lines += [
            f"    templated    {link.alert.name} ({_url_where(link)})" for link in group.templated
        ]
    return [*lines, ""]


def markdown_section(report: Report) -> list[str]:
    """Lines for the Markdown report; none when alerts are not configured."""
    if report.alerts is None:
        return []
    lines = ["### Alerts and runbooks", "", md(_counts(report)), ""]
    groups = _groups(report)
    if not any(g.missing or g.broken or g.unreached or g.templated for g in groups):
        return [*lines, "Every alert leads to a runbook, and every runbook has an alert.", ""]
    lines += ["| Owner | Problem | Alert or runbook | Where |", "| --- | --- | --- | --- |"]
    for group in groups:
        who = md(group.owner or "no owner")
        for link in group.missing:
            lines.append(f"| {who} | no runbook | {md(link.alert.name)} | {md(_where(link))} |")
        for link in group.broken:
            lines.append(
                f"| {who} | broken link | {md(link.alert.name)} | {md(_url_where(link))} |"
            )
        for path in group.unreached:
            lines.append(f"| {who} | no alert reaches it | {md(path)} | |")
        for link in group.templated:
            lines.append(
                f"| {who} | templated link | {md(link.alert.name)} | {md(_url_where(link))} |"
            )
    return [*lines, ""]
