"""`nohero adopt`: the plan that brings an existing knowledge base under nohero.

One read of everything (mkdocs.yml, every document, git history once), then a
plan a person can review: per document the keys it gets and why, per person
the identities merged and whether they seem to have left, the files created
or extended. Making the plan writes nothing; `apply.write_plan` writes it,
each file atomically, every edit byte-preserving and verified.

A document adoption cannot edit (invalid YAML, TOML front matter, a file in
a submodule) is listed as skipped with the reason, left untouched, and added
to `exclude:` so the adoption's own `check` passes; the plan says so, and
removing the entry brings it back once it is fixed.

Commits that touched many documents at once (bulk imports, ports, mass
reformatting) would make whoever pressed the button the knowledge holder of
everything: they are left out like `.git-blame-ignore-revs` entries, and
proposed as entries for that file so `report` and `check` agree afterwards.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError
from ..document import Document
from ..fields import nohero_view
from ..frontmatter_edit import EditRefused, set_keys
from ..history.identity import is_bot
from ..history.ignore_revs import ignored_commits
from ..history.miner import MinedRepo, build_history, mine
from ..history.model import History
from ..knowledge_base import load_knowledge_base
from ..roster import Roster, load_roster, parse_roster
from .choose import Knowledge, Proposal, proposals
from .files import FilePlan, file_plans
from .locate import adoption_config, foreign_fields
from .people import DraftRoster, draft_roster

SCHEMA_VERSION = 1
BULK_DOCS = 20  # a commit touching at least this many documents is a bulk change
ORDER = ("type", "service", "owner", "backup_owner", "last_reviewed")


@dataclass
class DocPlan:
    path: str
    docs_rel: str = ""
    adds: list[Proposal] = field(default_factory=list)
    skipped: str | None = None
    new_block: bool = False
    source: Path | None = None
    new: bytes | None = None


@dataclass
class BulkCommit:
    sha: str
    author: str
    date: str
    docs: int


@dataclass
class Plan:
    root: Path  # the repository's top level: FilePlan paths are relative to it
    today: dt.date
    months: int
    docs_dir: str
    fields: dict[str, str]
    files: list[FilePlan] = field(default_factory=list)
    roster: DraftRoster | None = None
    docs: list[DocPlan] = field(default_factory=list)
    bulk: list[BulkCommit] = field(default_factory=list)
    written: bool = False

    @property
    def changes(self) -> list[DocPlan]:
        return [d for d in self.docs if d.adds and d.skipped is None]

    def summary(self) -> dict[str, Any]:
        people = self.roster.people if self.roster else []
        return {
            "docs": len(self.docs),
            "docs_changed": len(self.changes),
            "new_blocks": sum(1 for d in self.changes if d.new_block),
            "skipped": sum(1 for d in self.docs if d.skipped),
            "people": len(people),
            "proposed_left": sum(1 for p in people if p.left),
            "bots": len(self.roster.bots) if self.roster else 0,
            "bulk_commits": len(self.bulk),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "written": self.written,
            "docs_dir": self.docs_dir,
            "fields": self.fields,
            "files": [{"path": f.path, "action": f.action, "note": f.note} for f in self.files],
            "people": [
                {
                    "id": p.id,
                    "name": p.name,
                    "emails": p.emails,
                    "github": p.github,
                    "identities": p.identities,
                    "commits": p.commits,
                    "last_commit": p.last_commit.isoformat(),
                    "left": p.left.isoformat() if p.left else None,
                }
                for p in (self.roster.people if self.roster else [])
            ],
            "bots": self.roster.bots if self.roster else [],
            "bulk_commits": [vars(b) for b in self.bulk],
            "docs": [
                {
                    "path": d.path,
                    "add": {p.key: p.value for p in d.adds},
                    "why": {p.key: p.why for p in d.adds},
                    "skipped": d.skipped,
                }
                for d in self.docs
                if d.adds or d.skipped
            ],
            "summary": self.summary(),
        }


def make_plan(root: Path, today: dt.date, months: int = 12, bulk: int = BULK_DOCS) -> Plan:
    """Everything adoption would do in the repository at `root`; writes nothing."""
    config, mkdocs_path, mkdocs_text = adoption_config(root)
    roster_exists = config.roster_path.is_file()
    roster = load_roster(config.roster_path) if roster_exists else Roster(config.roster_path)
    kb = load_knowledge_base(config, roster=roster)
    fields = foreign_fields(
        (d.front_matter.data for d in kb.documents if d.front_matter and d.front_matter.data),
        config.fields,
    )
    new_fields = {k: v for k, v in fields.items() if config.fields.get(k) != v}
    if new_fields:
        config.fields = fields
        for doc in kb.documents:
            _remap(doc, config)
    plan = Plan(config.repo_root, today, months, config.rel(config.docs_dir), fields)
    mined = mine(config, scope=None)  # the roster is drafted from everyone who committed
    if isinstance(mined, History):
        raise ConfigError(f"adopt drafts owners from git history, and there is none: {mined.note}")
    new_bots: list[str] = []
    if not roster_exists:
        plan.roster = draft_roster(mined.repo, mined.data.commits, config.bots, today, months)
        new_bots = _bot_patterns(plan.roster, config.bots)
        config.bots = (*config.bots, *new_bots)
        roster = parse_roster(plan.roster.text(today, months), config.roster_path)
    plan.bulk = _bulk_commits(config, mined, {d.path for d in kb.documents}, bulk)
    history = build_history(config, roster, mined, kb.documents, (b.sha for b in plan.bulk))
    if plan.roster is not None:
        _teams_for_unknown_owners(plan.roster, kb.documents, roster, history, today)
        roster = parse_roster(plan.roster.text(today, months), config.roster_path)
        if roster.problems:
            raise ConfigError(f"the drafted people.yml is invalid: {roster.problems[0].message}")
    _plan_docs(plan, config, kb.documents, roster, history, today)
    options: dict[str, Any] = {}
    if new_fields:
        options["fields"] = fields
    if new_bots:
        options["bots"] = list(config.bots)
    skipped = [glob.escape(d.docs_rel) for d in plan.docs if d.skipped]
    if skipped:  # listed in the plan; excluded so the adoption's own check can pass
        options["exclude"] = [*config.exclude, *skipped]
    plan.files = file_plans(
        plan.roster, plan.today, plan.months, plan.bulk, config, mkdocs_path, mkdocs_text, options
    )
    return plan


def _remap(doc: Document, config: Config) -> None:
    """Re-read a parsed document's fields under a new mapping (no re-parse)."""
    if doc.front_matter is None or doc.front_matter.data is None or doc.problems:
        return
    doc.keys = config.fields
    doc.meta = nohero_view(doc.front_matter.data, config.fields)
    doc.doc_type = config.type_for(doc.docs_rel, doc.meta.get("type"))


