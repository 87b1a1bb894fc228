"""What the reader of a report should know about history that was read but
is not exact."""

from __future__ import annotations

from . import cache
from .cache import Mined
from .renames import DOC_RENAME_LIMIT


def odd_note(mined: Mined) -> str | None:
    """What the reader should know about history that was read but is not
    exact: renames git could not pair, dates no calendar has."""
    parts = []
    unpaired = mined.odd.get(cache.RENAMES_UNPAIRED, [])
    if unpaired:
        parts.append(
            f"{len(unpaired)} commit(s) moved more than {DOC_RENAME_LIMIT} documents at once, so "
            f"their renames were not all paired and moved documents may show new authors "
            f"(first: {unpaired[0][:12]})"
        )
    clamped = mined.odd.get(cache.DATES_CLAMPED, [])
    if clamped:
        parts.append(
            f"{len(clamped)} commit(s) carry an impossible date (a time zone beyond 24 hours "
            f"or a year after 9999), read as the nearest valid date (first: {clamped[0][:12]})"
        )
    return "; ".join(parts) or None
