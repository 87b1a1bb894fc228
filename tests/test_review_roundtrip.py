"""Byte-exact review stamps: the only difference is the intended line(s)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.review import ReviewRefused, stamp

DAY = dt.date(2026, 11, 25)
BOM = b"\xef\xbb\xbf"

# (name, before, after) with reviewer None: only last_reviewed may change.
CORPUS = [
    (
        "plain",
        b"---\nowner: alice\nlast_reviewed: 2026-01-01\n---\n# T\n",
        b"---\nowner: alice\nlast_reviewed: 2026-11-25\n---\n# T\n",
    ),
    (
        "double quotes",
        b'---\nowner: alice\nlast_reviewed: "2026-01-01"\n---\n',
        b'---\nowner: alice\nlast_reviewed: "2026-11-25"\n---\n',
    ),
    (
        "single quotes",
        b"---\nowner: alice\nlast_reviewed: '2026-01-01'\n---\n",
        b"---\nowner: alice\nlast_reviewed: '2026-11-25'\n---\n",
    ),
    (
        "inline comment",
        b"---\nlast_reviewed: 2026-01-01  # q3\nowner: alice\n---\n",
        b"---\nlast_reviewed: 2026-11-25  # q3\nowner: alice\n---\n",
    ),
    (
        "comments everywhere",
        b"---\n# who\nowner: alice   # primary\n\n# when\n"
        b"last_reviewed:   2026-01-01 #x\n# end\n---\nbody\n",
        b"---\n# who\nowner: alice   # primary\n\n# when\n"
        b"last_reviewed:   2026-11-25 #x\n# end\n---\nbody\n",
    ),
    (
        "crlf",
        b"---\r\nowner: alice\r\nlast_reviewed: 2026-01-01\r\n---\r\nbody\r\n",
        b"---\r\nowner: alice\r\nlast_reviewed: 2026-11-25\r\n---\r\nbody\r\n",
    ),
    (
        "bom",
        BOM + b"---\nowner: alice\nlast_reviewed: 2026-01-01\n---\n",
        BOM + b"---\nowner: alice\nlast_reviewed: 2026-11-25\n---\n",
    ),
    (
        "no trailing newline",
        b"---\nowner: alice\nlast_reviewed: 2026-01-01\n---\n# T",
        b"---\nowner: alice\nlast_reviewed: 2026-11-25\n---\n# T",
    ),
    (
        "fence is the end of file",
        b"---\nlast_reviewed: 2026-01-01\n---",
        b"---\nlast_reviewed: 2026-11-25\n---",
    ),
    (
        "key at end",
        b"---\ntitle: A\ntags: [a, b]\nowner: alice\nlast_reviewed: 2020-02-02\n---\n",
        b"---\ntitle: A\ntags: [a, b]\nowner: alice\nlast_reviewed: 2026-11-25\n---\n",
    ),
    (
        "key absent: after backup_owner",
        b"---\ntitle: A\nowner: alice\nbackup_owner: bob  # b\ntags:\n  - x\n---\n",
        b"---\ntitle: A\nowner: alice\nbackup_owner: bob  # b\n"
        b"last_reviewed: 2026-11-25\ntags:\n  - x\n---\n",
    ),
    (
        "key absent: after owner",
        b"---\nowner: alice\ntitle: A\n---\n",
        b"---\nowner: alice\nlast_reviewed: 2026-11-25\ntitle: A\n---\n",
    ),
    (
        "key absent: at the end",
        b"---\ntitle: A\n---\n",
        b"---\ntitle: A\nlast_reviewed: 2026-11-25\n---\n",
    ),
    (
        "key absent, crlf",
        b"---\r\nowner: alice\r\n---\r\n",
        b"---\r\nowner: alice\r\nlast_reviewed: 2026-11-25\r\n---\r\n",
    ),
    ("empty front matter", b"---\n---\nx", b"---\nlast_reviewed: 2026-11-25\n---\nx"),
    (
        "dashes in body",
        b"---\nlast_reviewed: 2026-01-01\n---\ntext\n---\nlast_reviewed: 2020-01-01\n---\n",
        b"---\nlast_reviewed: 2026-11-25\n---\ntext\n---\nlast_reviewed: 2020-01-01\n---\n",
    ),
    (
        "flow mapping",
        b"---\n{owner: alice, last_reviewed: '2026-01-01', tags: [a]}\n---\n",
        b"---\n{owner: alice, last_reviewed: '2026-11-25', tags: [a]}\n---\n",
    ),
    (
        "flow mapping, key absent",
        b"---\n{owner: alice, tags: [a]}\n---\n",
        b"---\n{owner: alice, last_reviewed: 2026-11-25, tags: [a]}\n---\n",
    ),
    (
        "flow values in block",
        b"---\ncovers: [a/**, b]\nlast_reviewed: 2026-01-01\n"
        b"escalation: [{page: a, after: 0m}]\n---\n",
        b"---\ncovers: [a/**, b]\nlast_reviewed: 2026-11-25\n"
        b"escalation: [{page: a, after: 0m}]\n---\n",
    ),
    (
        "value on next line",
        b"---\nlast_reviewed:\n  2026-01-01\n---\n",
        b"---\nlast_reviewed:\n  2026-11-25\n---\n",
    ),
    (
        "empty value",
        b"---\nlast_reviewed:\nowner: a\n---\n",
        b"---\nlast_reviewed: 2026-11-25\nowner: a\n---\n",
    ),
    (
        "empty value with comment",
        b"---\nlast_reviewed: # soon\n---\n",
        b"---\nlast_reviewed: 2026-11-25 # soon\n---\n",
    ),
    ("null value", b"---\nlast_reviewed: ~\n---\n", b"---\nlast_reviewed: 2026-11-25\n---\n"),
    (
        "indented mapping",
        b"---\n  owner: a\n  tags:\n    - x\n---\n",
        b"---\n  owner: a\n  last_reviewed: 2026-11-25\n  tags:\n    - x\n---\n",
    ),
    (
        "anchor kept",
        b"---\nlast_reviewed: &when 2026-01-01\n---\n",
        b"---\nlast_reviewed: &when 2026-11-25\n---\n",
    ),
    (
        "tag kept",
        b"---\nlast_reviewed: !!str 2026-01-01\n---\n",
        b"---\nlast_reviewed: !!str 2026-11-25\n---\n",
    ),
    (
        "datetime value",
        b"---\nlast_reviewed: 2026-01-01T10:00:00Z\n---\n",
        b"---\nlast_reviewed: 2026-11-25\n---\n",
    ),
    (
        "closing with dots",
        b"---\nlast_reviewed: 2026-01-01\n...\nbody",
        b"---\nlast_reviewed: 2026-11-25\n...\nbody",
    ),
    (
        "trailing spaces on fence",
        b"---  \nlast_reviewed: 2026-01-01\n---\t\n",
        b"---  \nlast_reviewed: 2026-11-25\n---\t\n",
    ),
    (
        "unicode",
        (
            "---\ntitle: Zahlungsausfall \u2013 \u00fcbersicht \U0001f525\n"
            "last_reviewed: 2026-01-01\n---\n\u00e9\n"
        ).encode(),
        (
            "---\ntitle: Zahlungsausfall \u2013 \u00fcbersicht \U0001f525\n"
            "last_reviewed: 2026-11-25\n---\n\u00e9\n"
        ).encode(),
    ),
    (
        "mixed endings kept",
        b"---\r\nowner: a\nlast_reviewed: 2026-01-01\r\n---\nbody\r\n",
        b"---\r\nowner: a\nlast_reviewed: 2026-11-25\r\n---\nbody\r\n",
    ),
    (
        "already today",
        b"---\nlast_reviewed: 2026-11-25\n---\n",
        b"---\nlast_reviewed: 2026-11-25\n---\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_stamp_changes_only_the_review_date(before: bytes, after: bytes) -> None:
    assert stamp(before, DAY) == after


def test_reviewer_is_set_in_place_keeping_quotes() -> None:
    before = b"---\nowner: alice\nlast_reviewed: '2026-01-01'\nreviewed_by: 'bob'  # who\n---\n"
    assert stamp(before, DAY, "carol") == (
        b"---\nowner: alice\nlast_reviewed: '2026-11-25'\nreviewed_by: 'carol'  # who\n---\n"
    )


def test_reviewer_is_inserted_after_the_review_line_in_file_style() -> None:
    before = BOM + b"---\r\nlast_reviewed: 2026-01-01  # q3\r\nowner: alice\r\n---\r\nx"
    assert stamp(before, DAY, "carol") == (
        BOM + b"---\r\nlast_reviewed: 2026-11-25  # q3\r\n"
        b"reviewed_by: carol\r\nowner: alice\r\n---\r\nx"
    )


def test_both_keys_inserted_together_after_owner() -> None:
    before = b"---\ntitle: A\nowner: alice\nservice: s\n---\n"
    assert stamp(before, DAY, "carol") == (
        b"---\ntitle: A\nowner: alice\nlast_reviewed: 2026-11-25\n"
        b"reviewed_by: carol\nservice: s\n---\n"
    )


def test_reviewer_that_yaml_would_misread_is_quoted() -> None:
    out = stamp(b"---\nowner: a\n---\n", DAY, "yes")
    assert out == b'---\nowner: a\nlast_reviewed: 2026-11-25\nreviewed_by: "yes"\n---\n'
    assert yaml.safe_load(out.decode().split("---")[1])["reviewed_by"] == "yes"


def test_flow_mapping_gets_reviewer_after_date() -> None:
    assert stamp(b"---\n{last_reviewed: 2026-01-01}\n---\n", DAY, "bob") == (
        b"---\n{last_reviewed: 2026-11-25, reviewed_by: bob}\n---\n"
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"# no front matter\n", "no front matter"),
        (b"", "no front matter"),
        (b"---\nowner: [a\n---\n", "not valid YAML"),
        (b"---\nowner: a\n", "never closed"),
        (b"---\n- a\n- b\n---\n", "not a mapping"),
        (b"---\nlast_reviewed: 2026-01-01\nlast_reviewed: 2026-02-01\n---\n", "more than once"),
        (b"---\nlast_reviewed: |\n  2026-01-01\n---\n", "single plain value"),
        (b"---\nlast_reviewed: [2026-01-01]\n---\n", "single plain value"),
        (b"---\nbase: &d 2026-01-01\nlast_reviewed: *d\n---\n", "alias"),
        (b"---\nlast_reviewed: 2026-01-01\n---\n\xff", "UTF-8"),
        (b"---\nlast_reviewed: &d 2026-01-01\nnext: *d\n---\n", "would change other values"),
    ],
)
def test_unusable_front_matter_is_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(ReviewRefused, match=reason):
        stamp(raw, DAY)


# --- property: any mix of comments, quoting, newlines, BOM and body -------------------

KEYS = ["title", "type", "service", "owner", "backup_owner", "review_every", "tags", "weight"]
safe_text = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz -_.", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, bytes]:
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=len(KEYS)))
    entries: list[tuple[str, str]] = []  # (kind, line text without newline)
    for key in keys:
        value = draw(safe_text)
        style = draw(st.sampled_from(["plain", "single", "double", "flow"]))
        rendered = {
            "plain": f"x{value}",
            "single": f"'{value}'",
            "double": f'"{value}"',
            "flow": f"[x{value}, b]",
        }[style]
        comment = draw(st.sampled_from(["", "  # note", " #x", "\t# tab"]))
        entries.append((key, f"{key}: {rendered}{comment}"))
        if draw(st.booleans()):
            entries.append(("#", "# " + draw(safe_text)))
    has_review = draw(st.booleans())
    quote = draw(st.sampled_from(["", "'", '"']))
    comment = draw(st.sampled_from(["", "  # q3", " # x"]))
    old = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1))).isoformat()
    if has_review:
        where = draw(st.integers(0, len(entries)))
        entries.insert(where, ("last_reviewed", f"last_reviewed: {quote}{old}{quote}{comment}"))
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    body = draw(
        st.sampled_from(
            ["", "# Title", "# T\n\n---\nlast_reviewed: 1999-01-01\n---\n", "text\r\nmore"]
        )
    )
    trailing = draw(st.booleans())

    def render(lines: list[str]) -> bytes:
        text = nl.join(["---", *lines, "---", body]) + (nl if trailing and body else "")
        return (b"\xef\xbb\xbf" if bom else b"") + text.encode()

    lines = [line for _, line in entries]
    before = render(lines)
    if has_review:
        expected = [
            line.replace(old, DAY.isoformat()) if kind == "last_reviewed" else line
            for kind, line in entries
        ]
    else:
        kinds = [kind for kind, _ in entries]
        anchor = next(
            (kinds.index(k) for k in ("backup_owner", "owner") if k in kinds), len(entries) - 1
        )
        expected = list(lines)
        expected.insert(anchor + 1, f"last_reviewed: {DAY.isoformat()}")
    return before, render(expected)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_stamp_property_only_the_review_line_differs(case: tuple[bytes, bytes]) -> None:
    before, expected = case
    assert stamp(before, DAY) == expected


@settings(max_examples=200, deadline=None)
@given(documents())
def test_stamp_is_idempotent(case: tuple[bytes, bytes]) -> None:
    before, _ = case
    once = stamp(before, DAY, "carol")
    assert stamp(once, DAY, "carol") == once
