"""The report: one value per run that mirrors the contract's JSON shape.

`check --format json`, `report --format json`, the markdown/text reports and
the site all read a `Report`; reporters only format it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .checker import alerts_if_configured, check_documents
from .document import Document
from .findings import Finding
from .freshness import STATUSES, ReviewState, combined_status, review_state
from .knowledge_base import KnowledgeBase
from .lazyclass import field, record

if TYPE_CHECKING:  # imported where used: a one-file `check` needs findings_report only
    from .alerts import AlertIndex
    from .contacts import Contact
    from .escalation import Level
    from .history.busfactor import BusFactor
    from .history.model import Change, DocHistory, History

SCHEMA_VERSION = 1


@record(frozen=True)
class ReviewEvent:
    """A commit that moved `last_reviewed`: `rewritten` when it also changed
    the text, so readers can tell a review from a re-dating."""

    when: dt.date
    reviewed: dt.date
    by: tuple[str, ...]
    rewritten: bool


@record
class DocReport:
    path: str
    title: str
    type: str
    service: str | None
    owner: str | None
    backup_owner: str | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    status: str
    last_modified: dt.date | None = None
    last_content_change: dt.date | None = None
    authors: list[tuple[str, int]] = field(default_factory=list)
    knowledge_holders: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)  # changed the text, not only the front matter
    reviews: list[ReviewEvent] = field(default_factory=list)  # from history, oldest first
    alerts: list[str] = field(default_factory=list)  # names of the alerts that lead here
    # what the site needs besides the JSON: the page MkDocs builds, the
    # escalation levels (escalation documents), the last review-only commit
    docs_rel: str = ""
    escalation: list[Level] | None = None
    last_review_change: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's doc entry (the JSON reporter writes the same text
        key by key: keep reporters/check/json.py in step, tested)."""
        return {
            "path": self.path,
            "title": self.title,
            "type": self.type,
            "service": self.service,
            "owner": self.owner,
            "backup_owner": self.backup_owner,
            "last_reviewed": _iso(self.last_reviewed),
            "next_review": _iso(self.next_review),
            "status": self.status,
            "last_modified": _iso(self.last_modified),
            "last_content_change": _iso(self.last_content_change),
            "authors": [{"id": a, "commits": n} for a, n in self.authors],
            "knowledge_holders": list(self.knowledge_holders),
            "findings": [f.to_dict(with_path=False) for f in self.findings],
            "alerts": list(self.alerts),
        }


@record
class ServiceReport:
    name: str
    docs: list[str]
    owners: list[str]
    bus_factor: int | None
    key_people: list[str] = field(default_factory=list)  # whose absence orphans most docs

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "docs": self.docs,
            "owners": self.owners,
            "bus_factor": self.bus_factor,
            "key_people": self.key_people,
        }


@record
class PersonReport:
    id: str
    name: str
    kind: str  # person | team
    owns: list[str] = field(default_factory=list)
    backs_up: list[str] = field(default_factory=list)
    sole_author_of: list[str] = field(default_factory=list)
    departed: bool = False
    knowledge_of: list[str] = field(default_factory=list)  # docs they are a knowledge holder of
    only_holder_of: list[str] = field(default_factory=list)
    contacts: tuple[Contact, ...] = ()  # how to reach them (roster contacts, then e-mails)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "contacts": [
                {"kind": c.kind, "value": c.value, "label": c.label or None, "href": c.href}
                for c in self.contacts
            ],
            "owns": self.owns,
            "backs_up": self.backs_up,
            "sole_author_of": self.sole_author_of,
            "knowledge_of": self.knowledge_of,
            "only_holder_of": self.only_holder_of,
            "departed": self.departed,
        }


