"""The front matter parser: the line of every key, and hostile YAML as an
error with a line instead of an exception."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nohero.document import parse_document
from nohero.frontmatter import MAX_DEPTH, FrontMatter, parse, split


def parsed(text: str) -> FrontMatter:
    parts = split(text)
    assert parts.front_matter is not None
    return parse(parts.front_matter)


def test_every_key_and_list_item_has_its_line() -> None:
    fm = parsed(
        "---\ntitle: T\nowner: alice\nescalation:\n  - page: alice\n    after: 0m\n"
        "  - page: [bob, carol]\n---\nbody\n"
    )
    assert fm.error is None
    assert fm.lines[("owner",)] == 3
    assert fm.lines[("escalation", 1, "page")] == 7
    assert fm.lines[("escalation", 0, "after")] == 6


def test_dates_are_dates_and_impossible_dates_stay_text() -> None:
    fm = parsed("---\na: 2026-10-02\nb: 2026-13-45\nc: '2026-10-02'\n---\n")
    assert fm.data == {"a": dt.date(2026, 10, 2), "b": "2026-13-45", "c": "2026-10-02"}


def test_unclosed_quote_is_blamed_on_its_line() -> None:
    fm = parsed('---\ntitle: ok\nowner: "alice\nbackup_owner: bob\n---\n')
    assert fm.error is not None and fm.error.line == 3
    assert "\n" not in fm.error.message


def test_nesting_is_limited_before_libyaml_recurses() -> None:
    fm = parsed("---\nx: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n---\n")
    assert fm.error is not None and str(MAX_DEPTH) in fm.error.message


def test_yaml_only_line_breaks_do_not_shift_lines() -> None:
    fm = parsed("---\na: 1\n\u2028\u2028\u2028\u2028b: [\n---\n")
    assert fm.error is not None and fm.error.line == 3


def test_closing_fence_may_be_dots_and_later_dashes_are_body() -> None:
    parts = split("---\nowner: alice\n...\ntext\n---\nmore\n")
    assert parts.front_matter is not None and parts.front_matter.closing_line == 3
    assert parts.body == "text\n---\nmore\n" and parts.body_line == 4


def test_document_title_from_first_heading_outside_code() -> None:
    raw = b"---\nowner: alice\n---\n```\n# not this\n```\n\nIntro\n\n# The title {#anchor}\n"
    doc = parse_document(
        "docs/a.md", Path("/kb/docs/a.md"), "a.md", raw, lambda rel, t: t or "note"
    )
    assert doc.title == "The title" and doc.title_line == 10
    assert doc.line_of("owner") == 2 and doc.line_of("missing") == 1
