"""`check --changed-since REF`: which findings a change is responsible for.

A pull request should fail for the documents it adds or touches, not for old
debt elsewhere -- and never pass what a full check fails on the documents it
touches or affects. It affects a document whose `covers` names a file it
changed (drift), and every document whose findings its settings change
alters: an edit to the roster (someone marked as left, a team emptied) or to
mkdocs.yml (a severity raised, a review interval shortened, a folder's type
changed). For those, one before/after comparison decides: the findings the
settings at the merge base did not produce (same history, types resolved
with each side's settings) count, and nothing else.

Git is asked a fixed handful of questions (merge base, one diff against the
working tree, untracked files, and the old roster when it changed), never one
per file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checker import check_documents
from .config import Config, ConfigError, config_from_options, plugin_options, read_mkdocs_yaml
from .document import Document
from .findings import Finding
from .knowledge_base import KnowledgeBase
from .roster import Roster, parse_roster

if TYPE_CHECKING:
    from .history.model import History


@dataclass
class ChangeSet:
    ref: str
    base: str  # merge-base commit
    paths: set[str]  # repo-relative POSIX paths added, modified or renamed since base (+ untracked)
    roster_changed: bool = False
    old_roster_text: str | None = None  # the roster at base; None when it did not exist
    config_changed: bool = False
    # mkdocs.yml's settings at base, INHERIT resolved from the files at base;
    # None when they cannot be read there.
    old_settings: dict[str, Any] | None = None
    removed: set[str] = field(default_factory=set)  # deleted, or renamed away from, since base
    # other git checkouts inside this one holding alert rule files: (toplevel, merge base)
    nested: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def settings_changed(self) -> bool:
        """True when the change can add findings to documents it does not touch."""
        return self.roster_changed or self.config_changed


@dataclass
class Scope:
    """The findings a change can fail on: every finding on `paths`, plus the
    individual roster-caused findings in `extra` as (path, rule, line)."""

    paths: set[str]
    extra: set[tuple[str, str, int]] = field(default_factory=set)

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings this change is responsible for, the rest)."""
        kept: list[Finding] = []
        rest: list[Finding] = []
        for f in findings:
            if f.path in self.paths or (f.path, f.rule, f.line) in self.extra:
                kept.append(f)
            else:
                rest.append(f)
        return kept, rest


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, and git is not installed") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip().splitlines()
    return text[0] if text else "git failed"


