"""`nohero review PATH... [--by PERSON] [--dry-run]`: record a real review.

Exit codes: 0 every file stamped (or already stamped today); 1 at least one
file was refused and left untouched (unparsable or missing front matter, an
escalation path that pages someone who left) while the others were stamped;
2 usage errors (a path that does not exist or lies outside the repository,
a reviewer who is not a current person in the roster).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click

from ..atomic import reason, write_atomic
from ..config import Config, ConfigError
from ..escape import terminal_lines
from ..knowledge_base import discover
from ..review import ReviewOutcome, resolve_reviewer, review_document, unified_diff
from ..roster import load_roster
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    echo_text,
    exits,
    load,
    resolve_today,
    today_option,
)


def git_user_email(config: Config) -> str | None:
    try:
        out = subprocess.run(
            ["git", "config", "user.email"],
            cwd=config.repo_root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def files_to_review(config: Config, paths: tuple[Path, ...]) -> list[Path]:
    root = config.repo_root.resolve()
    files: list[Path] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        if not path.exists():
            raise ConfigError(f"{given}: no such file")
        try:
            Path(os.path.realpath(path)).relative_to(root)
        except ValueError:
            raise ConfigError(f"{given}: outside the repository {root}") from None
        if path.is_dir():
            inside = [f for f in discover(config) if f.resolve().is_relative_to(path.resolve())]
            if not inside:
                raise ConfigError(
                    f"{given}: no Markdown documents under it "
                    f"(docs_dir is {config.rel(config.docs_dir)})"
                )
            files.extend(inside)
        else:
            files.append(path)
    return sorted(dict.fromkeys(files))


@click.command("review")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--by",
    "by",
    metavar="PERSON",
    help="Who reviewed: roster id, email or GitHub login "
    "(default: your git user.email, looked up in the roster).",
)
@click.option("--dry-run", is_flag=True, help="Show the diff; write nothing.")
@config_option
@today_option
@exits
def command(
    paths: tuple[Path, ...], by: str | None, dry_run: bool, config_file: str | None, today
) -> int:  # type: ignore[no-untyped-def]
    """Set last_reviewed to today (and reviewed_by), changing no other byte.

    Exit 0 when every file was stamped, 1 when a file was refused (it is left
    untouched), 2 for a bad path or an unknown reviewer.
    """
    config = load(config_file)
    roster = load_roster(config.roster_path)
    day = resolve_today(today)
    if by is None:
        email = git_user_email(config)
        if email is None:
            raise ConfigError("no reviewer: pass --by PERSON (git user.email is not set)")
        by = email
    reviewer = resolve_reviewer(roster, by, day)
    outcomes: list[ReviewOutcome] = [
        review_document(config, roster, source, day, reviewer)
        for source in files_to_review(config, paths)
    ]
    refused = 0
    for outcome in outcomes:
        if outcome.refused is not None:
            echo_text(f"nohero: refused {outcome.path}: {outcome.refused}\n", err=True)
        elif not outcome.changed:
            echo_text(f"{outcome.path}: already reviewed on {day.isoformat()} by {reviewer}\n")
        elif dry_run:
            echo_text(unified_diff(outcome.path, outcome.old, outcome.new))
        else:
            try:
                write_atomic(outcome.source, outcome.new)
            except OSError as exc:
                refused += 1
                click.echo(
                    terminal_lines(
                        f"nohero: refused {outcome.path}: cannot write it: {reason(exc)}"
                    ),
                    err=True,
                )
                continue
            echo_text(
                f"reviewed {outcome.path}: {config.fields.get('last_reviewed', 'last_reviewed')} "
                f"{day.isoformat()} by {reviewer}\n"
            )
    refused += sum(1 for o in outcomes if o.refused)
    return EXIT_FINDINGS if refused else EXIT_CLEAN
