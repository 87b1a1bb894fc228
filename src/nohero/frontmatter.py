"""Split a Markdown file into YAML front matter and body, and parse the front
matter once, keeping the line of every key so findings can point at it.

Hostile input is expected (this runs in pre-commit on whatever people commit):
anchors that expand exponentially, thousands of nesting levels and non-mapping
documents all become a `FrontMatterError` with a line, never an exception.
Plain front matter is read without libyaml (`fastyaml`); the rest, and every
error, goes through libyaml (`yamlload`).
"""

from __future__ import annotations

import re
from typing import Any

from . import lazyre
from .fastyaml import KeyPath, read_mapping
from .lazyclass import field, record

MAX_DEPTH = 64
_YAML_ONLY_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})

_FENCE_OPEN = lazyre.compile(r"^---[ \t]*$")
_FENCE_CLOSE = lazyre.compile(r"^(---|\.\.\.)[ \t]*$")
_FENCE_CLOSE_ANYWHERE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)  # the first, from a line start
_CODE_FENCE = lazyre.compile(r"^ {0,3}(`{3,}|~{3,})")


@record(frozen=True)
class FrontMatterError:
    line: int
    message: str


@record
class FrontMatter:
    """Parsed front matter. `data` is None when the YAML could not be used."""

    text: str
    first_line: int  # 1-based line of the first YAML line (after the opening ---)
    closing_line: int  # 1-based line of the closing fence
    data: dict[str, Any] | None = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    error: FrontMatterError | None = None
    # keys given twice (parse(..., duplicates_fatal=False) keeps data, YAML's last wins)
    duplicates: list[FrontMatterError] = field(default_factory=list)
    # data is known to come back from JSON as it is (yamltree): the cache need not check
    plain: bool = field(default=False, compare=False, repr=False)
    # read by fastyaml: reading it again costs what a cache lookup costs (doccache)
    fast: bool = field(default=False, compare=False, repr=False)


@record
class SplitText:
    front_matter: FrontMatter | None
    body: str
    body_line: int  # 1-based line on which the body starts


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> SplitText:
    """Split text (BOM already removed) into front matter and body.

    Front matter exists only when the very first line is `---`; a `---` later in
    the file (a thematic break, or inside a code block) is body.
    """
    text = normalise_newlines(text)
    if text.startswith("---\n"):  # nearly every document: find the fence, split nothing
        close = _FENCE_CLOSE_ANYWHERE.search(text, 4)
        if close is not None:
            start, end = close.start(), close.end()
            fence_line = text.count("\n", 0, start) + 1
            fm = FrontMatter(
                text=text[4 : start - 1] if start > 4 else "",
                first_line=2,
                closing_line=fence_line,
            )
            return SplitText(fm, text[end + 1 :], fence_line + 1)
    # Most documents have no front matter: only the lines `_unopened` may
    # read are split off (the last item is the rest of the text, unsplit).
    lines = text.split("\n", _UNOPENED_SCAN)
    if not _FENCE_OPEN.match(lines[0]):
        closing = _unopened(lines)
        if closing is not None:
            fm = FrontMatter(
                text="",
                first_line=1,
                closing_line=closing + 1,
                error=FrontMatterError(
                    1,
                    f"front matter has no opening '---' (its closing '---' is on line "
                    f"{closing + 1}): add a '---' line above line 1",
                ),
            )
            return SplitText(fm, "\n".join(lines[closing + 1 :]), closing + 2)
        return SplitText(None, text, 1)
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if _FENCE_CLOSE.match(lines[index]):
            fm = FrontMatter(text="\n".join(lines[1:index]), first_line=2, closing_line=index + 1)
            return SplitText(fm, "\n".join(lines[index + 1 :]), index + 2)
    fm = FrontMatter(
        text="\n".join(lines[1:]),
        first_line=2,
        closing_line=len(lines),
        error=FrontMatterError(
            1,
            "front matter opened with '---' on line 1 is never closed: add a '---' line after it",
        ),
    )
    return SplitText(fm, "", len(lines) + 1)


def _unopened(lines: list[str]) -> int | None:
    """Index of the closing fence of front matter whose opening `---` is
    missing: lines of `key: value` (at least one a nohero key) up to a `---`.
    One clear problem instead of every required key reported missing."""
    for index, line in enumerate(lines[:_UNOPENED_SCAN]):
        if _FENCE_CLOSE.match(line):
            block = lines[:index]
            if any(_NOHERO_KEY.match(b) for b in block) and all(
                not b.strip() or _YAML_LINE.match(b) for b in block
            ):
                return index
            return None
        if line.strip() and not _YAML_LINE.match(line):
            return None
    return None


_UNOPENED_SCAN = 60
_YAML_LINE = lazyre.compile(r"^(\s+\S|-\s|[A-Za-z_][\w-]*\s*:(\s|$))")
_NOHERO_KEY = lazyre.compile(
    r"^(type|owner|backup_owner|last_reviewed|review_every|service|covers)\s*:", re.I
)


def parse(fm: FrontMatter, duplicates_fatal: bool = True) -> FrontMatter:
    """Fill `data`, `lines` or `error` of a split front matter block. A key
    given twice is an error, unless `duplicates_fatal` is False (the roster:
    each is a problem of its own and the rest still works).

    Plain front matter is read by `fastyaml` without libyaml; anything it
    declines is composed by libyaml (`yamlload`, imported only then)."""
    if fm.error is not None:
        return fm
    # YAML 1.1 also breaks lines at NEL, LS and PS; Markdown and editors do not.
    # As spaces they keep libyaml's line numbers equal to the file's.
    text = fm.text
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_YAML_ONLY_BREAKS)
    fast = read_mapping(text, fm.first_line - 1)
    if fast is not None:
        fm.data, fm.lines = fast
        fm.plain = bool(fm.data)  # as yamltree says of a mapping; an empty text is not
        fm.fast = True
        return fm
    from .yamlload import parse_composed

    return parse_composed(fm, text, duplicates_fatal)
