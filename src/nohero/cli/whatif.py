"""`nohero whatif`: what loses every owner, backup and knowledge holder while
some people are away."""

from __future__ import annotations

import datetime as dt

import click

from ..pipeline import analyse
from ..whatif import DEFAULT_DAYS, what_if
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    emit,
    exits,
    fail,
    format_option,
    load,
    parse_date,
    resolve_today,
    today_option,
)


@click.command("whatif")
@config_option
@today_option
@click.option(
    "--away",
    metavar="PERSON[,..]",
    multiple=True,
    help="People or teams to imagine away, comma-separated (the option may be repeated): "
    "roster ids, emails, GitHub logins or git author names. "
    "Without it: everyone with a planned absence in the roster overlapping the window.",
)
@click.option(
    "--from",
    "start",
    callback=parse_date,
    default=None,
    metavar="DATE",
    help="First day of the absence (default: today).",
)
@click.option(
    "--days",
    type=click.IntRange(min=1, max=36500),
    default=DEFAULT_DAYS,
    show_default=True,
    help="Length of the absence in days, first day included.",
)
@format_option("whatif")
@exits(pause_gc=True)
def command(
    config_file: str | None,
    today: dt.date | None,
    away: tuple[str, ...],
    start: dt.date | None,
    days: int,
    fmt: str,
) -> int:
    """What would be left with no available owner, backup or knowledge holder.

    Exit codes: 0 nothing at risk (degraded documents alone do not fail);
    1 a document at risk or an escalation path reaching fewer than two people;
    2 usage error (a name not in the roster), bad configuration, or a shallow clone.
    """
    config = load(config_file)
    day = resolve_today(today)
    first = start or day
    try:
        first + dt.timedelta(days=days + 1)
    except OverflowError:
        return fail(f"--from {first.isoformat()} --days {days} ends after 9999-12-31")
    given = [n.strip() for value in away for n in value.split(",")]
    names = list(dict.fromkeys(n for n in given if n)) if away else None
    if away and not names:
        return fail("--away needs at least one roster id, e.g. --away alice,bob")
    analysis = analyse(config, day, history="required")
    result = what_if(analysis.kb, names, first, days, analysis.history)
    emit("whatif", fmt, result)
    return EXIT_FINDINGS if result.at_risk else EXIT_CLEAN
