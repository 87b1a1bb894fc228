"""Escalation levels, read one way for everyone: the rule, `whatif`, the
report and the site all call `levels_of`, so the same front matter pages the
same people everywhere.

A level is what the schema says: a mapping with `page` (one id, or a list of
ids), optional `after` (`15m`, `1h`, `1d`, or bare minutes) and `note`. A
level of any other shape pages nobody here; the `schema` rule says what is
wrong with it.
"""

from __future__ import annotations

from .document import Document
from .durations import parse_delay_minutes
from .lazyclass import record


@record(frozen=True)
class Level:
    number: int  # 1-based, as people count levels
    page: tuple[str, ...]  # ids paged; () for a malformed level
    after: str  # as written ("" when absent)
    after_minutes: int | None
    note: str
    line: int  # where `page` is (the level, else `escalation:`)

    @property
    def valid(self) -> bool:
        return bool(self.page)


def levels_of(doc: Document) -> list[Level] | None:
    """The document's escalation levels in order; None when it has no
    `escalation:` list (missing, null, or not a list)."""
    raw = doc.meta.get("escalation")
    if not isinstance(raw, list):
        return None
    return [_level(doc, index, value) for index, value in enumerate(raw)]


def _level(doc: Document, index: int, raw: object) -> Level:
    line = doc.line_of("escalation", index, "page")
    if not isinstance(raw, dict):
        return Level(index + 1, (), "", None, "", line)
    page = raw.get("page")
    ids: tuple[str, ...] = ()
    if isinstance(page, str) and page.strip():
        ids = (page.strip(),)
    elif isinstance(page, list) and page and all(isinstance(p, str) and p.strip() for p in page):
        ids = tuple(dict.fromkeys(p.strip() for p in page))
    after_raw = raw.get("after")
    after = "" if after_raw is None or isinstance(after_raw, bool) else str(after_raw).strip()
    minutes = parse_delay_minutes(after) if after else None
    note = raw.get("note")
    return Level(index + 1, ids, after, minutes, note if isinstance(note, str) else "", line)