@record
class Report:
    today: dt.date
    docs: list[DocReport]
    services: list[ServiceReport]
    people: list[PersonReport]
    findings: list[Finding]  # every finding, including ones on the roster file
    bus_factor: int | None = None
    history_note: str | None = None  # why history is unavailable, shown to readers
    history_read: bool = True  # False when the caller did not mine history at all
    key_people: list[str] = field(default_factory=list)  # whose absence orphans most docs overall
    # every document in scope, also when `docs` is left empty (findings_report)
    document_paths: list[str] = field(default_factory=list)
    alerts: AlertIndex | None = None  # Prometheus alerts, when plugins.nohero.alerts is set

    def summary(self) -> dict[str, Any]:
        by_status = Counter(map(attrgetter("status"), self.docs))
        by_rule = Counter(map(attrgetter("rule"), self.findings))
        by_severity = {
            s.value: n for s, n in Counter(map(attrgetter("severity"), self.findings)).items()
        }
        return {
            "docs": len(self.docs),
            "by_status": {s: by_status.get(s, 0) for s in STATUSES},
            "by_rule": dict(sorted(by_rule.items())),
            "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "bus_factor": self.bus_factor,
            "key_people": self.key_people,
            **({"alerts": _alerts_in(self.alerts, self.docs)} if self.alerts is not None else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.parts()
        data["docs"] = [d.to_dict() for d in self.docs]
        data["findings"] = [f.to_dict() for f in self.findings]
        return data

    def parts(self) -> dict[str, Any]:
        """`to_dict` with its two big lists, "docs" and "findings", left as
        the DocReport and Finding objects (the JSON reporter encodes those
        itself: 30,000 findings, each twice)."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "history": self.history_note or ("available" if self.history_read else "not read"),
            "docs": self.docs,
            "services": [s.to_dict() for s in self.services],
            "people": [p.to_dict() for p in self.people],
            "findings": self.findings,
        }
        if self.alerts is not None:
            data["alerts"] = [link.to_dict() for link in self.alerts.links]
        data["summary"] = self.summary()
        return data


def _alerts_in(alerts: AlertIndex, docs: list[DocReport]) -> dict[str, Any]:
    from .alerts import alert_summary

    return alert_summary(alerts, docs)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def doc_reporter(
    kb: KnowledgeBase,
    today: dt.date,
    history: History | None,
    state_of: Callable[[Document], ReviewState] | None = None,
) -> Callable[[Document, list[Finding]], DocReport]:
    """How to make each document's line of the report (its findings given
    sorted): what the documents share (imports, the config, whether history
    is there) is looked up once, not 8,000 times. `state_of`: the documents'
    review states as the rules worked them out (`RuleContext.review_state`),
    instead of working each out again."""
    from .escalation import levels_of
    from .history.authorship import commit_counts, content_authors, knowledge_holders

    config = kb.config
    for_doc = history.for_doc if history is not None and history.available else None

    def report_of(doc: Document, findings: list[Finding]) -> DocReport:
        state = state_of(doc) if state_of is not None else review_state(doc, config, today)
        drifted = False
        for f in findings:
            if f.rule == "drift":
                drifted = True
                break
        report = DocReport(
            path=doc.path,
            title=doc.display_title(),
            type=doc.doc_type,
            service=doc.service,
            owner=doc.owner,
            backup_owner=doc.backup_owner,
            last_reviewed=state.last_reviewed,
            next_review=state.next_review,
            status=combined_status(state, drifted),
            findings=findings,
            docs_rel=doc.docs_rel,
            escalation=levels_of(doc) if doc.doc_type == "escalation" else None,
        )
        doc_history = for_doc(doc.path) if for_doc is not None else None
        if doc_history is not None:
            report.last_modified = doc_history.last_modified
            report.last_content_change = doc_history.last_content_change
            report.authors = list(doc_history.authors) or commit_counts(doc_history.changes)
            report.knowledge_holders = list(doc_history.knowledge_holders) or knowledge_holders(
                doc_history.changes
            )
            report.writers = content_authors(doc_history.changes)
            report.reviews = review_events(doc_history)
            report.last_review_change = next(
                (c.when.date() for c in reversed(doc_history.changes) if not c.content), None
            )
        return report

    return report_of


def review_events(doc_history: DocHistory) -> list[ReviewEvent]:
    """Every commit that moved the doc's `last_reviewed`, oldest first."""
    events: list[ReviewEvent] = []
    previous: dt.date | None = None
    for change in doc_history.changes:
        if change.last_reviewed is not None and change.last_reviewed != previous:
            events.append(_event(change, change.last_reviewed))
        if change.last_reviewed is not None:
            previous = change.last_reviewed
    return events


def _event(change: Change, reviewed: dt.date) -> ReviewEvent:
    return ReviewEvent(
        change.when.date(), reviewed, change.authors, change.content or change.created
    )


def findings_report(
    kb: KnowledgeBase, today: dt.date, history: History | None, findings: list[Finding]
) -> Report:
    """A report carrying only the findings and the history note: what the
    text, github, SARIF and Markdown check formats print. No per-doc reports,
    no authorship, no bus factors (a third of a check's time on 10,000 docs).
    `findings` come sorted (`sort_findings`), as `DocumentCheck.finish` returns them."""
    return Report(
        today=today,
        docs=[],
        services=[],
        people=[],
        findings=findings,
        history_note=None if history is None else history.note,
        history_read=history is not None,
        document_paths=sorted(d.path for d in kb.documents),
    )


def build_report(
    kb: KnowledgeBase,
    today: dt.date,
    history: History | None = None,
    findings: list[Finding] | None = None,
    state_of: Callable[[Document], ReviewState] | None = None,
) -> Report:
    """Assemble the report from the knowledge base, the findings and (optionally) history.
    `findings` come sorted (`sort_findings`), as `DocumentCheck.finish` returns
    them: sorting 30,000 findings again cost a big report ~40 ms."""
    from .history.busfactor import bus_factor

    if findings is None:
        findings = check_documents(kb, today, history)
    # Sorted: each path's share of the sorted list is that path's findings sorted.
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.path in by_path:
            by_path[f.path].append(f)
        else:
            by_path[f.path] = [f]
    report_of = doc_reporter(kb, today, history, state_of)
    docs = [report_of(d, by_path.get(d.path, [])) for d in kb.documents]
    docs.sort(key=lambda d: d.path)
    alerts = alerts_if_configured(kb)
    if alerts is not None:
        for d in docs:
            d.alerts = list(alerts.docs.get(d.path, []))
    gone = {pid for pid, person in kb.roster.people.items() if person.departed(today)}
    commits: Counter[str] = Counter()
    for d in docs:
        for author, count in d.authors:
            commits[author] += count

    holders_of = {d.path: d.knowledge_holders for d in docs}

    def risk(paths: list[str]) -> BusFactor:
        holders = {path: holders_of[path] for path in sorted(set(paths))}  # docs' order
        return bus_factor(holders, gone=gone, changes=commits)

    services: dict[str, ServiceReport] = {}
    for d in docs:
        if d.service:
            s = services.setdefault(d.service, ServiceReport(d.service, [], [], None))
            s.docs.append(d.path)
            if d.owner and d.owner not in s.owners:
                s.owners.append(d.owner)
    for s in services.values():
        factor = risk(s.docs)
        s.bus_factor, s.key_people = factor.value, list(factor.removed)
    overall = risk([d.path for d in docs])
    people: dict[str, PersonReport] = {}
    for pid, member in kb.roster.people.items():
        people[pid] = PersonReport(
            pid, member.name, "person", departed=member.departed(today), contacts=member.contacts
        )
    for tid, team in kb.roster.teams.items():
        people.setdefault(tid, PersonReport(tid, team.name or tid, "team", contacts=team.contacts))

    def entry(ident: str) -> PersonReport:
        found = people.get(ident)  # not setdefault: a PersonReport per call cost ~40 ms
        if found is None:
            found = people[ident] = PersonReport(ident, ident, "person")
        return found

    for d in docs:
        if d.owner in people:
            people[d.owner].owns.append(d.path)
        if d.backup_owner in people:
            people[d.backup_owner].backs_up.append(d.path)
        writers = d.writers if d.writers else [a for a, _ in d.authors]
        if len(writers) == 1:
            entry(writers[0]).sole_author_of.append(d.path)
        for holder in d.knowledge_holders:
            entry(holder).knowledge_of.append(d.path)
        if len(d.knowledge_holders) == 1:
            entry(d.knowledge_holders[0]).only_holder_of.append(d.path)
    return Report(
        today=today,
        docs=docs,
        services=sorted(services.values(), key=lambda s: s.name),
        people=sorted(people.values(), key=lambda p: p.id),
        findings=findings,
        bus_factor=overall.value,
        history_note=None if history is None else history.note,
        history_read=history is not None,
        key_people=list(overall.removed),
        document_paths=[d.path for d in docs],
        alerts=alerts,
    )
