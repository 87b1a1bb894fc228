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
from .rulefiles import Alert, Problem

FORMAT = "nohero-alert-rules"
VERSION = 1  # bump when parsing changes what a file yields
FILE_NAME = "alert-rules.json"
_FIELDS = ("name", "line", "group", "expr", "duration", "severity", "summary", "runbook_url")
_TAIL = ("url_line", "url_problem", "team")


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

    def get(self, key: str, rel: str) -> tuple[list[Alert], list[Problem]] | None:
        entry = self._entries.get(key)
        if self.path is None or not isinstance(entry, dict):
            return None
        try:
            alerts = [
                Alert(
                    name=a[0],
                    file=rel,
                    line=a[1],
                    group=a[2],
                    expr=a[3],
                    duration=a[4],
                    severity=a[5],
                    summary=a[6],
                    runbook_url=a[7],
                    url_line=a[8],
                    url_problem=a[9],
                    team=a[10],
                )
                for a in entry["a"]
            ]
            problems = [Problem(rel, line, message) for line, message in entry["p"]]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        if not all(_valid(a) for a in alerts) or not all(
            isinstance(p.line, int) and isinstance(p.message, str) for p in problems
        ):
            return None
        self._used.add(key)
        return alerts, problems

    def put(self, key: str, alerts: list[Alert], problems: list[Problem]) -> None:
        if self.path is None:
            return
        self._entries[key] = {
            "a": [[getattr(a, f) for f in (*_FIELDS, *_TAIL)] for a in alerts],
            "p": [[p.line, p.message] for p in problems],
        }
        self._used.add(key)
        self._added += 1

    def save(self) -> None:
        """Write the cache when this run added to it (only the entries it used); never raises."""
        if self.path is None or not self._added:
            return
        entries = {k: v for k, v in self._entries.items() if k in self._used}
        write_entries(self.path, FORMAT, VERSION, entries)


def _valid(alert: Alert) -> bool:
    texts = (alert.name, alert.group, alert.expr)
    optional = (alert.duration, alert.severity, alert.summary, alert.runbook_url)
    return (
        all(isinstance(t, str) for t in texts)
        and all(t is None or isinstance(t, str) for t in (*optional, alert.url_problem, alert.team))
        and isinstance(alert.line, int)
        and isinstance(alert.url_line, int)
    )
