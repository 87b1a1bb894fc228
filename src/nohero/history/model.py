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

    def for_doc(self, path: str) -> DocHistory | None:
        return self.docs.get(path)

    def last_change_matching(
        self, globs: list[str], after: dt.date | None = None
    ) -> tuple[str, dt.datetime] | None:
        """Newest change to a path matching any glob (`**` crosses folders)."""
        best: tuple[str, dt.datetime] | None = None
        for path, when in self.last_change.items():
            if after is not None and when.date() <= after:
                continue
            if any(glob_match(path, g) for g in globs) and (best is None or when > best[1]):
                best = (path, when)
        return best


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
