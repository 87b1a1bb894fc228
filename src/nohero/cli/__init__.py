"""The command line: a table of contents. Each command lives in its own
module under `nohero.cli`, parses options, calls the core and returns an
exit code (0 clean, 1 findings at or above --fail-on, 2 usage/config error).
"""

from __future__ import annotations

import errno
import sys
from importlib import import_module

from .. import __version__
from .quick import answer_before_click

answer_before_click()  # `nohero --help` / `--version`: printed from help_text.py, no click

import click  # noqa: E402 - after the quick answer, which exists to avoid this import

# command name -> (module under nohero.cli defining a click command called
# `command`, the one-line summary `nohero --help` lists). The summary is kept
# here so that `--help` imports no command; tests/test_cli_startup.py checks it
# against each command's own docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "adopt": (
        "adopt",
        "Bring an existing knowledge base under nohero: a reviewable plan, --write applies it.",
    ),
    "build": ("build", "Check the documents, then build the MkDocs site."),
    "check": (
        "check",
        "Validate documents' front matter against the schema, the roster and the rules.",
    ),
    "codeowners": ("codeowners", "Write each document's owner and backup into CODEOWNERS."),
    "due": ("due", "List documents overdue or due soon, grouped by owner, with their backups."),
    "handover": (
        "handover",
        "Hand over someone's documents: new owners and backups, and a cross-training plan.",
    ),
    "init": ("init", "Scaffold a knowledge base in DIRECTORY (default: here)."),
    "new": ("new", "Create a TYPE document titled NAME in the folder the config gives that type."),
    "report": ("report", "Freshness, authorship and knowledge risk from git history."),
    "review": ("review", "Set last_reviewed to today (and reviewed_by), changing no other byte."),
    "schema": ("schema", "Print the JSON Schema (Draft 2020-12) of document front matter."),
    "serve": ("serve", "Check the documents, then serve the site, rebuilding on changes."),
    "show": ("show", "Print PATH exactly as it stood at TIMESTAMP, with who owned it then."),
    "whatif": (
        "whatif",
        "What would be left with no available owner, backup or knowledge holder.",
    ),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so
    `nohero check` in pre-commit does not pay for mkdocs or git imports, and
    `nohero --help` imports none of them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        return import_module(f"{__name__}.{entry[0]}").command  # type: ignore[no-any-return]

    def invoke(self, ctx: click.Context) -> object:
        """Commands without `common.exits` (which does the same) also turn an
        output that cannot be written into exit 2 and one line."""
        from .output import is_output_error, output_failed  # not for --help

        if sys.stdout is None:  # started with stdout closed (`nohero check >&-`)
            sys.exit(output_failed(OSError(errno.EBADF, "standard output is closed")))
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
        except OSError as exc:
            if not is_output_error(exc):
                raise
            sys.exit(output_failed(exc))
        return result

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nohero")
def main() -> None:
    """Keep runbooks, escalation paths and architecture notes owned, reviewed
    and trustworthy."""
