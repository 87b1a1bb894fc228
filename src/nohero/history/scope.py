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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config

Scope = tuple[str, ...] | None


def includes_path(scope: Scope, path: str) -> bool:
    """`path` (repo-relative POSIX) was listed by a mine of `scope`."""
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
    whole tree) until the scoped docs mine is switched on."""
    return None
