"""Running git without GitPython.

Every run asks git three things before it can use the history cache (the
git dir, shallow or not, HEAD); a run at the cached HEAD asks nothing else
but `check-mailmap`. A cold mine streams `git log` and `git cat-file` (and,
rarely, `git diff-tree`). All of it goes straight to `subprocess`: GitPython
costs a fifth of a one-file pre-commit run to import, and a `git version`
spawn plus ~0.1 s of CPU in a cold one, for nothing we need from it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import IO


class GitError(Exception):
    """A git command that exited non-zero: its status and what it said."""

    def __init__(self, args: tuple[str, ...], status: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args[:2])} exited with {status}: {stderr.strip()}")
        self.command = args
        self.status = status
        self.stderr = stderr


def _english() -> dict[str, str]:
    """The environment with git's messages in plain English (what GitPython
    did, and what `oddities.short_error` shows)."""
    return {**os.environ, "LANGUAGE": "C", "LC_ALL": "C"}


class GitProcess:
    """`git ARGS` started in `root`, its output read as a stream
    (`proc.stdout`); `wait()` raises `GitError` when git failed. stdin is a
    pipe only when asked for (`cat-file --batch`)."""

    def __init__(self, root: str, *args: str, stdin: bool = False) -> None:
        self.args = args
        self.proc = subprocess.Popen(
            ["git", *args],
            cwd=root,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_english(),
        )

    @property
    def stdout(self) -> IO[bytes]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def wait(self) -> int:
        """Wait for git to end (its output read already); GitError unless it
        exited 0. stderr is read to its end first, so a chatty git can never
        block on a full pipe while we wait for it."""
        stderr = self.proc.stderr.read() if self.proc.stderr is not None else b""
        status = self.proc.wait()
        if status != 0:
            raise GitError(self.args, status, stderr.decode("utf-8", "replace"))
        return status

    def end(self) -> None:
        """Stop git if it still runs (e.g. after a parse error) and close its
        pipes, whatever happened."""
        popen = self.proc
        if popen.poll() is None:
            popen.kill()
            popen.wait()
        for stream in (popen.stdin, popen.stdout, popen.stderr):
            if stream is not None:
                stream.close()


def git_output(root: str, *args: str) -> bytes:
    """`git ARGS`' whole output; GitError when git failed."""
    proc = GitProcess(root, *args)
    try:
        out = proc.stdout.read()
        proc.wait()
    finally:
        proc.end()
    return out


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
    """A git command failed: ours, or one run through GitPython (`nohero
    adopt`; only once GitPython is imported)."""
    if isinstance(exc, GitError):
        return True
    module = sys.modules.get("git")
    return module is not None and isinstance(exc, module.GitCommandError)
