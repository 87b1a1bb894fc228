"""Remember the last build's analysis and generated pages, so `mkdocs serve`
reloads that change nothing nohero reads do not redo them.

The key is what the answers depend on: the git HEAD (history), today, the
settings as read (mkdocs.yml and anything it INHERITs), the bytes of
mkdocs.yml and the roster, and every document's and alert rule file's size
and modification time (an edited front matter changes the answer; so may an
edited body, which is cheap to notice and rare to matter). Only the newest
entry per name is kept, so memory stays flat over a long serve session.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..config import Config

T = TypeVar("T")


def build_key(config: Config, today: dt.date, extra: Iterable[object] = ()) -> str:
    digest = hashlib.sha256()
    for part in (_head(config.repo_root), today.isoformat(), repr(config), *map(str, extra)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for path in (config.config_file, config.roster_path):
        digest.update(_bytes(path) + b"\0")
    for line in _stats(config.docs_dir):
        digest.update(line.encode("utf-8", "surrogateescape"))
    for line in _rule_file_stats(config):
        digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class Memo:
    """name -> (key, value): the newest value computed for each name."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, Any]] = {}
        self.hits = 0

    def get(self, name: str, key: str, compute: Callable[[], T]) -> T:
        """The value remembered under `key`, else computed (and kept). An
        empty key means "not worth remembering": always computed, never kept."""
        if not key:
            return compute()
        entry = self._entries.get(name)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]  # type: ignore[no-any-return]
        value = compute()
        self._entries[name] = (key, value)
        return value


def _head(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "-q", "--verify", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "no-git"
    return result.stdout.strip() or "no-head"


def _bytes(path: Path | None) -> bytes:
    try:
        return path.read_bytes() if path is not None else b""
    except OSError:
        return b"missing"


def _rule_file_stats(config: Config) -> list[str]:
    """The alert rule files' sizes and times: the Alerts page and each
    runbook's 'Alerts that lead here' are read from them."""
    if config.alerts is None:
        return []
    from ..alerts.rulefiles import find_rule_files  # late: only with alerts configured

    return [_stat_line(str(path)) for path in find_rule_files(config, config.alerts.rules)]


def _stats(folder: Path) -> list[str]:
    lines = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        lines += [_stat_line(os.path.join(dirpath, name)) for name in sorted(filenames)]
    return lines


def _stat_line(path: str) -> str:
    """A file's path, size and modification time ("" when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n"
