"""Options and plumbing shared by commands: config loading, --today, exit codes,
and turning configuration errors into exit 2 instead of tracebacks."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..clock import resolve_today
from ..config import Config, load_config
from ..escape import terminal_lines
from ..findings import Severity
from ..gcpause import paused_gc
from .output import inert_text, printable, run_and_exit
from .quick import _console_script, _exit_now

if TYPE_CHECKING:
    from ..reporters.base import Rendered

# re-exported: commands import them from here
__all__ = ["inert_text", "paused_gc", "printable", "resolve_today"]

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
    click.echo(inert_text(text), nl=False, err=err)


def fail(message: str) -> int:
    click.echo(terminal_lines(f"nohero: error: {message}"), err=True)
    return EXIT_USAGE


def note(message: str) -> None:
    """A line on stderr that narrows the answer without failing it."""
    click.echo(terminal_lines(f"nohero: note: {message}"), err=True)


def exits(
    func: Callable[..., int] | None = None, *, pause_gc: bool = False
) -> Any:  # Callable[..., None], or a decorator making one when given only pause_gc
    """Run a command body that returns an exit code; map ConfigError to exit 2,
    and an output that cannot be written (a closed pipe, a full disk) to exit
    2 with one line on stderr, never a traceback or click's exit 1 (which
    would read as "findings"). `@exits(pause_gc=True)`: a one-shot batch run
    with the cyclic collector paused (`gcpause.paused_gc`) that, as the
    console script, ends without the interpreter's teardown."""
    if func is None:
        return functools.partial(exits, pause_gc=pause_gc)
    body = paused_gc()(func) if pause_gc else func

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            run_and_exit(lambda: body(*args, **kwargs), fail)
        except SystemExit as done:
            # A batch run as the console script ends without the interpreter's
            # teardown: freeing a cold report's millions of objects one by one
            # cost a tenth of a second after the last byte was written (see
            # quick._exit_now for why that is safe). As a library or under a
            # test runner, the exit is the caller's.
            if pause_gc and _console_script():
                _exit_now(done.code)
            raise

    return wrapper


def format_option(*commands: str, help: str | None = None) -> Callable[[F], F]:
    """`--format` whose choices are the formats reporters/<command>/ holds (the
    union when a command prints more than one kind of result, like report and
    its --trend), default text. Adding a format is adding that one file."""
    from ..reporters import formats

    choices = sorted({fmt for command in commands for fmt in formats(command)})
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help=help,
    )


def emit(
    command: str,
    fmt: str,
    data: object,
    *,
    fail_on: Severity = Severity.ERROR,
    color: bool = False,
) -> Rendered:
    """Render `data` with reporters/<command>/<fmt>.py and print it (colour
    only when asked; plain human text through the inert-lines guard). The
    Rendered comes back for what goes elsewhere (a GitHub step summary)."""
    rendered, text = printable(command, fmt, data, fail_on=fail_on, color=color)
    click.echo(text, nl=False, color=color)
    return rendered
