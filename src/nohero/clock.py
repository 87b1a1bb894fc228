"""What "today" is, for every face of nohero.

Freshness, due dates and the whole report hang on one date. `--today` pins it
for a run; `NOHERO_TODAY` pins it for everything a process starts (the MkDocs
plugin under `nohero build`, CI jobs, tests), so no answer depends on the real
clock unless nobody asked for a fixed day.
"""

from __future__ import annotations

import datetime as dt
import os

from .config import ConfigError

TODAY_ENV = "NOHERO_TODAY"


def resolve_today(value: dt.date | None = None) -> dt.date:
    """`value` (from --today) first, then NOHERO_TODAY, then the real date."""
    if value is not None:
        return value
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{TODAY_ENV}={raw!r} is not a date like 2026-11-25") from None
