"""Files a page pulls in with pymdownx.snippets are part of the page.

A runbook whose steps live in `includes/failover-steps.md` is stale when
those steps are, and whoever wrote them knows the page. This module finds
the includes of a page, in the forms pymdownx.snippets accepts:

    --8<-- "includes/failover-steps.md"        (single line, ' or " quotes)
    --8<-- "includes/checks.md:3:9"            (a line range, or :section)
    --8<--
    includes/a.md
    includes/b.md
    --8<--                                      (block form)

Lines escaped with `;` and URLs are skipped; includes of includes are
followed. Paths resolve against `config.snippet_dirs` (pymdownx's
`base_path`), first match wins; nothing outside the repository is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import lazyre
from ..config import Config
from .cache import CONTENT, Event

_INLINE = lazyre.compile(
    r"""^[ \t]*(;*)-+8<-+[ \t]+(?:"((?:\\"|[^"\n])+?)"|'((?:\\'|[^'\n])+?)')[ \t]*$"""
)
_BLOCK = lazyre.compile(r"^[ \t]*(;*)-+8<-+[ \t]*$")
_MARKER = "8<-"
MAX_DEPTH = 8


def includes(config: Config, page: str, text: str | None = None) -> list[str]:
    """Repo-relative paths of the files `page` (repo-relative) includes,
    directly or through other includes, in the order first seen. `text` is
    the page's Markdown when the caller already read it (documents are read
    once, by the knowledge base); included files are read here."""
    if not config.snippet_dirs:
        return []
    root = Path(os.path.realpath(config.repo_root))
    found: dict[str, None] = {}
    _walk(config, root, config.repo_root / page, found, {page}, 0, text)
    return list(found)


def _walk(
    config: Config,
    root: Path,
    source: Path,
    found: dict[str, None],
    seen: set[str],
    depth: int,
    text: str | None = None,
) -> None:
    if depth >= MAX_DEPTH:
        return
    if text is None:
        text = _read(config, root, source)
    if text is None or _MARKER not in text:
        return
    for name in _names(text):
        rel = _resolve(config, root, name)
        if rel is None or rel in seen:
            continue
        seen.add(rel)
        found[rel] = None
        _walk(config, root, config.repo_root / rel, found, seen, depth + 1)


def _names(text: str) -> list[str]:
    names: list[str] = []
    in_block = False
    for line in text.splitlines():
        if in_block:
            if _BLOCK.match(line):
                in_block = False
            elif line.strip() and not line.lstrip().startswith(";"):
                names.append(line.strip())
            continue
        block = _BLOCK.match(line)
        if block:
            in_block = not block.group(1)
            continue
        inline = _INLINE.match(line)
        if inline and not inline.group(1):
            names.append(
                (inline.group(2) or inline.group(3)).replace('\\"', '"').replace("\\'", "'")
            )
    return [n for n in names if "://" not in n]


def _resolve(config: Config, root: Path, name: str) -> str | None:
    """The first existing file for `name` under a snippet base, trying the
    name as written, then without a `:lines` or `:section` suffix."""
    candidates = [name]
    while ":" in candidates[-1]:
        candidates.append(candidates[-1].rsplit(":", 1)[0])
    for candidate in candidates:
        if not candidate or os.path.isabs(candidate):
            continue
        for base in config.snippet_dirs:
            real = Path(os.path.realpath(base / candidate))
            if real.is_file() and _inside(real, root):
                return real.relative_to(root).as_posix()
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _read(config: Config, root: Path, source: Path) -> str | None:
    real = Path(os.path.realpath(source))
    if not _inside(real, root):
        return None
    try:
        if real.stat().st_size > config.max_file_bytes:
            return None
        return real.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None


def merge_included(own: list[Event], extra: list[list[Event]]) -> list[Event]:
    """A page's events merged with those of the files it includes, in commit
    order: one event per commit; `created` and `last_reviewed` stay the page's."""
    by_commit: dict[int, Event] = {}
    for evs in extra:
        for idx, flags, _ in evs:
            current = by_commit.setdefault(idx, [idx, 0, None])
            current[1] |= flags & CONTENT
    for idx, flags, reviewed in own:
        included = by_commit.get(idx)
        by_commit[idx] = [idx, flags | (included[1] if included else 0), reviewed]
    merged = [by_commit[idx] for idx in sorted(by_commit)]
    own_commits = {ev[0] for ev in own}
    reviewed_now: str | None = None
    for ev in merged:
        if ev[0] in own_commits:
            reviewed_now = ev[2]
        else:
            ev[2] = reviewed_now
    return merged