def _bot_patterns(draft: DraftRoster, configured: tuple[str, ...]) -> list[str]:
    """Bots adopt recognised that the configured patterns miss: written to
    `bots:` so `report` leaves them out too."""
    extra: list[str] = []
    for shown in draft.bots:
        name, _, email = shown.rpartition(" <")
        if not is_bot(name, email.rstrip(">"), (*configured, *extra)):
            extra.append(email.rstrip(">").lower() or name)
    return extra


def _bulk_commits(config: Config, mined: MinedRepo, docs: set[str], least: int) -> list[BulkCommit]:
    commits = mined.data.commits
    per_commit: Counter[int] = Counter()
    for path, events in mined.data.events.items():
        if path in docs:
            per_commit.update({ev[0] for ev in events})
    ignored = ignored_commits(config, commits)
    found = []
    for idx, n in sorted(per_commit.items()):
        if n >= least and idx not in ignored:
            sha, name, _email, date_text, _ctime, _co = commits[idx]
            found.append(BulkCommit(sha, name, date_text[:10], n))
    return found


def _plan_docs(
    plan: Plan,
    config: Config,
    documents: list[Document],
    roster: Roster,
    history: History,
    today: dt.date,
) -> None:
    knowledge = Knowledge(roster, today)
    for doc in documents:
        found = history.for_doc(doc.path)
        if doc.readable and found is not None:
            knowledge.add(doc.service or _folder(doc), found.knowledge_holders, found.authors)
    nested = _NestedRepos(config.repo_root)
    for doc in sorted(documents, key=lambda d: d.path):
        entry = DocPlan(doc.path, doc.docs_rel, source=doc.source)
        plan.docs.append(entry)
        entry.skipped = _skip_reason(doc, nested)
        if entry.skipped is not None:
            continue
        adds = proposals(doc, config, history, knowledge, today)
        adds.sort(key=lambda p: ORDER.index(p.field) if p.field in ORDER else len(ORDER))
        if not adds:
            continue
        try:
            raw = doc.source.read_bytes()
            entry.new = set_keys(raw, {p.key: p.value for p in adds}, new_block=True)
        except EditRefused as exc:
            entry.skipped = str(exc)
            continue
        except OSError as exc:
            entry.skipped = f"cannot read file: {exc.strerror or exc}"
            continue
        entry.adds, entry.new_block = adds, doc.front_matter is None


