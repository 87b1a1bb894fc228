"""The site as plain data: one panel per page and the facts behind every
generated page. Built once per build from the Report, so the site, `nohero
report` and `nohero due` agree on every status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from ..knowledge_base import KnowledgeBase
from ..report import DocReport, Report
from ..roster import Roster
from .escalation import EscalationPath, escalation_path
from .layout import SiteLayout

if TYPE_CHECKING:
    from ..history.model import History

WARN_STATUSES = ("overdue", "drifted", "unknown")
VERIFY = "verify each step before running it"


@dataclass(frozen=True)
class Person:
    """Someone (or a team) named on the site, with where their page is."""

    id: str
    name: str
    kind: str  # person | team | unknown
    page: str | None  # docs-relative page, None when not in the roster
    departed: bool = False
    away_now: bool = False


@dataclass
class PagePanel:
    """The ownership and freshness facts shown right under a page's title."""

    src_uri: str
    path: str
    title: str
    type: str
    service: str | None
    owner: Person | None
    backup: Person | None
    last_reviewed: dt.date | None
    days_since_review: int | None
    next_review: dt.date | None
    status: str
    last_content_change: dt.date | None = None
    last_review_change: dt.date | None = None
    history_note: str | None = None  # why history is missing; None when it is there
    warning: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def nav_status(self) -> str | None:
        """Material's page `status` for the navigation: only what needs attention."""
        return self.status if self.status in WARN_STATUSES else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclass
class SiteModel:
    today: dt.date
    layout: SiteLayout
    report: Report
    roster: Roster
    panels: dict[str, PagePanel]  # docs-relative src_uri -> panel
    people: dict[str, Person]  # roster id -> person or team
    escalations: list[EscalationPath]
    history_note: str | None
    docs_by_path: dict[str, str]  # repo-relative path -> docs-relative src_uri

    def who(self, ident: str | None) -> Person | None:
        if not ident:
            return None
        return self.people.get(ident) or Person(ident, ident, "unknown", None)

    def errors(self) -> list[Finding]:
        return [f for f in self.report.findings if f.severity is Severity.ERROR]


def build_site_model(
    kb: KnowledgeBase,
    report: Report,
    history: History | None,
    today: dt.date,
    layout: SiteLayout,
    history_note: str | None = None,
) -> SiteModel:
    """Everything the site shows, computed once for the whole build."""
    roster = kb.roster
    people: dict[str, Person] = {}
    for pid, person in roster.people.items():
        away = any(a <= today <= b for a, b in person.away)
        people[pid] = Person(
            pid, person.name or pid, "person", layout.person(pid), person.departed(today), away
        )
    for tid, team in roster.teams.items():
        if tid not in people:
            people[tid] = Person(tid, team.name or tid, "team", layout.team(tid))
    docs_by_path = {d.path: d.docs_rel for d in kb.documents}
    model = SiteModel(today, layout, report, roster, {}, people, [], history_note, docs_by_path)
    meta_by_path = {d.path: d for d in kb.documents}
    usable = history if history is not None and history.available else None
    for doc_report in report.docs:
        doc = meta_by_path.get(doc_report.path)
        if doc is None:
            continue
        panel = _panel(model, doc.docs_rel, doc_report, usable)
        model.panels[doc.docs_rel] = panel
        if doc.doc_type == "escalation":
            model.escalations.append(
                escalation_path(doc, doc_report.title, model.who, roster, today)
            )
    return model


def _panel(model: SiteModel, src_uri: str, d: DocReport, history: History | None) -> PagePanel:
    since = (model.today - d.last_reviewed).days if d.last_reviewed else None
    panel = PagePanel(
        src_uri=src_uri,
        path=d.path,
        title=d.title,
        type=d.type,
        service=d.service,
        owner=model.who(d.owner),
        backup=model.who(d.backup_owner),
        last_reviewed=d.last_reviewed,
        days_since_review=since,
        next_review=d.next_review,
        status=d.status,
        history_note=model.history_note,
        findings=[f for f in d.findings if f.severity is not Severity.INFO],
    )
    if history is not None:
        doc_history = history.for_doc(d.path)
        if doc_history is not None:
            panel.last_content_change = doc_history.last_content_change
            panel.last_review_change = next(
                (c.when.date() for c in reversed(doc_history.changes) if not c.content), None
            )
    panel.warning = warning_for(panel)
    return panel


def warning_for(panel: PagePanel) -> str | None:
    """The sentence an on-call reader sees before trusting a page."""
    if panel.status == "overdue" and panel.days_since_review is not None:
        since = _days(panel.days_since_review)
        return f"Last reviewed {since} ago (due {panel.next_review}) — {VERIFY}."
    if panel.status == "drifted":
        drift = next((f.message for f in panel.findings if f.rule == "drift"), None)
        detail = f" ({drift})" if drift else ""
        return f"The code this page covers changed after its last review{detail} — {VERIFY}."
    if panel.status == "unknown":
        return f"Nobody has recorded a valid review of this page — {VERIFY}."
    return None


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"
