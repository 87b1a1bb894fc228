"""One progress line for big builds, on a terminal only: how many pages were
analysed, then how many of them MkDocs has rendered. A 5,000-page build
takes a while; a silent one looks hung. Nothing is written when the stream
is not a terminal (CI logs, tests), so logs stay line-oriented."""

from __future__ import annotations

import sys
from typing import TextIO

MIN_PAGES = 200  # smaller sites build in a blink: no line


class Progress:
    def __init__(
        self,
        stream: TextIO | None = None,
        every: int = 100,
        force: bool = False,
        min_pages: int = MIN_PAGES,
    ):
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.on = force or bool(isatty and isatty())
        self.every = every
        self.min_pages = min_pages
        self.tty = self.on
        self.analysed = 0
        self.total = 0
        self.rendered = 0
        self._shown = False

    def start(self, analysed: int, total: int) -> None:
        self.analysed, self.total, self.rendered = analysed, total, 0
        self.on = self.tty and total >= self.min_pages
        self._show()

    def page_rendered(self) -> None:
        self.rendered += 1
        if self.rendered % self.every == 0 or self.rendered == self.total:
            self._show()

    def finish(self) -> None:
        if self.on and self._shown:
            self.stream.write("\n")
            self.stream.flush()
        self._shown = False

    def line(self) -> str:
        return (
            f"nohero: {self.analysed} pages analysed, "
            f"{self.rendered} of {self.total} pages rendered"
        )

    def _show(self) -> None:
        if not self.on:
            return
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()
        self._shown = True
