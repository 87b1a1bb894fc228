"""The document blobs `git log` names, read by one streamed `git cat-file
--batch` while the log is still being parsed, each kept as what the miner
compares: a hash of the body (everything after the front matter) and the
review date the front matter gives.

Reading the review date means parsing YAML, by far the dearest step (a
hundred times a body hash), and most versions of a document differ from the
previous one in the review date alone or not at all in their front matter.
So a front matter whose review line is a plain `key: YYYY-MM-DD` is parsed
once per *shape*: the same text with that date replaced by a placeholder.
YAML reads a date's digits the same whatever they are, so the placeholder's
place in the parsed shape is the real date's place; every other front
matter is parsed as it is. A test checks both ways agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import IO

from ..document import BOM, Document
from ..durations import as_date
from ..frontmatter import FrontMatter, parse, split
from .background import KnownVersions
from .rungit import GitProcess


@dataclass(frozen=True, slots=True)
class BlobInfo:
    body: str  # hash of everything after the front matter
    last_reviewed: str | None  # ISO date of the top-level review-date key


# A review date a real document is unlikely to hold; a front matter that
# holds it anyway is parsed as it is.
PLACEHOLDER = "1901-02-03"


def fingerprint(
    data: bytes, key: str = "last_reviewed", shapes: dict[str, str | None] | None = None
) -> BlobInfo:
    """One version of a document, split and read by the same front-matter
    parser as the document model (`nohero.frontmatter`: CR-only newlines,
    flow mappings, anchors), keeping only what the miner compares. `key` is
    the review-date key this repository uses (`fields:` may map it).
    `shapes`: review dates by front-matter shape, shared by the versions one
    reader reads (see the module docstring); None parses every version."""
    text = data.decode("utf-8", "replace").removeprefix(BOM)
    parts = split(text)
    reviewed = None
    fm = parts.front_matter
    if fm is not None and fm.error is None and key in fm.text:  # no key, no YAML to parse
        reviewed = _by_shape(fm, key, shapes) if shapes is not None else _review_date(fm, key)
    return BlobInfo(
        hashlib.blake2b(parts.body.encode("utf-8", "replace"), digest_size=8).hexdigest(),
        reviewed,
    )


def _review_date(fm: FrontMatter, key: str) -> str | None:
    parsed = parse(fm)
    if parsed.error is None and isinstance(parsed.data, dict):
        day = as_date(parsed.data.get(key))
        return day.isoformat() if day is not None else None
    return None


def _by_shape(fm: FrontMatter, key: str, shapes: dict[str, str | None]) -> str | None:
    found = _review_line(key).search(fm.text)
    if found is None or PLACEHOLDER in fm.text or not _is_date(found.group(1)):
        return _review_date(fm, key)
    shape = fm.text[: found.start(1)] + PLACEHOLDER + fm.text[found.end(1) :]
    if shape not in shapes:
        shapes[shape] = _review_date(replace(fm, text=shape), key)
    reviewed = shapes[shape]
    return found.group(1) if reviewed == PLACEHOLDER else reviewed


@functools.lru_cache(maxsize=8)
def _review_line(key: str) -> re.Pattern[str]:
    """A top-level `key: YYYY-MM-DD` line, nothing else on it."""
    return re.compile(rf"^{re.escape(key)}:[ ]+(\d{{4}}-\d\d-\d\d)[ ]*$", re.MULTILINE)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def known_versions(documents: Iterable[Document], key: str) -> dict[str, BlobInfo]:
    """What `fingerprint` would say of each document's blob, from the parse
    the knowledge base already made (the versions at HEAD are mostly the
    files on disk): a cold run reads and parses those blobs no second time.
    Unreadable files are left to git."""
    known: dict[str, BlobInfo] = {}
    for doc in documents:
        if doc.blob is None or any(p.rule == "file-unreadable" for p in doc.problems):
            continue
        reviewed = None
        fm = doc.front_matter
        if fm is not None and fm.error is None and key in fm.text and fm.data is not None:
            day = as_date(fm.data.get(key))
            reviewed = day.isoformat() if day is not None else None
        body = hashlib.blake2b(doc.body.encode("utf-8", "replace"), digest_size=8).hexdigest()
        known[doc.blob] = BlobInfo(body, reviewed)
    return known


class BlobReader:
    """`git cat-file --batch` fed while the log is still being parsed.

    A thread drains cat-file's output so that writing requests can never
    block on a full pipe; results are keyed by the sha cat-file echoes.
    Blobs in `known` are never asked for; known versions still to be handed
    over (`KnownVersions`) hold the requests back until they are.
    """

    def __init__(
        self,
        root: str,
        review_key: str = "last_reviewed",
        known: dict[str, BlobInfo] | KnownVersions | None = None,
    ) -> None:
        self._key = review_key
        self._later = known if isinstance(known, KnownVersions) else None
        self._known: dict[str, BlobInfo] = known if isinstance(known, dict) else {}
        self._held: list[str] = []
        self._shapes: dict[str, str | None] = {}  # see fingerprint()
        self._proc = GitProcess(root, "cat-file", "--batch", stdin=True)
        popen = self._proc.proc
        assert popen.stdin is not None and popen.stdout is not None
        self._stdin: IO[bytes] = popen.stdin
        self._stdout: IO[bytes] = popen.stdout
        self.results: dict[str, BlobInfo | None] = {}
        self._asked: set[str] = set()
        self._batch: list[bytes] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="nohero-cat-file", daemon=True)
        self._thread.start()

    def request(self, sha: str) -> None:
        if sha in self._asked:
            return
        self._asked.add(sha)
        if self._later is not None:
            if not self._later.ready:
                self._held.append(sha)
                return
            self._take_known()
        if sha not in self._known:
            self._batch.append(sha.encode())
            if len(self._batch) >= 256:  # one pipe write per 256 requests, not one each
                self._send()

    def _take_known(self) -> None:
        assert self._later is not None
        self._known, self._later = self._later.wait(), None
        self._batch += [sha.encode() for sha in self._held if sha not in self._known]
        self._held = []

    def _send(self) -> None:
        if self._batch:
            self._stdin.write(b"\n".join(self._batch) + b"\n")
            self._stdin.flush()
            self._batch = []

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
                blob = parts[1] == b"blob"
                self.results[sha] = fingerprint(data, self._key, self._shapes) if blob else None
        except BaseException as exc:  # handed to the main thread in close()
            self._error = exc
            self._discard(out)

    @staticmethod
    def _discard(out: IO[bytes]) -> None:
        """Read cat-file's output to its end: a reader that stopped reading
        would leave cat-file blocked on a full pipe and `close()` waiting on it
        for ever."""
        try:
            while out.read(1 << 16):
                pass
        except (OSError, ValueError):
            pass

    def close(self) -> dict[str, BlobInfo | None]:
        try:
            if self._later is not None:
                self._take_known()
            self._send()
        finally:
            self._stdin.close()
        self._thread.join()
        try:
            self._proc.wait()
        finally:
            self._proc.end()
        if self._error is not None:
            raise self._error
        return {**self._known, **self.results}
