"""`nohero report`: mine git history, then freshness, authorship and knowledge
risk as text tables, the contract's JSON, or a monthly Markdown report."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from .. import resultcache
from ..config import Config
from ..reporters import formats
from .common import (
    EXIT_CLEAN,
    config_option,
    exits,
    fail,
    format_option,
    load,
    parse_date,
    printable,
    resolve_today,
    today_option,
)

if TYPE_CHECKING:
    from ..history.background import BackgroundMine

DEFAULT_PERIOD_DAYS = 30


@click.command("report")
@config_option
@today_option
@format_option(
    "report",
    "trend",
    help="text: tables; json: the contract's shape; markdown: a monthly risk report; "
    "svg: a chart (with --trend).",
)
@click.option(
    "--since",
    callback=parse_date,
    default=None,
    metavar="DATE",
    help="Start of the period for 'reviewed this period' and risks reduced "
    f"(default: {DEFAULT_PERIOD_DAYS} days before --today).",
)
@click.option(
    "--trend",
    type=click.Choice(["monthly"]),
    default=None,
    help="Instead of one report, how freshness and bus factor moved month by month since --since.",
)
@exits(pause_gc=True)
def command(
    config_file: str | None,
    today: dt.date | None,
    fmt: str,
    since: dt.date | None,
    trend: str | None,
) -> int:
    """Freshness, authorship and knowledge risk from git history.

    Exit codes: 0 report written; 2 usage or configuration error, or a shallow
    clone (history would be wrong: fetch it in full first).
    """
    config = load(config_file)
    day = resolve_today(today)
    start = since or day - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    if since is not None and since > day:
        return fail(f"--since {since.isoformat()} is after today ({day.isoformat()})")
    kind = "trend" if trend else "report"
    if fmt not in formats(kind):
        given = "with --trend" if trend else "without --trend"
        return fail(f"{given}, --format is one of {', '.join(formats(kind))}, not {fmt}")
    if trend:
        from ..pipeline import analyse
        from .trend import run_trend

        analysis = analyse(config, day, history="required", progress=sys.stderr.isatty())
        return run_trend(
            config=config, kb=analysis.kb, history=analysis.history, since=start, fmt=fmt, today=day
        )
    early = None
    if resultcache.nothing_kept(config):  # this run can only miss: start git log first
        from ..history.background import start_mine

        early = start_mine(config, progress=sys.stderr.isatty())
    asked = resultcache.fingerprint(
        config, "report", [("today", day), ("since", start), ("format", fmt)]
    )
    output = resultcache.recall(asked) if asked is not None else None
    if output is None:
        output, head = _report(config, day, start, fmt, early)
        if asked is not None and asked.answers_for(head):
            resultcache.remember(asked, output)
    if "\x1b" in output:  # never, after the reporters' escaping: click strips what it must
        click.echo(output, nl=False)
    else:  # click.echo's ANSI strip would scan 15 MB of JSON for nothing
        sys.stdout.write(output)
    return EXIT_CLEAN


def _report(
    config: Config, day: dt.date, start: dt.date, fmt: str, early: BackgroundMine | None = None
) -> tuple[str, str | None]:
    """The report as printed, built from scratch (through the history and
    document caches), and the commit its history was read at; a remembered
    answer needs none of these imports."""
    from ..pipeline import analyse
    from ..risks import ReportForPeriod, period_summary

    analysis = analyse(config, day, history="required", progress=sys.stderr.isatty(), early=early)
    period = period_summary(analysis.report, analysis.history, start, analysis.kb.roster)
    head = analysis.history.head if analysis.history is not None else None
    return printable("report", fmt, ReportForPeriod(analysis.report, period))[1], head
