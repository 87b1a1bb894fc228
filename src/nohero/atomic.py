"""The one atomic file write every writer uses (review, codeowners, init and
new, the history and document caches): a reader (an editor, git, a running
`mkdocs serve`) sees the old file or the new one, never half of either.

The temp file lives in the target's folder because `os.replace` is only atomic
within one file system. Replacing a file through its folder would let anyone
who may write the folder replace a file they may not write, and would give the
file to whoever ran the command; so an existing file:
- must be one the user could open for writing, and must not be read-only
  (no write bit at all: someone marked it so on purpose, root included);
- keeps its permission bits and its owner and group (as root, rewriting a
  colleague's file leaves it theirs). When the owner cannot be kept (a user
  rewriting a group-writable file someone else owns), the write is refused
  rather than silently taking the file over.
Refusals and failures are `WriteRefused` / `OSError` with a message fit for
one line of output; the target is never touched by a failed write.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class WriteRefused(OSError):
    """The file exists but this user may not, or should not, rewrite it."""


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, create_only: bool = False, fsync: bool = True
) -> bool:
    """Replace `path` with `data` (creating it and its folder if needed); True
    when written. A symlink is followed, so the file it names is rewritten,
    not the link. `create_only`: never replace an existing file (False when
    one exists, even if it appeared while writing). `fsync=False`: for a
    writer of thousands of files (`adopt --write`) that calls `os.sync()`
    once at the end; readers still see the old file or the new one."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        before: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        before = None
    if before is not None:
        if create_only:
            return False
        _check_writable(target, before)
    fd, tmp = _temp_file(target.parent, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        if before is not None:
            _keep_mode_and_owner(tmp, target, before)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if create_only:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never clobber
            except FileExistsError:
                return False
            except OSError:  # file systems without hard links
                if os.path.lexists(target):
                    return False
                os.replace(tmp, target)
        else:
            os.replace(tmp, target)
        return True
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


# tempfile.mkstemp's flags: a new file, never through a symlink, not inherited
_CREATE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CREATE |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_BINARY", 0)


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new file `.NAME.RANDOM.tmp` in `folder`, open, mode 0600: what
    `tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)` makes,
    without importing tempfile (shutil, random, bz2 and lzma come with it:
    ~10 ms of every command that writes a cache)."""
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(path, _CREATE, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def _check_writable(target: Path, before: os.stat_result) -> None:
    if not stat.S_ISREG(before.st_mode):
        raise WriteRefused(0, "not a regular file", str(target))
    if not before.st_mode & 0o222:
        raise WriteRefused(0, "the file is read-only (chmod u+w to allow it)", str(target))
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except PermissionError:
        raise WriteRefused(0, "you may not write this file", str(target)) from None
    os.close(fd)  # opened without O_TRUNC: nothing changed


def _keep_mode_and_owner(tmp: str, target: Path, before: os.stat_result) -> None:
    os.chmod(tmp, stat.S_IMODE(before.st_mode))
    now = os.stat(tmp)
    if (now.st_uid, now.st_gid) == (before.st_uid, before.st_gid):
        return
    try:
        os.chown(tmp, before.st_uid, before.st_gid)
    except PermissionError:
        raise WriteRefused(
            0, "it belongs to another user, and rewriting it would make it yours", str(target)
        ) from None
    os.chmod(tmp, stat.S_IMODE(before.st_mode))  # chown may clear setuid/setgid bits


def reason(exc: OSError) -> str:
    """Why a write failed, as a few words for one line of output (the caller
    names the file, repo-relative)."""
    return exc.strerror or type(exc).__name__
