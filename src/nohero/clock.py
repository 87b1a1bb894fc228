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
# Git dates start at the Unix epoch; the longest window nohero computes from
# today (a review interval, a whatif window: 100 years at most) must end by
# 9999-12-31, the last date Python has. Outside this range a day is refused.
EARLIEST = dt.date(1970, 1, 1)
LATEST = dt.date(9899, 12, 31)


def out_of_range(day: dt.date) -> str | None:
    """Why `day` cannot be today (None when it can)."""
    if EARLIEST <= day <= LATEST:
        return None
    return f"{day.isoformat()} is outside {EARLIEST.isoformat()}..{LATEST.isoformat()}"


def resolve_today(value: dt.date | None = None) -> dt.date:
    """`value` (from --today) first, then NOHERO_TODAY, then the real date."""
    if value is not None:
        day, where = value, "--today"
    else:
        raw = os.environ.get(TODAY_ENV, "").strip()
        if not raw:
            return dt.date.today()
        try:
            day, where = dt.date.fromisoformat(raw), TODAY_ENV
        except ValueError:
            raise ConfigError(f"{TODAY_ENV}={raw!r} is not a date like 2026-11-25") from None
    why = out_of_range(day)
    if why is not None:
        raise ConfigError(f"{where}: {why}")
    return day
