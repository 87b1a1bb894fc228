"""Tests that start processes, made to pass under libfaketime too.

The suite must pass on any date, and the lead proves it by running it under
`faketime -f '+240d'` (libfaketime 0.9.10 preloaded into every process). The
preload changes two things no date pin can undo:

* It moves CLOCK_MONOTONIC by the same offset. Python's timed waits
  (`Lock.acquire(timeout=)`, `queue.get(timeout=)`, `Condition.wait(timeout=)`,
  `Event.wait(timeout=)`, `Thread.join(timeout=)`) hand the kernel an absolute
  deadline computed from that faked clock, so they never time out.
  `time.sleep` is relative and works. `mkdocs serve` waits for changes to
  settle with `Condition.wait(timeout=)`, so under faketime it sees a change
  and never rebuilds; a test waiting with `queue.get(timeout=)` then hangs.
  Children get `real_monotonic(env)` (the date stays moved); the test itself
  polls with `ProcessLines` and `join`.
* Its constructor opens a shared-memory file in every process it is loaded
  into, taking the lowest free descriptor: a process started with stdout
  closed finds descriptor 1 open again (`/dev/shm/faketime_shm_<pid>`), and
  no environment variable stops it. `without_faketime(env)` drops the preload
  for a child whose situation cannot exist under it and whose behaviour does
  not depend on the clock (the date is pinned with NOHERO_TODAY anyway).
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Mapping

POLL = 0.05  # seconds between looks; time.sleep is honest under faketime


def under_faketime(env: Mapping[str, str] | None = None) -> bool:
    """True when libfaketime is preloaded (into this process, or into `env`)."""
    return "libfaketime" in (os.environ if env is None else env).get("LD_PRELOAD", "")


def real_monotonic(env: Mapping[str, str]) -> dict[str, str]:
    """`env` for a child whose timed waits must end: the date stays faked, the
    monotonic clock is the real one."""
    return {**env, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def without_faketime(env: Mapping[str, str]) -> dict[str, str]:
    """`env` with libfaketime taken out of LD_PRELOAD (and its settings)."""
    kept = {k: v for k, v in env.items() if not k.startswith("FAKETIME")}
    preload = [p for p in env.get("LD_PRELOAD", "").split() if "libfaketime" not in p]
    kept.pop("LD_PRELOAD", None)
    if preload:
        kept["LD_PRELOAD"] = " ".join(preload)
    return kept


def join(thread: threading.Thread, seconds: float) -> bool:
    """`thread.join(timeout=seconds)` that also ends under faketime."""
    deadline = time.monotonic() + seconds
    while thread.is_alive() and time.monotonic() < deadline:
        time.sleep(POLL)
    return not thread.is_alive()


class ProcessLines:
    """A child's output, line by line, read in a thread; `wait_for` polls, so
    it gives up on time under faketime too."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.seen: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout or []:
            self._lines.put(line)

    def wait_for(self, text: str, count: int = 1, seconds: float = 30) -> bool:
        """Wait until `text` has appeared in `count` lines; False on time out."""
        deadline = time.monotonic() + seconds
        while sum(text in line for line in self.seen) < count:
            try:
                self.seen.append(self._lines.get_nowait())
            except queue.Empty:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(POLL)
        return True

    def stop(self, seconds: float = 30) -> None:
        """Terminate the child (kill it if it lingers) and the reader."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=seconds)  # a sleep loop inside: fine under faketime
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        join(self._reader, seconds)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __str__(self) -> str:
        return "".join(self.seen)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(cwd: str | os.PathLike[str], today: str) -> tuple[ProcessLines, str]:
    """A real `nohero serve` in `cwd` with the date pinned, and its base URL;
    it waits without timed locks, so it rebuilds under faketime too. The
    caller stops it with `lines.stop()`."""
    port = free_port()
    env = {**os.environ, "NOHERO_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [str(shutil.which("nohero")), "serve", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=real_monotonic(env), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    return ProcessLines(proc), f"http://127.0.0.1:{port}/"
