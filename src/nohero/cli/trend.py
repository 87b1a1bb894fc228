"""Trends for `nohero report --trend monthly`: the report command mines the
history once and hands it here; this replays it month by month."""

from __future__ import annotations

import datetime as dt

import click

from ..config import Config
from ..history.model import History
from ..knowledge_base import KnowledgeBase
from ..reporters.trend_formats import TREND_FORMATS
from ..trend import compute_trend
from .common import EXIT_CLEAN, echo_text, fail


def run_trend(
    *,
    config: Config,
    kb: KnowledgeBase,
    history: History | None,
    since: dt.date,
    fmt: str,
    today: dt.date,
) -> int:
    """Print the trend in `fmt`; exit 2 without usable history."""
    if history is None or not history.available:
        note = history.note if history is not None and history.note else "no git history"
        return fail(f"--trend replays git history, and there is none here ({note.split(':')[0]})")
    if fmt not in TREND_FORMATS:
        return fail(f"--trend supports --format {', '.join(sorted(TREND_FORMATS))}, not {fmt}")
    if since > today:
        return fail(f"--since {since.isoformat()} is after today ({today.isoformat()})")
    output = TREND_FORMATS[fmt](compute_trend(kb, history, since, today))
    echo_text(output) if fmt == "text" else click.echo(output, nl=False)
    return EXIT_CLEAN
