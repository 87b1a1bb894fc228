"""When the output itself cannot be written: a reader that went away
(`nohero report | head -1`, a closed stdout) or a full or failing disk.
That is exit 2 with one line on stderr, never a traceback, and never click's
own exit 1 for a broken pipe (which would read as "findings")."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from ..escape.terminal import terminal_lines
from ..findings import Severity

if TYPE_CHECKING:
    from ..reporters.base import Rendered

EXIT_USAGE = 2
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF}


def is_output_error(exc: OSError) -> bool:
    return exc.errno in _OUTPUT_ERRNOS


def output_failed(exc: OSError) -> int:
    """Say once why the output could not be written, then make sure the
    interpreter's final flush of what is still buffered cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass
    try:
        sys.stderr.write(f"nohero: error: cannot write the output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_USAGE


def inert_text(text: str) -> str:
    """`text` with every line made inert (escape sequences shown, no line a
    CI command): the last guard behind the reporters' per-field escaping."""
    end = "\n" if text.endswith("\n") else ""
    return terminal_lines(text[: len(text) - len(end)]) + end


def printable(
    command: str,
    fmt: str,
    data: object,
    *,
    fail_on: Severity = Severity.ERROR,
    color: bool = False,
) -> tuple[Rendered, str]:
    """What a command prints: `data` rendered with reporters/<command>/<fmt>.py,
    plain human text through the inert-lines guard (a remembered answer is
    that text)."""
    from ..reporters import reporter_class

    reporter = reporter_class(command, fmt)
    rendered = reporter(fail_on=fail_on).render(data, color=color)
    return rendered, inert_text(rendered.text) if reporter.guard else rendered.text


def run_and_exit(body: Callable[[], int], fail: Callable[[str], int]) -> NoReturn:
    """Run a command body and exit with the code it returns. A ConfigError
    is `fail(message)` (exit 2); an output that cannot be written (a closed
    pipe, a full disk) is exit 2 with one line on stderr, never a traceback
    or an exit 1 (which would read as "findings")."""
    from ..config import ConfigError

    try:
        try:
            code = body()
        except ConfigError as exc:
            code = fail(str(exc))
        sys.stdout.flush()
    except OSError as exc:
        if not is_output_error(exc):
            raise
        code = output_failed(exc)
    sys.exit(code)
