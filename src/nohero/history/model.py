"""The mined history as plain data. Producers: `history.miner`. Consumers:
rules (drift, single-author), the report, whatif, trends and the site.

The interface other modules rely on:
- `History.available` / `History.note`: False plus a human reason when there
  is no usable history (not a git repo, shallow clone, no commits).
- `History.docs[path]`: a `DocHistory` for every document path (repo-relative
  POSIX) that git knows, following renames.
- `History.last_change_matching(globs, after=None)`: the newest change to any
  repo file matching `covers` globs, for drift. `History.last_change` holds
  the paths the mine listed (`history.scope`: docs_dir, unless a whole-tree
  mine) joined with the code documents' `covers` name (`history.covered`):
  every path a `covers` glob can match, not every path of the repository.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from ..globs import covers, glob_match, literal_prefix
from ..lazyclass import field, record
from .oddities import safe_datetime


@record(frozen=True, slots=True)
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


@record
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


class ChangeTimes(Mapping[str, dt.datetime]):
    """path -> when its last change reached the main line, each a datetime
    made when first asked for: drift asks about the few paths a document
    covers, out of every path the repository ever had. `commit_of`: path ->
    index of the commit that last changed it, into `times` (each commit's
    committer time, epoch seconds): the mine's own tables, not copied
    (38,000 paths). `more`: path -> epoch for paths the mine did not list
    (`history.covered`: what documents cover outside docs_dir); a path in
    both has the same time in both (each is exact), the mine's is read."""

    def __init__(
        self,
        commit_of: Mapping[str, int],
        times: Sequence[int],
        more: Mapping[str, int] | None = None,
    ) -> None:
        self._commit_of = commit_of
        self._times = times
        self._more: Mapping[str, int] = more or {}
        self._only_more = [path for path in self._more if path not in commit_of]
        self._made: dict[str, dt.datetime] = {}

    def joined(self, more: Mapping[str, int]) -> ChangeTimes:
        """These times and `more`'s (path -> epoch) as one mapping."""
        return ChangeTimes(self._commit_of, self._times, {**self._more, **more})

    def __getitem__(self, path: str) -> dt.datetime:
        when = self._made.get(path)
        if when is None:
            idx = self._commit_of.get(path)
            epoch = self._times[idx] if idx is not None else self._more[path]
            when = self._made[path] = safe_datetime(epoch)[0]
        return when

    def __contains__(self, path: object) -> bool:
        return path in self._commit_of or path in self._more

    def __iter__(self) -> Iterator[str]:
        yield from self._commit_of
        yield from self._only_more

    def __len__(self) -> int:
        return len(self._commit_of) + len(self._only_more)


@record
class History:
    available: bool
    note: str | None = None  # why history is missing or partial, said to the user
    shallow: bool = False  # a shallow clone: report/whatif refuse (exit 2), check and build go on
    head: str | None = None
    docs: dict[str, DocHistory] = field(default_factory=dict)
    last_change: Mapping[str, dt.datetime] = field(
        default_factory=dict
    )  # listed or covered path -> newest change on the main line
    # How it was mined: cache (cold|warm|incremental), commits_parsed, commits.
    stats: dict[str, object] = field(default_factory=dict)
    # lower-cased git email or case-folded git name -> the id it is shown as
    # (so `whatif --away` takes an email or a git name as well as a roster id)
    aliases: dict[str, str] = field(default_factory=dict)
    _sorted_paths: list[str] = field(default_factory=list, repr=False, compare=False)
    _newest_by_glob: dict[tuple[str, ...], tuple[str, dt.datetime] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def for_doc(self, path: str) -> DocHistory | None:
        return self.docs.get(path)

    def last_change_matching(
        self, globs: list[str], after: dt.date | None = None
    ) -> tuple[str, dt.datetime] | None:
        """Newest change to a path the `covers` patterns cover (gitignore
        semantics, see `nohero.globs`), if it is later than `after`."""
        best: tuple[str, dt.datetime] | None = None
        if any(g.lstrip().startswith("!") for g in globs):
            best = self._newest_covered(tuple(globs))
        else:
            for glob in globs:
                newest = self._newest_covered((glob,))
                if newest is not None and (best is None or newest[1] > best[1]):
                    best = newest
        if best is None or (after is not None and best[1].date() <= after):
            return None
        return best

    def _newest_covered(self, patterns: tuple[str, ...]) -> tuple[str, dt.datetime] | None:
        """Newest change covered by a pattern list, memoised: thousands of
        documents share a handful of `covers` patterns, and drift and
        rubber-stamp both ask. Only paths under a pattern's literal prefix are
        tried (a sorted list and bisect)."""
        memo = self._newest_by_glob
        if patterns in memo:
            return memo[patterns]
        if len(self._sorted_paths) != len(self.last_change):
            self._sorted_paths[:] = sorted(self.last_change)
        paths = self._sorted_paths
        matcher = covers(patterns)
        best: tuple[str, dt.datetime] | None = None
        prefixes = {literal_prefix(p) for p in patterns if not p.lstrip().startswith("!")}
        if "" in prefixes:
            prefixes = {""}
        for prefix in sorted(prefixes):
            for index in range(bisect.bisect_left(paths, prefix), len(paths)):
                path = paths[index]
                if not path.startswith(prefix):
                    break
                when = self.last_change[path]
                if (best is None or when > best[1]) and matcher.match(path):
                    best = (path, when)
        memo[patterns] = best
        return best


__all__ = ["Change", "DocHistory", "History", "glob_match"]
