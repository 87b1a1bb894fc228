"""yamltree's one-walk construction gives exactly what PyYAML's constructor
and the separate key-line and duplicate-key walks give: the same values (of
the same types), the same key lines, the same errors, and says 'plain' only
of values the document cache would accept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nohero import yamlload
from nohero.doccache import _plain
from nohero.frontmatter import FrontMatter

SCALARS = [
    "x",
    "'quoted: text'",
    '"a\\tb"',
    "1",
    "0x1F",
    "0o17",
    "1_000",
    "190:20:30",
    "-3.5e2",
    ".inf",
    ".NaN",
    "yes",
    "No",
    "true",
    "~",
    "null",
    "",
    "2026-10-02",
    "2026-13-45",
    "2026-10-02T10:00:00Z",
    "2026-10-02 10:00:00.5 +02:00",
    "!!str 12",
    "!!int '7'",
    "!!binary aGVsbG8=",
    "!custom x",
    "=",
    "|\n    block\n    text",
    ">-\n    folded",
    "[a, 1, {b: 2}]",
    "{c: d, e: [1, 2]}",
    "!!set {a, b}",
    "!!omap [{a: 1}]",
]
KEYS = ["owner", "a", "1", "true", "~", "2026-01-01", "'q'", '"\\x00k"', "<<", "=", "? [k]\n "]


@st.composite
def mappings(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    indent = "  " * depth
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(KEYS))
        kind = draw(st.integers(0, 5)) if depth < 3 else 0
        if kind == 4:
            lines.append(f"{indent}{key}:\n" + draw(mappings(depth + 1)))
        elif kind == 5:
            items = draw(st.lists(st.sampled_from(SCALARS[:20]), min_size=1, max_size=3))
            lines.append(f"{indent}{key}:\n" + "".join(f"{indent}  - {i}\n" for i in items))
        else:
            value = draw(st.sampled_from(SCALARS)).replace("\n", "\n" + indent)
            lines.append(f"{indent}{key}: {value}\n")
    return "".join(lines)


def typed(value: Any) -> Any:
    """The value with every type spelled out (1 == True == 1.0 otherwise)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def both(text: str, monkeypatch: pytest.MonkeyPatch, fatal: bool) -> tuple[FrontMatter, ...]:
    # libyaml's path, with and without the one walk (fastyaml is tested in test_fastyaml)
    fast = yamlload.parse_composed(
        FrontMatter(text=text, first_line=2, closing_line=0), text, fatal
    )
    with monkeypatch.context() as m:
        m.setattr(yamlload, "build_tree", lambda *args: None)
        slow = yamlload.parse_composed(
            FrontMatter(text=text, first_line=2, closing_line=0), text, fatal
        )
    return fast, slow


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mappings(), st.booleans())
def test_one_walk_equals_pyyaml(text: str, fatal: bool) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = both(text, monkeypatch, fatal)
    assert fast.error == slow.error
    assert typed(fast.data) == typed(slow.data)
    assert fast.lines == slow.lines
    assert fast.duplicates == slow.duplicates
    if fast.plain:
        assert fast.data is not None and _plain(fast.data)


def test_plain_front_matter_takes_the_one_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "owner: alice\nlast_reviewed: 2026-10-02\nescalation:\n  - page: bob\n    after: 5m\n"
    fast, slow = both(text, monkeypatch, True)
    assert fast.plain and not slow.plain  # the walk ran (and said so) only on the fast side
    assert (
        fast.data
        == slow.data
        == {
            "owner": "alice",
            "last_reviewed": dt.date(2026, 10, 2),
            "escalation": [{"page": "bob", "after": "5m"}],
        }
    )
    assert fast.lines == slow.lines
    assert fast.lines[("escalation", 0, "after")] == 6


def test_what_the_walk_leaves_alone_is_not_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("a: !!set {x}\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "? [k]\n: v\n", "1: x\n"):
        fast, slow = both(text, monkeypatch, True)
        assert not fast.plain, text
        assert (fast.error, fast.data, fast.lines) == (slow.error, slow.data, slow.lines)
