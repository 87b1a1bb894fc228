"""The verdict an on-call reader sees first: can I trust this page, and if
someone on it cannot answer, whom do I page instead?

Ownership comes before review age: a freshly reviewed runbook whose backup
has left is not "Fresh" at 3 a.m. The verdict drives the panel's badge, the
navigation icon (Material's page status) and the advice sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .escalation import EscalationPath
    from .model import PagePanel, Person, SiteModel

# Worst first: the first that applies is the verdict.
LABELS = {
    "unowned": "Nobody owns this",
    "owner-left": "Owner has left",
    "backup-left": "Backup has left",
    "escalation-broken": "Escalation broken",
    "drifted": "Drifted",
    "overdue": "Overdue",
    "unknown": "Never reviewed",
    "away": "Owner away",
    "backup-away": "Backup away",
    "due-soon": "Due soon",
    "fresh": "Fresh",
}
# Verdicts that put an icon next to the page in the navigation.
ATTENTION = tuple(k for k in LABELS if k not in ("fresh", "due-soon"))


@dataclass(frozen=True)
class Verdict:
    key: str
    advice: str | None = None  # what to do, in one sentence

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def attention(self) -> bool:
        return self.key in ATTENTION


def verdict_for(model: SiteModel, panel: PagePanel, escalation: EscalationPath | None) -> Verdict:
    owner, backup = panel.owner, panel.backup
    advice = _advice(model, panel, escalation)
    if owner is None or owner.kind == "unknown" or (owner.departed and backup_gone(backup)):
        return Verdict("unowned", advice)
    if owner.departed:
        return Verdict("owner-left", advice)
    if backup is not None and (backup.departed or backup.kind == "unknown"):
        return Verdict("backup-left", advice)
    if escalation is not None and escalation.broken:
        return Verdict("escalation-broken", advice or _broken_advice(escalation))
    if panel.status in ("drifted", "overdue", "unknown"):
        return Verdict(panel.status, advice)
    if owner.away_now:
        return Verdict("away", advice)
    if backup is not None and backup.away_now:
        return Verdict("backup-away", advice)
    return Verdict(panel.status if panel.status in LABELS else "unknown", advice)


def backup_gone(backup: Person | None) -> bool:
    return backup is None or backup.departed or backup.kind == "unknown"


def _advice(model: SiteModel, panel: PagePanel, escalation: EscalationPath | None) -> str | None:
    """'backup Carol Example has left: page Mei Lin (team payments) instead'."""
    owner, backup = panel.owner, panel.backup
    missing = [(role, p) for role, p in (("owner", owner), ("backup", backup)) if p is not None]
    gone = [(role, p) for role, p in missing if not p.available]
    if not gone:
        return None
    exclude = {p.id for _, p in gone}
    if owner is not None and owner.available and backup is not None and not backup.available:
        exclude.add(owner.id)  # the owner is still first; say who backs them up now
    candidates = list(_stand_ins(model, [p for _, p in missing], escalation, exclude))
    what = " and ".join(f"{role} {p.name} {_absence(p)}" for role, p in gone)
    if not candidates:
        return f"{what}: nobody else is named for this page — ask in your incident channel"
    person, via = candidates[0]
    return f"{what}: page {person.name}{f' ({via})' if via else ''} instead"


def _stand_ins(
    model: SiteModel,
    people: list[Person],
    escalation: EscalationPath | None,
    exclude: set[str],
) -> Iterable[tuple[Person, str]]:
    seen = set(exclude)

    def offer(person: Person | None, via: str) -> Iterable[tuple[Person, str]]:
        if person is not None and person.id not in seen and person.available:
            seen.add(person.id)
            yield person, via

    for person in people:
        yield from offer(person, "")
    for person in people:
        teams = [person.id] if person.kind == "team" else list(person.teams)
        for team_id in teams:
            team = model.people.get(team_id)
            for member_id in model.roster.people_of(team_id):
                yield from offer(
                    model.people.get(member_id), f"team {team.name if team else team_id}"
                )
    if escalation is not None:
        for level in escalation.levels:
            for person in level.reaches:
                yield from offer(person, f"escalation level {level.number}")


def _absence(person: Person) -> str:
    if person.kind == "unknown":
        return "is not in the roster"
    return person.absence or "cannot answer"


def _broken_advice(escalation: EscalationPath) -> str:
    first = escalation.first_answer()
    if first is None:
        return "nobody on the escalation path can answer: ask in your incident channel"
    level, people = first
    names = ", ".join(p.name for p in people)
    return (
        f"the escalation path reaches too few people: page {names} "
        f"(level {level.number}) and ask in your incident channel"
    )
