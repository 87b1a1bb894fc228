"""Discovery: which files are documents, read safely, each parsed once.

Safety rules live here because this is the only place that opens documents:
nothing outside the repository is read (symlinks that leave it are skipped
with a finding), oversized and unreadable files become problems, and one bad
file never stops the others.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .config import Config
from .doccache import DocumentCache, cache_enabled, judge
from .document import Document, Problem, parse_document
from .docwalk import MARKDOWN_SUFFIXES, DocsWalk, walk_docs
from .lazyclass import field, record
from .roster import Roster, load_roster

MIB = 1024 * 1024
CACHE_FROM_FILES = 64  # fewer documents than this are parsed without the cache


@record
class KnowledgeBase:
    config: Config
    roster: Roster
    documents: list[Document] = field(default_factory=list)
    partial: bool = False  # only some documents were loaded (PATHS, --changed-since)
    # docs-relative folder reached through a symlink -> the folder whose
    # documents MkDocs publishes there too (docwalk.DocsWalk.also_published)
    also_published: dict[str, str] = field(default_factory=dict)
    alerts: Any = field(default=None, repr=False, compare=False)  # nohero.alerts.alerts_of()

    def by_path(self) -> dict[str, Document]:
        return {d.path: d for d in self.documents}


def is_excluded(config: Config, docs_rel: str) -> bool:
    return any(fnmatch.fnmatchcase(docs_rel, pattern) for pattern in config.exclude)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def discover(config: Config) -> list[Path]:
    """Markdown files MkDocs publishes from docs_dir (sorted): symlinked folders
    inside the repository followed once each, links leaving it returned as
    themselves (read_document refuses them); see docwalk."""
    return [Path(p) for p in _walk(config).files]


def _walk(config: Config) -> DocsWalk:
    if not config.docs_dir.is_dir():
        return DocsWalk()
    walk = walk_docs(str(config.docs_dir), str(config.repo_root))
    if config.exclude:
        docs_dir = str(config.docs_dir)
        walk.files = [p for p in walk.files if not is_excluded(config, _relative(p, docs_dir))]
    return walk


def _relative(path: str, root: str) -> str:
    """POSIX path of `path` below `root` (both absolute); a prefix cut when it
    can be, since os.path.relpath per file adds up on large knowledge bases."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


class Places:
    """What one load resolves once instead of per file: the docs_dir and
    repository prefixes paths are cut at, the real repository root, and
    each folder's real path (one realpath per folder, not per file)."""

    def __init__(self, config: Config) -> None:
        self.docs_dir = str(config.docs_dir)
        self.docs_prefix = self.docs_dir.rstrip(os.sep) + os.sep
        self.repo_root = str(config.repo_root)
        self.repo_prefix = self.repo_root.rstrip(os.sep) + os.sep
        self.root = os.path.realpath(config.repo_root)
        self.root_prefix = self.root.rstrip(os.sep) + os.sep
        self.real_dirs: dict[str, str] = {}

    def docs_rel(self, path: str) -> str:
        if path.startswith(self.docs_prefix) and os.sep == "/":
            return path[len(self.docs_prefix) :]
        return _relative(path, self.docs_dir)

    def repo_rel(self, path: str) -> str:
        if path.startswith(self.repo_prefix) and os.sep == "/":
            return path[len(self.repo_prefix) :]
        return _relative(path, self.repo_root)

    def real_folder(self, folder: str) -> str:
        real = self.real_dirs.get(folder)
        if real is None:
            real = self.real_dirs[folder] = os.path.realpath(folder)
        return real


