"""Parsed front matter remembered by git blob id, so a warm run composes no
YAML through libyaml, and schema verdicts with it.

Parsing front matter through libyaml (then the key lines) was the biggest
part of loading a knowledge base. Plain front matter is now read by
`fastyaml` about as fast as a stored parse is decoded, so for it only the
schema verdicts are kept (a FAST entry): a smaller file, written and read
in a fraction of the time. Its result depends only on the file's bytes, so it
is kept under the file's git blob id (`sha1("blob <size>\\0" + bytes)`, what
`git hash-object --no-filters` prints): an entry can never describe other
bytes than the ones just read (no mtime races), and it stays valid across
checkouts, rebases and branches, since identical text parses identically.

Where: in the repository's git dir (`.git/nohero/`, shared by all worktrees),
never in the working tree. A pull request can change any file of the working
tree, but not `.git`, so a cache file committed into the repository (or
planted at `.cache/nohero/`) is never read. No git dir (a folder outside git,
a tarball), `cache_dir: false`, or an unwritable git dir: no cache, same
answers.

The file is JSON (reading it cannot run code), versioned, written atomically,
and checked entry by entry as it is used: a damaged entry is a miss, a
damaged file is an empty cache. Values YAML can hold but JSON cannot (dates,
timestamps) are tagged; anything else unusual (non-string keys, binary, sets)
is simply not cached and parsed every time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import sha1_hex
from .document import blob_id as blob_id  # the key (one definition, with Document.blob)
from .frontmatter import FrontMatter, FrontMatterError, KeyPath

if TYPE_CHECKING:
    from .document import Document

FORMAT = "nohero-documents"
VERSION = 4  # 2: duplicate keys are an error (#15); 3: schema verdicts; 4: FAST entries
FILE_NAME = "documents.json"
_DATE, _TIME = "\x00d", "\x00t"
# The entry of front matter `fastyaml` reads: reading it again costs what
# decoding a stored parse costs, so only its schema verdicts are kept.
FAST = "fastyaml"
# Entries not used by a run are kept (a one-file pre-commit run must not drop
# the rest) until the file holds this many more than the run used.
SPARE_ENTRIES = 20_000
VERDICTS_KEPT = 4  # schema verdicts per entry (types, nohero versions) kept


def git_dir(repo_root: Path) -> Path | None:
    """The git dir holding shared state (the common dir of a worktree), found
    without running git; None when `repo_root` has no `.git`."""
    dot = repo_root / ".git"
    try:
        if dot.is_dir():
            return dot
        text = dot.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    own = Path(text[len("gitdir:") :].strip())
    own = own if own.is_absolute() else repo_root / own
    try:
        common = (own / "commondir").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return own if own.is_dir() else None
    shared = Path(os.path.normpath(own / common))
    return shared if shared.is_dir() else None


class DocumentCache:
    """blob id -> parsed front matter, loaded once per run, saved if it grew."""

    def __init__(self, path: Path | None, entries: dict[str, Any] | None = None) -> None:
        self.path = path
        self._entries: dict[str, Any] = entries or {}
        self._used: set[str] = set()
        self._added = 0
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, repo_root: Path, enabled: bool = True) -> DocumentCache:
        """The cache of the repository at `repo_root` (an inert one outside git)."""
        where = git_dir(repo_root) if enabled else None
        if where is None:
            return cls(None)
        path = where / "nohero" / FILE_NAME
        return cls(path, read_entries(path, FORMAT, VERSION, _decode))

    def get(self, key: str) -> FrontMatter | None:
        """The parsed front matter stored for `key`, filled into a new
        FrontMatter (text and fence lines come from the caller's split)."""
        entry = self._entries.get(key)
        if _is_fast(entry):  # read again (fastyaml); put() keeps the verdicts
            return None
        if entry is not None and key not in self._used:  # twins get their own parse
            parsed = _entry_to_parts(entry)
            if parsed is not None:
                self._used.add(key)
                self.hits += 1
                return parsed
        self.misses += 1
        return None

    def valid(self, key: str, verdict: str) -> bool:
        """True when the front matter under `key` was judged valid under
        `verdict` (schema_verdict: the schema, the code judging, the type)."""
        # only entries this run checked (get) or wrote (put) are trusted
        return key in self._used and verdict in self._entries[key][3]

    def mark_valid(self, key: str, verdict: str) -> None:
        entry = self._entries.get(key) if key in self._used else None
        if entry is not None and verdict not in entry[3]:
            entry[3][:] = [*entry[3][-(VERDICTS_KEPT - 1) :], verdict]
            self._added += 1

    def put(self, key: str, fm: FrontMatter) -> None:
        if fm.fast and fm.error is None:
            if not _is_fast(self._entries.get(key)):
                self._entries[key] = [FAST, None, None, []]
                self._added += 1
            self._used.add(key)
            return
        entry = _parts_to_entry(fm)
        if entry is not None:
            self._entries[key] = entry
            self._used.add(key)
            self._added += 1

    def save(self) -> bool:
        """Write the cache when this run added to it; never raises."""
        if self.path is None or not self._added:
            return False
        entries = self._entries
        if len(entries) > len(self._used) + SPARE_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        if not write_entries(self.path, FORMAT, VERSION, entries, _encode):
            return False
        self._added = 0
        return True


def read_entries(
    path: Path, fmt: str, version: int, hook: Callable[[dict[str, Any]], Any] | None = None
) -> dict[str, Any]:
    """The entries of a cache file of this format and version; {} for a
    missing, damaged or other file (shared by nohero's caches in the git dir)."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(), object_hook=hook)
        if (
            isinstance(data, dict)
            and data.get("format") == fmt
            and data.get("version") == version
            and isinstance(data.get("entries"), dict)
        ):
            return data["entries"]  # type: ignore[no-any-return]
    except (OSError, ValueError, RecursionError):
        pass
    return {}


def write_entries(
    path: Path,
    fmt: str,
    version: int,
    entries: dict[str, Any],
    default: Callable[[Any], Any] | None = None,
) -> bool:
    """Write a cache file atomically; False (never an exception) when it cannot be."""
    from .atomic import write_atomic  # only when writing

    payload = {"format": fmt, "version": version, "entries": entries}
    try:
        text = json.dumps(payload, separators=(",", ":"), default=default)
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, text.encode("utf-8", "surrogatepass"))
    except (OSError, ValueError, TypeError, RecursionError):
        return False
    return True


def _is_fast(entry: Any) -> bool:
    """A well-formed FAST entry (its verdicts a list of texts)."""
    return (
        type(entry) is list
        and len(entry) == 4
        and entry[0] == FAST
        and type(entry[3]) is list
        and all(type(v) is str for v in entry[3])
    )


def _parts_to_entry(fm: FrontMatter) -> list[Any] | None:
    """[data, lines, error, schema verdicts] in JSON-able form; None when not cacheable."""
    if fm.error is not None:
        return [None, [], [fm.error.line, fm.error.message], []]
    if fm.data is None or not (fm.plain or _plain(fm.data)):
        return None
    lines = [[list(path), line] for path, line in fm.lines.items()]
    return [fm.data, lines, None, []]


def _entry_to_parts(entry: Any) -> FrontMatter | None:
    try:
        data, lines, error, verdicts = entry
        if type(verdicts) is not list or {type(v) for v in verdicts} - {str}:
            return None
        fm = FrontMatter(text="", first_line=0, closing_line=0)
        if error is not None:
            line, message = error
            if type(line) is not int or not isinstance(message, str):
                return None
            fm.error = FrontMatterError(line, message)
            return fm
        if not isinstance(data, dict):
            return None
        keyed: dict[KeyPath, int] = {tuple(path): line for path, line in lines}
        if {type(v) for v in keyed.values()} - {int} or {
            type(part) for key in keyed for part in key
        } - {str, int}:
            return None
        fm.data, fm.lines, fm.plain = data, keyed, True  # it came from JSON
        return fm
    except (TypeError, ValueError):
        return None


def _plain(value: Any, depth: int = 0) -> bool:
    """Only values that come back from JSON exactly as YAML gave them."""
    if depth > 64:
        return False
    kind = type(value)
    if kind is str:
        return True
    if kind in (int, float, bool) or value is None:
        return True
    if kind in (dt.date, dt.datetime):
        return True
    if kind is list:
        return all(_plain(v, depth + 1) for v in value)
    if kind is dict:
        return all(
            type(k) is str and not k.startswith("\x00") and _plain(v, depth + 1)
            for k, v in value.items()
        )
    return False


def _encode(value: Any) -> Any:
    if type(value) is dt.datetime:
        return {_TIME: value.isoformat()}
    if type(value) is dt.date:
        return {_DATE: value.isoformat()}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return dt.date.fromisoformat(obj[_DATE])
        if _TIME in obj:
            return dt.datetime.fromisoformat(obj[_TIME])
    return obj


def cache_enabled() -> bool:
    """NOHERO_NO_DOCUMENT_CACHE=1 turns the cache off (benchmarks, debugging)."""
    return not os.environ.get("NOHERO_NO_DOCUMENT_CACHE")


def judge(documents: list[Document], cache: DocumentCache, fields: Mapping[str, str]) -> None:
    """Fill `Document.schema_problems` (what the schema rule reports), from
    the cache where a blob was judged valid under the same verdict before:
    a warm run validates only what changed. Valid verdicts are remembered
    (invalid ones are rare and their messages need the document's lines)."""
    from .schema import validate_meta

    verdicts: dict[str, str | None] = {}
    for doc in documents:
        if not doc.readable:
            continue
        if doc.doc_type not in verdicts:
            verdicts[doc.doc_type] = schema_verdict(doc.doc_type, fields)
        verdict = verdicts[doc.doc_type]
        key = doc.blob
        if verdict is not None and key is not None and cache.valid(key, verdict):
            doc.schema_problems = []
            continue
        doc.schema_problems = validate_meta(doc.meta, doc.doc_type)
        if verdict is not None and key is not None and not doc.schema_problems:
            cache.mark_valid(key, verdict)


def schema_verdict(doc_type: str, fields: Mapping[str, str]) -> str | None:
    """Everything a schema verdict depends on besides the blob, as a digest:
    the type, its schema, the `fields:` mapping, and the code that maps and
    judges (schema.py, schema_subset.py, fields.py, as installed). None: not
    cacheable."""
    from . import fields as fields_module
    from . import schema, schema_subset

    try:
        judging = (schema, schema_subset, fields_module)
        code = b"".join(Path(m.__file__ or "").read_bytes() for m in judging)
        shape = json.dumps([doc_type, schema.schema_for(doc_type), sorted(fields.items())])
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return sha1_hex(code, shape.encode("utf-8", "surrogatepass"))
