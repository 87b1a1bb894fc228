"""The report: one value per run that mirrors the contract's JSON shape.

`check --format json`, `report --format json`, the markdown/text reports and
the site all read a `Report`; reporters only format it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .checker import check_documents
from .document import Document
from .findings import Finding, sort_findings
from .freshness import STATUSES, combined_status, review_state
from .history.model import History
from .knowledge_base import KnowledgeBase

SCHEMA_VERSION = 1


@dataclass
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

    def to_dict(self) -> dict[str, Any]:
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
        }


@dataclass
class ServiceReport:
    name: str
    docs: list[str]
    owners: list[str]
    bus_factor: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "docs": self.docs, "owners": self.owners, "bus_factor": self.bus_factor}


@dataclass
class PersonReport:
    id: str
    name: str
    kind: str  # person | team
    owns: list[str] = field(default_factory=list)
    backs_up: list[str] = field(default_factory=list)
    sole_author_of: list[str] = field(default_factory=list)
    departed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "owns": self.owns,
            "backs_up": self.backs_up,
            "sole_author_of": self.sole_author_of,
            "departed": self.departed,
        }


@dataclass
class Report:
    today: dt.date
    docs: list[DocReport]
    services: list[ServiceReport]
    people: list[PersonReport]
    findings: list[Finding]  # every finding, including ones on the roster file
    bus_factor: int | None = None
    history_note: str | None = None

    def summary(self) -> dict[str, Any]:
        by_status = Counter(d.status for d in self.docs)
        by_rule = Counter(f.rule for f in self.findings)
        by_severity = Counter(f.severity.value for f in self.findings)
        return {
            "docs": len(self.docs),
            "by_status": {s: by_status.get(s, 0) for s in STATUSES},
            "by_rule": dict(sorted(by_rule.items())),
            "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "bus_factor": self.bus_factor,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "history": self.history_note or "available",
            "docs": [d.to_dict() for d in self.docs],
            "services": [s.to_dict() for s in self.services],
            "people": [p.to_dict() for p in self.people],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def doc_report(doc: Document, kb: KnowledgeBase, today: dt.date, history: History | None, findings: list[Finding]) -> DocReport:
    state = review_state(doc, kb.config, today)
    drifted = any(f.rule == "drift" for f in findings)
    doc_history = history.for_doc(doc.path) if history is not None and history.available else None
    return DocReport(
        path=doc.path,
        title=doc.display_title(),
        type=doc.doc_type,
        service=doc.service,
        owner=doc.owner,
        backup_owner=doc.backup_owner,
        last_reviewed=state.last_reviewed,
        next_review=state.next_review,
        status=combined_status(state, drifted),
        last_modified=doc_history.last_modified if doc_history else None,
        last_content_change=doc_history.last_content_change if doc_history else None,
        authors=list(doc_history.authors) if doc_history else [],
        knowledge_holders=list(doc_history.knowledge_holders) if doc_history else [],
        findings=findings,
    )


def build_report(kb: KnowledgeBase, today: dt.date, history: History | None = None, findings: list[Finding] | None = None) -> Report:
    """Assemble the report from the knowledge base, the findings and (optionally) history."""
    if findings is None:
        findings = check_documents(kb, today, history)
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    docs = [doc_report(d, kb, today, history, sort_findings(by_path.get(d.path, []))) for d in kb.documents]
    docs.sort(key=lambda d: d.path)
    services: dict[str, ServiceReport] = {}
    for d in docs:
        if d.service:
            s = services.setdefault(d.service, ServiceReport(d.service, [], [], None))
            s.docs.append(d.path)
            if d.owner and d.owner not in s.owners:
                s.owners.append(d.owner)
    people: dict[str, PersonReport] = {}
    for pid, person in kb.roster.people.items():
        people[pid] = PersonReport(pid, person.name, "person", departed=person.departed(today))
    for tid, team in kb.roster.teams.items():
        people.setdefault(tid, PersonReport(tid, team.name or tid, "team"))
    for d in docs:
        if d.owner in people:
            people[d.owner].owns.append(d.path)
        if d.backup_owner in people:
            people[d.backup_owner].backs_up.append(d.path)
        solo = {a for a, _ in d.authors}
        if len(solo) == 1:
            only = next(iter(solo))
            people.setdefault(only, PersonReport(only, only, "person"))
            people[only].sole_author_of.append(d.path)
    return Report(
        today=today,
        docs=docs,
        services=sorted(services.values(), key=lambda s: s.name),
        people=sorted(people.values(), key=lambda p: p.id),
        findings=sort_findings(findings),
        history_note=None if history is None or history.available else history.note,
    )
