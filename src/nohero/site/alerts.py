"""Alerts on the site. A runbook page lists the alerts that lead to it
(name, severity, `for`, summary, the expression folded away), outside the
ownership panel so that search finds the runbook by an alert's name; a
generated Alerts page lists every alert with its runbook and the runbook's
state. Data from the report's `AlertIndex`; markup from the templates
`alerts_block.html` and `alerts.md` (autoescaped, overridable)."""

from __future__ import annotations

from dataclasses import dataclass

from ..alerts import AlertIndex, AlertLink, AlertOwners, alert_owners
from .layout import SiteLayout
from .model import Person, SiteModel
from .pages import GeneratedPage
from .render import SiteRenderer

SEVERITY_ORDER = ("critical", "page", "high", "error", "warning", "medium", "low", "info", "none")
LINK_WORDS = {
    "doc": "",
    "broken": "broken link: no such runbook",
    "missing": "no runbook_url",
    "templated": "templated link nohero cannot follow",
    "external": "links elsewhere",
    "invalid": "runbook_url is not an address",
}


@dataclass(frozen=True)
class AlertRow:
    name: str
    severity: str | None
    duration: str | None
    summary: str | None
    expr: str
    file: str
    line: int
    link: str  # doc | broken | missing | templated | external | invalid
    problem: str  # the link state in words; "" when it leads to a runbook
    runbook: str | None  # docs-relative page of the runbook, None when none or unpublished
    runbook_title: str | None
    runbook_status: str | None
    owner: Person | None  # who should act on it: the report's answer (AlertOwners.of)


def alerts_uri(layout: SiteLayout) -> str:
    return f"{layout.prefix}alerts.md"


def alert_rows(model: SiteModel, published: set[str] | None = None) -> list[AlertRow]:
    """Every alert, worst severity first, then by name."""
    index: AlertIndex | None = model.report.alerts
    if index is None:
        return []
    docs = {d.path: d for d in model.report.docs}
    owners = alert_owners(model.report)
    assert owners is not None
    rows = [_row(link, model, docs, owners, published) for link in index.links]
    return sorted(rows, key=lambda r: (_rank(r.severity), r.name.lower(), r.file, r.line))


def _rank(severity: str | None) -> int:
    value = (severity or "").lower()
    return SEVERITY_ORDER.index(value) if value in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _row(
    link: AlertLink,
    model: SiteModel,
    docs: dict,  # type: ignore[type-arg]
    owners: AlertOwners,
    published: set[str] | None,
) -> AlertRow:
    alert = link.alert
    doc = docs.get(link.doc) if link.doc else None
    src = model.docs_by_path.get(link.doc) if link.doc else None
    if src is not None and published is not None and src not in published:
        src = None
    return AlertRow(
        name=alert.name,
        severity=alert.severity,
        duration=alert.duration,
        summary=alert.summary,
        expr=alert.expr,
        file=alert.file,
        line=alert.line,
        link=link.state,
        problem=LINK_WORDS.get(link.state, link.state),
        runbook=src,
        runbook_title=doc.title if doc is not None else None,
        runbook_status=doc.status if doc is not None else None,
        owner=model.who(owners.of(link)),
    )


def rows_by_page(rows: list[AlertRow]) -> dict[str, list[AlertRow]]:
    """docs-relative page -> the alerts that lead to it."""
    pages: dict[str, list[AlertRow]] = {}
    for row in rows:
        if row.runbook is not None:
            pages.setdefault(row.runbook, []).append(row)
    return pages


def alert_pages(
    model: SiteModel, renderer: SiteRenderer, published: set[str] | None
) -> list[GeneratedPage]:
    """The Alerts page, when alerts are configured."""
    index = model.report.alerts
    if index is None:
        return []
    rows = alert_rows(model, published)
    uri = alerts_uri(model.layout)
    content = renderer.page(
        "alerts.md",
        uri,
        model=model,
        layout=model.layout,
        title="Alerts",
        rows=rows,
        problems=[r for r in rows if r.link in ("broken", "missing", "invalid")],
        files=index.files,
    )
    return [GeneratedPage(uri, "Alerts", content)]


def alerts_block(renderer: SiteRenderer, rows: list[AlertRow]) -> str:
    """The HTML section added to the end of a runbook page."""
    return renderer.render("alerts_block.html", alerts=rows) if rows else ""
