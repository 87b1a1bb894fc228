"""`nohero due [--within 14d]`: what is overdue or due soon, grouped by owner.

A listing, so it exits 0 (with --fail-on-overdue: 1 when anything is overdue
or was never reviewed). `--plan-issues FILE` prints the create/edit/close
actions for the weekly reminder workflow instead (FILE: the output of
`gh issue list --label nohero-due --json number,title,body`, `-` for stdin).
"""

from __future__ import annotations

import json

import click

from ..config import ConfigError
from ..due import due_listing, plan_issues
from ..durations import INTERVAL_RANGE, parse_review_interval
from ..pipeline import analyse
from ..reporters.reminders import reminder_issues
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    emit,
    exits,
    format_option,
    load,
    resolve_today,
    today_option,
)


def parse_window(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    if value.strip() in ("0", "0d"):
        return 0
    days = parse_review_interval(value)
    if days is None:
        raise click.BadParameter(f"'{value}' is not a window like 14d or 2w, {INTERVAL_RANGE}")
    return days


@click.command("due")
@click.option(
    "--within",
    callback=parse_window,
    metavar="WINDOW",
    help="Also list documents due within WINDOW (14d, 2w; default: the due_soon setting).",
)
@format_option("due")
@click.option("--owner", metavar="ID", help="Only documents owned by ID (a person or team).")
@click.option(
    "--fail-on-overdue", is_flag=True, help="Exit 1 when a document is overdue or never reviewed."
)
@click.option(
    "--plan-issues",
    "plan_file",
    type=click.File("r"),
    metavar="FILE",
    help="Print reminder-issue actions (JSON) given existing issues from `gh issue list --json`.",
)
@config_option
@today_option
@exits
def command(
    within: int | None,
    fmt: str,
    owner: str | None,
    fail_on_overdue: bool,  # type: ignore[no-untyped-def]
    plan_file,
    config_file: str | None,
    today,
) -> int:
    """List documents overdue or due soon, grouped by owner, with their backups."""
    config = load(config_file)
    day = resolve_today(today)
    kb = analyse(config, day, history="off").kb
    owners = {d.owner for d in kb.documents}
    if owner is not None and not kb.roster.knows(owner) and owner not in owners:
        raise ConfigError(f"--owner {kb.roster.unknown_id(owner)}")
    listing = due_listing(kb, day, within, owner)
    if plan_file is not None:
        try:
            existing = json.load(plan_file)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"--plan-issues: not JSON from `gh issue list --json`: {exc}"
            ) from None
        except (RecursionError, UnicodeDecodeError, ValueError) as exc:
            kind = "nested too deeply" if isinstance(exc, RecursionError) else "not UTF-8 JSON"
            raise ConfigError(
                f"--plan-issues: not JSON from `gh issue list --json` ({kind})"
            ) from None
        if not isinstance(existing, list) or not all(
            isinstance(i, dict) and "number" in i for i in existing
        ):
            raise ConfigError(
                "--plan-issues: expected a JSON list of issues with number, title and body"
            )
        due = listing.to_dict()
        actions = plan_issues(reminder_issues(due), existing, listing.today)
        click.echo(json.dumps(actions, indent=2))
        return EXIT_CLEAN
    emit("due", fmt, listing)
    return EXIT_FINDINGS if fail_on_overdue and listing.overdue else EXIT_CLEAN
