"""The command line: a table of contents. Each command lives in its own
module under `nohero.cli`, parses options, calls the core and returns an
exit code (0 clean, 1 findings at or above --fail-on, 2 usage/config error).
"""

from __future__ import annotations

from importlib import import_module

import click

from .. import __version__

# command name -> module under nohero.cli defining a click command called `command`
COMMANDS: dict[str, str] = {
    "check": "check",
    "schema": "schema",
    "init": "init",
    "new": "new",
    "report": "report",
    "whatif": "whatif",
    "review": "review",
    "due": "due",
    "codeowners": "codeowners",
    "show": "show",
    "build": "build",
    "serve": "serve",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so
    `nohero check` in pre-commit does not pay for mkdocs or git imports."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return import_module(f"{__name__}.{module}").command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nohero")
def main() -> None:
    """Keep runbooks, escalation paths and architecture notes owned, reviewed
    and trustworthy."""
