"""When the output itself cannot be written: a reader that went away
(`nohero report | head -1`, a closed stdout) or a full or failing disk.
That is exit 2 with one line on stderr, never a traceback, and never click's
own exit 1 for a broken pipe (which would read as "findings")."""

from __future__ import annotations

import errno
import os
import sys

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
