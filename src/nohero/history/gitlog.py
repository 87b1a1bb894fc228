"""Git plumbing for the miner: one streamed `git log` and `git check-mailmap`
(the document blobs that log names are read by `blobs.BlobReader`).

Both run through plain `subprocess` (`rungit.GitProcess`); the log is read
incrementally, so memory never holds the whole log and no git process is
started per file or per commit.

Why `--raw -z` and not `--name-status` or `-p`: `--raw` costs the same as
`--name-status` (no blob is read to produce it) but also names the old and
new blob of every change. The miner asks `cat-file` for the blobs of Markdown
changes only, and tells a front-matter-only edit from a content edit by
comparing the body hashes of the two versions; that is exact, where parsing
`-U0` hunks would have to guess where the front matter ends. `-z` keeps odd
paths (spaces, quotes, non-ASCII) unquoted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, NamedTuple

from .oddities import MAX_SAFE, MAX_TIME, MIN_SAFE, MIN_TIME, safe_datetime, safe_epoch
from .rungit import GitError, GitProcess, run_captured
from .scope import Scope

# Fields: sha, author name, author email, author time (epoch), author date
# (for its offset), committer time (epoch), parents, then the Co-authored-by
# values. Times are read as epoch seconds because git prints whatever a commit
# object holds: an offset of +2500 or a year after 9999 is valid git output
# but no valid datetime (see `safe_datetime`).
_FS = "%x1f"
LOG_FORMAT = "%x1e" + _FS.join(
    [
        "%H",
        "%an",
        "%ae",
        "%at",
        "%ai",
        "%ct",
        "%P",
        "%(trailers:key=Co-authored-by,valueonly,separator=%x1f)",
    ]
)
# Git skips inexact rename detection when a commit adds and deletes more files
# than this (its own default); `renames.pair_doc_renames` then pairs documents.
RENAME_LIMIT = 1000
LOG_OPTIONS = (
    "-z",
    "--raw",
    "-M",
    "--no-abbrev",
    "--root",  # the first commit's files, even with log.showRoot=false
    # Merges are listed with their diff against the first parent: what the
    # merge brought to the main line, conflict resolutions included.
    "--diff-merges=first-parent",
    "--topo-order",
    "--reverse",
    "--no-color",
    "--no-show-signature",
    "--no-relative",
    # Names and messages in UTF-8 whatever i18n.commitEncoding or
    # i18n.logOutputEncoding say; git converts from each commit's encoding.
    "--encoding=UTF-8",
    f"--format={LOG_FORMAT}",
)
_GITLINK = b"160000"
_STATUS = {letter.encode(): letter for letter in "AMDT"}
# A NamedTuple made by tuple's own constructor, not its Python-level __new__:
# the parser makes one per commit and one per changed file.
_new = tuple.__new__
# a lone parent: 40 hex digits (SHA-1) or 64 (SHA-256)
_ONE_SHA = (40, 64)
# Author times written as git prints them (see `_iso`): two days inside the
# years Python can hold, so no offset can carry them outside.
MIN_PLAIN = MIN_TIME + 2 * 86400
MAX_PLAIN = MAX_TIME - 2 * 86400


class RawCommit(NamedTuple):
    """A commit as git prints it: identities not yet resolved."""

    sha: str
    author_name: str
    author_email: str
    author_date: str  # ISO 8601 with offset, always a valid datetime (clamped)
    commit_time: int  # committer time, epoch seconds, clamped to years 1..9999
    coauthors: tuple[str, ...]  # raw `Co-authored-by:` values, "Name <email>"
    parents: tuple[str, ...] = ()
    impossible_date: bool = False  # a date git holds but no calendar has


class FileChange(NamedTuple):
    status: str  # A M D T R (C never: copies are not asked for)
    path: str
    old_path: str | None  # renames only
    old_blob: str | None  # None for additions and gitlinks
    new_blob: str | None  # None for deletions and gitlinks


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _text(raw: bytes) -> str:
    """A name or e-mail as git printed it: UTF-8 (git re-encodes commits that
    declare their encoding); a legacy commit with undeclared Latin-1 bytes is
    read as Latin-1 rather than turned into replacement characters, so one
    person keeps one identity."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _header(token: bytes) -> RawCommit:
    fields = token[1:].split(b"\x1f")
    if len(fields) < 7:
        raise ValueError(f"unexpected git log header: {fields!r}")
    sha, name, email, author_time, author_date, commit_time, parents = fields[:7]
    epoch = _epoch(author_time)
    iso = _iso(author_date.decode("ascii", "replace"), epoch)
    impossible = iso is None
    if iso is None:
        when, impossible = safe_datetime(epoch, author_date.rsplit(b" ", 1)[-1].decode())
        iso = when.isoformat()
    committed = _epoch(commit_time)
    if not MIN_SAFE <= committed <= MAX_SAFE:
        committed, impossible = safe_epoch(committed)[0], True
    if len(fields) == 8 and not fields[7]:
        coauthors: tuple[str, ...] = ()
    else:
        coauthors = tuple(t for t in (_text(f).strip() for f in fields[7:]) if t)
    try:
        who, mail = name.decode(), email.decode()
    except UnicodeDecodeError:
        who, mail = _text(name), _text(email)
    shas = (parents.decode(),) if len(parents) in _ONE_SHA else tuple(parents.decode().split())
    return _new(RawCommit, (sha.decode(), who, mail, iso, committed, coauthors, shas, impossible))


