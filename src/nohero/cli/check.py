"""`nohero check [PATHS]`: validate front matter and roster; exit 1 on findings
at or above --fail-on.

Parses options, then runs the core: load the knowledge base, mine history
(optional, never fatal), run the rules, narrow to what the change touched
(--changed-since), and hand the report to the chosen reporter.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..checker import check_documents
from ..config import Config
from ..findings import Finding, Severity
from ..knowledge_base import KnowledgeBase, load_knowledge_base
from ..report import Report, build_report
from ..roster import load_roster
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    exits,
    load,
    paused_gc,
    resolve_today,
    today_option,
)

if TYPE_CHECKING:
    from ..history.model import History

from ..reporters import REPORTERS


@dataclass
class CheckResult:
    report: Report
    findings: list[Finding]  # the findings that count (in scope)
    out_of_scope: int = 0  # findings on documents the change did not touch


def load_history(config: Config, kb: KnowledgeBase) -> History | None:
    """Mined history for drift and single-author, or None. Never fatal: check
    must work without git, in shallow clones and when mining fails."""
    if not config.history or not (config.repo_root / ".git").exists():
        return None
    from ..history.miner import load_history as mine  # lazy: no git import without history

    try:
        return mine(config, kb.roster, documents=kb.documents)
    except Exception as exc:  # noqa: BLE001 - history is optional; report and go on
        click.echo(
            f"nohero: note: git history unavailable, drift and single-author skipped: {exc}",
            err=True,
        )
        return None


def run_check(
    config: Config,
    paths: list[Path] | None,
    today: dt.date,
    changed_since: str | None = None,
    history: bool = True,
) -> CheckResult:
    """The whole of `nohero check` short of printing: what the CLI and the
    benchmark both call."""
    with paused_gc():
        return _run_check(config, paths, today, changed_since, history)


def _run_check(
    config: Config,
    paths: list[Path] | None,
    today: dt.date,
    changed_since: str | None,
    history: bool,
) -> CheckResult:
    roster = load_roster(config.roster_path)
    changes = None
    if changed_since is not None:
        from ..changes import changes_since

        changes = changes_since(config, changed_since)
        if not changes.settings_changed:
            # Only touched documents can fail: read nothing else.
            touched = [config.repo_root / p for p in sorted(changes.paths)]
            if paths is not None:
                touched = [t for t in touched if _within(t, paths)]
            paths = [t for t in touched if t.exists()]
    kb = load_knowledge_base(config, paths, roster=roster)
    mined = load_history(config, kb) if history else None
    findings = check_documents(kb, today, mined)
    out_of_scope = 0
    if changes is not None:
        from ..changes import scope_of

        scope = scope_of(changes, config, kb.documents, roster, today)
        findings, rest = scope.split(findings)
        out_of_scope = len(rest)
        in_scope = {f.path for f in findings} | scope.paths
        kb = KnowledgeBase(
            config=config, roster=roster, documents=[d for d in kb.documents if d.path in in_scope]
        )
    report = build_report(kb, today, mined, findings)
    return CheckResult(report=report, findings=findings, out_of_scope=out_of_scope)


def scope_paths(config: Config, paths: tuple[Path, ...]) -> list[Path] | None:
    """The documents to check: None (all of them) when no path is given, or
    when the roster or mkdocs.yml is among them -- pre-commit passes the
    roster alone when only it changed, and a roster edit can orphan any doc."""
    if not paths:
        return None
    whole = {config.roster_path.resolve()}
    if config.config_file is not None:
        whole.add(config.config_file.resolve())
    if any(p.resolve() in whole for p in paths):
        return None
    return list(paths)


def _within(path: Path, roots: list[Path]) -> bool:
    target = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(root)
        if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def use_color() -> bool:
    """Colour on a terminal, never in pipes, never when NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _render(fmt: str, report: Report, color: bool) -> tuple[str, str | None]:
    rendered = REPORTERS[fmt]().render(report, color=color)
    return rendered.text, rendered.step_summary


def _write_step_summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        click.echo(
            f"nohero: note: cannot write $GITHUB_STEP_SUMMARY ({target}): {exc.strerror}", err=True
        )


FORMATS = sorted(REPORTERS)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format. 'github' writes annotations, plus a summary to $GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity is reported.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    default=None,
    help="Only documents changed since the merge base of REF and HEAD (plus untracked ones) "
    "can fail; a roster or mkdocs.yml change also fails for the findings it adds to "
    "other documents. E.g. origin/main.",
)
@today_option
@click.option(
    "--no-history", is_flag=True, help="Do not read git history (skips drift and single-author)."
)
@exits
def command(
    paths: tuple[Path, ...],
    config_file: str | None,
    fmt: str,
    fail_on: str,
    changed_since: str | None,
    today: dt.date | None,
    no_history: bool,
) -> int:
    """Validate documents' front matter against the schema, the roster and the rules.

    PATHS limits the check to these files or folders (default: every document
    under docs_dir); the roster or mkdocs.yml among them means every document
    (pre-commit passes them alone when only they changed).

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
    configuration error.
    """
    config = load(config_file)
    day = resolve_today(today)
    result = run_check(
        config, scope_paths(config, paths), day, changed_since, history=not no_history
    )
    color = use_color()
    text, step_summary = _render(fmt, result.report, color)
    click.echo(text, nl=False, color=color)
    if step_summary:
        _write_step_summary(step_summary)
    if result.out_of_scope:
        click.echo(
            f"nohero: {result.out_of_scope} finding(s) on documents not changed "
            f"since {changed_since} "
            "were not reported",
            err=True,
        )
    threshold = Severity(fail_on).rank
    return (
        EXIT_FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else EXIT_CLEAN
    )
