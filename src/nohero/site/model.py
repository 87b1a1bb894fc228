"""The site as plain data: one panel per page and the facts behind every
generated page. Built once per build from the Report, so the site, `nohero
report` and `nohero due` agree on every status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..contacts import Contact
from ..findings import Finding, Severity
from ..report import DocReport, Report
from ..roster import Roster
from ..wording import plural
from .escalation import EscalationPath, escalation_path
from .layout import SiteLayout
from .verdict import Verdict, verdict_for

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
    away_until: dt.date | None = None
    contacts: tuple[Contact, ...] = ()
    teams: tuple[str, ...] = ()  # ids of the teams a person belongs to

    @property
    def absence(self) -> str:
        """'has left', 'away until 2026-12-21', or '' for someone who can answer."""
        if self.departed:
            return "has left"
        if self.away_now:
            return f"away until {self.away_until}" if self.away_until else "away now"
        return ""

    @property
    def available(self) -> bool:
        return self.kind != "unknown" and not self.departed and not self.away_now


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
    verdict: Verdict = field(default_factory=lambda: Verdict("unknown"))
    escalation: EscalationPath | None = None  # the service's escalation path

    @property
    def nav_status(self) -> str | None:
        """Material's page `status` for the navigation: only what needs attention."""
        return self.verdict.key if self.verdict.attention else None

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
    report: Report,
    roster: Roster,
    today: dt.date,
    layout: SiteLayout,
    history_note: str | None = None,
    also_published: Mapping[str, str] | None = None,
) -> SiteModel:
    """Everything the site shows, computed once for the whole build from the
    pipeline's report and the roster: the site never reads documents or
    history itself, so it says what `nohero report` says. `also_published`:
    docs-relative folder -> the folder it is a symlinked copy of
    (`KnowledgeBase.also_published`); its pages get the same panels."""
    people: dict[str, Person] = {}
    teams_of: dict[str, list[str]] = {}
    for tid, team in roster.teams.items():
        for member in team.members:
            teams_of.setdefault(member, []).append(tid)
    for pid, person in roster.people.items():
        until = max((b for a, b in person.away if a <= today <= b), default=None)
        people[pid] = Person(
            pid,
            person.name or pid,
            "person",
            layout.person(pid),
            person.departed(today),
            until is not None,
            until,
            person.contacts,
            tuple(teams_of.get(pid, ())),
        )
    for tid, team in roster.teams.items():
        if tid not in people:
            members = [people[m] for m in roster.people_of(tid) if m in people]
            here = [m for m in members if not m.departed]
            back = min((m.away_until for m in here if m.away_until), default=None)
            people[tid] = Person(
                tid,
                team.name or tid,
                "team",
                layout.team(tid),
                departed=roster.all_left(tid, today),
                away_now=bool(here) and all(m.away_now for m in here),
                away_until=back if here and all(m.away_now for m in here) else None,
                contacts=team.contacts,
            )
    docs_by_path = {d.path: d.docs_rel for d in report.docs}
    model = SiteModel(today, layout, report, roster, {}, people, [], history_note, docs_by_path)
    for doc_report in report.docs:
        model.panels[doc_report.docs_rel] = _panel(model, doc_report)
        if doc_report.type == "escalation":
            model.escalations.append(escalation_path(doc_report, model.who, roster))
    for linked, first in (also_published or {}).items():  # symlinked folders publish copies
        for src_uri, panel in list(model.panels.items()):
            if src_uri.startswith(first + "/"):
                copy = linked + src_uri[len(first) :]
                model.panels[copy] = replace(panel, src_uri=copy)
    by_service = {e.service: e for e in model.escalations if e.service}
    by_path = {e.path: e for e in model.escalations}
    for panel in model.panels.values():
        panel.escalation = by_path.get(panel.path) or by_service.get(panel.service or "")
        panel.verdict = verdict_for(model, panel, panel.escalation)
    return model


def _panel(model: SiteModel, d: DocReport) -> PagePanel:
    since = (model.today - d.last_reviewed).days if d.last_reviewed else None
    panel = PagePanel(
        src_uri=d.docs_rel,
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
        last_content_change=d.last_content_change,
        last_review_change=d.last_review_change,
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
    return plural(n, "day")
