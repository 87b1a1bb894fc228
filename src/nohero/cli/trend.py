"""Trends for `nohero report --trend monthly`: the report command mines the
history once and hands it here; this replays it month by month."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..history.model import History
from ..knowledge_base import KnowledgeBase
from ..trend import compute_trend
from .common import EXIT_CLEAN, emit, fail


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
    if since > today:
        return fail(f"--since {since.isoformat()} is after today ({today.isoformat()})")
    emit("trend", fmt, compute_trend(kb, history, since, today))
    return EXIT_CLEAN
