"""`nohero init [DIR]`: a working knowledge base in a repository.

Writes mkdocs.yml, people.yml, one sample document per type, a pull-request
workflow and a pre-commit config; never overwrites a file that exists.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..scaffold import ScaffoldError, init_knowledge_base
from .common import EXIT_CLEAN, exits, fail, resolve_today, today_option


def _shown(path: Path, target: Path) -> str:
    """Paths relative to the folder initialised (normally the repository root)."""
    return Path(os.path.relpath(path, target)).as_posix()


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@today_option
@exits
def command(directory: Path, today: dt.date | None) -> int:
    """Scaffold a knowledge base in DIRECTORY (default: here).

    The git user (git config user.name/user.email) becomes the owner of the
    samples; existing files are kept and reported as skipped.
    """
    try:
        result = init_knowledge_base(directory, resolve_today(today))
    except ScaffoldError as exc:
        return fail(str(exc))
    for path in result.created:
        click.echo(f"created  {_shown(path, directory)}")
    for path in result.skipped:
        click.echo(f"skipped  {_shown(path, directory)} (exists)")
    if result.created:
        where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory}, "
        click.echo(f"\nNext: {where}edit people.yml, then run 'nohero check' and 'mkdocs serve'.")
    return EXIT_CLEAN