def changes_since(config: Config, ref: str) -> ChangeSet:
    """What changed between the merge base of REF and HEAD and the working tree."""
    top = _git(config.root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ConfigError(
            f"--changed-since needs a git repository, and {config.root} is not in one"
        )
    toplevel = Path(top.stdout.decode("utf-8", "replace").strip())
    if ref.startswith("-"):
        raise ConfigError(f"--changed-since: '{ref}' is not a git revision")
    verify = _git(toplevel, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if verify.returncode != 0 and config.alerts is not None:
        from .alerts.changes import rules_pull_request

        nested = rules_pull_request(config, toplevel, ref)
        if nested is not None:  # REF is the rules checkout's: the pull request is there
            return nested
    if verify.returncode != 0:
        raise ConfigError(
            f"--changed-since: unknown revision '{ref}': "
            f"fetch it first (e.g. 'git fetch origin {ref}')"
        )
    merge_base = _git(toplevel, "merge-base", ref, "HEAD")
    if merge_base.returncode != 0:
        detail = (
            _first_line(merge_base.stderr) if merge_base.stderr.strip() else "no common ancestor"
        )
        raise ConfigError(
            f"--changed-since: cannot find where HEAD branched from '{ref}' ({detail}); "
            "in a shallow clone, fetch the full history (actions/checkout with fetch-depth: 0)"
        )
    base = merge_base.stdout.decode().strip()
    paths, removed = _diff(config, toplevel, base)
    roster_rel = config.rel(config.roster_path)
    result = ChangeSet(ref=ref, base=base, paths=paths, roster_changed=roster_rel in paths)
    result.removed = removed
    if config.alerts is not None:
        from .alerts.changes import nested_changes

        nested_changes(config, toplevel, ref, result)
    if result.roster_changed:
        result.old_roster_text = _old_text(toplevel, base, config.roster_path)
    if config.config_file is not None:
        chain: list[Path] = []  # mkdocs.yml and every file it INHERITs from
        try:
            read_mkdocs_yaml(config.config_file, files=chain)
        except ConfigError:
            chain = [config.config_file]
        if any(config.rel(f) in paths for f in chain):
            result.config_changed = True
            result.old_settings = _old_settings(toplevel, base, config.config_file)
    return result


def _old_settings(toplevel: Path, base: str, config_file: Path) -> dict[str, Any] | None:
    """mkdocs.yml's settings as they were at `base`, INHERIT followed through
    the files as they were there too."""

    def read(path: Path) -> str:
        text = _old_text(toplevel, base, path)
        if text is None:
            raise ConfigError(f"{path.name} did not exist at {base[:12]}")
        return text

    try:
        return read_mkdocs_yaml(config_file, read=read)
    except ConfigError:
        return None


def _diff(config: Config, toplevel: Path, base: str) -> tuple[set[str], set[str]]:
    """(paths added, modified or renamed to, plus untracked; paths deleted or
    renamed away from) in the checkout at `toplevel` since `base`, as
    paths relative to the repository of mkdocs.yml."""
    diff = _git(
        toplevel, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base, "--"
    )
    if diff.returncode != 0:
        raise ConfigError(f"--changed-since: git diff failed: {_first_line(diff.stderr)}")
    untracked = _git(toplevel, "ls-files", "-z", "--others", "--exclude-standard")
    output = diff.stdout.decode("utf-8", "surrogateescape")
    changed = set(_changed_paths(output))
    changed.update(p for p in untracked.stdout.decode("utf-8", "surrogateescape").split("\0") if p)
    removed = set(_changed_paths(output, before=True))
    return {config.rel(toplevel / p) for p in changed}, {config.rel(toplevel / p) for p in removed}


def _old_text(toplevel: Path, base: str, path: Path) -> str | None:
    """A file as it was at `base`; None when it did not exist there."""
    in_git = Path(os.path.relpath(path, toplevel)).as_posix()
    old = _git(toplevel, "show", f"{base}:{in_git}")
    return old.stdout.decode("utf-8-sig", "replace") if old.returncode == 0 else None


def _changed_paths(output: str, before: bool = False) -> list[str]:
    """Paths that exist after the change, from `git diff --name-status -z`;
    with `before`, the paths that existed only before it (deleted, renamed away)."""
    fields = output.split("\0")
    paths: list[str] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[0] in "RC":
            if not before:
                paths.append(fields[index + 2])
            elif status[0] == "R":
                paths.append(fields[index + 1])
            index += 3
            continue
        if (status[0] == "D") == before:
            paths.append(fields[index + 1])
        index += 2
    return paths


def old_roster(changes: ChangeSet, roster_path: Path) -> Roster:
    """The roster at the merge base (empty when it did not exist or was unusable)."""
    if changes.old_roster_text is None:
        return Roster(path=roster_path)
    try:
        return parse_roster(changes.old_roster_text, roster_path)
    except ConfigError:
        return Roster(path=roster_path)


def touched_documents(
    config: Config, changes: ChangeSet, paths: Sequence[Path] | None
) -> list[Path]:
    """The files a change touched that still exist (within PATHS when given):
    when nothing else can fail, only these need reading."""
    touched = [config.repo_root / p for p in sorted(changes.paths)]
    if paths is not None:
        touched = [t for t in touched if _within(t, paths)]
    return [t for t in touched if t.exists()]


def _within(path: Path, roots: Sequence[Path]) -> bool:
    target = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(root)
        if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def needs_every_document(changes: ChangeSet, config: Config, with_history: bool) -> bool:
    """True when documents the change did not touch can still fail it: a
    settings change, or (with history) a change to files a document `covers`."""
    if changes.settings_changed:
        return True
    if config.alerts is not None:
        from .alerts.changes import touches_rule_files

        if touches_rule_files(changes, config):
            return True  # a renamed alert can orphan any document's `alerts:` list
    if not with_history or not config.history:
        return False
    docs = config.rel(config.docs_dir).rstrip("/") + "/"
    return any(not (p.startswith(docs) or docs == "./") for p in changes.paths)


def scope_of(
    changes: ChangeSet,
    config: Config,
    documents: list[Document],
    roster: Roster,
    today: dt.date,
    history: History | None = None,
    findings: list[Finding] | None = None,
) -> Scope:
    """The findings this change is responsible for (see the module doc).

    One before/after comparison, whatever the setting: the untouched
    documents are checked with the settings and roster as they were at the
    merge base (types re-resolved with the old folder defaults) and as they
    are now, with the same history; every finding that is new, or whose
    severity changed, is this change's."""
    scope = Scope(paths=set(changes.paths))
    scope.paths.update(_covering(documents, changes.paths, history))
    scope.paths.update(_through_changed_links(documents, changes.paths, config))
    if not changes.settings_changed:
        return scope
    untouched = [d for d in documents if d.path not in scope.paths and d.readable]
    before_config = old_config(changes, config) if changes.config_changed else config
    if before_config is None:  # unreadable before: everything is this change's
        scope.paths.update(d.path for d in untouched)
        return scope
    before_roster = old_roster(changes, roster.path) if changes.roster_changed else roster
    as_before = [_retyped(d, before_config) for d in untouched]
    then = check_documents(
        KnowledgeBase(before_config, before_roster, as_before, partial=True), today, history
    )
    if findings is None:
        findings = check_documents(
            KnowledgeBase(config, roster, untouched, partial=True), today, history
        )
    wanted = {d.path for d in untouched}
    known = {(f.path, f.rule, f.line, f.severity) for f in then}
    scope.extra.update(
        (f.path, f.rule, f.line)
        for f in findings
        if f.path in wanted and (f.path, f.rule, f.line, f.severity) not in known
    )
    return scope


def _through_changed_links(
    documents: list[Document], changed: set[str], config: Config
) -> set[str]:
    """Documents published through a symlinked folder the change added or
    moved: reported at their real path, they are still this change's."""
    docs = config.rel(config.docs_dir)
    prefix = "" if docs == "." else docs + "/"
    found = set()
    for doc in documents:
        published = prefix + doc.docs_rel
        if published != doc.path:
            parts = published.split("/")
            if any("/".join(parts[:n]) in changed for n in range(1, len(parts))):
                found.add(doc.path)
    return found


def _retyped(doc: Document, config: Config) -> Document:
    """The document as `config` would type it (its folder default may differ)."""
    doc_type = config.type_for(doc.docs_rel, doc.meta.get("type"))
    return doc if doc_type == doc.doc_type else dataclasses.replace(doc, doc_type=doc_type)


def _covering(documents: list[Document], changed: set[str], history: History | None) -> set[str]:
    """Documents whose `covers` globs match a changed file: the change affects
    them (drift), so they can fail it."""
    if history is None or not history.available:
        return set()
    from .globs import covers
    from .rules.drift import covers_of

    hit: set[str] = set()
    for doc in documents:
        globs = covers_of(doc)
        matcher = covers(globs)
        if globs and any(matcher.match(p) for p in changed):
            hit.add(doc.path)
    return hit


def old_config(changes: ChangeSet, config: Config) -> Config | None:
    """The nohero settings as they were at the merge base, or None when they
    cannot be read (then the change owns every finding)."""
    if changes.old_settings is None or config.config_file is None:
        return None
    try:
        raw = changes.old_settings
        options = plugin_options(raw) or {}
        return config_from_options(config.config_file, raw, options)
    except ConfigError:
        return None
