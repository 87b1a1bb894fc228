"""`nohero new TYPE NAME`: a new document from the type's template, with
every required field present and the owner prefilled where nohero knows who
you are (your git email in the roster)."""

from __future__ import annotations

import datetime as dt

import click

from ..config import DOC_TYPES
from ..pipeline import analyse
from ..roster import load_roster
from ..scaffold import ScaffoldError, git_user, new_document, roster_id_for_email
from .common import (
    EXIT_CLEAN,
    config_option,
    exits,
    fail,
    load,
    resolve_today,
    today_option,
)


@click.command("new")
@click.argument("doc_type", metavar="TYPE", type=click.Choice(DOC_TYPES))
@click.argument("name")
@click.option(
    "--owner",
    metavar="ID",
    help="Owner id from the roster (default: you, if the roster knows your git email).",
)
@click.option("--backup", metavar="ID", help="Backup owner id from the roster.")
@click.option("--service", metavar="NAME", help="The service the document is about.")
@today_option
@config_option
@exits
def command(
    doc_type: str,
    name: str,
    owner: str | None,
    backup: str | None,
    service: str | None,
    today: dt.date | None,
    config_file: str | None,
) -> int:
    """Create a TYPE document titled NAME in the folder the config gives that type."""
    config = load(config_file)
    roster = load_roster(config.roster_path)
    for role, ident in (("owner", owner), ("backup", backup)):
        if ident is not None and not roster.knows(ident):
            return fail(f"--{role} {roster.unknown_id(ident)}")
    if owner is None:
        owner = roster_id_for_email(roster, git_user(config.root).email)
    day = resolve_today(today)
    try:
        path = new_document(config, doc_type, name, day, owner, backup, service)
    except ScaffoldError as exc:
        return fail(str(exc))
    click.echo(config.rel(path))
    left = analyse(config, day, paths=[path], history="off").errors
    if left:
        click.echo(f"left to fill before 'nohero check' passes ({len(left)}):")
        for finding in left:
            click.echo(f"  line {finding.line}: {finding.message}")
    return EXIT_CLEAN
