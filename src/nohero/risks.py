"""Risks and the period: what a manager reads in the monthly report.

`open_risks` picks the documents worth hearing about from a `Report`;
`period_summary` says what changed since a date (reviews done, risks
reduced), replayed from the history already mined. Both are data; the
reporters format them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .history.authorship import content_authors, knowledge_holders
from .history.busfactor import bus_factor
from .history.model import History
from .report import Report, ReviewEvent
from .roster import Roster


@dataclass(frozen=True)
class Risk:
    """An open risk on one document, with who can act on it."""

    path: str
    title: str
    owner: str | None
    backup_owner: str | None
    reasons: tuple[str, ...]


_STATUS_REASONS = {
    "overdue": "review overdue",
    "drifted": "covered code changed since the last review",
    "unknown": "no valid review date",
}
_RULE_REASONS = {
    "single-author": "one person has ever written it",
    "review-rubber-stamp": "re-dated without edits while its code changed",
    "owner-departed": "owner has left",
    "backup-departed": "backup owner has left",
    "owner-missing": "no owner",
    "owner-unknown": "owner not in the roster",
    "backup-missing": "no backup owner",
    "backup-is-owner": "backup is the owner",
    "escalation-broken": "escalation reaches fewer than two people",
}


def open_risks(report: Report) -> list[Risk]:
    """Documents a manager should hear about, worst first: stale, drifted,
    single-author, orphaned, or failing an error-level rule."""
    departed = {p.id for p in report.people if p.departed}
    risks: list[Risk] = []
    for d in report.docs:
        reasons: list[str] = []
        if d.status in _STATUS_REASONS:
            reasons.append(_STATUS_REASONS[d.status])
        for rule in dict.fromkeys(f.rule for f in d.findings):
            if rule in _RULE_REASONS:
                reasons.append(_RULE_REASONS[rule])
        if d.knowledge_holders and all(h in departed for h in d.knowledge_holders):
            reasons.append("everyone who knows it has left")
        if reasons:
            risks.append(Risk(d.path, d.title, d.owner, d.backup_owner, tuple(reasons)))
    risks.sort(key=lambda r: (-len(r.reasons), r.path))
    return risks


@dataclass
class Period:
    """What happened between `since` (exclusive) and `until` (inclusive):
    prevention made visible for the monthly report."""

    since: dt.date
    until: dt.date
    reviewed: list[tuple[str, ReviewEvent]] = field(default_factory=list)
    risks_reduced: list[tuple[str, str]] = field(default_factory=list)  # (path, what changed)
    bus_factor_before: int | None = None


@dataclass(frozen=True)
class ReportForPeriod:
    """What `nohero report` prints: the report, and the period its 'reviewed'
    and 'risks reduced' figures cover."""

    report: Report
    period: Period


def period_summary(
    report: Report, history: History | None, since: dt.date, roster: Roster | None = None
) -> Period:
    """Reviews in the period (from history, else from front matter) and risks
    that went away in it: a second writer, a review that caught up, a bus
    factor that rose."""
    period = Period(since=since, until=report.today)
    has_history = history is not None and history.available
    for d in report.docs:
        events = [e for e in d.reviews if since < e.when <= report.today]
        if events:
            period.reviewed.extend((d.path, e) for e in events)
        elif not d.reviews and d.last_reviewed and since < d.last_reviewed <= report.today:
            period.reviewed.append(
                (d.path, ReviewEvent(d.last_reviewed, d.last_reviewed, (), False))
            )
    period.reviewed.sort(key=lambda item: (item[1].when, item[0]))
    if not has_history or history is None:
        return period
    cutoff = dt.datetime.combine(since, dt.time.max, tzinfo=dt.UTC)
    before: dict[str, list[str]] = {}
    for d in report.docs:
        doc_history = history.for_doc(d.path)
        if doc_history is None:
            continue
        earlier = [c for c in doc_history.changes if c.when <= cutoff]
        unchanged = len(earlier) == len(doc_history.changes)  # no change since: worked out
        if unchanged and doc_history.knowledge_holders:
            before[d.path] = list(doc_history.knowledge_holders)
        else:
            before[d.path] = knowledge_holders(earlier)
        # the report's writers are content_authors(doc_history.changes)
        writers_then = d.writers if unchanged else content_authors(earlier)
        if len(writers_then) == 1 and len(d.writers) > 1:
            period.risks_reduced.append(
                (
                    d.path,
                    f"knowledge shared: written by {', '.join(d.writers)} "
                    f"(was {writers_then[0]} alone)",
                )
            )
        if not (d.last_reviewed and d.next_review and d.status != "overdue"):
            continue
        reviewed_then = max((c.last_reviewed for c in earlier if c.last_reviewed), default=None)
        if reviewed_then:
            interval = d.next_review - d.last_reviewed
            if reviewed_then + interval < since and d.last_reviewed > since:
                latest = d.reviews[-1] if d.reviews else None
                how = "" if latest is None or latest.rewritten else " (re-dated, text unchanged)"
                period.risks_reduced.append(
                    (d.path, f"overdue review done on {d.last_reviewed.isoformat()}{how}")
                )
    if roster is not None:
        gone = {pid for pid, person in roster.people.items() if person.departed(since)}
    else:
        gone = {p.id for p in report.people if p.departed}
    period.bus_factor_before = bus_factor(before, gone=gone).value
    return period
