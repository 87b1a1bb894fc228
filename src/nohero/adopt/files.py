"""The configuration files adoption creates or extends, as bytes to write.

mkdocs.yml gets the plugin entry (`mkdocs_yml`), people.yml the drafted
roster, `.gitignore` the built site and the history cache (when git does not
ignore them yet), `.git-blame-ignore-revs` the bulk commits. Existing files
are only appended to, in their own newline style.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config, ConfigError
from ..history.ignore_revs import IGNORE_REVS_FILE
from .mkdocs_yml import new_mkdocs, with_plugin
from .people import DraftRoster

if TYPE_CHECKING:
    from .plan import BulkCommit


@dataclass
class FilePlan:
    path: str  # repo-relative
    action: str  # create | extend | keep | manual
    note: str
    new: bytes | None = None


def file_plans(
    roster: DraftRoster | None,
    today: dt.date,
    months: int,
    bulk: list[BulkCommit],
    config: Config,
    mkdocs_path: Path,
    mkdocs_text: str | None,
    options: dict[str, Any],
) -> list[FilePlan]:
    """mkdocs.yml (created or extended), people.yml (drafted), .gitignore and
    .git-blame-ignore-revs: each a FilePlan with the bytes to write."""
    files: list[FilePlan] = []
    rel = config.rel
    if mkdocs_text is None:
        text = new_mkdocs(config.root.name, os.path.relpath(config.docs_dir, config.root), options)
        files.append(FilePlan(rel(mkdocs_path), "create", "with the nohero plugin", text.encode()))
    else:
        try:
            text = with_plugin(mkdocs_text, options)
        except ConfigError as exc:
            files.append(FilePlan(rel(mkdocs_path), "manual", str(exc)))
        else:
            if text == mkdocs_text and options:
                note = "nohero is listed: add " + ", ".join(f"{k}: {v}" for k, v in options.items())
                files.append(FilePlan(rel(mkdocs_path), "manual", note))
            elif text != mkdocs_text:
                raw = mkdocs_path.read_bytes()
                bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
                files.append(
                    FilePlan(
                        rel(mkdocs_path), "extend", "nohero plugin entry added", bom + text.encode()
                    )
                )
    if roster is not None:
        text = roster.text(today, months)
        note = f"{len(roster.people)} people drafted from git history"
        files.append(FilePlan(rel(config.roster_path), "create", note, text.encode()))
    files += _gitignore(config)
    if bulk:
        files.append(_ignore_revs(config, bulk))
    return files


def _gitignore(config: Config) -> list[FilePlan]:
    wanted = ["site/", ".cache/"]
    missing = [
        entry
        for entry in wanted
        if subprocess.run(
            ["git", "check-ignore", "-q", entry], cwd=config.repo_root, capture_output=True
        ).returncode
        != 0
    ]
    if not missing:
        return []
    path = config.repo_root / ".gitignore"
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    sep = newline if old and not old.endswith(b"\n") else b""
    block = newline.join(m.encode() for m in ["# nohero: built site and history cache", *missing])
    action = "extend" if old else "create"
    return [
        FilePlan(".gitignore", action, "ignore " + ", ".join(missing), old + sep + block + newline)
    ]


def _ignore_revs(config: Config, bulk: list[BulkCommit]) -> FilePlan:
    path = config.repo_root / IGNORE_REVS_FILE
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    sep = b"\n" if old and not old.endswith(b"\n") else b""
    lines = [
        f"# bulk change: {b.docs} documents on {b.date} (nohero adopt)\n{b.sha}\n" for b in bulk
    ]
    action = "extend" if old else "create"
    note = f"{len(bulk)} bulk commit(s) left out of authorship"
    return FilePlan(IGNORE_REVS_FILE, action, note, old + sep + "".join(lines).encode())
