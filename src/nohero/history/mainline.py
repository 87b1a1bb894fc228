"""HEAD's first-parent line: where a change counts as landed."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, compress, repeat
from operator import le, sub

from .cache import Mined
from .rungit import GitProcess, git_output, run_git


def first_parent_line(root: str, revisions: str, old: str | None) -> set[str] | None:
    """The commits of `revisions` on HEAD's first-parent line; None when the
    cached head `old` is not on that line (HEAD merged the old main line in as
    a side branch: the cached times would be wrong, so mine again)."""
    out = git_output(root, "rev-list", "--first-parent", "--parents", revisions).decode()
    line: set[str] = set()
    oldest_parent: str | None = None
    for row in out.split("\n"):
        shas = row.split()
        if shas:
            line.add(shas[0])
            oldest_parent = shas[1] if len(shas) > 1 else None
    if old is not None and oldest_parent != old:
        return None
    return line


def is_ancestor(root: str, old: str, head: str) -> bool:
    """Whether `old` is an ancestor of `head`: not when rebased away, nor
    when git does not know it (a foreign cache)."""
    done = run_git(root, "merge-base", "--is-ancestor", old, head)
    return done is not None and done.returncode == 0


def first_parent_process(root: str, head: str) -> GitProcess:
    """`git rev-list --first-parent HEAD`, started: the main line of a scoped
    mine, whose log lists only the commits that changed its scope (so the
    line cannot be walked through the parents it prints). Run alongside the
    log; its few hundred kilobytes are read once the log has ended."""
    return GitProcess(root, "rev-list", "--first-parent", head)


def read_line(proc: GitProcess) -> set[str]:
    """The commits a `first_parent_process` listed (it is ended either way)."""
    try:
        out = proc.stdout.read()
        proc.wait()
    finally:
        proc.end()
    return set(out.decode("ascii").split())


def main_line(head: str, first_parents: dict[str, str | None]) -> set[str]:
    """The listed commits on `head`'s first-parent line: walked down from
    `head` by first parents until one was not listed (the root, or the
    cached head an incremental mine builds on)."""
    line: set[str] = set()
    sha: str | None = head
    while sha is not None and sha in first_parents:
        line.add(sha)
        sha = first_parents[sha]
    return line


def last_changes(
    mined: Mined, start: int, touched: list[str], ends: list[int], line: set[str]
) -> None:
    """Move `last_change` for the paths the listed commits on the main `line`
    changed (commit index `start` onwards, oldest first; each commit's paths
    end at its `ends` entry): the newest committer time wins, a tie the
    later commit. A path enters `last_change` when first touched, as one
    commit-by-commit pass would insert it (the cache keeps that order).
    Written with itertools, not a loop per commit: it runs after git log
    has ended, when nothing else overlaps it."""
    listed = mined.commits[start:]
    counts = list(map(sub, ends, [0, *ends[:-1]]))  # paths per commit
    owners: Iterable[int] = chain.from_iterable(
        map(repeat, range(start, start + len(ends)), counts)
    )
    times = [commit[4] for commit in listed]
    paths: Iterable[str] = touched
    if len(line) < len(listed):  # some commits are off the main line (merged branches)
        on_line = [commit[0] in line for commit in listed]
        keep = list(chain.from_iterable(map(repeat, on_line, counts)))
        paths, owners = compress(touched, keep), compress(owners, keep)
        times = list(compress(times, on_line))
    last_change = mined.last_change
    changes: Iterable[tuple[str, int]] = zip(paths, owners, strict=True)
    if all(map(le, times, times[1:])):
        # Rising times: a path's newest change is the last commit to touch it
        # (dict keeps each key where first inserted and its last value).
        latest = dict(changes)
        if not last_change:
            last_change.update(latest)
            return
        changes = latest.items()  # an incremental mine: against the cached ones
    # times go back, or cached last changes: compare them change by change
    commits = mined.commits
    for path, idx in changes:
        previous = last_change.get(path)
        if previous is None or commits[previous][4] <= commits[idx][4]:
            last_change[path] = idx
