"""`nohero report`: mine git history, then freshness, authorship and knowledge
risk as text tables, the contract's JSON, or a monthly Markdown report."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

import click

from ..pipeline import analyse
from ..reporters import report_markdown, report_text
from ..reporters.json import JsonReporter
from ..risks import period_summary
from .common import (
    EXIT_CLEAN,
    config_option,
    echo_text,
    exits,
    fail,
    load,
    parse_date,
    paused_gc,
    resolve_today,
    today_option,
)

DEFAULT_PERIOD_DAYS = 30

# format -> renderer(report, period); the --format choices come from here
FORMATS: dict[str, Callable[..., str]] = {
    "text": lambda report, period: report_text.render(report),
    "json": lambda report, period: JsonReporter().render(report).text,
    "markdown": report_markdown.render,
}


@click.command("report")
@config_option
@today_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="text: tables; json: the contract's shape; markdown: a monthly risk report.",
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
@exits
@paused_gc()
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
    analysis = analyse(config, day, history="required", progress=sys.stderr.isatty())
    history = analysis.history
    if trend:
        from .trend import run_trend

        return run_trend(
            config=config, kb=analysis.kb, history=history, since=start, fmt=fmt, today=day
        )
    period = period_summary(analysis.report, history, start, analysis.kb.roster)
    output = FORMATS[fmt](analysis.report, period)
    echo_text(output) if fmt == "text" else click.echo(output, nl=False)
    return EXIT_CLEAN
