"""`check --changed-since` and alerts: a change fails for the links it breaks,
in either repository's files.

- A rule file the change touches fails for all its findings (as a touched
  document does).
- A runbook it deletes or renames away fails for the alerts whose
  `runbook_url` led there: their `alert-runbook-broken` findings, on rule
  files it did not touch, count.
- An alert it renames or removes fails for the documents that still list the
  old name: their `runbook-alert-unknown` findings count. The old names are
  read from the changed rule files as they were at the merge base.

Rules often live in another repository, checked out into a folder of this
one (see the README's two-repository setup). That checkout's own changes
since the same REF count too; a checkout where REF is unknown (its default
branch has another name) is taken as unchanged: the pull request is not its.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..globs import glob_match
from ..knowledge_base import MARKDOWN_SUFFIXES
from .index import AlertIndex
from .links import doc_key
from .rulefiles import find_rule_files, parse_rule_text

if TYPE_CHECKING:
    from ..changes import ChangeSet


def nested_checkouts(config: Config, toplevel: Path) -> list[Path]:
    """Git checkouts inside `toplevel` that hold rule files."""
    if config.alerts is None:
        return []
    top = Path(os.path.realpath(toplevel))
    found: set[Path] = set()
    for path in find_rule_files(config, config.alerts.rules):
        folder = Path(os.path.realpath(path)).parent
        while folder != top and top in folder.parents:
            if (folder / ".git").exists():
                found.add(folder)
                break
            folder = folder.parent
    return sorted(found)


def nested_changes(config: Config, toplevel: Path, ref: str, result: ChangeSet) -> None:
    """Add the changes since REF of every nested rules checkout to `result`."""
    from ..changes import _diff, _git

    for top in nested_checkouts(config, toplevel):
        known = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        merge_base = _git(top, "merge-base", ref, "HEAD") if known.returncode == 0 else None
        if merge_base is None or merge_base.returncode != 0:
            continue  # REF is not this checkout's: it is not the one under review
        base = merge_base.stdout.decode().strip()
        paths, removed = _diff(config, top, base)
        result.paths.update(paths)
        result.removed.update(removed)
        result.nested.append((top, base))


def rules_pull_request(config: Config, toplevel: Path, ref: str) -> ChangeSet | None:
    """The changes of a pull request in a nested rules checkout, when REF is
    unknown to the docs repository (its default branch has another name):
    the docs are unchanged. None when no nested checkout knows REF either."""
    from ..changes import ChangeSet, _git

    head = _git(toplevel, "rev-parse", "HEAD")
    if head.returncode != 0:
        return None
    result = ChangeSet(ref=ref, base=head.stdout.decode().strip(), paths=set())
    nested_changes(config, toplevel, ref, result)
    return result if result.nested else None


def is_rule_file(config: Config, repo_rel: str) -> bool:
    if config.alerts is None:
        return False
    rel = os.path.relpath(config.repo_root / repo_rel, config.root).replace(os.sep, "/")
    return any(glob_match(rel, glob) for glob in config.alerts.rules)


def touches_rule_files(changes: ChangeSet, config: Config) -> bool:
    return any(is_rule_file(config, p) for p in changes.paths | changes.removed)


def alert_scope(changes: ChangeSet, config: Config, index: AlertIndex) -> set[tuple[str, str, int]]:
    """(path, rule, line) of the alert findings on files the change did not
    touch that it is responsible for (see the module doc)."""
    extra: set[tuple[str, str, int]] = set()
    docs = config.rel(config.docs_dir).rstrip("/") + "/"
    gone_keys = {
        doc_key(path[len(docs) :])
        for path in changes.removed
        if path.startswith(docs) and path.lower().endswith(MARKDOWN_SUFFIXES)
    }
    for link in index.by_state("broken"):
        if link.key in gone_keys:
            extra.add((link.alert.file, "alert-runbook-broken", link.alert.url_line))
    old_names: set[str] = set()
    for path in sorted(changes.paths | changes.removed):
        if is_rule_file(config, path):
            text = _old_text(changes, config, path)
            if text is not None:
                old_names.update(alert.name for alert in parse_rule_text(text, path)[0])
    gone = old_names - index.names
    for doc_path, listed in index.listed.items():
        extra.update(
            (doc_path, "runbook-alert-unknown", line) for name, line in listed if name in gone
        )
    return extra


def _old_text(changes: ChangeSet, config: Config, repo_rel: str) -> str | None:
    from ..changes import _old_text as old_text

    target = Path(os.path.realpath(config.repo_root / repo_rel))
    for top, base in changes.nested:
        if top in target.parents:
            return old_text(top, base, target)
    return old_text(Path(os.path.realpath(config.repo_root)), changes.base, target)
