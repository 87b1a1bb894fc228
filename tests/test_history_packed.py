"""The history cache's packed tables (history/packed.py) read back exactly
what was mined, one record at a time or all of them, and a run limited to
some documents decodes only their events."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.history import cache
from nohero.history.cache import Mined
from nohero.history.packed import EventsByPath, Records, join_paths, pack

paths_st = st.lists(
    st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), min_size=1),
    unique=True,
    max_size=60,
)
events_st = st.lists(
    st.lists(st.integers(0, 5), min_size=3, max_size=3).map(lambda e: [e[0], e[1], None]),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(paths_st, st.data())
def test_every_path_reads_back_its_own_events(paths: list[str], data: st.DataObject) -> None:
    records = [data.draw(st.one_of(st.none(), events_st)) for _ in paths]
    blob, ends = pack(records)
    table = EventsByPath(join_paths(paths), Records(blob, ends))
    expected = {p: r for p, r in zip(paths, records, strict=True) if r is not None}
    for path in paths:  # one by one: searched, then (past the threshold) indexed
        assert (path in table) == (path in expected), path
        assert table.get(path) == expected.get(path), path
    assert dict(table) == expected and list(table) == list(expected)
    assert "no such path" not in table or "no such path" in expected
    with pytest.raises(KeyError):
        table["\0"]


def test_a_path_is_found_whole_never_as_part_of_another() -> None:
    paths = ["docs/a.md", "docs/a.md.bak", "x/docs/a.md", "docs/a"]
    blob, ends = pack([[[0, 1, None]], [[1, 1, None]], [[2, 1, None]], None])
    table = EventsByPath(join_paths(paths), Records(blob, ends))
    assert table["docs/a.md"] == [[0, 1, None]]
    assert table["x/docs/a.md"] == [[2, 1, None]]
    assert "docs/a" not in table and "a.md" not in table and "" not in table


def test_records_read_one_at_a_time_or_all() -> None:
    rows = [("a" * 40, "Ann", "ann@x", "2026-01-01T00:00:00+00:00", 5, ()), (1, [2]), None]
    blob, ends = pack(rows)
    records = Records(blob, ends)
    assert len(records) == 3 and records[-1] is None and records[1] == (1, [2])
    assert list(records) == rows and records[0:2] == rows[:2]
    with pytest.raises(IndexError):
        records[3]
    with pytest.raises(ValueError):
        Records(blob + b"x", ends)  # a table that does not fit its blob


def mined_sample() -> Mined:
    commits = [
        (f"{i:040x}", f"n{i}", f"e{i}@x", "2026-01-01T00:00:00+00:00", 1000 + i, ("C",) * (i % 2))
        for i in range(5)
    ]
    events = {"docs/a.md": [[0, 3, "2026-01-01"], [2, 2, None]], "docs/b c.md": [[1, 3, None]]}
    last_change = {"docs/a.md": 2, "docs/b c.md": 1, "src/x.py": 4, "gone.md": 3}
    return Mined(
        head="f" * 40,
        commits=commits,
        events=events,
        last_change=last_change,
        odd={cache.DATES_CLAMPED: ["a" * 40]},
        docs_prefix="docs/",
    )


def test_the_cache_reads_back_what_was_mined(tmp_path) -> None:  # type: ignore[no-untyped-def]
    mined = mined_sample()
    key = b"k" * 32
    assert cache.save(tmp_path, mined, key)
    back = cache.load(tmp_path, key)
    assert back is not None
    assert list(back.commits) == mined.commits and dict(back.events) == mined.events
    assert back.last_change == mined.last_change and back.odd == mined.odd
    assert (back.head, back.docs_prefix) == (mined.head, mined.docs_prefix)
    assert list(back.commit_times()) == [c[4] for c in mined.commits]
    commits, events = back.plain()  # what an incremental mine adds to
    assert commits == mined.commits and events == mined.events
    assert type(commits) is list and type(events) is dict and back.times is None


def test_a_run_limited_to_one_document_decodes_only_its_events(tmp_path) -> None:  # type: ignore[no-untyped-def]
    mined = mined_sample()
    mined.events = {f"docs/{i}.md": [[i % 5, 3, None]] for i in range(500)}
    key = b"k" * 32
    cache.save(tmp_path, mined, key)
    back = cache.load(tmp_path, key)
    assert back is not None and isinstance(back.events, EventsByPath)
    decoded = back.events._records._done  # noqa: SLF001 - what was read is the point
    assert back.events["docs/7.md"] == [[2, 3, None]]
    assert "docs/9.md" in back.events
    assert sorted(decoded.values()) == [[[2, 3, None]], [[4, 3, None]]]  # those two only
