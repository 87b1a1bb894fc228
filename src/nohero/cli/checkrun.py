"""`nohero check`'s body, free of click: the click command (cli/check.py)
and the console script's quick path for a pre-commit run (cli/quick.py)
both call `run_check`, so the two give the same answer byte for byte.

Output goes through `write(text, to_stderr)`: click.echo behind the click
command, the plain streams behind the quick path.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..clock import resolve_today
from ..config import Config, load_config
from ..escape.terminal import terminal_lines
from ..findings import Severity
from ..pipeline import analyse
from ..reporters import Rendered, reporter_class
from .output import printable

EXIT_CLEAN = 0
EXIT_FINDINGS = 1

Write = Callable[[str, bool], None]  # (text, to_stderr)


def scope_paths(config: Config, paths: tuple[Path, ...]) -> list[Path] | None:
    """The documents to check: None (all of them) when no path is given, or
    when the roster, mkdocs.yml or an alert rule file is among them --
    pre-commit passes the roster alone when only it changed, and a roster
    edit can orphan any doc."""
    if not paths:
        return None
    whole = {config.roster_path.resolve()}
    if config.config_file is not None:
        whole.add(config.config_file.resolve())
    if any(p.resolve() in whole for p in paths):
        return None
    if config.alerts is not None:
        from ..alerts.changes import is_rule_file

        if any(is_rule_file(config, config.rel(p.resolve())) for p in paths):
            return None  # a rule file: its links reach any document
    return list(paths)


def use_color() -> bool:
    """Colour on a terminal, never in pipes, never when NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def note_line(message: str) -> str:
    """A line on stderr that narrows the answer without failing it."""
    return terminal_lines(f"nohero: note: {message}") + "\n"


def error_line(message: str) -> str:
    return terminal_lines(f"nohero: error: {message}") + "\n"


def _write_step_summary(rendered: Rendered, write: Write) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = rendered.step_summary or ""
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        write(f"nohero: note: cannot write $GITHUB_STEP_SUMMARY ({target}): {exc.strerror}\n", True)


def run_check(
    paths: tuple[Path, ...],
    *,
    write: Write,
    color: bool,
    config_file: str | None = None,
    fmt: str = "text",
    fail_on: str = "error",
    changed_since: str | None = None,
    today: dt.date | None = None,
    no_history: bool = False,
    only_documents: bool = False,
) -> int:
    """Check, print, and return the exit code (0 clean, 1 findings at or
    above `fail_on`); a ConfigError is the caller's to turn into exit 2."""
    config = load_config(config_file, Path.cwd())
    result = analyse(
        config,
        resolve_today(today),
        paths=scope_paths(config, paths),
        history="off" if no_history else "optional",
        changed_since=changed_since,
        only_documents=only_documents,
        output=reporter_class("check", fmt).needs,
    )
    for message in result.notes:
        write(note_line(message), True)
    rendered, text = printable("check", fmt, result.report, fail_on=Severity(fail_on), color=color)
    write(text, False)
    if rendered.summarize is not None:
        _write_step_summary(rendered, write)
    if result.out_of_scope:
        write(
            note_line(
                f"{result.out_of_scope} finding(s) on documents not changed "
                f"since {changed_since} were not reported"
            ),
            True,
        )
    return EXIT_FINDINGS if result.fails(Severity(fail_on)) else EXIT_CLEAN
