"""Per document: which front matter keys adoption adds, with the reason for each.

Only missing keys are added. `type` comes from the folder (`runbooks/` is
runbook, `adr/` architecture; escalation is never guessed: it needs levels);
`service` from the folder; `owner` and `backup_owner` are the document's
active knowledge holders (Degree of Authorship, from the mined history),
else the people who know most of its service, else of the whole knowledge
base (owner and backup are never the same people); `last_reviewed` is the
date of the last content change, never today: adoption is not a review.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..config import Config
from ..document import Document
from ..history.model import History
from ..roster import Roster

TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "runbook": ("runbook", "runbooks", "playbook", "playbooks", "ops", "operations", "incidents"),
    "architecture": ("architecture", "adr", "adrs", "design", "designs", "decisions", "rfcs"),
}
_GENERIC = {"docs", "doc", "content", "pages", "documentation", "wiki", "notes", "en", "guides"}
NEEDS_SERVICE = ("runbook", "escalation")
INDEX_PAGES = ("index", "_index", "readme")


@dataclass
class Proposal:
    field: str  # nohero's name
    key: str  # the key written (the repository's name for the field)
    value: str
    why: str


@dataclass
class Knowledge:
    """Who knows what, for fallbacks: active holders counted per service and overall."""

    roster: Roster
    today: dt.date
    by_service: dict[str, Counter[str]] = field(default_factory=dict)
    overall: Counter[str] = field(default_factory=Counter)
    commits: Counter[str] = field(default_factory=Counter)  # document commits per person

    def active(self, ident: str) -> bool:
        person = self.roster.people.get(ident)
        return person is not None and not person.departed(self.today)

    def add(
        self, service: str | None, holders: Iterable[str], authors: Iterable[tuple[str, int]]
    ) -> None:
        for ident, n in authors:
            self.commits[ident] += n
        for ident in holders:
            if self.active(ident):
                self.overall[ident] += 1
                if service:
                    self.by_service.setdefault(service, Counter())[ident] += 1


def doc_type_for(doc: Document, config: Config) -> tuple[str, str]:
    """A type for a document that declares none, and why. A section's index
    page is a note: it introduces runbooks, it is not one."""
    if PurePosixPath(doc.docs_rel).stem.lower() in INDEX_PAGES:
        return "note", "a section's index page"
    folders = [p.lower() for p in PurePosixPath(doc.docs_rel).parts[:-1]]
    docs_dir = config.docs_dir.name.lower()
    for doc_type, words in TYPE_WORDS.items():
        hit = next((f for f in [*folders, docs_dir] if f in words), None)
        if hit is not None:
            return doc_type, f"folder {hit}/"
    chosen = config.type_for(doc.docs_rel, None)
    return chosen, "the configured default" if chosen != "note" else "no runbook or design folder"


def service_for(doc: Document) -> tuple[str | None, str]:
    """The first folder that is not a type or a generic folder; else the file name."""
    words = {w for ws in TYPE_WORDS.values() for w in ws} | _GENERIC
    folders = PurePosixPath(doc.docs_rel).parts[:-1]
    for folder in folders:
        if folder.lower() not in words:
            return folder, f"folder {folder}/"
    stem = PurePosixPath(doc.docs_rel).stem
    if stem.lower() in INDEX_PAGES:
        return None, ""
    return stem, "file name"


def holder_reasons(doc: Document, history: History | None) -> dict[str, str]:
    """The doc's knowledge holders, then its other authors, each with their
    share of the doc's commits and their last edit."""
    found = history.for_doc(doc.path) if history is not None else None
    if found is None:
        return {}
    total = len(found.changes) or 1
    counts = dict(found.authors)
    last: dict[str, dt.date] = {}
    for change in found.changes:
        for author in change.authors:
            last[author] = change.when.date()
    ranked = [*found.knowledge_holders, *(i for i, _ in found.authors)]
    return {
        ident: (
            f"{'knowledge holder' if ident in found.knowledge_holders else 'author'}: "
            f"{counts.get(ident, 0)} of {total} commits, "
            f"last edit {last[ident].strftime('%Y-%m') if ident in last else 'unknown'}"
        )
        for ident in dict.fromkeys(ranked)
    }


def candidates(
    doc: Document, service: str | None, knowledge: Knowledge, holders: dict[str, str]
) -> list[tuple[str, str]]:
    """People who could own or back up `doc`, best first, with the reason."""
    ranked: list[tuple[str, str]] = [(i, why) for i, why in holders.items() if knowledge.active(i)]
    seen = {i for i, _ in ranked}
    if service and service in knowledge.by_service:
        for ident, n in knowledge.by_service[service].most_common():
            if ident not in seen:
                seen.add(ident)
                ranked.append((ident, f"no active holder here; knows {_docs(n)} of {service}"))
    for ident, n in knowledge.overall.most_common():
        if ident not in seen:
            seen.add(ident)
            ranked.append((ident, f"no active holder in this doc or its service; knows {_docs(n)}"))
    for ident, n in knowledge.commits.most_common():
        if ident not in seen and knowledge.active(ident):
            seen.add(ident)
            ranked.append((ident, f"active in the docs: {n} commit{'' if n == 1 else 's'}"))
    return ranked


def _docs(n: int) -> str:
    return f"{n} doc{'' if n == 1 else 's'}"


def last_change(doc: Document, history: History | None, today: dt.date) -> tuple[dt.date, str]:
    """When the words last changed: the date adoption writes as last_reviewed."""
    found = history.for_doc(doc.path) if history is not None else None
    day, why = None, ""
    if found is not None and found.last_content_change is not None:
        day, why = found.last_content_change, "last content change"
    elif history is not None and doc.path in history.last_change:
        day, why = history.last_change[doc.path].date(), "last commit touching it"
    if day is None:
        try:
            mtime = doc.source.stat().st_mtime
            day, why = dt.datetime.fromtimestamp(mtime, dt.UTC).date(), "not committed: file date"
        except OSError:
            day, why = today, "no date known"
    if day > today:
        day, why = today, why + " (after --today)"
    return day, f"{why} {day.isoformat()} (adoption is not a review)"


def proposals(
    doc: Document,
    config: Config,
    history: History | None,
    knowledge: Knowledge,
    today: dt.date,
) -> list[Proposal]:
    """The keys `doc` lacks, each with a value and a reason."""
    out: list[Proposal] = []

    def add(name: str, value: str, why: str) -> None:
        out.append(Proposal(name, doc.key(name), value, why))

    doc_type = doc.doc_type
    if "type" not in doc.meta:
        doc_type, why = doc_type_for(doc, config)
        add("type", doc_type, why)
    service = doc.service
    if service is None:
        guess, why = service_for(doc)
        if guess and (doc_type in NEEDS_SERVICE or why.startswith("folder")):
            service = guess
            add("service", guess, why)
    ranked = candidates(doc, service, knowledge, holder_reasons(doc, history))
    owner = doc.owner
    if owner is None and ranked:
        owner, why = ranked[0]
        add("owner", owner, why)
    if doc.backup_owner is None and owner is not None:
        covered = set(knowledge.roster.people_of(owner)) | {owner}
        backup = next(((i, w) for i, w in ranked if i not in covered), None)
        if backup is not None:
            add("backup_owner", *backup)
    if doc.get_date("last_reviewed") is None and "last_reviewed" not in doc.meta:
        day, why = last_change(doc, history, today)
        add("last_reviewed", day.isoformat(), why)
    return out
