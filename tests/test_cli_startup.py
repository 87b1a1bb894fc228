"""Start-up cost: `nohero --help` imports no command, and what it lists is
each command's own summary (kept in the table so that nothing is imported)."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from nohero.cli import COMMANDS, main


def test_help_summaries_are_the_commands_own() -> None:
    ctx = click.Context(main)
    for name, (_module, summary) in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None, name
        assert command.get_short_help_str(limit=1000) == summary, name


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"], catch_exceptions=False)
    assert result.exit_code == 0
    listed = result.output.split("Commands:", 1)[1]
    for name in COMMANDS:
        assert f"\n  {name} " in listed, name


def test_help_imports_no_command_nor_heavy_library() -> None:
    code = (
        "import sys\n"
        "from nohero.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('nohero.cli.', 'yaml', 'git', 'mkdocs',"
        " 'jinja2', 'nohero.knowledge_base', 'nohero.report'))]\n"
        "print('HEAVY', sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout[-500:]
