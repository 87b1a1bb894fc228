"""When a document was reviewed, when it is due, and what that makes it.

Shared by the review rules, the report, `due` and the site, so that every face
gives the same status for the same document on the same day.
"""

from __future__ import annotations

import datetime as dt

from .config import Config
from .document import Document
from .durations import Interval, parse_interval
from .lazyclass import record

STATUSES = ("fresh", "due-soon", "overdue", "drifted", "unknown")


@record(frozen=True)
class ReviewState:
    last_reviewed: dt.date | None
    interval: Interval
    next_review: dt.date | None
    status: str  # fresh | due-soon | overdue | unknown (drift is layered on by the report)

    def days_since_review(self, today: dt.date) -> int | None:
        return (today - self.last_reviewed).days if self.last_reviewed else None


def interval_for(doc: Document, config: Config) -> Interval:
    """The document's own review_every when valid, else the type's default."""
    own = parse_interval(doc.meta.get("review_every"))
    if own is not None:
        return own
    intervals = config.review_intervals  # the fallbacks only when needed: 8,000 calls a run
    found = intervals.get(doc.doc_type) or intervals.get("note")
    return found if found is not None else Interval.of_days(365)


def review_state(doc: Document, config: Config, today: dt.date) -> ReviewState:
    interval = interval_for(doc, config)
    last = doc.get_date("last_reviewed")
    if last is None or last > today:
        return ReviewState(last, interval, None, "unknown")
    next_review = interval.after(last)
    if next_review < today:
        status = "overdue"
    elif next_review <= today + dt.timedelta(days=config.due_soon_days):
        status = "due-soon"
    else:
        status = "fresh"
    return ReviewState(last, interval, next_review, status)


def combined_status(state: ReviewState, drifted: bool) -> str:
    """One status per doc: unknown > overdue > drifted > due-soon > fresh."""
    if state.status in ("unknown", "overdue"):
        return state.status
    return "drifted" if drifted else state.status
