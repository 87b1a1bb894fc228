"""The site's view of the one analysis pipeline (`nohero.pipeline`): the
plugin and `nohero build` get the same `Analysis` as every CLI command, so
the site and the CLI give the same answers."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from ..config import Config
from ..pipeline import Analysis
from ..pipeline import analyse as run_pipeline

__all__ = ["Analysis", "analyse", "trend_svg"]


def analyse(config: Config, today: dt.date, with_history: bool = True) -> Analysis:
    """The pipeline as the site needs it: history when it can be had, never fatal."""
    return run_pipeline(config, today, history="optional" if with_history else "off")


def trend_svg(analysis: Analysis, today: dt.date, months: int = 12) -> str | None:
    """The dashboard's trend chart (the last `months` month ends), replayed
    from the history already mined, when `nohero.trend` is available."""
    try:
        module = import_module("nohero.trend")
    except ModuleNotFoundError as exc:
        if exc.name != "nohero.trend":
            raise
        return None
    compute, draw = getattr(module, "compute_trend", None), getattr(module, "trend_svg", None)
    history = analysis.history
    if compute is None or draw is None or history is None or not history.available:
        return None
    since = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    svg = draw(compute(analysis.kb, history, since, today))
    if not isinstance(svg, str) or not svg.strip():
        return None
    return "\n".join(line for line in svg.splitlines() if line.strip())  # one raw HTML block
