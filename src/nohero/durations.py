"""Durations and dates as people write them in front matter and the roster:
`90d`, `12w`, `15m`, `1h`, `2026-10-02` (a YAML date or a quoted string)."""

from __future__ import annotations

import datetime as dt
import re

_REVIEW = re.compile(r"^\s*(\d+)\s*([dw])\s*$")
_DELAY = re.compile(r"^\s*(\d+)\s*(m|h|d)?\s*$")
REVIEW_PATTERN = r"^[0-9]+[dw]$"
DELAY_PATTERN = r"^[0-9]+(m|h|d)?$"


def parse_review_interval(value: object) -> int | None:
    """Days in a review interval (`90d`, `12w`, or a bare integer of days)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str):
        return None
    m = _REVIEW.match(value)
    if not m:
        return None
    n = int(m.group(1)) * (7 if m.group(2) == "w" else 1)
    return n if n > 0 else None


def parse_delay_minutes(value: object) -> int | None:
    """Minutes in an escalation delay (`15m`, `1h`, `0`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    m = _DELAY.match(value)
    if not m:
        return None
    return int(m.group(1)) * {"m": 1, "h": 60, "d": 1440, None: 1}[m.group(2)]


def as_date(value: object) -> dt.date | None:
    """A YAML date, datetime or ISO string as a date; anything else is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
