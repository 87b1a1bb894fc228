"""`nohero report --trend monthly --format markdown`: tables for a monthly
review meeting; service names are escaped (they come from front matter)."""

from __future__ import annotations

from ...escape import md_inert as cell
from ...trend import Trend
from ..base import Rendered, Reporter


def _bf(value: int | None) -> str:
    return "—" if value is None else str(value)


def _render(trend: Trend) -> str:
    lines = [f"## Knowledge risk by month ({trend.since} to {trend.today})", ""]
    lines += [
        "| Date | Docs | Stale | Single-author | Bus factor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for p in trend.points:
        o = p.overall
        lines.append(
            f"| {p.date} | {o.docs} | {o.stale_docs} | {o.single_author_docs} "
            f"| {_bf(o.bus_factor)} |"
        )
    if trend.services:
        lines += ["", "### Bus factor per service", ""]
        lines.append("| Service | " + " | ".join(str(p.date) for p in trend.points) + " |")
        lines.append("| --- |" + " ---: |" * len(trend.points))
        for name in trend.services:
            cells = [
                _bf(p.services[name].bus_factor) if name in p.services else "" for p in trend.points
            ]
            lines.append(f"| {cell(name)} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


class TrendMarkdown(Reporter[Trend]):
    def render(self, data: Trend, color: bool = False) -> Rendered:
        return Rendered(_render(data))