def _iso(date: str, epoch: int) -> str | None:
    """Git's `%ai` (`2026-01-02 10:00:00 +0100`) as `datetime.isoformat()`
    prints it, when it is a date Python can hold; None sends the caller to
    `safe_datetime` (impossible offsets, years near 1 or 9999, `-0000`)."""
    if len(date) != 25 or not MIN_PLAIN <= epoch <= MAX_PLAIN:
        return None
    zone = _ZONES.get(date[20:])
    if zone is None:
        zone = _zone(date[20:])
        if len(_ZONES) < 4096:  # a history holds a few dozen offsets
            _ZONES[date[20:]] = zone
    return date[:10] + "T" + date[11:19] + zone if zone else None


# `%ai`'s offset (`+0100`) -> as isoformat prints it (`+01:00`); "" when
# Python holds no such offset or git says `-0000` (no known zone)
_ZONES: dict[str, str] = {}


def _zone(offset: str) -> str:
    if (
        offset[:1] not in ("+", "-")
        or not offset[1:].isdigit()
        or offset[1:3] > "23"
        or offset[3:] > "59"
        or offset == "-0000"
    ):
        return ""
    return f"{offset[:3]}:{offset[3:]}"


def _epoch(raw: bytes) -> int:
    try:
        return int(raw)
    except ValueError:
        return 0


def parse_log(
    stream: IO[bytes], chunk_size: int = 1 << 16
) -> Iterator[tuple[RawCommit, list[FileChange]]]:
    """Parse `git log` output made with LOG_OPTIONS, reading it chunk by chunk.

    Tokens are NUL-separated: a header (starts with 0x1e), then per change a
    raw info (`:mode mode old new STATUS`) followed by one path (two for a
    rename). Paths are taken by count, so a path that looks like a header
    cannot confuse the parser. This loop runs once per changed file (tens
    of thousands of times on a big history), so it is written out: no call
    per change, the change built as a plain tuple.
    """
    commit: RawCommit | None = None
    changes: list[FileChange] = []
    add = changes.append
    # The change whose path(s) come next: its status and blobs, and how many
    # paths are still to come (2 for a rename: the old path first).
    want = 0
    status = ""
    old: str | None = None
    new: str | None = None
    renamed_from: str | None = None
    rest = b""
    while chunk := stream.read(chunk_size):
        tokens = (rest + chunk).split(b"\0")
        rest = tokens.pop()
        for token in tokens:
            if want:  # a path: taken by count, whatever it looks like
                path = token.decode("utf-8", "surrogateescape")
                if want == 2:
                    renamed_from, want = path, 1
                    continue
                add(_new(FileChange, (status, path, renamed_from, old, new)))
                want, renamed_from = 0, None
                continue
            if token[:1] != b":":
                token = token.lstrip(b"\n")
                if not token:
                    continue
                if token[:1] == b"\x1e":
                    if commit is not None:
                        yield commit, changes
                    commit, changes = _header(token), []
                    add = changes.append
                    continue
                if token[:1] != b":":
                    raise ValueError(f"unexpected git log output: {token[:60]!r}")
            old_mode, new_mode, old_blob, new_blob, raw_status = token[1:].split(b" ", 4)
            # all zeros: no such side (an addition, a deletion); a gitlink is no blob
            if old_mode == _GITLINK or (old_blob[:1] == b"0" and not old_blob.strip(b"0")):
                old = None
            else:
                old = old_blob.decode()
            if new_mode == _GITLINK or (new_blob[:1] == b"0" and not new_blob.strip(b"0")):
                new = None
            else:
                new = new_blob.decode()
            letter = raw_status[:1]
            if letter == b"R" or letter == b"C":  # C never: copies are not asked for
                status, want = "R", 2
            else:
                status, want = _STATUS.get(letter) or letter.decode(), 1
    if rest.strip(b"\n") or want:
        raise ValueError("git log output ended in the middle of a record")
    if commit is not None:
        yield commit, changes


def _change(info: list[bytes], path: str, renamed_from: str | None = None) -> FileChange:
    """One change from `--raw -z` output's fields (`diff-tree`: the rare
    commit whose document renames are paired again)."""
    old_mode, new_mode, old_blob, new_blob, status = info[:5]
    old = None if old_mode == _GITLINK or not old_blob.strip(b"0") else old_blob.decode()
    new = None if new_mode == _GITLINK or not new_blob.strip(b"0") else new_blob.decode()
    if renamed_from is not None:
        return FileChange("R", path, renamed_from, old, new)
    return FileChange(status[:1].decode(), path, None, old, new)


