"""fastyaml reads plain front matter exactly as libyaml's path does, and
declines everything else: for generated front matters (plain ones it must
accept, and near misses) the parsed FrontMatter and the whole Document are
the same with and without it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nohero import frontmatter
from nohero.document import parse_document
from nohero.fastyaml import read_mapping
from nohero.frontmatter import FrontMatter, parse

# Plain scalars over every branch of YAML 1.1's resolver, safe inside [..] too.
FLOW_SAFE = [
    "x",
    "alice",
    "90d",
    "1",
    "-3",
    "+7",
    "0",
    "007",
    "08",
    "0x1F",
    "0b101",
    "1_000",
    "1.5",
    "-3.5e+2",
    "1.",
    ".inf",
    "-.Inf",
    ".NaN",
    "yes",
    "No",
    "ON",
    "off",
    "true",
    "FALSE",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "nul",
    "2026-10-02",
    "2026-13-45",
    "0000-01-01",
    "2026-1-2",
    "services/**",
    "it's",
    "-x",
    "--",
    "...",
    "a  b",
    "é",
    "日本",
    "😀",
    "'quoted'",
    "''",
    "'it''s'",
    "'a: b, [c]'",
    '"dq"',
    '"a: b # c"',
    '""',
]
# Plain only in block context (after `key: ` or `- `).
BLOCK_ONLY = [
    "190:20:30",
    "-1:30.5",
    "a:b",
    "http://x.example/z?q=1",
    "a #comment",
    "a#b",
    "a, b",
    "use {braces} [and] brackets",
    "x   ",
    "'#x'  # c",
]
NEAR_MISS = [
    "2026-10-02T10:00:00Z",
    "2026-10-02 10:00:00",
    "=",
    "<<",
    '"a\\tb"',
    "&a x",
    "*a",
    "!t x",
    "!!str 1",
    "|\n  block",
    ">-\n  folded",
    "? x",
    ": x",
    "a: b",
    "a:",
    "-",
    "- x",
    "%x",
    "@x",
    "`x",
    "[a, b,]",
    "[a, , b]",
    "{a}",
    "{a: }",
    "{a:b}",
    '{"a": 1}',
    "[a] b",
    "'open",
    '"open',
    "[open",
    "x\n  continued",
    "[a,\n  b]",
    "\tx",
    "x\ty",
    "\u3000x",
    "\ufeffx",
    "a\u2028b",
    "a\x85b",
    "\x07",
    "a\rb",
]
KEYS = ["owner", "a", "b_c", "a-b", "a.b", "x/y", "Y", "n", "nul", "title"]
KEYS += ["''", "'q r'", "'x: y'", "'it''s'", "'yes'", '"1"', '"#k"', "'é'"]
ODD_KEYS = ["on", "yes", "null", "~", "1", "? k", "a b", "<<", "-a", "x" * 200, "'a'b"]
ODD_KEYS += ['"\\x00k"', "'open", "'a' ", '"b" #', "'" + "x" * 200 + "'", "'a'", '"a"', '""']


def flow(draw: st.DrawFn, depth: int) -> str:
    if depth < 2 and draw(st.booleans()):
        items = draw(st.lists(st.sampled_from(FLOW_SAFE), max_size=3))
        if draw(st.booleans()):
            keys = draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True))
            return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=False)) + "}"
        inner = [flow(draw, depth + 1) for _ in range(draw(st.integers(0, 2)))]
        return "[" + ", ".join(items + inner) + "]"
    return draw(st.sampled_from(FLOW_SAFE))


def value(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.sampled_from(FLOW_SAFE))
    if kind == 1:
        return draw(st.sampled_from(BLOCK_ONLY))
    if kind == 2:
        spaces = " " * draw(st.integers(0, 1))
        items = [flow(draw, 1) for _ in range(draw(st.integers(0, 3)))]
        return "[" + spaces + ", ".join(items) + spaces + "]"
    return flow(draw, 0)


@st.composite
def plain_mapping(draw: st.DrawFn, depth: int = 0, indent: int = 0, item: bool = False) -> str:
    """Front matter fastyaml must accept."""
    pad = " " * indent
    out = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    for key in keys:
        if draw(st.integers(0, 5)) == 0 and not (item and not out):
            out.append(draw(st.sampled_from(["", pad + "# note", "   # deeper note", "#"])))
        kind = draw(st.integers(0, 6)) if depth < 3 else 0
        comment = draw(st.sampled_from(["", "", " # why"]))
        step = draw(st.integers(1, 3))
        if kind == 3:
            out.append(f"{pad}{key}:{comment}")
            out.append(draw(plain_mapping(depth + 1, indent + step)))
        elif kind == 4:  # a block sequence, indented or not
            at = " " * (indent + draw(st.integers(0, 2)))
            out.append(f"{pad}{key}:{comment}")
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    out.append(f"{at}- {value(draw)}")
                else:  # a mapping as an item
                    item = draw(plain_mapping(depth + 1, len(at) + 2, True)).lstrip(" ")
                    out.append(f"{at}- {item}")
        elif kind == 5:
            out.append(f"{pad}{key}:{comment}")  # null
        else:
            out.append(f"{pad}{key}: {value(draw)}{comment}")
    return "\n".join(out)


@st.composite
def near_miss(draw: st.DrawFn) -> str:
    """A plain front matter with one thing changed that fastyaml may not know."""
    lines = draw(plain_mapping()).split("\n")
    at = draw(st.integers(0, len(lines)))
    how = draw(st.integers(0, 4))
    if how == 0:
        lines.insert(at, f"{draw(st.sampled_from(KEYS))}: {draw(st.sampled_from(NEAR_MISS))}")
    elif how == 1:
        lines.insert(at, f"{draw(st.sampled_from(ODD_KEYS))}: x")
    elif how == 2 and at < len(lines):  # indentation off by one or two
        lines[at] = " " * draw(st.integers(1, 2)) + lines[at]
    elif how == 3 and at < len(lines):  # a line given twice (a duplicate key)
        lines.insert(at, lines[at])
    else:
        fragment = draw(st.sampled_from(NEAR_MISS + ["- x", "---", "...", "%YAML 1.1"]))
        lines.insert(at, fragment)
    return "\n".join(lines)


def typed(value: Any) -> Any:
    """The value with every type spelled out (1 == True == 1.0 otherwise)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def shown(fm: FrontMatter) -> Any:
    return (typed(fm.data), fm.lines, fm.error, fm.duplicates, fm.plain)


