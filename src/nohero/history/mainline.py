"""HEAD's first-parent line: where a change counts as landed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import git


def first_parent_line(repo: git.Git, revisions: str, old: str | None) -> set[str] | None:
    """The commits of `revisions` on HEAD's first-parent line; None when the
    cached head `old` is not on that line (HEAD merged the old main line in as
    a side branch: the cached times would be wrong, so mine again)."""
    out = repo.execute(["git", "rev-list", "--first-parent", "--parents", revisions])
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


def is_ancestor(repo: git.Git, old: str, head: str) -> bool:
    import git

    try:
        repo.execute(["git", "merge-base", "--is-ancestor", old, head])
        return True
    except git.GitCommandError:
        return False  # not an ancestor (a rebase), or an unknown commit (a foreign cache)
