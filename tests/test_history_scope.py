"""history.scope: which paths a mine of some folders and files listed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nohero.history.scope import includes_path, includes_prefix

_PART = st.sampled_from(["docs", "doc", "docs2", "a", "b.md", "x"])
_PATH = st.lists(_PART, min_size=1, max_size=4).map("/".join)


def test_whole_tree_includes_everything() -> None:
    assert includes_path(None, "any/where.md")
    assert includes_prefix(None, "")
    assert includes_path(("",), "any/where.md")
    assert includes_prefix(("",), "services/")


def test_folder_entries_are_prefixes_not_name_starts() -> None:
    scope = ("docs/", "snippets/one.md")
    assert includes_path(scope, "docs/a.md")
    assert not includes_path(scope, "docs2/a.md")  # "docs/" is a folder, not a name start
    assert includes_path(scope, "snippets/one.md")
    assert not includes_path(scope, "snippets/one.md.bak")  # a file entry is that file only
    assert includes_prefix(scope, "docs/svc/")
    assert not includes_prefix(scope, "snippets/")  # one file of it, not the folder
    assert not includes_prefix(scope, "")


@given(st.lists(_PATH, max_size=3), _PATH)
def test_a_path_under_an_included_prefix_is_included(folders: list[str], path: str) -> None:
    scope = tuple(f"{folder}/" for folder in folders)
    for folder in folders:
        if includes_prefix(scope, f"{folder}/"):
            assert includes_path(scope, f"{folder}/{path}")


@given(st.lists(st.one_of(_PATH, _PATH.map(lambda p: f"{p}/")), max_size=4), _PATH)
def test_a_folder_is_included_as_a_path_exactly_when_as_a_prefix(
    entries: list[str], folder: str
) -> None:
    """`includes_path` on a folder prefix answers what `includes_prefix` does
    (the covers pass and `scope.covers` ask through the one function)."""
    scope = tuple(entries)
    assert includes_path(scope, f"{folder}/") == includes_prefix(scope, f"{folder}/")
    assert includes_path(scope, "") == includes_prefix(scope, "")