def both(text: str, fatal: bool) -> tuple[Any, Any]:
    front = FrontMatter(text=text, first_line=2, closing_line=0)
    fast = parse(replace(front), fatal)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(frontmatter, "read_mapping", lambda *args: None)  # libyaml's path only
        slow = parse(replace(front), fatal)
    return shown(fast), shown(slow)


def document(text: str, monkeypatch: pytest.MonkeyPatch | None) -> Any:
    raw = ("---\n" + text + "\n---\n# Title\n").encode()
    with pytest.MonkeyPatch.context() as m:
        if monkeypatch is not None:
            m.setattr(frontmatter, "read_mapping", lambda *args: None)
        doc = parse_document("d.md", Path("d.md"), "d.md", raw, lambda rel, declared: "runbook")
    assert doc.front_matter is not None
    return (
        typed(doc.meta),
        shown(doc.front_matter),
        doc.problems,
        doc.title,
        doc.title_line,
        doc.doc_type,
    )


SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(plain_mapping(), st.booleans())
def test_plain_front_matter_is_read_without_libyaml_and_equally(text: str, fatal: bool) -> None:
    assert read_mapping(text) is not None, text
    fast, slow = both(text, fatal)
    assert fast == slow


@SETTINGS
@given(near_miss(), st.booleans())
def test_near_misses_are_equal_or_declined(text: str, fatal: bool) -> None:
    fast, slow = both(text, fatal)
    assert fast == slow


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(plain_mapping(), near_miss()))
def test_the_whole_document_is_the_same(text: str) -> None:
    assert document(text, None) == document(text, pytest.MonkeyPatch())


