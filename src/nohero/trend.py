"""Risk over time: stale documents, single-author documents and bus factor at
each month end, replayed from the history already mined (no second git pass).

At each date the history is cut at the end of that day (UTC) and read as it
stood: a document counts once it had its first commit; its review date is the
`last_reviewed` its newest commit carried then (the current front matter when
history does not know); authorship and knowledge holders come from the same
functions the report uses, on the changes up to that date; people who had
left by then are gone for the bus factor. The last point is today, so the
newest figures match `nohero report`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .document import Document
from .durations import Interval, as_date
from .freshness import interval_for
from .history.authorship import commits_by_person, knowledge_holders, sole_author
from .history.busfactor import bus_factor
from .history.model import Change, History
from .knowledge_base import KnowledgeBase

SCHEMA_VERSION = 1


@dataclass
class Figures:
    docs: int = 0
    stale_docs: int = 0
    single_author_docs: int = 0
    bus_factor: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class TrendPoint:
    date: dt.date
    overall: Figures
    services: dict[str, Figures] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            **self.overall.to_dict(),
            "services": [{"name": n, **f.to_dict()} for n, f in sorted(self.services.items())],
        }


@dataclass
class Trend:
    period: str
    since: dt.date
    today: dt.date
    points: list[TrendPoint]

    @property
    def services(self) -> list[str]:
        return sorted({name for p in self.points for name in p.services})

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "period": self.period,
            "since": self.since.isoformat(),
            "today": self.today.isoformat(),
            "services": self.services,
            "points": [p.to_dict() for p in self.points],
        }


def month_ends(since: dt.date, today: dt.date) -> list[dt.date]:
    """Every month end on or after `since` and before `today`, then `today`."""
    dates: list[dt.date] = []
    year, month = since.year, since.month
    while True:
        first_next = dt.date(year + month // 12, month % 12 + 1, 1)
        end = first_next - dt.timedelta(days=1)
        if end >= today:
            break
        if end >= since:
            dates.append(end)
        year, month = first_next.year, first_next.month
    return [*dates, today]


def _review_as_of(doc: Document, changes: list[Change]) -> object:
    for change in reversed(changes):
        if change.last_reviewed is not None:
            return change.last_reviewed
    return doc.meta.get("last_reviewed")


@dataclass
class _AsOf:
    """A document as it stood after its first N changes."""

    last_reviewed: dt.date | None  # the last_reviewed it carried then
    interval: Interval
    holders: list[str]
    single: bool
    commits: dict[str, int]
    due: dt.date | None = None  # when that review runs out; worked out when first needed

    def overdue(self, day: dt.date) -> bool:
        """`review_state(...).status == "overdue"` on `day`, without making a
        state per month end (only the day changes, not the dates)."""
        last = self.last_reviewed
        if last is None or last > day:
            return False
        if self.due is None:
            self.due = self.interval.after(last)
        return self.due < day


@dataclass
class _Doc:
    """A readable document as every point reads it (worked out once)."""

    doc: Document
    service: str | None
    changes: list[Change]  # in history's order
    whens: list[dt.datetime]  # their times, sorted
    interval: Interval | None = None  # its review interval, worked out when first needed


@dataclass
class TrendMemo:
    """Carried from one point to the next: the changes up to a later day are a
    superset of those up to an earlier one, so the same count means the same
    changes, and most documents do not change in a month."""

    docs: list[_Doc] | None = None
    as_of: dict[tuple[str, int], _AsOf] = field(default_factory=dict)  # (path, count)


def _readable(kb: KnowledgeBase, history: History) -> list[_Doc]:
    docs = []
    for doc in kb.documents:
        if doc.readable:
            doc_history = history.for_doc(doc.path)
            changes = doc_history.changes if doc_history else []
            docs.append(_Doc(doc, doc.service, changes, sorted(c.when for c in changes)))
    return docs


def _as_of(d: _Doc, cutoff: dt.datetime, config: Config) -> _AsOf:
    """The document as its changes up to `cutoff` left it: its review date is
    the `last_reviewed` the newest of them carried, without copying the document."""
    changes = [c for c in d.changes if c.when <= cutoff]
    if d.interval is None:
        d.interval = interval_for(d.doc, config)  # the type and review_every: never replayed
    sole = sole_author(changes)  # the one writer is the one holder
    commits = commits_by_person(changes)  # summed over documents: no order needed
    return _AsOf(
        as_date(_review_as_of(d.doc, changes)),
        d.interval,
        [sole] if sole is not None else knowledge_holders(changes),
        sole is not None,
        commits,
    )


def point_at(
    kb: KnowledgeBase,
    history: History,
    day: dt.date,
    today: dt.date,
    memo: TrendMemo | None = None,
) -> TrendPoint:
    """The figures as they stood at the end of `day`."""
    memo = TrendMemo() if memo is None else memo
    if memo.docs is None:
        memo.docs = _readable(kb, history)
    config: Config = kb.config
    cutoff = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    gone = {pid for pid, person in kb.roster.people.items() if person.departed(day)}
    holders: dict[str, list[str]] = {}
    commits: dict[str, int] = {}
    overall = Figures()
    services: dict[str, Figures] = {}
    service_docs: dict[str, list[str]] = {}
    known = memo.as_of
    for d in memo.docs:
        count = bisect.bisect_right(d.whens, cutoff)
        if not count and day < today:
            continue  # not written yet
        path = d.doc.path
        as_of = known.get((path, count))
        if as_of is None:
            as_of = known[path, count] = _as_of(d, cutoff, config)
        stale = as_of.overdue(day)
        holders[path] = as_of.holders
        for person, n in as_of.commits.items():
            commits[person] = commits.get(person, 0) + n
        overall.docs += 1
        overall.stale_docs += stale
        overall.single_author_docs += as_of.single
        if d.service:
            figures = services.get(d.service)
            if figures is None:
                figures = services[d.service] = Figures()
                service_docs[d.service] = []
            figures.docs += 1
            figures.stale_docs += stale
            figures.single_author_docs += as_of.single
            service_docs[d.service].append(path)
    overall.bus_factor = bus_factor(holders, gone=gone, changes=commits).value
    for name, paths in service_docs.items():
        subset = {p: holders[p] for p in paths}
        services[name].bus_factor = bus_factor(subset, gone=gone, changes=commits).value
    return TrendPoint(day, overall, services)


def compute_trend(kb: KnowledgeBase, history: History, since: dt.date, today: dt.date) -> Trend:
    memo = TrendMemo()
    points = [point_at(kb, history, d, today, memo) for d in month_ends(since, today)]
    return Trend("monthly", since, today, points)
