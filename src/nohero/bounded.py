"""Reading the small files nohero trusts for settings -- mkdocs.yml,
people.yml, CODEOWNERS, `.git-blame-ignore-revs` -- with limits.

A pull request controls these files. As a symlink to `/dev/zero` or a FIFO
one would hang nohero or fill its memory; as a symlink to `/etc/passwd` or
`~/.ssh/` it would read outside the repository; as a 2 GB file it would do
both slowly. So a settings file is read only when it is a regular file,
inside the repository when a root is given, and at most `limit` bytes;
otherwise `Refused` says why, and the caller says so to the user.
Documents have their own limit (`max_file_size_mb`, in knowledge_base).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MIB = 1024 * 1024
SETTINGS_LIMIT = 4 * MIB


class Refused(Exception):
    """A file nohero will not read; `str()` is the reason, for the user."""


def read_bounded(path: Path, root: Path | None = None, limit: int = SETTINGS_LIMIT) -> bytes:
    """The bytes of `path`. Raises FileNotFoundError when it does not exist,
    Refused when it is outside `root`, not a regular file or over `limit`,
    OSError for anything else."""
    real = os.path.realpath(path)
    if root is not None:
        top = os.path.realpath(root)
        if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
            raise Refused("it points outside the repository")
    if os.path.lexists(path) and not os.path.exists(path):
        raise FileNotFoundError(path)  # a dangling symlink is a missing file
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then says
    # what was opened, so a swap between check and open changes nothing.
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused("it is not a regular file (a device, FIFO or socket?)")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"it is larger than {limit // MIB} MB")
    return data