def test_a_plain_front_matter_value_by_value() -> None:
    text = (
        "title: 'Payments: DB failover'\nowner: alice\nlast_reviewed: 2026-10-02\n"
        "review_every: 90d\ncovers: [services/pay/**, 'x, y']\nretries: 3\nurgent: yes\n"
        "escalation:\n  - page: bob\n    after: 5m\n  - {page: carol, after: 15m}\n"
        "contacts:\n  phone: '+44 20 7946 0018'\nbad_day: 2026-13-45\n"
    )
    result = read_mapping(text, offset=1)
    assert result is not None
    data, lines = result
    assert data == {
        "title": "Payments: DB failover",
        "owner": "alice",
        "last_reviewed": dt.date(2026, 10, 2),
        "review_every": "90d",
        "covers": ["services/pay/**", "x, y"],
        "retries": 3,
        "urgent": True,
        "escalation": [{"page": "bob", "after": "5m"}, {"page": "carol", "after": "15m"}],
        "contacts": {"phone": "+44 20 7946 0018"},
        "bad_day": "2026-13-45",
    }
    assert lines[("escalation", 0, "after")] == 11
    assert lines[("escalation", 1, "page")] == 12
    assert lines[("covers", 1)] == 6
    assert lines[("contacts", "phone")] == 14
    quoted = read_mapping("types:\n  '': runbook\n  \"ops/\": note\nx: {'a b': 1}\n")
    assert quoted == (
        {"types": {"": "runbook", "ops/": "note"}, "x": {"a b": 1}},
        {("types",): 1, ("types", ""): 2, ("types", "ops/"): 3, ("x",): 4, ("x", "a b"): 4},
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: |\n  block\n",  # block scalars
        "a: >\n  folded\n",
        "a: one\n  two\n",  # a multi-line plain scalar
        "a: [1,\n  2]\n",  # a multi-line flow collection
        "a: 'one\n  two'\n",  # a multi-line quoted scalar
        'a: "tab\\there"\n',  # escapes
        "a:\tb\n",  # tabs
        "a: b\r\n",  # carriage returns
        "? a\n: b\n",  # explicit keys
        '"a\\tb": c\n',  # a key with an escape
        "'a' : b\n",  # a space before the colon
        "a: {'b':c}\n",  # no space after a flow key's colon
        "yes: b\n",  # a key that is not a string
        "a: 1\na: 2\n",  # a key given twice
        "a: 2026-10-02T10:00:00Z\n",  # a timestamp with a time
        "<<: {a: 1}\n",  # a merge key
        "a: =\n",  # the value key
        " a: 1\n",  # an indented top level
        "a:\n    b: 1\n  c: 2\n",  # odd indentation
        "- a\n",  # not a mapping
        "a: b: c\n",  # a mapping in a value
        "a: [b, c,]\n",  # a trailing comma
        "--- x\n",  # document markers
        "a: 0x_\n",  # what PyYAML's constructor raises on
        "a: b\u2028c: d\n",  # a YAML-only line break
    ],
)
def test_what_it_declines(text: str) -> None:
    assert read_mapping(text) is None
    for fatal in (True, False):
        fast, slow = both(text, fatal)
        assert fast == slow


def test_the_benchmarks_and_this_repositorys_front_matter_is_plain() -> None:
    root = Path(__file__).parent.parent
    texts = [(root / "people.yml").read_text(encoding="utf-8")]
    for path in sorted((root / "runbooks").rglob("*.md")):
        front = frontmatter.split(path.read_text(encoding="utf-8")).front_matter
        if front is not None:
            texts.append(front.text)
    assert len(texts) > 10
    for text in texts:
        assert read_mapping(text) is not None, text[:200]
