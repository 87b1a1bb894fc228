"""Running git without GitPython.

Every run asks git three things before it can use the history cache (the
git dir, shallow or not, HEAD); a run at the cached HEAD asks nothing else
but `check-mailmap`. Those go straight to `subprocess`, so GitPython -- a
fifth of a one-file pre-commit run -- is imported only when `git log` and
`git cat-file` must run through it.
"""

from __future__ import annotations

import subprocess
import sys


def run_git(root: str, *args: str) -> subprocess.CompletedProcess[str] | None:
    """`git ARGS` in `root` (the probes every run makes, without GitPython);
    None when git cannot be run."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            errors="surrogateescape",
            check=False,
        )
    except OSError:
        return None


def git_failed(exc: BaseException) -> bool:
    """A git command run through GitPython failed (only once it is imported)."""
    module = sys.modules.get("git")
    return module is not None and isinstance(exc, module.GitCommandError)
