"""`nohero report --trend monthly --format svg`, and the site dashboard's
chart: the overall figures as a self-contained SVG (no script, no external
reference, every text escaped)."""

from __future__ import annotations

import datetime as dt

from ...escape import html_text
from ...trend import Figures, Trend
from ..base import Rendered, Reporter

SERIES = (
    ("stale_docs", "Stale documents", "#d9480f"),
    ("single_author_docs", "Single-author documents", "#7048e8"),
    ("bus_factor", "Bus factor", "#2b8a3e"),
)


def _render(trend: Trend, width: int = 360, panel_height: int = 120) -> str:
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


class TrendSvg(Reporter[Trend]):
    def render(self, data: Trend, color: bool = False) -> Rendered:
        return Rendered(_render(data))