def read_document(
    config: Config,
    source: Path | str,
    places: Places | None = None,
    parsed: DocumentCache | None = None,
) -> Document:
    """Read one file defensively and parse it.

    `places` holds what a load of many files works out once (see Places); a
    str `source` given with it is discovery's, absolute and normalised
    already. `parsed` holds front matter parsed by earlier runs (see doccache)."""
    if places is None:
        places = Places(config)
        path = os.path.abspath(source)
    else:
        path = source if type(source) is str else os.path.abspath(source)
    docs_rel = places.docs_rel(path)
    rel = places.repo_rel(path)

    def unreadable(message: str) -> Document:
        doc = Document(
            path=rel, source_file=path, docs_rel=docs_rel, doc_type=config.type_for(docs_rel, None)
        )
        doc.problems.append(Problem("file-unreadable", 1, message))
        return doc

    folder, _, name = path.rpartition(os.sep)  # os.path.split, for a normalised path
    folder = folder or os.sep
    real_folder = places.real_folder(folder)
    try:
        info = os.lstat(path)
    except OSError as exc:
        return unreadable(f"cannot read file: {exc.strerror or exc}")
    link = stat.S_ISLNK(info.st_mode)
    if link:
        real = os.path.realpath(path)
    else:
        real = path if real_folder == folder else os.path.join(real_folder, name)
    root = places.root
    if real != root and not real.startswith(places.root_prefix):
        if os.path.isdir(path):  # a linked folder (docwalk): MkDocs publishes what is in it
            return unreadable(
                "symlinked folder points outside the repository; nothing in it is checked, "
                "yet MkDocs publishes it: copy the folder into the repository"
            )
        return unreadable(
            "symlink points outside the repository; not read: replace it with the file itself"
        )
    if not link and folder != real_folder:
        # reached through a symlinked folder: git tracks (and the owner edits)
        # the real file, so it is reported there; docs_rel stays the published path
        real_rel = _relative(real, root)
        if real_rel != rel and not real_rel.startswith("../"):
            rel = real_rel
    try:
        if link:
            info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):
            return unreadable(
                "not a regular file (a FIFO, socket or device?); not read: replace it with a file"
            )
        size = info.st_size
        if size > config.max_file_bytes:
            return unreadable(
                f"file is {size // MIB} MB, over the {config.max_file_bytes // MIB} MB limit: "
                "split it, or raise plugins.nohero.max_file_size_mb"
            )
        raw = _read_bytes(real, size, config.max_file_bytes)
        if len(raw) > config.max_file_bytes:
            return unreadable(
                f"file is over the {config.max_file_bytes // (1024 * 1024)} MB limit: "
                "split it, or raise plugins.nohero.max_file_size_mb"
            )
    except OSError as exc:
        return unreadable(f"cannot read file: {exc.strerror or exc}")
    return parse_document(rel, path, docs_rel, raw, config.type_for, config.fields, parsed)


def _read_bytes(real: str, size: int, limit: int) -> bytes:
    """The file's bytes, at most `limit` + 1 of them. Sized from stat, read
    through the descriptor (a buffered file object per document costs more
    than the read itself); a file that grew since the stat is read on."""
    fd = os.open(real, os.O_RDONLY)
    try:
        raw = os.read(fd, size + 1)
        if len(raw) > size:  # it grew since the stat
            chunks = [raw]
            total = len(raw)
            while total <= limit:
                chunk = os.read(fd, limit + 1 - total)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            raw = b"".join(chunks)
    finally:
        os.close(fd)
    return raw


def load_knowledge_base(
    config: Config, paths: Iterable[Path] | None = None, roster: Roster | None = None
) -> KnowledgeBase:
    """Load the roster and every document (or only `paths`, when given)."""
    roster = roster if roster is not None else load_roster(config.roster_path)
    walk = _walk(config) if paths is None else None
    files: Sequence[Path | str]
    if paths is None:
        files = walk.files if walk is not None else []  # str: read_document makes one Path
    else:
        found: list[Path] = []
        elsewhere = set()
        for p in paths:
            p = Path(os.path.abspath(p))
            if p.is_dir():
                found.extend(f for f in discover(config) if _inside(f, p))
            elif _inside(p, config.docs_dir) and p.suffix.lower() in MARKDOWN_SUFFIXES:
                if not is_excluded(config, p.relative_to(config.docs_dir).as_posix()):
                    found.append(p)
            elif p.suffix.lower() in MARKDOWN_SUFFIXES:
                elsewhere.add(os.path.realpath(p))
        if elsewhere:  # published through a symlinked folder (docwalk)?
            found.extend(f for f in discover(config) if os.path.realpath(f) in elsewhere)
        files = sorted(set(found))
    places = Places(config)
    # Loading the cache costs about what parsing a few dozen files does: a
    # pre-commit run on a handful of files parses them and leaves it alone.
    wanted = len(files) >= CACHE_FROM_FILES and config.cache_dir is not None and cache_enabled()
    cache = DocumentCache.open(config.repo_root, wanted)
    documents = [read_document(config, f, places, cache) for f in files]
    if cache.path is not None and config.severities.get("schema", True) is not None:
        judge(documents, cache, config.fields)  # schema verdicts remembered with the parse
    cache.save()
    return KnowledgeBase(
        config=config,
        roster=roster,
        documents=documents,
        partial=paths is not None,
        also_published=walk.also_published if walk is not None else {},
    )
