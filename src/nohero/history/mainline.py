"""HEAD's first-parent line: where a change counts as landed."""

from __future__ import annotations

from .rungit import git_output, run_git


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
