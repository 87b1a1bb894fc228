"""The site's view of the one analysis pipeline (`nohero.pipeline`): the
plugin and `nohero build` get the same `Analysis` as every CLI command, so
the site and the CLI give the same answers."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..pipeline import Analysis
from ..pipeline import analyse as run_pipeline

__all__ = ["Analysis", "analyse", "trend_svg"]


def analyse(config: Config, today: dt.date, with_history: bool = True) -> Analysis:
    """The pipeline as the site needs it: history when it can be had, never fatal."""
    return run_pipeline(config, today, history="optional" if with_history else "off")


def trend_svg(analysis: Analysis, today: dt.date, months: int = 12) -> str | None:
    """The dashboard's trend chart (the last `months` month ends), replayed
    from the history already mined; None without history."""
    history = analysis.history
    if history is None or not history.available:
        return None
    from ..reporters.trend.svg import TrendSvg
    from ..trend import compute_trend

    since = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    svg = TrendSvg().render(compute_trend(analysis.kb, history, since, today)).text
    return "\n".join(line for line in svg.splitlines() if line.strip())  # one raw HTML block
