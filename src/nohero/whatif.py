"""What breaks if some people are unavailable for a while.

A document is *at risk* when none of its owner, its backup owner and its
knowledge holders (from git history) is available in the window — a backup who
is there means the document is covered. It is *degraded* when it keeps someone
but loses a layer: owner and backup both away while a knowledge holder
remains, or every knowledge holder away while an owner or backup remains.
At-risk and degraded documents are listed only when the scenario's absences
take part in the loss (an old departure, or an owner missing from a partial
roster, is the report's business, not whatif's): with nobody away, nothing is
lost, whatever the roster lacks.
An escalation path is *broken* when its levels reach fewer than two available
people because of the scenario. A service is at risk when any of its documents is at risk or its
escalation path is broken: on call, one unanswerable runbook is enough.

Who is available in [start, end] (both inclusive):
- not named in the scenario (a team named there means all its members);
- not on a planned absence in the roster overlapping the window (those people
  are listed as `also_away`, so the answer is honest about the real window);
- not departed by the end of the window — departed people are never available;
- a team is available when any member is;
- a knowledge holder who is not in the roster (a git identity nohero cannot
  page) is not available.

`--away` takes roster ids and teams, and also a roster person's email or
GitHub login, or a git identity's email or name (from the mined history), so
a team with a partial roster can still ask about someone. `handover` asks the
same questions through `Availability`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .alerts import AlertRisk, alerts_at_risk, alerts_of
from .config import ConfigError
from .document import Document
from .escalation import levels_of
from .history.authorship import knowledge_holders
from .history.model import History
from .knowledge_base import KnowledgeBase
from .roster import Roster
from .wording import plural

SCHEMA_VERSION = 1
DEFAULT_DAYS = 21
MIN_ESCALATION_PEOPLE = 2


@dataclass(frozen=True)
class DocRisk:
    path: str
    service: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "service": self.service, "reason": self.reason}


@dataclass
class WhatIf:
    away: list[str]
    start: dt.date
    end: dt.date
    also_away: list[str] = field(default_factory=list)  # planned absences in the roster
    departed: list[str] = field(default_factory=list)
    docs_at_risk: list[DocRisk] = field(default_factory=list)
    docs_degraded: list[DocRisk] = field(default_factory=list)
    services_at_risk: list[str] = field(default_factory=list)
    escalations_broken: list[str] = field(default_factory=list)
    escalation_reasons: dict[str, str] = field(default_factory=dict)
    history_note: str | None = None
    alerts_at_risk: list[AlertRisk] = field(default_factory=list)  # they lead to docs at risk

    @property
    def who_is_away(self) -> str:
        """The scenario's subject as a sentence fragment: 'alice is', 'alice and bob are'."""
        if not self.away:
            return "nobody is"
        if len(self.away) == 1:
            return f"{self.away[0]} is"
        return f"{', '.join(self.away[:-1])} and {self.away[-1]} are"

    @property
    def at_risk(self) -> bool:
        return bool(self.docs_at_risk or self.escalations_broken)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "away": self.away,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "also_away": self.also_away,
            "docs_at_risk": [r.to_dict() for r in self.docs_at_risk],
            "services_at_risk": self.services_at_risk,
            "escalations_broken": self.escalations_broken,
            "docs_degraded": [r.to_dict() for r in self.docs_degraded],
            "alerts_at_risk": [a.to_dict() for a in self.alerts_at_risk],
            "history": self.history_note or "available",
        }


PAGING = ("critical", "page")


def alerts_sentence(result: WhatIf) -> str:
    """'If alice is away, 14 alerts (9 critical) lead to runbooks nobody else knows.'"""
    risks = result.alerts_at_risk
    paging = sum(1 for a in risks if (a.severity or "").lower() in PAGING)
    who = result.who_is_away.rsplit(" ", 1)[0] if result.away else "the people away"
    verb = "is" if len(result.away) == 1 else "are"
    count = plural(len(risks), "alert")
    if paging:
        count += f" ({paging} critical)"
    lead = "leads to a runbook" if len(risks) == 1 else "lead to runbooks"
    return f"If {who} {verb} away, {count} {lead} nobody else knows"


