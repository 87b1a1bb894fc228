"""`nohero adopt`: bring an existing knowledge base under nohero in one command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..adopt.apply import dirty, write_plan
from ..adopt.plan import BULK_DOCS, make_plan
from ..escape import terminal_lines
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    emit,
    exits,
    fail,
    format_option,
    resolve_today,
    today_option,
)


@click.command("adopt")
@today_option
@click.option("--write", is_flag=True, help="Apply the plan (default: print it, change nothing).")
@click.option("--force", is_flag=True, help="With --write: run on a dirty working tree.")
@click.option(
    "--left-after",
    "months",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    metavar="MONTHS",
    help="Propose 'left:' for people with no commit for this many months.",
)
@click.option(
    "--bulk",
    type=click.IntRange(min=2),
    default=BULK_DOCS,
    show_default=True,
    metavar="N",
    help="A commit touching N or more documents is a bulk change: nobody's authorship.",
)
@format_option("adopt")
@exits(pause_gc=True)
def command(
    today: dt.date | None, write: bool, force: bool, months: int, bulk: int, fmt: str
) -> int:
    """Bring an existing knowledge base under nohero: a reviewable plan, --write applies it.

    Finds the docs (mkdocs.yml's docs_dir, else the folder with most Markdown),
    drafts people.yml from git history, adds only missing front matter keys to
    each document (owner and backup from who knows it, last_reviewed from its
    last content change), and adds the nohero plugin to mkdocs.yml without
    changing any other byte. Exit codes: 0 plan made (and written); 1 a file
    could not be written (read-only; the others were); 2 usage error, no git
    history, or --write on a dirty working tree without --force.
    """
    day = resolve_today(today)
    plan = make_plan(Path.cwd(), day, months, bulk)
    if write:
        changed = dirty(plan)
        if changed and not force:
            shown = ", ".join(changed[:5]) + (", ..." if len(changed) > 5 else "")
            return fail(
                f"the working tree has uncommitted changes ({shown}): commit or stash them, "
                "so the adoption is one reviewable change (or pass --force)"
            )
        failed = write_plan(plan)
    else:
        failed = {}
    emit("adopt", fmt, plan)
    for path, why in sorted(failed.items()):
        click.echo(terminal_lines(f"nohero: not written: {path}: {why}"), err=True)
    return EXIT_FINDINGS if failed else EXIT_CLEAN
