"""`nohero check [PATHS]`: validate front matter and roster; exit 1 on findings
at or above --fail-on.

Parses options and hands them to `checkrun.run_check` (the one pipeline,
`nohero.pipeline.analyse`: history optional, never fatal; then the chosen
reporter), which the console script's quick path calls without click too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .checkrun import run_check, use_color
from .common import config_option, exits, format_option, today_option


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
    color = use_color()

    def write(text: str, to_stderr: bool) -> None:
        click.echo(text, nl=False, err=to_stderr, color=None if to_stderr else color)

    return run_check(
        paths,
        write=write,
        color=color,
        config_file=config_file,
        fmt=fmt,
        fail_on=fail_on,
        changed_since=changed_since,
        today=today,
        no_history=no_history,
        only_documents=only_documents,
    )
