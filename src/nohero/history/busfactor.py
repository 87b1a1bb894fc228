"""Bus (truck) factor: how many people could leave before most documents are
left with no one who knows them.

Algorithm: Avelino, Passos, Hora, Valente, "A Novel Approach for Estimating
Truck Factors", ICPC 2016 (the 50% rule that Ferreira et al., 2019, found the
most accurate against team-reported truth). People are sorted once by how many
documents they hold knowledge of (ties: more changes first, then id) and
removed one at a time; the bus factor is how many were removed when more than
half of the documents are left with no knowledge holder. It is a greedy
estimate of the smallest such set, as in the paper.

Our decisions:
- Only documents with at least one knowledge holder ever (from git history)
  are counted; a document git has never seen says nothing about anyone.
  With no such document the bus factor is unknown (None).
- People who have already left are removed before counting: their knowledge
  is already gone. When that alone orphans more than half of the documents
  the bus factor is 0 — the hero has already left.
- The reference implementation's tail filter (drop, from the removed set,
  people holding fewer than 10% of the top person's files) is off by default:
  the contract defines the bus factor as the set whose absence orphans more
  than half of the documents, and the filtered figure no longer is one.
  `drop_tail=True` reproduces the reference figure for comparison.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

TAIL_FRACTION = 0.10


@dataclass(frozen=True)
class BusFactor:
    value: int | None  # None: no document has a knowledge holder
    removed: tuple[str, ...] = ()  # the people whose absence orphans most docs, in removal order
    documents: int = 0  # documents counted (those with a knowledge holder ever)
    orphaned_already: tuple[str, ...] = ()  # documents whose every holder has left


def bus_factor(
    holders: Mapping[str, Iterable[str]],
    *,
    gone: Collection[str] = (),
    changes: Mapping[str, int] | None = None,
    drop_tail: bool = False,
) -> BusFactor:
    """`holders`: document path -> knowledge holder ids. `gone`: people who
    have left. `changes`: commits per person, to break ties."""
    docs = {path: set(people) for path, people in holders.items() if people}
    if not docs:
        return BusFactor(None)
    gone = set(gone)
    for people in docs.values():
        people -= gone
    orphaned = {path for path, people in docs.items() if not people}
    already = tuple(sorted(orphaned))
    half = len(docs) / 2
    held: dict[str, set[str]] = {}
    for path, people in docs.items():
        for person in people:
            held.setdefault(person, set()).add(path)
    counts = changes or {}
    order = sorted(held, key=lambda p: (-len(held[p]), -counts.get(p, 0), p))
    removed: list[str] = []
    for person in order:
        if len(orphaned) > half:
            break
        removed.append(person)
        for path in held[person]:
            docs[path].discard(person)
            if not docs[path]:
                orphaned.add(path)
    if len(orphaned) <= half:  # cannot happen: removing everyone orphans every doc
        return BusFactor(None, tuple(removed), len(docs), already)
    if drop_tail and removed:
        top = len(held[order[0]])
        removed = [p for p in removed if len(held[p]) >= TAIL_FRACTION * top]
    return BusFactor(len(removed), tuple(removed), len(docs), already)


__all__ = ["BusFactor", "bus_factor"]
