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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .doccache import DocumentCache, cache_enabled, judge
from .document import Document, Problem, parse_document
from .docwalk import MARKDOWN_SUFFIXES, DocsWalk, walk_docs
from .roster import Roster, load_roster

MIB = 1024 * 1024
CACHE_FROM_FILES = 64  # fewer documents than this are parsed without the cache


@dataclass
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


def read_document(
    config: Config,
    source: Path | str,
    real_dirs: dict[str, str] | None = None,
    parsed: DocumentCache | None = None,
) -> Document:
    """Read one file defensively and parse it.

    `real_dirs` caches resolved folders across one load, so a knowledge base
    of 10,000 files costs one realpath per folder, not one per file; `parsed`
    holds front matter parsed by earlier runs (see doccache)."""
    path = os.path.abspath(source)
    source = Path(path)
    docs_rel = _relative(path, str(config.docs_dir))
    rel = _relative(path, str(config.repo_root))

    def unreadable(message: str) -> Document:
        doc = Document(
            path=rel, source=source, docs_rel=docs_rel, doc_type=config.type_for(docs_rel, None)
        )
        doc.problems.append(Problem("file-unreadable", 1, message))
        return doc

    cache = real_dirs if real_dirs is not None else {}
    folder, name = os.path.split(path)
    if folder not in cache:
        cache[folder] = os.path.realpath(folder)
    if "" not in cache:
        cache[""] = os.path.realpath(config.repo_root)
    try:
        info = os.lstat(path)
    except OSError as exc:
        return unreadable(f"cannot read file: {exc.strerror or exc}")
    link = stat.S_ISLNK(info.st_mode)
    real = os.path.realpath(path) if link else os.path.join(cache[folder], name)
    root = cache[""]
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        if os.path.isdir(path):  # a linked folder (docwalk): MkDocs publishes what is in it
            return unreadable(
                "symlinked folder points outside the repository; nothing in it is checked, "
                "yet MkDocs publishes it: copy the folder into the repository"
            )
        return unreadable(
            "symlink points outside the repository; not read: replace it with the file itself"
        )
    if not link and folder != cache[folder]:
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
        with open(real, "rb") as handle:
            raw = handle.read(size + 1)  # sized from stat: no 5 MB buffer per file
            if len(raw) > size:  # it grew since the stat
                raw += handle.read(config.max_file_bytes + 1 - len(raw))
        if len(raw) > config.max_file_bytes:
            return unreadable(
                f"file is over the {config.max_file_bytes // (1024 * 1024)} MB limit: "
                "split it, or raise plugins.nohero.max_file_size_mb"
            )
    except OSError as exc:
        return unreadable(f"cannot read file: {exc.strerror or exc}")
    return parse_document(rel, source, docs_rel, raw, config.type_for, config.fields, parsed)


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
    real_dirs: dict[str, str] = {}
    # Loading the cache costs about what parsing a few dozen files does: a
    # pre-commit run on a handful of files parses them and leaves it alone.
    wanted = len(files) >= CACHE_FROM_FILES and config.cache_dir is not None and cache_enabled()
    cache = DocumentCache.open(config.repo_root, wanted)
    documents = [read_document(config, f, real_dirs, cache) for f in files]
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
