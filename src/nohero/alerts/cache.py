"""Parsed rule files remembered by content, so a warm `check` parses no rule
YAML (10,000 alerts are a few MB of it: most of what alerts add to a run).

The same design as the documents' cache (`nohero.doccache`): keyed by the
git blob id of the file's bytes, kept in the repository's git dir (never the
working tree, which a pull request controls), JSON (reading it runs no code),
versioned, written atomically, each entry checked as it is used (a damaged
entry is a miss). `cache_dir: false` or NOHERO_NO_DOCUMENT_CACHE=1 turn it off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..doccache import blob_id, git_dir, read_entries, write_entries
from .links import Target
from .ruletext import Alert, Problem

FORMAT = "nohero-alert-rules"
VERSION = 2  # bump when parsing changes what a file yields (2: rows, link targets)
FILE_NAME = "alert-rules.json"
_FIELDS = Alert._fields[:1] + Alert._fields[2:]  # `file` is the file's path, not stored
_OPTIONAL = (str, type(None))
# The type of each stored field, in order: a row whose types differ is damage.
_ROW_TYPES = frozenset(
    (str, int, str, str, d, s, m, u, int, p, t)
    for d in _OPTIONAL
    for s in _OPTIONAL
    for m in _OPTIONAL
    for u in _OPTIONAL
    for p in _OPTIONAL
    for t in _OPTIONAL
)
_TARGET_TYPES = frozenset((str, k, b) for k in _OPTIONAL for b in _OPTIONAL)

Parsed = tuple[list[Alert], list[Problem], list[Target]]


class RuleFileCache:
    def __init__(self, path: Path | None, entries: dict[str, Any] | None = None) -> None:
        self.path = path
        self._entries: dict[str, Any] = entries or {}
        self._used: set[str] = set()
        self._added = 0

    @classmethod
    def open(cls, repo_root: Path, enabled: bool) -> RuleFileCache:
        where = git_dir(repo_root) if enabled else None
        if where is None:
            return cls(None)
        path = where / "nohero" / FILE_NAME
        return cls(path, read_entries(path, FORMAT, VERSION))

    @staticmethod
    def key(text: str) -> str:
        return blob_id(text.encode("utf-8", "surrogatepass"))

    def get(self, key: str, rel: str, bases: tuple[str, ...]) -> Parsed | None:
        """The file's alerts, problems and link targets; None when not cached,
        damaged, or cached for other base URLs."""
        entry = self._entries.get(key)
        if self.path is None or not isinstance(entry, dict) or entry.get("b") != list(bases):
            return None
        try:
            rows, targets = entry["a"], entry["t"]
            if len(rows) != len(targets) or not all(
                type(row) is list and tuple(map(type, row)) in _ROW_TYPES for row in rows
            ):
                return None
            if not all(type(t) is list and tuple(map(type, t)) in _TARGET_TYPES for t in targets):
                return None
            alerts = [Alert(row[0], rel, *row[1:]) for row in rows]
            problems = [Problem(rel, line, message) for line, message in entry["p"]]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        if not all(isinstance(p.line, int) and isinstance(p.message, str) for p in problems):
            return None
        self._used.add(key)
        return alerts, problems, [Target(*t) for t in targets]

    def put(
        self,
        key: str,
        alerts: list[Alert],
        problems: list[Problem],
        targets: list[Target],
        bases: tuple[str, ...],
    ) -> None:
        if self.path is None:
            return
        self._entries[key] = {
            "a": [[a[0], *a[2:]] for a in alerts],
            "p": [[p.line, p.message] for p in problems],
            "t": [list(t) for t in targets],
            "b": list(bases),
        }
        self._used.add(key)
        self._added += 1

    def save(self) -> None:
        """Write the cache when this run added to it (only the entries it used); never raises."""
        if self.path is None or not self._added:
            return
        entries = {k: v for k, v in self._entries.items() if k in self._used}
        write_entries(self.path, FORMAT, VERSION, entries)
