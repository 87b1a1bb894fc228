"""`nohero show PATH --at TIMESTAMP`: a document as it stood then, for postmortems.

Text: the file's exact bytes on stdout (pipe them to a file or a pager) and a
header on stderr (commit, owner, backup, whether the review was overdue then).
JSON: one object with the same facts and the text. Exit 2 when git has no
version of the file at that moment (not committed yet, deleted, not a git
repository, a shallow clone).
"""

from __future__ import annotations

import json
import sys

import click

from ..escape import terminal
from ..roster import Roster, load_roster
from ..show import Snapshot, parse_moment, snapshot
from ..wording import plural
from .common import EXIT_CLEAN, config_option, echo_text, exits, load


def header(snap: Snapshot, roster: Roster) -> list[str]:
    doc, state, day = snap.doc, snap.state, snap.at.date()

    def who(ident: str | None) -> str:
        if ident is None:
            return "none"
        member = roster.people.get(ident)
        left = (
            f", left {member.left.isoformat()}"
            if member and member.left and member.departed(day)
            else ""
        )
        known = "" if roster.knows(ident) else ", not in the roster"
        return f"{ident} ({roster.display_name(ident)}{left}{known})"

    renamed = f" (then named {snap.path_then})" if snap.path_then != snap.path else ""
    lines = [
        f"{snap.path}{renamed} as of {snap.at.isoformat()}: "
        f"commit {snap.commit[:10]} of {snap.committed.isoformat()}",
        f"owner: {who(doc.owner)}; backup: {who(doc.backup_owner)}",
    ]
    if state.last_reviewed is None:
        lines.append("review: no valid last_reviewed then")
    elif state.next_review is None:
        lines.append(f"review: last_reviewed {state.last_reviewed} was in the future then")
    elif state.status == "overdue":
        days = (day - state.next_review).days
        lines.append(
            f"review: OVERDUE then by {plural(days, 'day')} "
            f"(last reviewed {state.last_reviewed}, due {state.next_review})"
        )
    else:
        lines.append(
            f"review: {state.status} then "
            f"(last reviewed {state.last_reviewed}, due {state.next_review})"
        )
    lines += [f"problem then: line {p.line}: {p.message}" for p in doc.problems]
    return lines


@click.command("show")
@click.argument("path")
@click.option(
    "--at",
    "at",
    required=True,
    metavar="TIMESTAMP",
    help="2026-03-01 (end of that day) or 2026-03-01T14:30:00+01:00; no offset: local time.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_option
@exits
def command(path: str, at: str, fmt: str, config_file: str | None) -> int:
    """Print PATH exactly as it stood at TIMESTAMP, with who owned it then."""
    config = load(config_file)
    roster = load_roster(config.roster_path)
    snap = snapshot(config, path, parse_moment(at))
    if fmt == "json":
        click.echo(json.dumps(snap.to_dict(roster), indent=2))
        return EXIT_CLEAN
    for line in header(snap, roster):
        click.echo(f"# {terminal(line)}", err=True)
    if sys.stdout.isatty():  # a terminal obeys escape sequences: show them instead
        echo_text(snap.raw.decode("utf-8", "replace"))
    else:
        click.echo(snap.raw, nl=False)  # piped: the bytes untouched
    return EXIT_CLEAN
