"""Renames git gave up on. `git log -M` pairs a deleted and an added file
as a rename only while a commit moves fewer files than its rename limit;
beyond it, every lightly edited document moved in that commit would read as
deleted and created anew, and its authorship would restart with whoever
moved it. For those rare commits the documents are paired again, documents
alone, with a higher limit (documents are far fewer than files)."""

from __future__ import annotations

from ..config import Config
from ..knowledge_base import MARKDOWN_SUFFIXES, is_excluded
from . import cache, gitlog
from .cache import Mined
from .gitlog import FileChange, RawCommit, _change, _path
from .rungit import git_output

DOC_RENAME_LIMIT = 4000


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def rename_detection_skipped(added: int, deleted: int, limit: int | None = None) -> bool:
    """Whether git gave up inexact rename detection for a diff that left
    `added` and `deleted` files unpaired (git's own test, diffcore-rename.c)."""
    if limit is None:
        limit = gitlog.RENAME_LIMIT
    if not added or not deleted:
        return False
    return not ((added <= limit or deleted <= limit) and added * deleted <= limit * limit)


DOC_PATHSPECS = (":(glob,icase)**/*.md", ":(glob,icase)**/*.markdown")


def doc_renames(root: str, parent: str, sha: str) -> list[FileChange]:
    """The Markdown changes between `parent` and `sha`, renames paired among
    documents alone (with DOC_RENAME_LIMIT). Called only for the rare commit
    where git skipped rename detection because it moved too many files."""
    out = git_output(
        root, "diff-tree", "-r", "-z", "--raw", "-M", f"-l{limit()}", "--no-abbrev",
        parent, sha, "--", *DOC_PATHSPECS,
    )  # fmt: skip
    tokens = out.split(b"\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if not token.startswith(b":"):
            continue
        info = token[1:].split(b" ")
        count = 2 if info[4][:1] in (b"R", b"C") else 1
        paths = [_path(t) for t in tokens[i : i + count]]
        changes.append(_change(info, paths[-1], paths[0] if count == 2 else None))
        i += count
    return changes


def pair_doc_renames(
    root: str, mined: Mined, commit: RawCommit, changes: list[FileChange]
) -> list[FileChange]:
    """`changes`, with documents' renames paired again when the commit moved
    more files than git's rename limit (git then reports every lightly edited
    moved document as a delete plus an add, and authorship would restart)."""
    added = sum(1 for c in changes if c.status == "A")
    deleted = sum(1 for c in changes if c.status == "D")
    if not commit.parents or not rename_detection_skipped(added, deleted):
        return changes
    doc_added = sum(1 for c in changes if c.status == "A" and is_markdown(c.path))
    doc_deleted = sum(1 for c in changes if c.status == "D" and is_markdown(c.path))
    if not doc_added or not doc_deleted:
        return changes
    if rename_detection_skipped(doc_added, doc_deleted, limit()):
        mined.odd.setdefault(cache.RENAMES_UNPAIRED, []).append(commit.sha)
        return changes
    paired = doc_renames(root, commit.parents[0], commit.sha)
    kept = [
        c
        for c in changes
        if not (
            c.status in "ADR"
            and (is_markdown(c.path) or (c.old_path is not None and is_markdown(c.old_path)))
        )
    ]
    return kept + [c for c in paired if c.status in "ADR"]


def limit() -> int:
    """DOC_RENAME_LIMIT, read when used (tests lower it to reach it cheaply)."""
    return DOC_RENAME_LIMIT


def docs_prefix(config: Config) -> str | None:
    """docs_dir as a repo-relative prefix ('' for the root); None when outside the repo."""
    rel = config.rel(config.docs_dir)
    if rel == ".":
        return ""
    if rel == ".." or rel.startswith("../"):
        return None
    return rel + "/"


def is_doc(config: Config, path: str, prefix: str) -> bool:
    """`path` (repo-relative) is a document: Markdown under docs_dir, found by discovery."""
    if not path.startswith(prefix) or not is_markdown(path):
        return False
    docs_rel = path[len(prefix) :]
    if docs_rel.startswith(".") or "/." in docs_rel:
        return False  # discovery skips hidden files and folders too
    return not is_excluded(config, docs_rel)
