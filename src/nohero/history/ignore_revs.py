"""`.git-blame-ignore-revs`: commits (mass reformatting, bulk imports, ports)
that make nobody an author, read as `git blame --ignore-revs-file` reads them.
`nohero adopt` proposes entries for commits that touched many documents at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import lazyre
from ..bounded import Refused, read_bounded
from ..config import Config
from .cache import CommitRecord

IGNORE_REVS_FILE = ".git-blame-ignore-revs"
_HEX = lazyre.compile(r"[0-9a-fA-F]{7,40}\Z")


def ignored_commits(
    config: Config, commits: Sequence[CommitRecord], notes: list[str] | None = None
) -> set[int]:
    """Indexes of the commits `.git-blame-ignore-revs` lists (full or abbreviated
    shas). Linear in commits plus lines: abbreviations are looked up in one set
    per length (at most 34 lengths), never compared with every commit. A file
    nohero refuses to read (see `bounded`) is skipped, with a line in `notes`."""
    path = config.repo_root / IGNORE_REVS_FILE
    try:
        text = read_bounded(path, config.repo_root).decode("utf-8", "replace")
    except Refused as why:
        if notes is not None:
            notes.append(f"{IGNORE_REVS_FILE} was not read: {why}")
        return set()
    except OSError:
        return set()
    by_length: dict[int, set[str]] = {}
    for line in text.splitlines():
        token = line.split("#", 1)[0].strip()
        if _HEX.match(token):
            by_length.setdefault(len(token), set()).add(token.lower())
    if not by_length:
        return set()
    lengths = sorted(by_length.items())
    return {
        idx
        for idx, rec in enumerate(commits)
        if any(rec[0][:length] in wanted for length, wanted in lengths)
    }
