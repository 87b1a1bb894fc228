"""What git hands over that no calendar or reader expects: dates with a
time zone beyond 24 hours or after year 9999 (valid in a commit object,
impossible as a datetime), and its refusal to read a repository another
user owns. Each becomes a value the rest of nohero can use, and a sentence
that tells the reader what happened."""

from __future__ import annotations

import datetime as dt
import functools
import sys

# The datetimes Python can hold, as epoch seconds (years 1 to 9999).
MIN_TIME = -62135596800
MAX_TIME = 253402300799
# A day inside them: the epoch seconds any UTC offset keeps in range (`safe_epoch`).
MIN_SAFE = MIN_TIME + 86400
MAX_SAFE = MAX_TIME - 86400


def safe_epoch(epoch: int) -> tuple[int, bool]:
    """Epoch seconds inside the datetimes Python can hold, and whether they
    had to be clamped."""
    if MIN_SAFE <= epoch <= MAX_SAFE:
        return epoch, False
    return min(max(epoch, MIN_SAFE), MAX_SAFE), True


def safe_datetime(epoch: int, offset: str = "+0000") -> tuple[dt.datetime, bool]:
    """Epoch seconds and a `+HHMM` offset as an aware datetime, and whether the
    date had to be clamped: git stores any number, Python's calendar ends in
    year 9999 and offsets stop short of 24 hours."""
    epoch, clamped = safe_epoch(epoch)
    zone, bad_zone = _zone(offset)
    return dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone(zone), clamped or bad_zone


@functools.lru_cache(maxsize=256)
def _zone(offset: str) -> tuple[dt.timezone, bool]:
    """The zone of a `+HHMM` offset (UTC and clamped when impossible); a
    history has a handful of them, so each is made once."""
    clamped = False
    minutes = 0
    if len(offset) == 5 and offset[0] in "+-" and offset[1:].isdigit():
        hours, mins = int(offset[1:3]), int(offset[3:5])
        if hours < 24 and mins < 60:
            minutes = (hours * 60 + mins) * (-1 if offset[0] == "-" else 1)
        else:
            clamped = True
    else:
        clamped = True
    return dt.timezone(dt.timedelta(minutes=minutes)), clamped


def parse_iso(text: str) -> dt.datetime:
    """A cached author date back as a datetime; never raises (an unreadable
    one, from an older cache, reads as the start of the epoch)."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromtimestamp(0, dt.UTC)


def dubious_ownership(stderr: str) -> str | None:
    """Git's refusal to read a repository another user owns, as one line that
    says what git said and how to fix it; None for any other error.

    Without this, the refusal reads as "not a git repository", which sends
    people looking for a missing `.git` instead of at `safe.directory`.
    """
    if "dubious ownership" not in stderr:
        return None
    said = ""
    fix = ""
    for line in stderr.replace("\\n", "\n").splitlines():
        text = line.strip().strip("'").strip()
        if "dubious ownership" in text:
            said = text.removeprefix("fatal:").strip()
        elif text.startswith("git config") and "safe.directory" in text:
            fix = text
    if not fix:
        fix = "git config --global --add safe.directory <path of the repository>"
    return f"git refused to read the repository: {said}; if you trust it, run: {fix}"


def short_error(exc: BaseException) -> str:
    """One line for a failed git call (its last stderr line) or any error."""
    from .rungit import GitError

    if isinstance(exc, GitError):
        said = [line.strip() for line in exc.stderr.splitlines() if line.strip()]
        return said[-1] if said else f"git exited with {exc.status}"
    module = sys.modules.get("git")  # GitPython, only if something imported it
    if module is not None and isinstance(exc, module.GitCommandError):
        text = str(exc.stderr or "").strip().strip("'").strip()
        return text.splitlines()[-1] if text else f"git exited with {exc.status}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
