"""The miner's progress line."""

from __future__ import annotations

import sys
import time


class Progress:
    """A one-line counter on stderr, only for people watching a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def tick(self, commits: int) -> None:
        if not self.enabled or commits % 256:
            return
        now = time.monotonic()
        if now - self.last >= 0.2 and now - self.started >= 0.5:
            self.last = now
            self.shown = True
            sys.stderr.write(f"\rnohero: reading git history: {commits:,} commits")
            sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False
