"""`nohero report`: mine git history, then freshness, authorship and knowledge
risk as text tables, the contract's JSON, or a monthly Markdown report."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

import click

from ..config import Config
from ..history.model import History
from ..knowledge_base import KnowledgeBase, load_knowledge_base
from ..report import Report, build_report, period_summary
from ..reporters import report_markdown, report_text
from ..reporters.json import JsonReporter
from .common import (
    EXIT_CLEAN,
    config_option,
    exits,
    fail,
    load,
    parse_date,
    paused_gc,
    resolve_today,
    today_option,
)

SHALLOW_FIX = (
    "this is a shallow clone, so git history would make whoever made the last commit the "
    "only author of everything. Fetch the full history: 'git fetch --unshallow' "
    "(GitHub Actions: actions/checkout with 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0)"
)
DEFAULT_PERIOD_DAYS = 30

# format -> renderer(report, period); the --format choices come from here
FORMATS: dict[str, Callable[..., str]] = {
    "text": lambda report, period: report_text.render(report),
    "json": lambda report, period: JsonReporter().render(report).text,
    "markdown": report_markdown.render,
}


def mine_history(config: Config, kb: KnowledgeBase) -> History | None:
    """The mined history; None for a shallow clone (the caller exits 2).
    Not a git repository, or history switched off: an unavailable History
    with a note, so reports still show freshness from front matter."""
    if not config.history:
        return History(available=False, note="history is off (plugins.nohero.history: false)")
    from ..history.miner import load_history  # lazy: `check` never pays for git

    history = load_history(config, kb.roster, progress=sys.stderr.isatty(), documents=kb.documents)
    if history.shallow:
        return None
    if not history.available and not history.note:
        history.note = "no git history: freshness from front matter only"
    return history


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
    kb = load_knowledge_base(config)
    day = resolve_today(today)
    history = mine_history(config, kb)
    if history is None:
        return fail(SHALLOW_FIX)
    start = since or day - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    if since is not None and since > day:
        return fail(f"--since {since.isoformat()} is after today ({day.isoformat()})")
    if trend:
        from .trend import run_trend

        return run_trend(config=config, kb=kb, history=history, since=start, fmt=fmt, today=day)
    report: Report = build_report(kb, day, history)
    period = period_summary(report, history, start, kb.roster)
    click.echo(FORMATS[fmt](report, period), nl=False)
    return EXIT_CLEAN
