"""The miner's cache: what git said, up to a commit, in `.cache/nohero/`.

What is stored is the raw mined data (commits with unresolved identities,
per-path change events, last change per path), so editing the roster, the
.mailmap, `.git-blame-ignore-revs`, the bot list or mkdocs.yml never
invalidates it: all of that is applied after loading. The file is one
header line (format, version, Python version, signature) and the payload in
`marshal` form: plain lists, dicts, strings and numbers, read back several
times faster than JSON (a warm one-file pre-commit run spent a fifth of its
time decompressing and decoding JSON). Each commit and each path's events
are records of their own (`packed`), decoded when a run asks for them: a
one-file run in a 23,000-commit repository reads one document's events,
not every path's. It is written atomically and read
only when its signature matches, so bytes nohero did not write are never
unmarshalled; anything corrupt, truncated, foreign, of another version or
of another Python is discarded and history is mined again. Deleting the
folder is always safe.

The cache folder is in the working tree, where a pull request can commit a
forged cache that invents authors and hides drift. So every file is signed
(keyed BLAKE2b, `digests.signature`) with a random key kept in the git directory
(`.git/nohero/cache-key`), which no commit can write: a file nohero did not
write on this clone -- committed, copied or edited -- fails the check and is
mined again. No key (a read-only git directory): no cache.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..digests import signature, signed_body, signed_file
from ..lazyclass import field, record
from .packed import EventsByPath, Records, join_paths, pack, split_paths

FORMAT = "nohero-history"
# 9: scope (what git log listed); 8: keyed BLAKE2b, not HMAC-SHA256 (no
# OpenSSL start-up); 7: each commit and each path's events a record of its
# own (packed); 6: marshal instead of gzip'd JSON; 5: review dates read by
# the shared front-matter parser; 4: docs_prefix; 3: signed; 2: merges
# listed, last_change on the first-parent line, odd
VERSION = 9
FILE_NAME = "history.marshal"
KEY_FILE = Path("nohero", "cache-key")
# marshal's layout may change between Python versions: part of the header
_TAG = f"{FORMAT} {VERSION} python{sys.version_info[0]}.{sys.version_info[1]}".encode()

# One commit: sha, author name, author email, author date (ISO), committer
# time (epoch), raw Co-authored-by values.
CommitRecord = tuple[str, str, str, str, int, tuple[str, ...]]
# One change of a path: commit index, flags (CREATED | CONTENT), the
# document's last_reviewed text after the change (Markdown only).
Event = list  # [int, int, str | None]; a list so the miner can fill it in later

CREATED = 1
CONTENT = 2

# Keys of `Mined.odd`: commits whose history is not exact, said in the report.
RENAMES_UNPAIRED = "renames_unpaired"
DATES_CLAMPED = "dates_clamped"

_SHA = re.compile(r"[0-9a-f]{40}\Z")


@record
class Mined:
    """Everything mined from git up to `head`, before identities are resolved."""

    head: str
    # a plain list and dict while mining; read from the cache, packed (see `plain`)
    commits: Sequence[CommitRecord] = field(default_factory=list)
    events: Mapping[str, list[Event]] = field(default_factory=dict)  # live paths only
    last_change: dict[str, int] = field(
        default_factory=dict
    )  # any path ever touched -> commit index
    odd: dict[str, list[str]] = field(default_factory=dict)  # RENAMES_UNPAIRED etc. -> shas
    # Markdown blobs were read (review-only vs content) only under this prefix
    # (docs_dir; "" for the whole tree): a cache mined for another docs_dir
    # is mined again.
    docs_prefix: str | None = ""
    # what git log listed (`history.scope`): None, the whole tree
    scope: tuple[str, ...] | None = None
    # each commit's committer time when read from the cache (commits packed)
    times: Sequence[int] | None = field(default=None, repr=False, compare=False)

    def plain(self) -> tuple[list[CommitRecord], dict[str, list[Event]]]:
        """The commits and events as a list and a dict the miner can add to."""
        if not isinstance(self.commits, list):
            self.commits = list(self.commits)
        if not isinstance(self.events, dict):
            self.events = dict(self.events)
        self.times = None
        return self.commits, self.events

    def commit_times(self) -> Sequence[int]:
        """Each commit's committer time (epoch) by index, without decoding
        packed commits (drift needs every path's last change)."""
        if self.times is not None:
            return self.times
        return [commit[4] for commit in self.commits]


def secret(git_dir: Path) -> bytes | None:
    """This clone's signing key, made on first use; None when it can be
    neither read nor made (the cache is then not used)."""
    path = git_dir / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == 32 and not path.is_symlink():
            return key
        return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    # Written whole under a name of its own, then linked into place: a
    # second thread or process making it at the same moment (the covers
    # pass starts as the mine does) reads the winner's whole key, never a
    # file still empty (which would turn the cache off for that run).
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        key = os.urandom(32)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        try:
            os.link(temp, path)
        except FileExistsError:  # another nohero made it first
            return secret(git_dir) if path.is_file() else None
        return key
    except OSError:
        return None
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass


def load(cache_dir: Path | None, key: bytes | None) -> Mined | None:
    """The cached data, or None when there is none worth trusting: no key,
    or a file not signed with it (checked before a byte is unmarshalled)."""
    if cache_dir is None or key is None:
        return None
    try:
        body = read_signed(cache_dir / FILE_NAME, _TAG, key)
        if body is None:
            return None
        return _validate(marshal.loads(body))
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


def save(cache_dir: Path | None, mined: Mined, key: bytes | None) -> bool:
    """Write the cache atomically, signed; a cache that cannot be written
    (or signed) is skipped."""
    if cache_dir is None or key is None:
        return False
    try:
        write_signed(cache_dir, FILE_NAME, _TAG, key, marshal.dumps(_packed(mined)))
        return True
    except (OSError, ValueError):  # ValueError: something marshal cannot write
        return False


def read_signed(path: Path, tag: bytes, key: bytes) -> memoryview | None:
    """The body of a cache file `write_signed` wrote with `tag` and `key`;
    None for any other file (checked before a byte of it is decoded).
    OSError when it cannot be read."""
    with open(path, "rb") as fh:
        raw = fh.read()
    return signed_body(raw, tag, lambda body: signature(key, tag + b"\n", body))


def write_signed(
    cache_dir: Path, name: str, tag: bytes, key: bytes, body: bytes, *, fsync: bool = True
) -> None:
    """`body` written atomically as `cache_dir`/`name`, under a header of
    `tag` and its signature with `key`; the folder made, and ignored by git,
    first. Every file of the history cache folder is written through it."""
    from ..atomic import write_atomic  # only a run that mined pays for its import

    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(
        cache_dir / ".gitignore", b"# nohero's cache: safe to delete\n*\n", create_only=True
    )
    mac = signature(key, tag + b"\n", body)
    write_atomic(cache_dir / name, signed_file(tag, mac, body), fsync=fsync)


def _packed(mined: Mined) -> dict[str, object]:
    """The payload: every path once (those with a last change first, in its
    order), each commit and each path's events one record (None: no events)."""
    commits = list(mined.commits)
    events, last_change = mined.events, mined.last_change
    paths = [*last_change, *sorted(events.keys() - last_change.keys())]
    commit_blob, commit_ends = pack(commits)
    event_blob, event_ends = pack(map(events.get, paths))
    return {
        "format": FORMAT,
        "version": VERSION,
        "head": mined.head,
        "commits": commit_blob,
        "commit_ends": commit_ends,
        "times": array("q", [commit[4] for commit in commits]).tobytes(),
        "paths": join_paths(paths),
        "events": event_blob,
        "event_ends": event_ends,
        "last_change": array("q", last_change.values()).tobytes(),
        "odd": mined.odd,
        "docs_prefix": mined.docs_prefix,
        "scope": None if mined.scope is None else list(mined.scope),
    }


def _validate(data: object) -> Mined | None:
    """The signed payload as Mined. Its MAC proves this code wrote it on
    this clone (the key never leaves the git dir) and `version` says which
    layout, so only the shape is checked, not every field of every commit
    and event: that loop was a fifth of a one-file pre-commit run. A shape
    that does not fit raises (ValueError, TypeError...), which is a miss."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return None
    head = data["head"]
    if not isinstance(head, str) or not _SHA.match(head):
        return None
    commits = Records(data["commits"], data["commit_ends"])
    times = array("q")
    times.frombytes(data["times"])
    paths = data["paths"]
    events = EventsByPath(paths, Records(data["events"], data["event_ends"]))
    changed = array("q")
    changed.frombytes(data["last_change"])
    names = split_paths(paths)
    odd = data["odd"]
    if not commits or len(times) != len(commits) or len(changed) > len(names):
        return None
    if not isinstance(odd, dict):
        return None
    # the first paths are those with a last change (see _packed)
    last_change = dict(zip(names[: len(changed)], changed, strict=True))
    prefix = data["docs_prefix"]
    if prefix is not None and not isinstance(prefix, str):
        return None
    scope = data["scope"]
    if scope is not None and not (
        isinstance(scope, list) and all(isinstance(entry, str) for entry in scope)
    ):
        return None
    return Mined(
        head=head,
        commits=commits,
        events=events,
        last_change=last_change,
        odd=odd,
        docs_prefix=prefix,
        scope=None if scope is None else tuple(scope),
        times=times,
    )
