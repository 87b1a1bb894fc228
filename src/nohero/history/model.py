"""The mined history as plain data. Producers: `history.miner`. Consumers:
rules (drift, single-author), the report, whatif, trends and the site.

The interface other modules rely on:
- `History.available` / `History.note`: False plus a human reason when there
  is no usable history (not a git repo, shallow clone, no commits).
- `History.docs[path]`: a `DocHistory` for every document path (repo-relative
  POSIX) that git knows, following renames.
- `History.last_change_matching(globs, after=None)`: the newest change to any
  repo file matching `covers` globs, for drift.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Change:
    """One non-merge commit that touched a document."""

    sha: str
    when: dt.datetime  # author date, timezone-aware
    authors: tuple[str, ...]  # resolved identity ids (roster id, else email); bots removed
    content: bool  # False when only the front matter changed (a review bump, an owner change)
    created: bool = False  # the commit added the file (or re-added it after a delete)
    last_reviewed: dt.date | None = (
        None  # the doc's last_reviewed value after this commit, when known
    )


@dataclass
class DocHistory:
    path: str
    changes: list[Change] = field(default_factory=list)  # oldest first, since the last (re)creation
    authors: list[tuple[str, int]] = field(default_factory=list)  # (id, commits), most first
    knowledge_holders: list[str] = field(default_factory=list)

    @property
    def last_modified(self) -> dt.date | None:
        return self.changes[-1].when.date() if self.changes else None

    @property
    def last_content_change(self) -> dt.date | None:
        for change in reversed(self.changes):
            if change.content:
                return change.when.date()
        return None


@dataclass
class History:
    available: bool
    note: str | None = None  # why history is missing or partial, said to the user
    shallow: bool = False  # a shallow clone: report/whatif refuse (exit 2), check and build go on
    head: str | None = None
    docs: dict[str, DocHistory] = field(default_factory=dict)
    last_change: dict[str, dt.datetime] = field(
        default_factory=dict
    )  # any repo path -> newest change
    # How it was mined: cache (cold|warm|incremental), commits_parsed, commits.
    stats: dict[str, object] = field(default_factory=dict)
    # lower-cased git email or case-folded git name -> the id it is shown as
    # (so `whatif --away` takes an email or a git name as well as a roster id)
    aliases: dict[str, str] = field(default_factory=dict)
    _sorted_paths: list[str] = field(default_factory=list, repr=False, compare=False)
    _newest_by_glob: dict[str, tuple[str, dt.datetime] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def for_doc(self, path: str) -> DocHistory | None:
        return self.docs.get(path)

    def last_change_matching(
        self, globs: list[str], after: dt.date | None = None
    ) -> tuple[str, dt.datetime] | None:
        """Newest change to a path matching any glob (`**` crosses folders),
        if it is later than `after`."""
        best: tuple[str, dt.datetime] | None = None
        for glob in globs:
            newest = self._newest_matching(glob)
            if newest is not None and (best is None or newest[1] > best[1]):
                best = newest
        if best is None or (after is not None and best[1].date() <= after):
            return None
        return best

    def _newest_matching(self, glob: str) -> tuple[str, dt.datetime] | None:
        """Newest change under one glob, memoised: thousands of documents share
        a handful of `covers` globs, and drift and rubber-stamp both ask."""
        memo = self._newest_by_glob
        if glob in memo:
            return memo[glob]
        if len(self._sorted_paths) != len(self.last_change):
            self._sorted_paths[:] = sorted(self.last_change)
        paths = self._sorted_paths
        prefix = literal_prefix(glob)
        best: tuple[str, dt.datetime] | None = None
        for index in range(bisect.bisect_left(paths, prefix), len(paths)):
            path = paths[index]
            if not path.startswith(prefix):
                break
            when = self.last_change[path]
            if (best is None or when > best[1]) and glob_match(path, glob):
                best = (path, when)
        memo[glob] = best
        return best


def literal_prefix(glob: str) -> str:
    """The folder part of a glob before its first wildcard: every path the
    glob matches starts with it ('services/pay*/x' -> 'services/')."""
    pattern = glob.strip().lstrip("/")
    cut = min((i for i, ch in enumerate(pattern) if ch in "*?"), default=len(pattern))
    head = pattern[:cut]
    if cut == len(pattern):
        return head  # no wildcard: the path itself or a folder below it
    return head[: head.rfind("/") + 1]


def glob_match(path: str, pattern: str) -> bool:
    """gitignore-like matching: `**` spans folders, `*` stays within one;
    a pattern ending in `/` (or naming a folder) covers everything below it."""
    pattern = pattern.strip().lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    if path == pattern or path.startswith(pattern.rstrip("/") + "/"):
        return True
    return _glob_regex(pattern).match(path) is not None


_CACHE: dict[str, object] = {}


def _glob_regex(pattern: str):  # type: ignore[no-untyped-def]
    import re

    cached = _CACHE.get(pattern)
    if cached is None:
        out, i = [], 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif pattern.startswith("**", i):
                out.append(".*")
                i += 2
            elif pattern[i] == "*":
                out.append("[^/]*")
                i += 1
            elif pattern[i] == "?":
                out.append("[^/]")
                i += 1
            else:
                out.append(re.escape(pattern[i]))
                i += 1
        cached = re.compile("".join(out) + r"\Z")
        _CACHE[pattern] = cached
    return cached


__all__ = ["Change", "DocHistory", "History", "glob_match"]
