"""`mainline.last_changes` (last changes replayed once the main line is known)
against the commit-by-commit rule it replaces: on the main line, a path's
last change moves to a commit whose committer time is not older; a path
enters `last_change` when first touched. Times rising or not, cold or on top
of a cached mine, the values and the key order must be the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.history.cache import Mined
from nohero.history.mainline import last_changes

PATHS = ["a.md", "b.md", "c.py", "d/e.md"]

COMMIT = st.tuples(
    st.integers(0, 6),  # committer time
    st.booleans(),  # on the main line
    st.lists(st.sampled_from(PATHS), max_size=4),  # paths it changed (renames: both)
)


def _record(n: int, when: int) -> tuple[str, str, str, str, int, tuple[str, ...]]:
    return (f"{n:040x}", "n", "e", "2026-01-01T00:00:00+00:00", when, ())


def _one_by_one(
    last: dict[str, int], commits: list, batch: list[tuple[int, bool, list[str]]], start: int
) -> dict[str, int]:
    last = dict(last)
    for offset, (_when, on_line, paths) in enumerate(batch):
        idx = start + offset
        if not on_line:
            continue
        for path in paths:
            previous = last.get(path)
            if previous is None or commits[previous][4] <= commits[idx][4]:
                last[path] = idx
    return last


@settings(max_examples=300)
@given(
    st.lists(COMMIT, max_size=8),
    st.lists(COMMIT, min_size=1, max_size=10),
    st.booleans(),
)
def test_last_changes_equal_a_commit_by_commit_pass(
    cached: list[tuple[int, bool, list[str]]],
    batch: list[tuple[int, bool, list[str]]],
    rising: bool,
) -> None:
    if rising:  # the usual history: committer times never go back
        batch = [(n, on, paths) for n, (_w, on, paths) in enumerate(batch)]
    commits = [_record(n, when) for n, (when, _on, _p) in enumerate(cached + batch)]
    before = _one_by_one({}, commits, cached, 0)  # what a cached mine holds
    mined = Mined(head="0" * 40, commits=commits, last_change=dict(before))
    touched: list[str] = []
    ends: list[int] = []
    for _when, _on, paths in batch:
        touched += paths
        ends.append(len(touched))
    line = {commits[len(cached) + i][0] for i, (_w, on, _p) in enumerate(batch) if on}
    last_changes(mined, len(cached), touched, ends, line)
    expected = _one_by_one(before, commits, batch, len(cached))
    assert list(mined.last_change.items()) == list(expected.items())
