"""`nohero codeowners [--check] [--path FILE]`: owners and backups as
CODEOWNERS entries inside a marked block; hand-written lines are kept.

Exit codes: 0 written (or, with --check, already current); 1 with --check
when the file is out of date (the diff is printed); 2 configuration errors
(broken markers, a path outside the repository).
"""

from __future__ import annotations

import click

from ..atomic import reason, write_atomic
from ..bounded import Refused, read_bounded
from ..codeowners import codeowners_path, diff, owner_entries, update
from ..config import ConfigError
from ..pipeline import analyse
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


@click.command("codeowners")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 (with a diff) when the file is out of date.",
)
@click.option(
    "--path",
    "path",
    metavar="FILE",
    help="CODEOWNERS file, relative to the repository root "
    "(default: the one GitHub reads: .github/, root, docs/; else .github/CODEOWNERS).",
)
@config_option
@today_option
@exits
def command(check: bool, path: str | None, config_file: str | None, today) -> int:  # type: ignore[no-untyped-def]
    """Write each document's owner and backup into CODEOWNERS."""
    config = load(config_file)
    target = codeowners_path(config.repo_root, path)
    if not target.resolve().is_relative_to(config.repo_root.resolve()):
        raise ConfigError(f"--path {path}: outside the repository {config.repo_root}")
    day = resolve_today(today)
    entries = owner_entries(analyse(config, day, history="off").kb, day)
    for warning in entries.warnings:
        echo_text(f"nohero: warning: {warning}\n", err=True)
    try:
        old: bytes | None = read_bounded(target, config.repo_root)
    except FileNotFoundError:
        old = None
    except Refused as why:
        raise ConfigError(f"{config.rel(target)} was not read: {why}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {config.rel(target)}: {exc.strerror or exc}") from None
    new = update(old, entries.lines)
    rel = config.rel(target)
    if check:
        if new == old:
            click.echo(f"{rel} is up to date")
            return EXIT_CLEAN
        echo_text(diff(rel, old, new))
        click.echo(f"nohero: {rel} is out of date: run 'nohero codeowners'", err=True)
        return EXIT_FINDINGS
    if new != old:
        try:
            write_atomic(target, new)
        except OSError as exc:
            raise ConfigError(f"cannot write {rel}: {reason(exc)}") from None
        click.echo(f"wrote {rel}: {len(entries.lines)} entries")
    else:
        click.echo(f"{rel} is up to date")
    return EXIT_CLEAN
