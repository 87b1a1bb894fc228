"""Git plumbing for the miner: one streamed `git log`, one streamed
`git cat-file --batch` for document blobs, and `git check-mailmap`.

Everything goes through GitPython's command interface with `as_process=True`
and is read incrementally, so memory never holds the whole log and no git
process is started per file or per commit.

Why `--raw -z` and not `--name-status` or `-p`: `--raw` costs the same as
`--name-status` (no blob is read to produce it) but also names the old and
new blob of every change. The miner asks `cat-file` for the blobs of Markdown
changes only, and tells a front-matter-only edit from a content edit by
comparing the body hashes of the two versions; that is exact, where parsing
`-U0` hunks would have to guess where the front matter ends. `-z` keeps odd
paths (spaces, quotes, non-ASCII) unquoted.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

import git

# Fields: sha, author name, author email, author date (ISO, with offset),
# committer time (epoch), then the Co-authored-by values.
_FS = "%x1f"
LOG_FORMAT = "%x1e" + _FS.join(
    ["%H", "%an", "%ae", "%aI", "%ct", "%(trailers:key=Co-authored-by,valueonly,separator=%x1f)"]
)
LOG_OPTIONS = (
    "-z",
    "--raw",
    "-M",
    "--no-abbrev",
    "--root",  # the first commit's files, even with log.showRoot=false
    "--no-merges",
    "--topo-order",
    "--reverse",
    "--no-color",
    "--no-show-signature",
    "--no-relative",
    f"--format={LOG_FORMAT}",
)
ZERO_SHA = "0" * 40
_GITLINK = b"160000"


class RawCommit(NamedTuple):
    """A commit as git prints it: identities not yet resolved."""

    sha: str
    author_name: str
    author_email: str
    author_date: str  # ISO 8601 with offset (%aI)
    commit_time: int  # committer time, epoch seconds
    coauthors: tuple[str, ...]  # raw `Co-authored-by:` values, "Name <email>"


class FileChange(NamedTuple):
    status: str  # A M D T R (C never: copies are not asked for)
    path: str
    old_path: str | None  # renames only
    old_blob: str | None  # None for additions and gitlinks
    new_blob: str | None  # None for deletions and gitlinks


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _header(token: bytes) -> RawCommit:
    fields = token[1:].decode("utf-8", "replace").split("\x1f")
    if len(fields) < 5:
        raise ValueError(f"unexpected git log header: {fields!r}")
    coauthors = tuple(f.strip() for f in fields[5:] if f.strip())
    return RawCommit(fields[0], fields[1], fields[2], fields[3], int(fields[4]), coauthors)


def parse_log(
    stream: IO[bytes], chunk_size: int = 1 << 16
) -> Iterator[tuple[RawCommit, list[FileChange]]]:
    """Parse `git log` output made with LOG_OPTIONS, reading it chunk by chunk.

    Tokens are NUL-separated: a header (starts with 0x1e), then per change a
    raw info (`:mode mode old new STATUS`) followed by one path (two for a
    rename). Paths are taken by count, so a path that looks like a header
    cannot confuse the parser.
    """
    commit: RawCommit | None = None
    changes: list[FileChange] = []
    pending_info: list[bytes] | None = None
    paths_wanted = 0
    paths: list[str] = []
    rest = b""
    while True:
        chunk = stream.read(chunk_size)
        if not chunk:
            break
        tokens = (rest + chunk).split(b"\0")
        rest = tokens.pop()
        for token in tokens:
            if paths_wanted:
                paths.append(_path(token))
                paths_wanted -= 1
                if not paths_wanted and pending_info is not None:
                    changes.append(_change(pending_info, paths))
                    pending_info, paths = None, []
                continue
            token = token.lstrip(b"\n")
            if not token:
                continue
            if token[:1] == b"\x1e":
                if commit is not None:
                    yield commit, changes
                commit, changes = _header(token), []
            elif token[:1] == b":":
                pending_info = token[1:].split(b" ")
                paths_wanted = 2 if pending_info[4][:1] in (b"R", b"C") else 1
            else:
                raise ValueError(f"unexpected git log output: {token[:60]!r}")
    if rest.strip(b"\n"):
        raise ValueError("git log output ended in the middle of a record")
    if commit is not None:
        yield commit, changes


def _change(info: list[bytes], paths: list[str]) -> FileChange:
    old_mode, new_mode, old_blob, new_blob, status = info[:5]
    letter = status[:1].decode()
    old = None if old_mode == _GITLINK or old_blob.strip(b"0") == b"" else old_blob.decode()
    new = None if new_mode == _GITLINK or new_blob.strip(b"0") == b"" else new_blob.decode()
    if letter in ("R", "C"):
        return FileChange("R", paths[1], paths[0], old, new)
    return FileChange(letter, paths[0], None, old, new)


def log_process(repo: git.Git, revisions: str) -> Any:
    """`git log` over `revisions` (e.g. `HEAD` or `OLD..HEAD`), not yet read."""
    return repo.execute(["git", "log", *LOG_OPTIONS, revisions, "--"], as_process=True)


# --- document blobs -------------------------------------------------------

_FENCE_OPEN = re.compile(rb"---[ \t]*\n")
_FENCE_CLOSE = re.compile(rb"^(?:---|\.\.\.)[ \t]*$", re.M)
_LAST_REVIEWED = re.compile(rb"^last_reviewed[ \t]*:[ \t]*[\"']?(\d{4}-\d{2}-\d{2})\b", re.M)


@dataclass(frozen=True, slots=True)
class BlobInfo:
    body: str  # hash of everything after the front matter
    last_reviewed: str | None  # ISO date text of the top-level last_reviewed key


def fingerprint(data: bytes) -> BlobInfo:
    """Split one version of a document into front matter and body, as
    `frontmatter.split` does, and keep only what the miner compares."""
    text = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    front, body = b"", text
    opening = _FENCE_OPEN.match(text)
    if opening:
        closing = _FENCE_CLOSE.search(text, opening.end())
        if closing:
            front, body = text[opening.end() : closing.start()], text[closing.end() :]
    reviewed = _LAST_REVIEWED.findall(front)
    return BlobInfo(
        hashlib.blake2b(body, digest_size=8).hexdigest(),
        reviewed[-1].decode() if reviewed else None,
    )


class BlobReader:
    """`git cat-file --batch` fed while the log is still being parsed.

    A thread drains cat-file's output so that writing requests can never
    block on a full pipe; results are keyed by the sha cat-file echoes.
    """

    def __init__(self, repo: git.Git) -> None:
        self._proc = repo.execute(
            ["git", "cat-file", "--batch"], as_process=True, istream=subprocess.PIPE
        )
        popen = self._proc.proc
        assert popen is not None and popen.stdin is not None and popen.stdout is not None
        self._stdin: IO[bytes] = popen.stdin
        self._stdout: IO[bytes] = popen.stdout
        self.results: dict[str, BlobInfo | None] = {}
        self._asked: set[str] = set()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="nohero-cat-file", daemon=True)
        self._thread.start()

    def request(self, sha: str) -> None:
        if sha not in self._asked:
            self._asked.add(sha)
            self._stdin.write(sha.encode() + b"\n")

    def request_all(self, shas: Iterable[str]) -> None:
        for sha in shas:
            self.request(sha)

    def _drain(self) -> None:
        out = self._stdout
        try:
            while True:
                line = out.readline()
                if not line:
                    return
                parts = line.split()
                sha = parts[0].decode()
                if len(parts) < 3 or parts[1] == b"missing":
                    self.results[sha] = None
                    continue
                data = out.read(int(parts[2]))
                out.read(1)  # the newline after the contents
                self.results[sha] = fingerprint(data) if parts[1] == b"blob" else None
        except BaseException as exc:  # handed to the main thread in close()
            self._error = exc

    def close(self) -> dict[str, BlobInfo | None]:
        self._stdin.close()
        self._thread.join()
        self._proc.wait()
        if self._error is not None:
            raise self._error
        return self.results


# --- identities -----------------------------------------------------------


def check_mailmap(
    repo: git.Git, identities: Iterable[tuple[str, str]], chunk: int = 200
) -> dict[tuple[str, str], tuple[str, str]]:
    """Map (name, email) through .mailmap (and mailmap.file/blob config) with
    `git check-mailmap`, a few hundred identities per call."""
    wanted = [
        i
        for i in dict.fromkeys(identities)
        if "<" not in i[0] and ">" not in i[0] + i[1] and "\n" not in i[0] + i[1]
    ]
    mapped: dict[tuple[str, str], tuple[str, str]] = {}
    for start in range(0, len(wanted), chunk):
        batch = wanted[start : start + chunk]
        args = [f"{name} <{email}>" if name else f"<{email}>" for name, email in batch]
        out = repo.execute(["git", "check-mailmap", *args], strip_newline_in_stdout=False)
        lines = out.split("\n")
        for identity, line in zip(batch, lines, strict=False):
            found = split_identity(line)
            if found is not None:
                mapped[identity] = found
    return mapped


_IDENTITY = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$")


def split_identity(text: str) -> tuple[str, str] | None:
    """'Name <email>' -> (name, email); a bare name gets an empty email."""
    m = _IDENTITY.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    text = text.strip()
    return (text, "") if text else None
