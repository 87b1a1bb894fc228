"""`nohero report --trend monthly` as text tables."""

from __future__ import annotations

from ...escape import terminal
from ...trend import Trend
from ..base import Rendered, Reporter


def _bf(value: int | None) -> str:
    return "-" if value is None else str(value)


def _render(trend: Trend) -> str:
    lines = [f"Knowledge risk by month, {trend.since} to {trend.today}", ""]
    lines.append(
        f"{'date':<10}  {'docs':>5}  {'stale':>5}  {'single-author':>13}  {'bus factor':>10}"
    )
    for p in trend.points:
        o = p.overall
        lines.append(
            f"{p.date.isoformat():<10}  {o.docs:>5}  {o.stale_docs:>5}  "
            f"{o.single_author_docs:>13}  {_bf(o.bus_factor):>10}"
        )
    for name in trend.services:
        lines += ["", f"service {terminal(name)}"]
        lines.append(
            f"{'date':<10}  {'docs':>5}  {'stale':>5}  {'single-author':>13}  {'bus factor':>10}"
        )
        for p in trend.points:
            s = p.services.get(name)
            if s is None:
                continue
            lines.append(
                f"{p.date.isoformat():<10}  {s.docs:>5}  {s.stale_docs:>5}  "
                f"{s.single_author_docs:>13}  {_bf(s.bus_factor):>10}"
            )
    return "\n".join(lines) + "\n"


class TrendText(Reporter[Trend]):
    guard = True

    def render(self, data: Trend, color: bool = False) -> Rendered:
        return Rendered(_render(data))
