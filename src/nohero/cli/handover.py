"""`nohero handover`: when someone leaves or changes team, who takes over what."""

from __future__ import annotations

import datetime as dt

import click

from ..atomic import write_atomic
from ..handover import plan_handover
from ..pipeline import analyse
from .common import (
    EXIT_CLEAN,
    config_option,
    emit,
    exits,
    format_option,
    load,
    parse_date,
    resolve_today,
    today_option,
)


@click.command("handover")
@config_option
@today_option
@click.option(
    "--from",
    "person",
    required=True,
    metavar="ID",
    help="Who is leaving or changing team: roster id, email, GitHub login or git name.",
)
@click.option("--to", default=None, metavar="ID", help="Hand everything to this person or team.")
@click.option(
    "--left",
    callback=parse_date,
    default=None,
    metavar="DATE",
    help="With --write: also set the person's left: date in the roster.",
)
@click.option("--write", is_flag=True, help="Apply the new owners and backups (default: print).")
@format_option("handover")
@exits(pause_gc=True)
def command(
    config_file: str | None,
    today: dt.date | None,
    person: str,
    to: str | None,
    left: dt.date | None,
    write: bool,
    fmt: str,
) -> int:
    """Hand over someone's documents: new owners and backups, and a cross-training plan.

    Proposes a new owner or backup for every document ID owns or backs up
    (knowledge holders first, then team-mates), and lists the documents only
    ID knows, riskiest first, as who should pair with whom before they go.
    --write edits only those owner/backup_owner values, byte-preserving (and
    --left sets left: in the roster). Exit codes: 0 plan made (and written);
    2 usage error (an unknown person) or bad configuration.
    """
    config = load(config_file)
    day = resolve_today(today)
    analysis = analyse(config, day, history="optional")
    result = plan_handover(analysis.kb, analysis.history, person, day, to, left)
    if write:
        for path, data in result.edits.items():
            write_atomic(path, data)
        result.written = True
    emit("handover", fmt, result)
    return EXIT_CLEAN
