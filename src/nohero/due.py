"""What needs a review soon, per owner: the body of a reminder.

Status comes from `freshness.review_state` (the single source), asked with the
reminder's window as its due-soon horizon, so `nohero due --within 30d` and the
site agree on every date. `plan_issues` turns a listing plus the reminder
issues that already exist into create/edit/close actions, so the scheduled
workflow only executes a plan and the logic stays testable without GitHub.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .escape import hidden_marker
from .freshness import review_state
from .knowledge_base import KnowledgeBase

SCHEMA_VERSION = 1
DUE_STATUSES = ("unknown", "overdue", "due-soon")  # unknown: never reviewed (no last_reviewed)
LABEL = "nohero-due"
TITLE_PREFIX = "nohero: reviews due for "
_MARKER = re.compile(r"<!--\s*nohero-due\s+owner=(\S*)\s*-->")


@dataclass
class DueDoc:
    path: str
    title: str
    status: str  # overdue | due-soon | unknown (no last_reviewed at all)
    last_reviewed: dt.date | None
    next_review: dt.date | None
    days_overdue: int | None  # negative: due in that many days
    backup_owner: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "last_reviewed": _iso(self.last_reviewed),
            "next_review": _iso(self.next_review),
            "days_overdue": self.days_overdue,
            "backup_owner": self.backup_owner,
        }


@dataclass
class DueOwner:
    id: str | None  # None: documents with no owner at all
    name: str
    github: str | None
    docs: list[DueDoc] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "github": self.github,
            "docs": [d.to_dict() for d in self.docs],
        }


@dataclass
class DueListing:
    today: dt.date
    within_days: int
    owners: list[DueOwner]
    backup_names: dict[str, str] = field(default_factory=dict)  # id -> display name

    @property
    def overdue(self) -> int:
        return sum(1 for o in self.owners for d in o.docs if d.status in ("overdue", "unknown"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "within_days": self.within_days,
            "owners": [o.to_dict() for o in self.owners],
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def due_listing(
    kb: KnowledgeBase, today: dt.date, within_days: int | None = None, owner: str | None = None
) -> DueListing:
    """Documents overdue, never reviewed, or due within `within_days`
    (default: the configured due-soon window), grouped by owner."""
    window = kb.config.due_soon_days if within_days is None else within_days
    config = dataclasses.replace(kb.config, due_soon_days=window)
    roster = kb.roster
    groups: dict[str | None, DueOwner] = {}
    backups: dict[str, str] = {}
    for doc in kb.documents:
        if not doc.readable or (owner is not None and doc.owner != owner):
            continue
        state = review_state(doc, config, today)
        if state.status not in DUE_STATUSES or (state.status == "unknown" and state.last_reviewed):
            continue  # reviewed "in the future": a check finding, not a reminder
        key = doc.owner
        if key not in groups:
            github = None
            if key in roster.people:
                github = roster.people[key].github
            elif key in roster.teams:
                github = roster.teams[key].github
            name = roster.display_name(key) if key else "(no owner)"
            groups[key] = DueOwner(key, name, github)
        days = (today - state.next_review).days if state.next_review else None
        groups[key].docs.append(
            DueDoc(
                path=doc.path,
                title=doc.display_title(),
                status=state.status,
                last_reviewed=state.last_reviewed,
                next_review=state.next_review,
                days_overdue=days,
                backup_owner=doc.backup_owner,
            )
        )
        if doc.backup_owner:
            backups[doc.backup_owner] = roster.display_name(doc.backup_owner)
    rank = {s: i for i, s in enumerate(DUE_STATUSES)}
    for group in groups.values():
        group.docs.sort(key=lambda d: (rank[d.status], d.next_review or dt.date.min, d.path))
    owners = sorted(groups.values(), key=lambda o: (o.id is None, o.id or ""))
    return DueListing(today, window, owners, backups)


# -- reminder issues ------------------------------------------------------
# The plan: one open issue per owner with something due, none for anyone else.
# What an issue says is the reporters' business (reporters/reminders.py); this
# only compares the issues wanted with those that exist.


def owner_key(owner: dict[str, Any]) -> str:
    return owner.get("id") or "unowned"


def issue_marker(key: str) -> str:
    """The hidden line that tells nohero which owner an issue is for."""
    return f"<!-- nohero-due owner={hidden_marker(key)} -->"


def _issue_owner(issue: dict[str, Any], titles: dict[str, str]) -> str | None:
    """Which owner an existing issue is for: its body marker, else its title."""
    match = _MARKER.search(str(issue.get("body") or ""))
    if match:
        return unquote(match.group(1))
    title = str(issue.get("title") or "")
    for key, wanted in titles.items():
        if title == wanted:
            return key
    if title.startswith(TITLE_PREFIX):
        return "?" + title  # ours, for an owner with nothing due any more
    return None


def plan_issues(
    wanted: dict[str, tuple[str, str]], existing: list[dict[str, Any]], today: object
) -> list[dict[str, Any]]:
    """Actions that leave exactly one open issue per owner in `wanted`
    (owner key -> (title, body)) and none for anyone else. `existing`: `gh
    issue list --json number,title,body[,state]` output; issues not made by
    nohero are ignored."""
    titles = {key: title for key, (title, _) in wanted.items()}
    mine: dict[str, list[dict[str, Any]]] = {}
    for issue in existing:
        if str(issue.get("state", "OPEN")).upper() != "OPEN":
            continue
        key = _issue_owner(issue, titles)
        if key is not None:
            mine.setdefault(key, []).append(issue)
    actions: list[dict[str, Any]] = []
    for key in sorted(wanted):
        title, body = wanted[key]
        issues = sorted(mine.pop(key, []), key=lambda i: int(i["number"]))
        if not issues:
            actions.append({"action": "create", "title": title, "body": body, "labels": [LABEL]})
            continue
        keep, *duplicates = issues
        if keep.get("title") != title or str(keep.get("body") or "").strip() != body.strip():
            actions.append(
                {"action": "edit", "number": int(keep["number"]), "title": title, "body": body}
            )
        for dup in duplicates:
            comment = f"Duplicate of #{keep['number']}: nohero keeps one reminder per owner."
            actions.append({"action": "close", "number": int(dup["number"]), "comment": comment})
    leftovers = sorted(int(i["number"]) for issues in mine.values() for i in issues)
    comment = f"Nothing is overdue or due soon any more (nohero due, {today})."
    actions += [{"action": "close", "number": n, "comment": comment} for n in leftovers]
    return actions