def _folder(doc: Document) -> str | None:
    parts = doc.docs_rel.split("/")
    return parts[0] if len(parts) > 1 else None


class _NestedRepos:
    """Is a folder inside a submodule or another repository nested in this one?"""

    def __init__(self, root: Path) -> None:
        self.root = os.path.realpath(root)
        self.memo: dict[str, bool] = {self.root: False}

    def inside(self, folder: str) -> bool:
        folder = os.path.realpath(folder)
        if folder in self.memo:
            return self.memo[folder]
        parent = os.path.dirname(folder)
        nested = parent != folder and (
            os.path.lexists(os.path.join(folder, ".git")) or self.inside(parent)
        )
        self.memo[folder] = nested
        return nested


def _skip_reason(doc: Document, nested: _NestedRepos) -> str | None:
    if doc.problems:
        problem = doc.problems[0]
        return f"line {problem.line}: {problem.message}"
    if os.path.islink(doc.source):
        return "a symlink: adopt the file it points to instead"
    if nested.inside(str(doc.source.parent)):
        return "inside a submodule or nested repository: adopt it there"
    if doc.front_matter is None and doc.body.startswith(("+++", ";;;")):
        return "TOML or JSON front matter: only YAML front matter can be edited"
    return None


def _teams_for_unknown_owners(
    draft: DraftRoster, documents: list[Document], roster: Roster, history: History, today: dt.date
) -> None:
    """Owners the docs already name (`owner_slack: '#payments'`) that are
    nobody in the draft become teams, led by the person who knows most of
    those docs (a backup team by someone else), for a person to check."""
    used: set[str] = set()
    for role in ("owner", "backup_owner"):
        votes: dict[str, Counter[str]] = {}
        for doc in documents:
            value = doc.owner if role == "owner" else doc.backup_owner
            if not doc.readable or not value or roster.knows(value) or value in draft.teams:
                continue
            found = history.for_doc(doc.path)
            tally = votes.setdefault(value, Counter())
            for ident in found.knowledge_holders if found else []:
                person = roster.people.get(ident)
                if person is not None and not person.departed(today):
                    tally[ident] += 1
        active = [p.id for p in draft.people if p.left is None]
        for team, tally in sorted(votes.items()):
            ranked = [i for i, _ in tally.most_common()] + active
            lead = next((i for i in ranked if i not in used), ranked[0] if ranked else None)
            if lead is not None:
                draft.teams[team] = [lead]
                used.add(lead)
