"""Durations and dates as people write them in front matter and the roster:
`90d`, `12w`, `6 months`, `1 year`, `15m`, `1h`, `2026-10-02` (a YAML date or a
quoted string).

Review intervals in months and years are calendar months, never a number of
days: a doc reviewed on 2026-01-31 every month is due on 2026-02-28, and one
reviewed every `1 year` on 2024-02-29 is due on 2025-02-28. That is what people
mean by "every 6 months", and what GOV.UK's tech-docs `review_in` computes."""

from __future__ import annotations

import datetime as dt
import re

from . import lazyre
from .lazyclass import record

_REVIEW = lazyre.compile(r"^\s*(\d+)\s*([dw])\s*$")
_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_INTERVAL = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$", re.IGNORECASE)
_DELAY = lazyre.compile(r"^\s*(\d+)\s*(m|h|d)?\s*$")


MAX_INTERVAL_DAYS = 36_500  # 100 years: beyond that no date arithmetic is meaningful
INTERVAL_RANGE = f"between 1d and {MAX_INTERVAL_DAYS}d (100 years)"


def parse_review_interval(value: object) -> int | None:
    """Days in a review interval (`90d`, `12w`, or a bare integer of days);
    None when it is not one, or not between 1 day and 100 years (a zero or
    a 99999999d would otherwise turn into the default, or an overflow)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_INTERVAL_DAYS else None
    if not isinstance(value, str):
        return None
    m = _REVIEW.match(value)
    if not m:
        return None
    n = int(m.group(1)) * (7 if m.group(2) == "w" else 1)
    return n if 0 < n <= MAX_INTERVAL_DAYS else None


@record(frozen=True)
class Interval:
    """How often a document is reviewed: a count of days, weeks, months or years."""

    count: int
    unit: str  # days | weeks | months | years

    @classmethod
    def of_days(cls, days: int) -> Interval:
        return cls(days, "days")

    def after(self, day: dt.date) -> dt.date:
        """`day` plus this interval; months and years on the calendar, clamped
        to the month's last day (2026-01-31 + 1 month = 2026-02-28)."""
        if self.unit in ("days", "weeks"):
            return day + dt.timedelta(days=self.count * (7 if self.unit == "weeks" else 1))
        months = self.count * (12 if self.unit == "years" else 1)
        month0 = day.month - 1 + months
        year, month = day.year + month0 // 12, month0 % 12 + 1
        if year > dt.MAXYEAR:
            return dt.date.max
        return dt.date(year, month, min(day.day, _days_in(year, month)))

    @property
    def approx_days(self) -> int:
        """Length in days for comparisons and sorting (a month counts 30)."""
        return self.count * {"days": 1, "weeks": 7, "months": 30, "years": 365}[self.unit]

    def __str__(self) -> str:
        if self.unit in ("days", "weeks"):
            return f"{self.count}{self.unit[0]}"
        return f"{self.count} {self.unit[:-1] if self.count == 1 else self.unit}"


def parse_interval(value: object) -> Interval | None:
    """A review interval: `90d`, `12w`, `90 days`, `6 months`, `1 year`, or a
    bare integer of days. None when it is none of those, or not between 1 day
    and 100 years (a zero or a 99999999d would otherwise turn into the
    default, or an overflow)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Interval.of_days(value) if 0 < value <= MAX_INTERVAL_DAYS else None
    if not isinstance(value, str):
        return None
    if value in _PARSED:  # every document of a type says the same few: parsed once each
        return _PARSED[value]
    m = _INTERVAL.match(value)
    unit = _UNITS.get(m.group(2).lower()) if m else None
    interval = Interval(int(m.group(1)), unit) if m and unit and len(m.group(1)) <= 6 else None
    if interval is not None and not 0 < interval.approx_days <= MAX_INTERVAL_DAYS:
        interval = None
    if len(_PARSED) < 4096:
        _PARSED[value] = interval
    return interval


_PARSED: dict[str, Interval | None] = {}  # Interval is frozen: shared safely


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
    if value is None:  # absent: most pages of an adopted knowledge base
        return None
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


def _days_in(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without importing calendar and locale."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
