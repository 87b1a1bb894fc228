"""Who really knows a document: the Degree-of-Authorship model.

Model: G. Avelino, L. Passos, A. Hora, M. T. Valente, "A Novel Approach for
Estimating Truck Factors", ICPC 2016 (after Fritz et al., "A degree-of-
knowledge model", TOSEM 2014). For a person d and a document f:

    DOA(d, f) = 3.293 + 1.098*FA + 0.164*DL - 0.321*ln(1 + AC)

FA is 1 when d created f, DL counts d's own later deliveries to f, AC counts
deliveries by everyone else. d holds knowledge of f when DOA(d, f) divided by
the best DOA on f is above 0.75 and DOA(d, f) is at least 3.293.

Our decisions, where the paper or its reference implementation is loose:
- Order is commit time, oldest first, as the miner hands it over; the creator
  is the author of the `created` change (a delete-then-add starts a new
  history, so an old creator does not carry over).  If no change is marked
  `created` (history cut short), the first change's authors are the creators.
- Co-authors (`Co-authored-by:`) are authors: a co-authored commit is a
  delivery by each of them, and an "other's change" only for people not on it.
- A front-matter-only change (`content=False`: a review-date bump, an owner
  change) is not a delivery: re-dating a page does not teach anyone what it
  says. It counts for no one and against no one.
- Like the reference implementation, the creator is admitted below the 3.293
  floor when their normalised DOA is still above 0.75: a page edited once each
  by many people keeps its author as holder instead of having none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..lazyclass import record
from .model import Change

BASE = 3.293
FIRST_AUTHORSHIP = 1.098
DELIVERIES = 0.164
ACCEPTANCES = 0.321
NORMALISED_THRESHOLD = 0.75
ABSOLUTE_THRESHOLD = BASE


@record(frozen=True)
class Authorship:
    """The DOA inputs and score of one person on one document."""

    person: str
    first_authorship: bool
    deliveries: int
    others_changes: int

    @property
    def doa(self) -> float:
        return degree_of_authorship(self.first_authorship, self.deliveries, self.others_changes)


def degree_of_authorship(first_authorship: bool, deliveries: int, others_changes: int) -> float:
    return (
        BASE
        + FIRST_AUTHORSHIP * (1 if first_authorship else 0)
        + DELIVERIES * deliveries
        - ACCEPTANCES * math.log(1 + others_changes)
    )


def _is_authorship(change: Change) -> bool:
    return change.content or change.created


def authorships(changes: Sequence[Change]) -> dict[str, Authorship]:
    """FA, DL and AC per person who ever delivered to the document."""
    counted = [c for c in changes if _is_authorship(c)]
    if not counted:
        return {}
    creation = next((c for c in counted if c.created), counted[0])
    creators = set(creation.authors)
    # One pass: the changes each person is on (a name listed twice on a change
    # counts once), in order of first appearance; the trend asks this of every
    # document at every month end.
    on: dict[str, int] = {}
    for change in counted:
        for person in dict.fromkeys(change.authors) if len(change.authors) > 1 else change.authors:
            on[person] = on.get(person, 0) + 1
    creations = sum(1 for c in counted if c is creation)
    return {
        person: Authorship(
            person,
            person in creators,
            n - creations if person in creators else n,
            len(counted) - n,
        )
        for person, n in on.items()
    }


def knowledge_holders(changes: Sequence[Change]) -> list[str]:
    """Ids of the people who hold knowledge of the document, best DOA first
    (ties by id). Empty when no one ever delivered content."""
    sole = sole_author(changes)
    if sole is not None:
        # One person delivered everything: DOA >= 3.293 + 1.098 and normalised 1.
        # Most documents look like this, and the miner asks for every one of them.
        return [sole]
    by_person = authorships(changes)
    scores = {p: a.doa for p, a in by_person.items()}
    if not scores:
        return []
    best = max(scores.values())
    creators = {p for p, a in by_person.items() if a.first_authorship}
    holders = [
        p
        for p, doa in scores.items()
        if best > 0
        and doa / best > NORMALISED_THRESHOLD
        and (doa >= ABSOLUTE_THRESHOLD or p in creators)
    ]
    return sorted(holders, key=lambda p: (-scores[p], p))


def sole_author(changes: Sequence[Change]) -> str | None:
    """The one person who ever delivered content, if exactly one did (then
    they are the document's only knowledge holder and only writer)."""
    only: str | None = None
    for change in changes:
        if not _is_authorship(change):
            continue
        for person in change.authors:
            if only is None:
                only = person
            elif person != only:
                return None
    return only


def content_authors(changes: Sequence[Change]) -> list[str]:
    """Everyone who ever changed the text (not only the front matter), in order
    of their first delivery."""
    seen: dict[str, None] = {}
    for change in changes:
        if _is_authorship(change):
            seen.update(dict.fromkeys(change.authors))
    return list(seen)


def commit_counts(changes: Iterable[Change]) -> list[tuple[str, int]]:
    """(id, commits) per author, most first (ties by id); every change counts,
    front-matter-only ones included, because the contract's `authors` lists
    who committed to the doc."""
    return sorted(commits_by_person(changes).items(), key=lambda item: (-item[1], item[0]))


def commits_by_person(changes: Iterable[Change]) -> dict[str, int]:
    """id -> how many of `changes` list them, in order of first appearance
    (`commit_counts` unsorted: the trend sums it over documents)."""
    counts: dict[str, int] = {}
    for change in changes:
        for person in change.authors:
            counts[person] = counts.get(person, 0) + 1
    return counts


__all__ = [
    "Authorship",
    "authorships",
    "commit_counts",
    "commits_by_person",
    "content_authors",
    "degree_of_authorship",
    "knowledge_holders",
    "sole_author",
]
