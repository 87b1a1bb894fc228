"""Options and plumbing shared by commands: config loading, --today, exit codes,
and turning configuration errors into exit 2 instead of tracebacks."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..clock import resolve_today
from ..config import Config, ConfigError, load_config
from ..escape import terminal_lines
from ..pipeline import paused_gc
from .output import is_output_error, output_failed

__all__ = ["paused_gc", "resolve_today"]  # re-exported: commands import them from here

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


def config_option(func: F) -> F:
    return click.option(
        "-f",
        "--config-file",
        type=click.Path(dir_okay=False),
        default=None,
        help="mkdocs.yml to read (default: ./mkdocs.yml).",
    )(func)


def parse_date(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-25") from None


def today_option(func: F) -> F:
    return click.option(
        "--today",
        callback=parse_date,
        default=None,
        metavar="DATE",
        help="Pretend today is DATE (YYYY-MM-DD), for reproducible runs.",
    )(func)


def load(config_file: str | None) -> Config:
    return load_config(config_file, Path.cwd())


def echo_text(text: str, err: bool = False) -> None:
    """Human-readable output with every line made inert (escape sequences
    shown, no line a CI command): the last guard behind the reporters'
    per-field escaping, for text that quotes documents and history."""
    end = "\n" if text.endswith("\n") else ""
    click.echo(terminal_lines(text[: len(text) - len(end)]) + end, nl=False, err=err)


def fail(message: str) -> int:
    click.echo(terminal_lines(f"nohero: error: {message}"), err=True)
    return EXIT_USAGE


def note(message: str) -> None:
    """A line on stderr that narrows the answer without failing it."""
    click.echo(terminal_lines(f"nohero: note: {message}"), err=True)


def exits(func: Callable[..., int]) -> Callable[..., None]:
    """Run a command body that returns an exit code; map ConfigError to exit 2,
    and an output that cannot be written (a closed pipe, a full disk) to exit
    2 with one line on stderr, never a traceback or click's exit 1 (which
    would read as "findings")."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            try:
                code = func(*args, **kwargs)
            except ConfigError as exc:
                code = fail(str(exc))
            sys.stdout.flush()
        except OSError as exc:
            if not is_output_error(exc):
                raise
            code = output_failed(exc)
        sys.exit(code)

    return wrapper
