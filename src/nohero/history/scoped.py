"""A mine that lists only what documents need, exact all the same.

`git log -- docs/` walks the same commits as a whole-tree log but diffs
only docs_dir: on a big repository that is a third of the git time and a
fifth of the output. Its fold gives every path in the scope the same events
as a whole-tree mine, with three exceptions this module mends:

- rename pairing: a pathspec-limited diff pairs renames only inside the
  scope, so a document moved in from `wiki/x.md` reads as added (its
  authors lost), and, rarely, a pairing inside the scope differs from the
  whole tree's (a deleted doc more like a file outside; the rename limit
  counted on a smaller diff). So every listed non-merge commit that adds a
  path in the scope (status A or R: a D or M reads the same either way) is
  diffed again over the whole tree, by one `git diff-tree --stdin` process
  with the log's own options (`recheck`). Where the two disagree, the
  whole tree's changes win (`overrides`, folded by the next round) and a
  rename source outside the scope widens it (that file's own history is
  then listed, renames included, round after round);
- paths documents need outside docs_dir, known only once they are loaded
  (snippets, documents in symlinked folders): `miner.build_history` mines
  again with the union, a second pass only for such repositories;
- `nohero adopt` drafts people.yml from everyone who committed: it asks for
  the whole tree (scope None).

Commits that touched nothing in the scope are not listed at all: their
notes (impossible dates, unpaired mass renames) and `stats["commits"]`
count only what the documents' history read.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from . import gitlog
from .cache import Mined
from .gitlog import LOG_FORMAT, FileChange, RawCommit, parse_log
from .renames import pair_doc_renames
from .rungit import GitProcess
from .scope import Scope, includes_path, includes_prefix

# Rounds of widening before a mine gives up on a scope and lists the whole
# tree (each round is one more scoped log; real repositories need one).
MAX_ROUNDS = 4

# One commit to diff again: (sha, first parent, the changes the fold applied)
Candidate = tuple[str, str, list[FileChange]]
# sha -> its whole-tree changes (raw, as a whole-tree log prints them)
Overrides = dict[str, list[FileChange]]


class Scoped:
    """What one round of a scoped fold is given and leaves: the whole-tree
    changes of commits it must fold as such (`overrides`), the main line
    when known before the log (an incremental mine), and the commits to
    diff again over the whole tree once the log has ended (`candidates`)."""

    def __init__(self, overrides: Overrides, line: set[str] | None = None) -> None:
        self.overrides = overrides
        self.line = line
        self.candidates: list[Candidate] = []


def in_scope(
    scope: Scope, changes: Sequence[FileChange], outside: set[str] | None = None
) -> list[FileChange]:
    """The whole-tree `changes` of a commit as a scoped fold must apply them:
    changes to paths in `scope`; a rename out of it as the deletion the
    scoped log prints. A rename into it from outside is kept, its source
    added to `outside` (the scope must widen for its history to follow)."""
    kept: list[FileChange] = []
    for change in changes:
        if includes_path(scope, change.path):
            kept.append(change)
            old = change.old_path
            if old is not None and outside is not None and not includes_path(scope, old):
                outside.add(old)
        elif change.old_path is not None and includes_path(scope, change.old_path):
            kept.append(FileChange("D", change.old_path, None, change.old_blob, None))
    return kept


def whole_changes(
    root: str, mined: Mined, commit: RawCommit, changes: list[FileChange]
) -> list[FileChange]:
    """A commit's whole-tree changes as a whole-tree fold takes them:
    documents paired again when the commit moved more than the rename limit
    (git gives up its own rename detection past it, see
    `renames.rename_detection_skipped`). Every fold's commits go through it."""
    if len(changes) > gitlog.RENAME_LIMIT:  # read when used: tests lower it
        return pair_doc_renames(root, mined, commit, changes)
    return changes


def recheck(
    root: str, scope: Scope, candidates: list[Candidate], overrides: Overrides, outside: set[str]
) -> None:
    """Diff `candidates` again over the whole tree; where a scoped fold got
    them wrong, their whole-tree changes go to `overrides`, and rename
    sources outside `scope` to `outside`. Nothing added to either: exact."""
    candidates = [c for c in candidates if c[0] not in overrides]
    if not candidates:
        return
    # A commit that changed nothing but folders wholly in the scope has the
    # same diff either way: only the others are diffed again, recursively
    # (a big repository's bulk commits: a second of git's CPU, 1,383 -> 296).
    pairs = [(sha, parent) for sha, parent, _ in candidates]
    elsewhere = {
        commit.sha
        for commit, changes in diff_commits(root, pairs, recursive=False)
        if not all(includes_prefix(scope, f"{change.path}/") for change in changes)
    }
    candidates = [c for c in candidates if c[0] in elsewhere]
    if not candidates:
        return
    # Only the odd list of the commits a later round folds again is kept:
    # a scratch Mined takes pair_doc_renames' notes here.
    scratch = Mined(head="")
    by_sha = {sha: applied for sha, _parent, applied in candidates}
    for commit, changes in diff_commits(root, [(sha, parent) for sha, parent, _ in candidates]):
        whole = whole_changes(root, scratch, commit, changes)
        sources: set[str] = set()
        wanted = in_scope(scope, whole, sources)
        if sources:
            outside |= sources
            overrides[commit.sha] = changes
        elif set(wanted) != set(by_sha[commit.sha]) or len(wanted) != len(by_sha[commit.sha]):
            overrides[commit.sha] = changes


def diff_commits(
    root: str, pairs: list[tuple[str, str]], recursive: bool = True
) -> list[tuple[RawCommit, list[FileChange]]]:
    """Each (commit, first parent)'s whole-tree changes, with the log's own
    diff options, from one `git diff-tree --stdin` (never a git per commit);
    not `recursive`: the top-level entries that changed, no renames."""
    options = ["-r", "-M", f"-l{gitlog.RENAME_LIMIT}"] if recursive else ["--no-renames"]
    proc = GitProcess(
        root, "diff-tree", "--stdin", *options, "-z", "--raw", "--no-abbrev", "--root",
        f"--format={LOG_FORMAT}", stdin=True,
    )  # fmt: skip
    stdin = proc.proc.stdin
    assert stdin is not None
    lines = "".join(f"{sha} {parent}\n" for sha, parent in pairs).encode()

    def feed() -> None:  # a thread: git's output is read while it reads its input
        try:
            stdin.write(lines)
        except OSError:  # git ended early: its status says why
            pass
        finally:
            try:
                stdin.close()
            except OSError:
                pass

    writer = threading.Thread(target=feed, name="nohero-diff-tree", daemon=True)
    writer.start()
    try:
        listed = list(parse_log(proc.stdout))
        writer.join()
        proc.wait()
    finally:
        proc.end()
    return listed


__all__ = ["MAX_ROUNDS", "Scoped", "in_scope", "recheck", "whole_changes"]
