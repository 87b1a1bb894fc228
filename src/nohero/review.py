"""Stamp a review into a document's front matter without touching anything else.

A review sets `last_reviewed` (and `reviewed_by`), under the keys the
repository uses (plugins.nohero.fields), through the byte-exact splice of
`frontmatter_edit`: comments, key order, quoting, CRLF and BOM stay as they
were, and a file whose edit cannot be verified is refused untouched.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import Config, ConfigError
from .document import Document
from .frontmatter_edit import LINE_PATTERN, EditRefused, set_keys
from .knowledge_base import read_document
from .roster import Roster
from .rules import escalation_broken
from .rules.base import RuleContext

LAST_REVIEWED = "last_reviewed"
REVIEWED_BY = "reviewed_by"
INSERT_AFTER = ("backup_owner", "owner")  # a missing last_reviewed goes after the first present

ReviewRefused = EditRefused  # the file cannot be stamped safely; it is left as it was


def stamp(
    raw: bytes,
    day: dt.date,
    reviewer: str | None = None,
    keys: Mapping[str, str] | None = None,
) -> bytes:
    """The file's bytes with last_reviewed set to `day` (and reviewed_by to
    `reviewer`, when given); every other byte as it was. `keys` maps nohero's
    field names to the repository's (plugins.nohero.fields)."""
    keys = keys or {}
    reviewed_key = keys.get(LAST_REVIEWED, LAST_REVIEWED)
    values = {reviewed_key: day.isoformat()}
    if reviewer is not None:
        values[keys.get(REVIEWED_BY, REVIEWED_BY)] = reviewer
    after = (reviewed_key, *(keys.get(k, k) for k in INSERT_AFTER))
    return set_keys(raw, values, insert_after=after)


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A `git diff`-like view of a stamp, for --dry-run."""

    def lines(data: bytes) -> list[str]:
        return [
            line.rstrip("\r\n")
            for line in LINE_PATTERN.findall(data.decode("utf-8-sig", errors="replace"))
        ]

    diff = difflib.unified_diff(lines(old), lines(new), f"a/{path}", f"b/{path}", lineterm="")
    return "\n".join(diff) + "\n"


@dataclass
class ReviewOutcome:
    path: str  # repo-relative POSIX
    source: Path
    old: bytes = b""
    new: bytes = b""
    refused: str | None = None

    @property
    def changed(self) -> bool:
        return self.refused is None and self.new != self.old


def escalation_blockers(doc: Document, roster: Roster, config: Config, day: dt.date) -> list[str]:
    """Why an escalation path cannot be signed off as reviewed: the reasons
    the escalation-broken rule gives (a level pages someone who left, or
    nobody known, or fewer than two people can answer)."""
    if doc.doc_type != "escalation":
        return []
    ctx = RuleContext(config=config, roster=roster, today=day)
    return [hit.message for hit in escalation_broken.check(doc, ctx)]


def review_document(
    config: Config, roster: Roster, source: Path, day: dt.date, reviewer: str | None
) -> ReviewOutcome:
    """Plan the stamp of one file (nothing is written here)."""
    doc = read_document(config, source)
    outcome = ReviewOutcome(path=doc.path, source=doc.source)
    if doc.problems:
        problem = doc.problems[0]
        outcome.refused = f"line {problem.line}: {problem.message}"
        return outcome
    if doc.front_matter is None:
        outcome.refused = (
            "has no front matter: add a '---' block with owner and last_reviewed first"
        )
        return outcome
    blockers = escalation_blockers(doc, roster, config, day)
    if blockers:
        outcome.refused = "escalation path is broken, fix it before signing it off: " + "; ".join(
            blockers
        )
        return outcome
    try:
        outcome.old = Path(os.path.realpath(doc.source)).read_bytes()
        outcome.new = stamp(outcome.old, day, reviewer, doc.keys)
    except OSError as exc:
        outcome.refused = f"cannot read file: {exc.strerror or exc}"
    except ReviewRefused as exc:
        outcome.refused = str(exc)
    return outcome


def resolve_reviewer(roster: Roster, value: str, day: dt.date) -> str:
    """A roster person id from an id, an email or a GitHub login; ConfigError otherwise."""
    wanted = value.strip()
    person_id = None
    if wanted in roster.people:
        person_id = wanted
    else:
        person_id = roster.email_index().get(wanted.lower())
        if person_id is None:
            login = wanted.lstrip("@").lower()
            person_id = next(
                (p.id for p in roster.people.values() if p.github and p.github.lower() == login),
                None,
            )
    if person_id is None:
        if wanted in roster.teams:
            raise ConfigError(
                f"reviewer '{value}' is a team, and a team cannot review: "
                f"name one of its people ({', '.join(roster.people_of(wanted)) or 'none'})"
            )
        raise ConfigError(f"reviewer {roster.unknown_id(wanted, people_only=True)}")
    if roster.people[person_id].departed(day):
        raise ConfigError(
            f"reviewer '{person_id}' has left (people.yml): a current person must review"
        )
    return person_id
