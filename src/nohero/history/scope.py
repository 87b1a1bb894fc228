"""Which paths a mine listed: the whole tree, or only some folders and files.

A cold mine of a big repository spends most of its git time diffing trees
nobody asked about (code, translations, vendored Markdown). Listing only
docs_dir (`git log -- docs/`) is exact for every document's own events;
what lies outside it -- the paths `covers` globs name (drift), snippets and
symlinked folders, rename sources -- is read by narrower passes of its own.
A scope is a tuple of repo-relative entries, each a folder prefix ending in
"/" or one file path; None (or a "" entry) is the whole tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config

Scope = tuple[str, ...] | None


def normal(scope: Scope) -> Scope:
    """`scope` as a mine lists it: None for the whole tree (a "" entry, or
    a path `git log --stdin` could not read one a line), else sorted, each
    entry once."""
    if scope is None or "" in scope or any("\n" in entry for entry in scope):
        return None
    return tuple(sorted(set(scope)))


def union(scope: Scope, extra: Iterable[str]) -> Scope:
    """`scope` with the files `extra` added (None stays the whole tree)."""
    if scope is None:
        return None
    return normal((*scope, *extra))


def covers(wide: Scope, narrow: Scope) -> bool:
    """A mine that listed `wide` holds everything a mine of `narrow` would."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(includes_path(wide, entry) for entry in narrow)


def includes_path(scope: Scope, path: str) -> bool:
    """`path` (repo-relative POSIX) was listed by a mine of `scope`; for a
    folder prefix ("" or ending in "/"), every path under it was (as
    `includes_prefix`), and for one file, that file was."""
    if scope is None:
        return True
    for entry in scope:
        if entry == path or (entry.endswith("/") or not entry) and path.startswith(entry):
            return True
    return False


def includes_prefix(scope: Scope, prefix: str) -> bool:
    """Every path under the folder `prefix` ("" or ending in "/") was listed."""
    if scope is None:
        return True
    return any((not entry or entry.endswith("/")) and prefix.startswith(entry) for entry in scope)


def requested(config: Config) -> Scope:
    """What `miner.mine(config)` lists when not told otherwise: the covers
    pass (`history.covered`) starts from it before the mine ends. None (the
    whole tree) when docs_dir is the repository itself or lies outside it."""
    from .renames import docs_prefix

    prefix = docs_prefix(config)
    return (prefix,) if prefix else None