# Pathspecs taken as plain paths (the other three switches are off: an
# exported GIT_ICASE_PATHSPECS=1 would list DOCS/ with docs/, and git refuses
# literal pathspecs next to an exported GIT_GLOB_PATHSPECS=1). Every git run
# that passes paths uses it (the scoped log here, the covers pass).
LITERAL_PATHSPECS = {
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_GLOB_PATHSPECS": "0",
    "GIT_NOGLOB_PATHSPECS": "0",
    "GIT_ICASE_PATHSPECS": "0",
}
# Pathspecs longer than this together go to `git log --stdin`, not argv.
ARGV_PATHSPEC_BYTES = 64 * 1024


def log_process(root: str, revisions: str, scope: Scope = None) -> GitProcess:
    """`git log` over `revisions` (e.g. `HEAD` or `OLD..HEAD`) in the
    repository at `root`, started, not yet read; `scope` (`history.scope`):
    only the commits that changed those paths, each with its changes there.

    A scoped log keeps every commit that changed the scope, side branches
    included (`--full-history`: git's default simplification drops a side
    branch whose merge kept the other side, and its doc commits with it),
    and lists them in the order the whole log would (a subsequence of it:
    checked by tests/test_miner_scoped.py). Each entry is a literal path
    (GIT_LITERAL_PATHSPECS, whatever the caller's environment says about
    glob or case-blind pathspecs): a file named `*.md` or `:x` is no pattern."""
    options = [*LOG_OPTIONS, f"-l{RENAME_LIMIT}"]  # read when used: tests lower it
    if scope is None:
        return GitProcess(root, "log", *options, revisions, "--")
    specs = list(scope)
    env = dict(LITERAL_PATHSPECS)
    if sum(map(len, specs)) <= ARGV_PATHSPEC_BYTES:
        return GitProcess(root, "log", *options, "--full-history", revisions, "--", *specs, env=env)
    # Many paths (a scope widened by thousands of snippets): git reads them
    # from stdin after a `--` line, before it walks (no pipe can fill up).
    proc = GitProcess(
        root, "log", *options, "--full-history", "--stdin", revisions, stdin=True, env=env
    )
    stdin = proc.proc.stdin
    assert stdin is not None
    try:
        stdin.write(
            "".join(f"{spec}\n" for spec in ["--", *specs]).encode("utf-8", "surrogateescape")
        )
        stdin.close()
    except BaseException:
        proc.end()
        raise
    return proc


# --- identities -----------------------------------------------------------


# `git check-mailmap` takes identities as arguments (`--stdin` is newer than
# the git we support): batches stay far below the kernel's argument limits,
# and an identity longer than any real name is never looked up.
MAILMAP_BATCH_BYTES = 32 * 1024
MAILMAP_MAX_IDENTITY = 1024


def check_mailmap(
    root: str, identities: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Map (name, email) through .mailmap (and mailmap.file/blob config) with
    `git check-mailmap` run in the repository at `root`, in batches of bounded
    size (never "Argument list too long", however many co-authors a commit
    names). Run without GitPython: a warm history needs no other git call."""
    mapped: dict[tuple[str, str], tuple[str, str]] = {}
    batch: list[tuple[str, str]] = []
    args: list[str] = []
    size = 0
    for identity in dict.fromkeys(identities):
        name, email = identity
        if "<" in name or ">" in name + email or "\n" in name + email or "\0" in name + email:
            continue
        arg = f"{name} <{email}>" if name else f"<{email}>"
        if len(arg) > MAILMAP_MAX_IDENTITY:
            continue
        if size + len(arg) > MAILMAP_BATCH_BYTES and batch:
            _map_batch(root, batch, args, mapped)
            batch, args, size = [], [], 0
        batch.append(identity)
        args.append(arg)
        size += len(arg.encode()) + 1
    if batch:
        _map_batch(root, batch, args, mapped)
    return mapped


def _map_batch(
    root: str,
    batch: list[tuple[str, str]],
    args: list[str],
    mapped: dict[tuple[str, str], tuple[str, str]],
) -> None:
    status, stdout, stderr = run_captured(root, "check-mailmap", *args)
    if status != 0:
        raise GitError(("check-mailmap", *args), status, stderr.decode("utf-8", "replace"))
    out = stdout.decode("utf-8", "surrogateescape")
    for identity, line in zip(batch, out.split("\n"), strict=False):
        found = split_identity(line)
        if found is not None:
            mapped[identity] = found


def split_identity(text: str) -> tuple[str, str] | None:
    """'Name <email>' -> (name, email); a bare name gets an empty email.

    Written with str methods, not a regex: a trailer value is anyone's text,
    and the obvious pattern backtracks quadratically on a long line of spaces.
    """
    text = text.strip()
    if text.endswith(">"):
        start = text.rfind("<")
        email = text[start + 1 : -1]
        if start >= 0 and ">" not in email and "\n" not in text:
            return text[:start].strip(), email.strip()
    return (text, "") if text else None
