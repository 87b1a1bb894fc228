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

    def __init__(
        self, root: str, *args: str, stdin: bool = False, env: dict[str, str] | None = None
    ) -> None:
        import subprocess  # a warm run spawns git through `run_captured` only

        self.args = args
        self.proc = subprocess.Popen(
            ["git", *args],
            cwd=root,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**_english(), **(env or {})},
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


class GitResult:
    """What `run_git` read: git's exit status and its two outputs as text
    (named as subprocess.CompletedProcess names them; a plain class, since a
    NamedTuple compiles its constructor at import)."""

    __slots__ = ("returncode", "stderr", "stdout")

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run_git(root: str, *args: str) -> GitResult | None:
    """`git ARGS` in `root` (the probes every run makes, without GitPython),
    its output as text (UTF-8, undecodable bytes kept as surrogates, line
    ends as `\\n`); None when git cannot be run."""
    try:
        status, out, err = run_captured(root, *args)
    except OSError:
        return None
    return GitResult(status, _text(out), _text(err))


def _text(data: bytes) -> str:
    text = data.decode("utf-8", "surrogateescape")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def run_captured(root: str, *args: str) -> tuple[int, bytes, bytes]:
    """`git ARGS` run in `root`: (exit status, stdout, stderr), read whole.

    Spawned with `os.posix_spawnp` and read with `select.poll`, not the
    `subprocess` module: importing that (selectors, signal, locale) is ~15 M
    instructions, 6% of a one-file pre-commit run, which spawns git twice
    (`rev-parse` and `check-mailmap`). OSError when git cannot be started
    or `root` is not a folder (as `subprocess.run(cwd=root)` raises)."""
    import select

    if not os.path.isdir(root):
        raise NotADirectoryError(root)
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    try:
        pid = os.posix_spawnp(
            "git",
            ["git", "-C", root, *args],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, out_write, 1),
                (os.POSIX_SPAWN_DUP2, err_write, 2),
            ],
        )
    except BaseException:
        os.close(out_read)
        os.close(err_read)
        raise
    finally:
        os.close(out_write)
        os.close(err_write)
    read: dict[int, list[bytes]] = {out_read: [], err_read: []}
    poller = select.poll()
    for fd in read:
        poller.register(fd, select.POLLIN)
    try:
        open_fds = len(read)
        while open_fds:  # both pipes drained as they fill: git never blocks on one
            for fd, _ in poller.poll():
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    read[fd].append(chunk)
                else:
                    poller.unregister(fd)
                    open_fds -= 1
    finally:
        os.close(out_read)
        os.close(err_read)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(read[out_read]), b"".join(read[err_read])


def git_failed(exc: BaseException) -> bool:
    """A git command failed: ours, or one run through GitPython (`nohero
    adopt`; only once GitPython is imported)."""
    if isinstance(exc, GitError):
        return True
    module = sys.modules.get("git")
    return module is not None and isinstance(exc, module.GitCommandError)
