"""`nohero check [PATHS]`: validate front matter and roster; exit 1 on findings
at or above --fail-on.

Parses options, runs the one pipeline (`nohero.pipeline.analyse`: history
optional, never fatal) and hands the report to the chosen reporter.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from ..config import Config
from ..findings import Severity
from ..pipeline import analyse
from ..reporters import reporter_class
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    emit,
    exits,
    format_option,
    load,
    note,
    resolve_today,
    today_option,
)


def scope_paths(config: Config, paths: tuple[Path, ...]) -> list[Path] | None:
    """The documents to check: None (all of them) when no path is given, or
    when the roster, mkdocs.yml or an alert rule file is among them --
    pre-commit passes the roster alone when only it changed, and a roster
    edit can orphan any doc."""
    if not paths:
        return None
    whole = {config.roster_path.resolve()}
    if config.config_file is not None:
        whole.add(config.config_file.resolve())
    if any(p.resolve() in whole for p in paths):
        return None
    if config.alerts is not None:
        from ..alerts.changes import is_rule_file

        if any(is_rule_file(config, config.rel(p.resolve())) for p in paths):
            return None  # a rule file: its links reach any document
    return list(paths)


def use_color() -> bool:
    """Colour on a terminal, never in pipes, never when NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


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


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@format_option(
    "check",
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
@click.option(
    "--only-documents",
    is_flag=True,
    help="Ignore PATHS that are not documents instead of failing (for pre-commit, "
    "which passes every Markdown file a commit touches).",
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
    only_documents: bool,
) -> int:
    """Validate documents' front matter against the schema, the roster and the rules.

    PATHS limits the check to these files or folders (default: every document
    under docs_dir); the roster or mkdocs.yml among them means every document
    (pre-commit passes them alone when only they changed).

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
    configuration error.
    """
    config = load(config_file)
    result = analyse(
        config,
        resolve_today(today),
        paths=scope_paths(config, paths),
        history="off" if no_history else "optional",
        changed_since=changed_since,
        only_documents=only_documents,
        output=reporter_class("check", fmt).needs,
    )
    for message in result.notes:
        note(message)
    rendered = emit("check", fmt, result.report, fail_on=Severity(fail_on), color=use_color())
    if rendered.step_summary:
        _write_step_summary(rendered.step_summary)
    if result.out_of_scope:
        note(
            f"{result.out_of_scope} finding(s) on documents not changed "
            f"since {changed_since} were not reported"
        )
    return EXIT_FINDINGS if result.fails(Severity(fail_on)) else EXIT_CLEAN
