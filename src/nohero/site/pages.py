"""The generated pages: knowledge-health dashboard, owners directory (one
page per person and team), services index and escalation paths."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..findings import Severity
from ..freshness import STATUSES
from ..history.busfactor import bus_factor
from .layout import page_url
from .model import WARN_STATUSES, Person, SiteModel
from .render import GeneratedPage as GeneratedPage  # re-exported
from .render import SiteRenderer

# Lets nohero.css style generated pages (accessible link colours) and nothing else.
GENERATED_MARK = '\n<div class="nohero-generated" hidden></div>\n'


@dataclass(frozen=True)
class DocRow:
    """One document as the generated pages list it."""

    path: str
    title: str
    type: str
    service: str | None
    status: str
    src: str | None  # docs-relative page, None when MkDocs does not publish it
    owner_id: str | None
    owner: Person | None
    backup: Person | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    authors: list[tuple[str, int]]
    holders: list[str]


def generated_pages(
    model: SiteModel,
    renderer: SiteRenderer,
    published: set[str] | None = None,
    trend_svg: str | None = None,
    rules_off: frozenset[str] = frozenset(),
    url_of: Callable[[str], str] = page_url,
) -> list[GeneratedPage]:
    """Every generated page. `published`: docs-relative pages MkDocs will
    build (links to anything else become plain text); `url_of`: the URL
    MkDocs publishes a page at (the bulk tables link to it directly)."""
    layout = model.layout
    report = model.report
    docs = _doc_rows(model, published)
    by_path = {row.path: row for row in docs}
    people_reports = {p.id: p for p in report.people}
    pages: list[GeneratedPage] = []

    def add(src_uri: str, title: str, template: str, **context: object) -> None:
        slots: list[str] = []
        content = renderer.page(
            template, src_uri, slots, url_of, model=model, layout=layout, title=title, **context
        )
        content += GENERATED_MARK
        pages.append(GeneratedPage(src_uri, title, content, tuple(slots)))

    overdue_by_owner: dict[str, list[DocRow]] = defaultdict(list)
    for row in docs:
        if row.status in WARN_STATUSES:
            overdue_by_owner[row.owner_id or ""].append(row)
    departed = [
        row
        for row in docs
        if (row.owner and row.owner.departed) or (row.backup and row.backup.departed)
    ]
    single = [row for row in docs if len(row.authors) == 1]
    summary = report.summary()
    add(
        layout.dashboard,
        "Knowledge health",
        "dashboard.md",
        counts=[(s, summary["by_status"].get(s, 0)) for s in STATUSES],
        total=len(docs),
        overdue_by_owner=sorted(overdue_by_owner.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        single=single,
        single_author_on="single-author" not in rules_off,
        due_soon=sorted(
            (row for row in docs if row.status == "due-soon"),
            key=lambda row: (row.next_review or model.today, row.path),
        ),
        teams=team_rollup(model, docs),
        departed=departed,
        services=report.services,
        findings=[f for f in report.findings if f.severity is not Severity.INFO],
        by_path=by_path,
        trend_svg=trend_svg,
    )

    add(
        layout.owners,
        "Owners",
        "owners.md",
        people=[
            (model.people[p.id], p)
            for p in report.people
            if p.id in model.people and model.people[p.id].kind == "person"
        ],
        teams=[
            (model.people[p.id], p)
            for p in report.people
            if p.id in model.people and model.people[p.id].kind == "team"
        ],
    )

    for pid, person in model.people.items():
        pr = people_reports.get(pid)
        holder_of = [row for row in docs if pid in row.holders]
        if person.kind == "person":
            from_roster = _roster_person(model, pid)
            teams = [
                t
                for t in model.people.values()
                if t.kind == "team" and pid in _members(model, t.id)
            ]
            add(
                person.page or layout.person(pid),
                person.name,
                "person.md",
                person=person,
                owns=_rows(pr.owns if pr else [], by_path),
                backs_up=_rows(pr.backs_up if pr else [], by_path),
                sole=_rows(pr.sole_author_of if pr else [], by_path),
                holder_of=holder_of,
                absences=[w for w in from_roster if w[1] >= model.today],
                teams=teams,
            )
        else:
            members = [model.people[m] for m in _members(model, pid) if m in model.people]
            add(
                person.page or layout.team(pid),
                person.name,
                "team.md",
                person=person,
                owns=_rows(pr.owns if pr else [], by_path),
                backs_up=_rows(pr.backs_up if pr else [], by_path),
                members=members,
            )

    services = []
    for service in report.services:
        rows = _rows(service.docs, by_path)
        escalations = [e for e in model.escalations if e.service == service.name]
        services.append((service, rows, escalations))
    add(
        layout.services,
        "Services",
        "services.md",
        services=services,
        unassigned=[row for row in docs if not row.service],
    )

    add(
        layout.escalations,
        "Escalation paths",
        "escalations.md",
        escalations=[(e, by_path.get(e.path)) for e in model.escalations],
    )
    return pages


@dataclass(frozen=True)
class TeamRollup:
    """A team's share of the knowledge base, for a manager's dashboard."""

    team: Person
    docs: int
    attention: int  # overdue, drifted or never reviewed
    single_holder: int | None  # documents only one person knows; None without history
    bus_factor: int | None


def team_rollup(model: SiteModel, docs: list[DocRow]) -> list[TeamRollup]:
    """Documents a team owns, directly or through a member."""
    history = model.history_note is None
    gone = {p.id for p in model.people.values() if p.departed}
    rollups = []
    for tid in sorted(model.roster.teams):
        team = model.people.get(tid)
        if team is None or team.kind != "team":
            continue
        owners = {tid, *_members(model, tid)}
        mine = [row for row in docs if row.owner_id in owners]
        factor = bus_factor({r.path: r.holders for r in mine}, gone=gone).value
        rollups.append(
            TeamRollup(
                team,
                len(mine),
                sum(row.status in WARN_STATUSES for row in mine),
                sum(len(row.holders) == 1 for row in mine) if history else None,
                factor if history else None,
            )
        )
    return rollups


def _doc_rows(model: SiteModel, published: set[str] | None) -> list[DocRow]:
    rows = []
    for d in model.report.docs:
        src = model.docs_by_path.get(d.path)
        rows.append(
            DocRow(
                path=d.path,
                title=d.title,
                type=d.type,
                service=d.service,
                status=d.status,
                src=src if src and (published is None or src in published) else None,
                owner_id=d.owner,
                owner=model.who(d.owner),
                backup=model.who(d.backup_owner),
                last_reviewed=d.last_reviewed,
                next_review=d.next_review,
                authors=list(d.authors),
                holders=list(d.knowledge_holders),
            )
        )
    return rows


def _rows(paths: list[str], by_path: dict[str, DocRow]) -> list[DocRow]:
    return [by_path[p] for p in paths if p in by_path]


def _roster_person(model: SiteModel, pid: str) -> list[tuple[dt.date, dt.date]]:
    person = model.roster.people.get(pid)
    return list(person.away) if person else []


def _members(model: SiteModel, tid: str) -> list[str]:
    team = model.roster.teams.get(tid)
    return list(team.members) if team else []
