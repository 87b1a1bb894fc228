"""A document exactly as it stood at a moment: the version on-call staff read
during an incident, with who owned it and whether its review was overdue then.

Two git calls: one `git log --follow` of that one file (renames followed; the
version is the newest commit at or before the moment, by committer date, like
`git rev-list --before`), then `git show SHA:PATH` for its bytes. The old text
is parsed with the same document model, and its review state computed with the
same freshness rules, as of that moment's date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config, ConfigError
from .document import Document, parse_document
from .freshness import ReviewState, review_state
from .roster import Roster

SCHEMA_VERSION = 1


@dataclass
class Snapshot:
    path: str  # as asked (repo-relative)
    path_then: str  # its name at that commit (renames followed)
    at: dt.datetime
    commit: str
    committed: dt.datetime
    raw: bytes
    doc: Document
    state: ReviewState

    def to_dict(self, roster: Roster) -> dict[str, Any]:
        doc, day = self.doc, self.at.date()
        owner = doc.owner

        def person(ident: str | None) -> dict[str, Any] | None:
            if ident is None:
                return None
            member = roster.people.get(ident)
            return {
                "id": ident,
                "name": roster.display_name(ident),
                "known": roster.knows(ident),
                "departed_then": bool(member and member.departed(day)),
            }

        return {
            "schema_version": SCHEMA_VERSION,
            "path": self.path,
            "path_then": self.path_then,
            "at": self.at.isoformat(),
            "commit": self.commit,
            "committed": self.committed.isoformat(),
            "title": doc.display_title(),
            "type": doc.doc_type,
            "service": doc.service,
            "owner": person(owner),
            "backup_owner": person(doc.backup_owner),
            "last_reviewed": _iso(self.state.last_reviewed),
            "next_review": _iso(self.state.next_review),
            "status": self.state.status,
            "overdue": self.state.status == "overdue",
            "problems": [{"line": p.line, "message": p.message} for p in doc.problems],
            "text": self.raw.decode("utf-8", errors="replace"),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def parse_moment(value: str) -> dt.datetime:
    """An ISO date or date-time. A date alone means the end of that day; a
    time without an offset is local time, as git reads it."""
    text = value.strip()
    try:
        if len(text) == 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(23, 59, 59))
        else:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise ConfigError(
            f"--at '{value}' is not a moment like 2026-03-01 or 2026-03-01T14:30:00+01:00"
        ) from None
    if moment.tzinfo:
        return moment
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):  # year 1 or 9999: no local offset to apply
        return moment.replace(tzinfo=dt.UTC)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as exc:
        raise ConfigError(f"git is needed for this command and could not run: {exc}") from None


def repo_path(config: Config, given: str) -> str:
    """Repo-relative POSIX path; the file need not exist any more."""
    absolute = Path(os.path.abspath(given))
    try:
        return absolute.relative_to(config.repo_root.resolve()).as_posix()
    except ValueError:
        try:
            return absolute.relative_to(config.repo_root).as_posix()
        except ValueError:
            raise ConfigError(f"{given}: outside the repository {config.repo_root}") from None


def _versions(config: Config, rel: str) -> list[tuple[str, dt.datetime, str, str]]:
    """(sha, committer date, status, path then) for every commit that touched
    the file, newest first, following renames."""
    result = _git(
        config.repo_root,
        "log",
        "--follow",
        "--format=%x00%H%x00%cI",
        "--name-status",
        "HEAD",
        "--",
        rel,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"git log failed: {message[0] if message else 'unknown error'}")
    versions: list[tuple[str, dt.datetime, str, str]] = []
    current = rel
    for sha, when, status_lines in _records(result.stdout):
        status, path_then, older = "M", current, current
        for line in status_lines:
            fields = line.split("\t")
            if len(fields) >= 2:
                status, path_then, older = fields[0][:1], fields[-1], fields[1]
                break
        versions.append((sha, dt.datetime.fromisoformat(when), status, path_then))
        current = older  # before a rename, the file had its old name
    return versions


def _records(out: bytes) -> list[tuple[str, str, list[str]]]:
    records: list[tuple[str, str, list[str]]] = []
    chunks = out.decode("utf-8", "replace").split("\x00")
    # chunks: ['', sha, 'date\n\nstatus lines...', sha, ...]
    for index in range(1, len(chunks) - 1, 2):
        sha = chunks[index]
        date_and_status = chunks[index + 1].split("\n")
        records.append((sha, date_and_status[0], [s for s in date_and_status[1:] if s.strip()]))
    return records


def snapshot(config: Config, given: str, at: dt.datetime) -> Snapshot:
    """The document at `given` as of `at`; ConfigError (exit 2) when git has no
    version of it then."""
    if not (config.repo_root / ".git").exists():
        raise ConfigError(
            f"{config.repo_root} is not a git repository: 'show --at' reads git history"
        )
    rel = repo_path(config, given)
    kind = _git(config.repo_root, "cat-file", "-t", f"HEAD:{rel}").stdout.strip()
    if (config.repo_root / rel).is_dir() or kind == b"tree" or rel in ("", "."):
        raise ConfigError(f"{rel or '.'} is a folder: 'show' takes one file")
    shallow = _git(config.repo_root, "rev-parse", "--is-shallow-repository").stdout.strip()
    if shallow == b"true":
        raise ConfigError(
            "this is a shallow clone, so older versions may be missing: "
            "'git fetch --unshallow' first"
        )
    versions = _versions(config, rel)
    if not versions:
        raise ConfigError(f"{rel} is not in git history")
    chosen = next((v for v in versions if v[1] <= at), None)
    if chosen is None:
        first = versions[-1][1].isoformat()
        raise ConfigError(f"{rel} did not exist yet at {at.isoformat()} (first committed {first})")
    sha, committed, status, path_then = chosen
    if status == "D":
        raise ConfigError(
            f"{rel} had been deleted at {at.isoformat()} "
            f"(commit {sha[:10]}, {committed.isoformat()})"
        )
    shown = _git(config.repo_root, "show", f"{sha}:{path_then}")
    if shown.returncode != 0:
        raise ConfigError(f"{rel} has no version at {at.isoformat()} (looked at commit {sha[:10]})")
    source = config.repo_root / path_then
    try:
        docs_rel = source.relative_to(config.docs_dir).as_posix()
    except ValueError:
        docs_rel = path_then
    doc = parse_document(path_then, source, docs_rel, shown.stdout, config.type_for, config.fields)
    state = review_state(doc, config, at.date())
    return Snapshot(rel, path_then, at, sha, committed, shown.stdout, doc, state)