def window(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """`days` calendar days starting on `start`: 21 days from Dec 1 end on Dec 21."""
    if days < 1:
        raise ConfigError("--days must be at least 1")
    return start, start + dt.timedelta(days=days - 1)


def resolve_away(roster: Roster, names: Iterable[str], history: History | None = None) -> list[str]:
    """Ids for the names given (teams expand to members; emails, GitHub logins
    and git names to the person or git identity they are). Unknown names are
    a usage error: a typo must not look like a safe answer."""
    people: list[str] = []
    unknown: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        ident = resolve_name(roster, name, history)
        if ident is None:
            unknown.append(name)
            continue
        found = roster.people_of(ident) if roster.knows(ident) else [ident]
        people.extend(p for p in found if p not in people)
    if unknown:
        raise ConfigError(
            "; ".join(roster.unknown_id(name) for name in unknown)
            + " (an email or a git author name from the history works too)"
        )
    return people


def resolve_name(roster: Roster, name: str, history: History | None = None) -> str | None:
    """A roster id, or a git identity id, for a roster id, an email, a GitHub
    login or a git author name; None when nothing matches."""
    if roster.knows(name):
        return name
    lowered = name.lower()
    by_email = roster.email_index().get(lowered)
    if by_email is not None:
        return by_email
    for person in roster.people.values():
        if (person.github or "").lower() == lowered.lstrip("@") or (
            person.name and person.name.casefold() == " ".join(name.split()).casefold()
        ):
            return person.id
    if history is not None and history.available:
        return history.aliases.get(lowered) or history.aliases.get(
            " ".join(name.split()).casefold()
        )
    return None


@dataclass
class Availability:
    """Who can act in a window: the engine `whatif` and `handover` share."""

    roster: Roster
    absent: set[str]  # the scenario's people (and planned absences)
    departed: set[str]

    def members(self, ident: str) -> list[str]:
        """People behind an id; a git identity outside the roster is itself."""
        return self.roster.people_of(ident) if self.roster.knows(ident) else [ident]

    def available(self, ident: str) -> bool:
        """Someone behind `ident` can act: in the roster (nohero cannot page
        a git identity), not absent, not departed."""
        unavailable = self.absent | self.departed
        return any(p not in unavailable for p in self.roster.people_of(ident))

    def touched(self, idents: Iterable[str]) -> bool:
        """The scenario's absences (not old departures or unknown git
        identities) take part in this loss: only then is it news."""
        return any(p in self.absent for i in idents for p in self.members(i))

    def why(self, ident: str) -> str:
        if ident in self.absent:
            return f"{ident} (away)"
        if not self.roster.knows(ident):
            return f"{ident} (not in the roster)"
        members = self.roster.people_of(ident)
        if all(p in self.departed for p in members):
            return f"{ident} (left)"
        return f"{ident} (away)"


def planned_away(roster: Roster, start: dt.date, end: dt.date) -> list[str]:
    """People whose roster `away` windows overlap [start, end]."""
    return sorted(
        pid
        for pid, person in roster.people.items()
        if any(a <= end and start <= b for a, b in person.away)
    )


def what_if(
    kb: KnowledgeBase,
    away: Iterable[str] | None,
    start: dt.date,
    days: int = DEFAULT_DAYS,
    history: History | None = None,
) -> WhatIf:
    """The scenario: `away` names people or teams; None means "the roster's
    planned absences in the window" (one combined scenario: the real next
    few weeks, not one person at a time)."""
    roster = kb.roster
    start, end = window(start, days)
    planned = planned_away(roster, start, end)
    names = resolve_away(roster, away, history) if away is not None else planned
    result = WhatIf(away=names, start=start, end=end)
    result.also_away = [p for p in planned if p not in names]
    result.departed = sorted(p for p, person in roster.people.items() if person.departed(end))
    absent = set(names) | set(planned)
    unavailable = absent | set(result.departed)
    if history is None or not history.available:
        result.history_note = (
            history.note if history is not None else "no history: knowledge holders unknown"
        )
    who = Availability(roster, absent, set(result.departed))
    available, touched, why = who.available, who.touched, who.why

    services: set[str] = set()
    unknown_now: list[str] = []  # degraded: everyone who knows it is away
    for doc in sorted(kb.documents, key=lambda d: d.path):
        if not doc.readable:
            continue
        holders = _holders(doc, history)
        keepers = [i for i in (doc.owner, doc.backup_owner) if i]
        owners_ok = [i for i in keepers if available(i)]
        holders_ok = [h for h in holders if available(h)]
        if keepers or holders:
            if not owners_ok and not holders_ok and touched([*keepers, *holders]):
                lost = ", ".join(why(i) for i in dict.fromkeys([*keepers, *holders]))
                result.docs_at_risk.append(DocRisk(doc.path, doc.service, f"nobody left: {lost}"))
                if doc.service:
                    services.add(doc.service)
            elif not owners_ok and keepers and touched(keepers):
                lost = ", ".join(why(i) for i in keepers)
                result.docs_degraded.append(
                    DocRisk(
                        doc.path,
                        doc.service,
                        f"owner and backup unavailable ({lost}); "
                        f"knowledge holder {', '.join(holders_ok)} remains",
                    )
                )
            elif holders and not holders_ok and touched(holders):
                lost = ", ".join(why(h) for h in holders)
                unknown_now.append(doc.path)
                result.docs_degraded.append(
                    DocRisk(
                        doc.path,
                        doc.service,
                        f"everyone who knows it is unavailable ({lost}); "
                        f"{', '.join(owners_ok)} can act on it",
                    )
                )
        if doc.doc_type == "escalation":
            reached = _reached(doc, roster, unavailable)
            pages = [i for level in levels_of(doc) or [] for i in level.page]
            if len(reached) < MIN_ESCALATION_PEOPLE and touched(pages):
                result.escalations_broken.append(doc.path)
                names_reached = ", ".join(reached) or "nobody"
                result.escalation_reasons[doc.path] = (
                    f"reaches {plural(len(reached), 'available person')} ({names_reached})"
                )
                if doc.service:
                    services.add(doc.service)
    result.services_at_risk = sorted(services)
    runbooks_lost = {path: "nobody available knows it" for path in unknown_now}
    runbooks_lost.update({r.path: "nobody can act on it" for r in result.docs_at_risk})
    result.alerts_at_risk = alerts_at_risk(alerts_of(kb), runbooks_lost)
    return result


def _holders(doc: Document, history: History | None) -> list[str]:
    if history is None or not history.available:
        return []
    doc_history = history.for_doc(doc.path)
    if doc_history is None:
        return []
    return list(doc_history.knowledge_holders) or knowledge_holders(doc_history.changes)


def _reached(doc: Document, roster: Roster, unavailable: set[str]) -> list[str]:
    reached: list[str] = []
    for level in levels_of(doc) or []:
        for ident in level.page:
            for person in roster.people_of(ident):
                if person not in unavailable and person not in reached:
                    reached.append(person)
    return sorted(reached)


__all__ = [
    "Availability",
    "DocRisk",
    "WhatIf",
    "planned_away",
    "resolve_away",
    "resolve_name",
    "what_if",
    "window",
]
