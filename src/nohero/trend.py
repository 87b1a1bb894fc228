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

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .document import Document
from .escape import html_text
from .freshness import review_state
from .history.authorship import commit_counts, content_authors, knowledge_holders
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


# (path, number of changes up to a day) -> (knowledge holders, single author?)
HolderMemo = dict[tuple[str, int], tuple[list[str], bool]]


def point_at(
    kb: KnowledgeBase,
    history: History,
    day: dt.date,
    today: dt.date,
    memo: HolderMemo | None = None,
) -> TrendPoint:
    """The figures as they stood at the end of `day`.

    `memo` carries the DOA results from one point to the next: the changes up
    to a later day are a superset of those up to an earlier one, so the same
    count means the same changes, and most documents do not change in a month.
    """
    memo = {} if memo is None else memo
    config: Config = kb.config
    cutoff = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    gone = {pid for pid, person in kb.roster.people.items() if person.departed(day)}
    holders: dict[str, list[str]] = {}
    commits: Counter[str] = Counter()
    overall = Figures()
    services: dict[str, Figures] = {}
    service_docs: dict[str, list[str]] = {}
    for doc in kb.documents:
        if not doc.readable:
            continue
        doc_history = history.for_doc(doc.path)
        changes = [c for c in (doc_history.changes if doc_history else []) if c.when <= cutoff]
        if not changes and day < today:
            continue  # not written yet
        then = dataclasses.replace(
            doc, meta={**doc.meta, "last_reviewed": _review_as_of(doc, changes)}
        )
        stale = review_state(then, config, day).status == "overdue"
        key = (doc.path, len(changes))
        if key not in memo:
            memo[key] = (knowledge_holders(changes), len(content_authors(changes)) == 1)
        holders[doc.path], single = memo[key]
        commits.update(dict(commit_counts(changes)))
        targets = [overall]
        if doc.service:
            targets.append(services.setdefault(doc.service, Figures()))
            service_docs.setdefault(doc.service, []).append(doc.path)
        for figures in targets:
            figures.docs += 1
            figures.stale_docs += stale
            figures.single_author_docs += single
    overall.bus_factor = bus_factor(holders, gone=gone, changes=commits).value
    for name, paths in service_docs.items():
        subset = {p: holders[p] for p in paths}
        services[name].bus_factor = bus_factor(subset, gone=gone, changes=commits).value
    return TrendPoint(day, overall, services)


def compute_trend(kb: KnowledgeBase, history: History, since: dt.date, today: dt.date) -> Trend:
    memo: HolderMemo = {}
    points = [point_at(kb, history, d, today, memo) for d in month_ends(since, today)]
    return Trend("monthly", since, today, points)


# -- chart ----------------------------------------------------------------

SERIES = (
    ("stale_docs", "Stale documents", "#d9480f"),
    ("single_author_docs", "Single-author documents", "#7048e8"),
    ("bus_factor", "Bus factor", "#2b8a3e"),
)


def trend_svg(trend: Trend, width: int = 360, panel_height: int = 120) -> str:
    """A self-contained SVG of the overall figures: one small chart per
    measure (one measure per axis), stacked, sized for a phone (labels 13 px at
    360 px wide); no script, no external reference, every text escaped. The
    description states the newest figures for screen readers."""
    left, right, top, bottom = 36, 40, 22, 22
    plot_w, plot_h = width - left - right, panel_height - top - bottom
    points = trend.points
    height = panel_height * len(SERIES)

    def x(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    title = f"Knowledge risk by month, {trend.since.isoformat()} to {trend.today.isoformat()}"
    newest = points[-1].overall if points else Figures()
    described = ", ".join(
        f"{name.lower()} {getattr(newest, key) if getattr(newest, key) is not None else 'unknown'}"
        for key, name, _ in SERIES
    )
    desc = f"On {trend.today.isoformat()}: {described}."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        'aria-labelledby="nohero-trend-title nohero-trend-desc" class="nohero-trend">',
        f'<title id="nohero-trend-title">{html_text(title)}</title>',
        f'<desc id="nohero-trend-desc">{html_text(desc)}</desc>',
        '<g font-family="sans-serif" font-size="13" fill="currentColor">',
    ]
    every = max(1, -(-len(points) // 4))  # at most ~4 dates per axis, the newest always shown
    for index, (key, name, colour) in enumerate(SERIES):
        y0 = index * panel_height
        values = [v for p in points if (v := getattr(p.overall, key)) is not None]
        top_value = max([1, *values])
        step = max(1, -(-top_value // 2))
        y_max = step * -(-top_value // step)

        def y(v: float, y0: int = y0, y_max: int = y_max) -> float:
            return y0 + top + plot_h - plot_h * v / y_max

        out.append(f'<text x="{left}" y="{y0 + 15}" font-weight="bold">{html_text(name)}</text>')
        for tick in range(0, y_max + 1, step):
            ty = y(tick)
            out.append(
                f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
                'stroke="currentColor" stroke-opacity="0.2"/>'
            )
            out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick}</text>')
        for i, p in enumerate(points):
            if (len(points) - 1 - i) % every:
                continue
            label = p.date.strftime("%Y-%m") if _is_month_end(p.date) else p.date.isoformat()
            out.append(
                f'<text x="{x(i):.1f}" y="{y0 + top + plot_h + 16}" text-anchor="middle">'
                f"{html_text(label)}</text>"
            )
        coords = [
            (x(i), y(v)) for i, p in enumerate(points) if (v := getattr(p.overall, key)) is not None
        ]
        if not coords:
            continue
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}">')
        out.append(f"<title>{html_text(name)}</title></polyline>")
        out += [f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{colour}"/>' for cx, cy in coords]
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1
