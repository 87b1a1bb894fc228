"""`nohero handover`: when someone leaves or changes team, who takes over what.

For every document the person owns or backs up, a new owner or backup is
proposed: `--to` when given, else the document's knowledge holders (from git
history) who are available, else the person's team-mates; never someone who
already covers the document in the other role. The documents where the
person is the *only* knowledge holder become a cross-training plan: who
should pair with them before they go, riskiest first (escalation paths,
then runbooks, then the rest). Availability is `whatif`'s engine
(`whatif.Availability`): the person is imagined away for good, everyone who
has left or is not in the roster cannot take over.

With `--write` the same byte-preserving splice as `review` and `adopt`
edits only the `owner`/`backup_owner` values (under the repository's own key
names), and `--left DATE` sets the person's `left:` in the roster the same
way: located by its exact span, verified by reading the file back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ConfigError
from .document import Document
from .frontmatter_edit import EditRefused, set_keys
from .history.model import History
from .knowledge_base import KnowledgeBase
from .roster import Roster
from .roster_edit import set_person_key
from .whatif import Availability, resolve_name

SCHEMA_VERSION = 1
RISK_ORDER = {"escalation": 0, "runbook": 1}


@dataclass
class Reassignment:
    path: str
    field: str  # owner | backup_owner (nohero's name)
    key: str  # the key in the file
    new: str | None
    why: str


@dataclass
class Pairing:
    path: str
    doc_type: str
    service: str | None
    learner: str | None
    why: str


@dataclass
class Handover:
    person: str
    to: str | None
    today: dt.date
    reassign: list[Reassignment] = field(default_factory=list)
    cross_training: list[Pairing] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # path -> why it cannot be edited
    left: dt.date | None = None
    written: bool = False
    edits: dict[Path, bytes] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "from": self.person,
            "to": self.to,
            "today": self.today.isoformat(),
            "written": self.written,
            "left": self.left.isoformat() if self.left else None,
            "reassign": [vars(r) for r in self.reassign],
            "cross_training": [vars(p) for p in self.cross_training],
            "refused": self.refused,
        }


def plan_handover(
    kb: KnowledgeBase,
    history: History | None,
    person: str,
    today: dt.date,
    to: str | None = None,
    left: dt.date | None = None,
) -> Handover:
    """The handover of `person` (a roster id, email, login or git name)."""
    roster = kb.roster
    who = resolve_name(roster, person, history)
    if who is None or who not in roster.people:
        raise ConfigError(f"--from {person}: not a person in {roster.path.name}")
    departed = {p for p, entry in roster.people.items() if entry.departed(today) and p != who}
    engine = Availability(roster, {who}, departed)
    if to is not None:
        if not roster.knows(to):
            raise ConfigError(f"--to {to}: not a person or team in {roster.path.name}")
        if not engine.available(to):
            raise ConfigError(f"--to {to}: has left, or is only {who}")
    result = Handover(person=who, to=to, today=today, left=left)
    mates = _team_mates(roster, who)
    for doc in sorted(kb.documents, key=lambda d: d.path):
        if not doc.readable:
            continue
        holders = _holders(doc, history)
        changes = _reassign(doc, who, to, holders, mates, engine)
        result.reassign += changes
        if holders == [who]:
            result.cross_training.append(_pairing(doc, changes, mates, engine))
        if any(c.new for c in changes):
            _edit(result, doc, changes)
    result.cross_training.sort(key=lambda p: (RISK_ORDER.get(p.doc_type, 2), p.path))
    if left is not None:
        try:
            raw = roster.path.read_bytes()
            result.edits[roster.path] = set_person_key(raw, who, "left", left.isoformat())
        except (OSError, EditRefused) as exc:
            result.refused[roster.path.name] = str(exc)
    return result


def _holders(doc: Document, history: History | None) -> list[str]:
    found = history.for_doc(doc.path) if history is not None and history.available else None
    return list(found.knowledge_holders) if found is not None else []


def _team_mates(roster: Roster, who: str) -> list[str]:
    mates: list[str] = []
    for team in sorted(roster.teams.values(), key=lambda t: t.id):
        if who in team.members:
            mates += [m for m in team.members if m != who and m not in mates]
    return mates


def _reassign(
    doc: Document,
    who: str,
    to: str | None,
    holders: list[str],
    mates: list[str],
    engine: Availability,
) -> list[Reassignment]:
    out: list[Reassignment] = []
    keepers = {"owner": doc.owner, "backup_owner": doc.backup_owner}
    for role, other_role in (("owner", "backup_owner"), ("backup_owner", "owner")):
        if keepers[role] != who:
            continue
        other = keepers[other_role]
        taken = set(engine.members(other)) if other else set()
        ranked = [(to, "as asked (--to)")] if to is not None else []
        ranked += [(h, "knows it (knowledge holder)") for h in holders]
        ranked += [(m, f"{who}'s team-mate") for m in mates]
        pick = next(
            (
                (ident, why)
                for ident, why in ranked
                if ident != who and engine.available(ident) and ident not in taken
            ),
            None,
        )
        if pick is None:
            out.append(
                Reassignment(
                    doc.path, role, doc.key(role), None, "no free holder or team-mate: choose one"
                )
            )
        else:
            out.append(Reassignment(doc.path, role, doc.key(role), pick[0], pick[1]))
            keepers[role] = pick[0]
    return out


def _pairing(
    doc: Document, changes: list[Reassignment], mates: list[str], engine: Availability
) -> Pairing:
    """Who should learn a doc only `who` knows: its new owner, else its other
    keeper, else a team-mate."""
    kinds = {"escalation": "escalation path", "runbook": "runbook"}
    why = f"only knowledge holder of this {kinds.get(doc.doc_type, doc.doc_type)}"
    new = [c.new for c in changes if c.new]
    others = [i for i in (doc.owner, doc.backup_owner) if i and engine.available(i)]
    available_mates = [m for m in mates if engine.available(m)]
    learner = next(iter(new + others + available_mates), None)
    return Pairing(doc.path, doc.doc_type, doc.service, learner, why)


def _edit(result: Handover, doc: Document, changes: list[Reassignment]) -> None:
    values = {c.key: c.new for c in changes if c.new}
    try:
        raw = Path(doc.source).read_bytes()
        result.edits[doc.source] = set_keys(raw, values)  # type: ignore[arg-type]
    except (OSError, EditRefused) as exc:
        result.refused[doc.path] = str(exc)
