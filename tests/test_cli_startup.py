"""Start-up cost: `nohero --help` imports no command, and what it lists is
each command's own summary (kept in the table so that nothing is imported)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import nohero.cli
import nohero.cli.help_text
from nohero import __version__
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
        " 'jinja2', 'nohero.knowledge_base', 'nohero.report')) and m != 'nohero.cli.quick']\n"
        "print('HEAVY', sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout[-500:]


HELP_FILE = Path(nohero.cli.__file__).with_name("help_text.py")
HELP_HEADER = (
    '"""What `nohero --help` prints: click\'s own output, written here so that the\n'
    "console script can print it without importing click (see cli/quick.py).\n"
    "Generated: after changing a command's summary or a top-level option, run\n"
    '`NOHERO_HELP_UPDATE=1 python3 -m pytest -q tests/test_cli_startup.py`."""\n\n'
)


def clicks_help() -> str:
    result = CliRunner().invoke(main, ["--help"], prog_name="nohero", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    return result.output


def test_the_help_printed_without_click_is_clicks_own() -> None:
    expected = clicks_help()
    if os.environ.get("NOHERO_HELP_UPDATE"):
        HELP_FILE.write_text(f'{HELP_HEADER}HELP = """\\\n{expected}"""\n', encoding="utf-8")
        importlib.reload(nohero.cli.help_text)
    assert "\\" not in expected and '"""' not in expected  # fits the file's string as it is
    assert nohero.cli.help_text.HELP == expected, (
        "run NOHERO_HELP_UPDATE=1 python3 -m pytest -q tests/test_cli_startup.py"
    )


def run_script(tmp_path: Path, option: str, columns: str) -> subprocess.CompletedProcess[str]:
    """The console script as pip writes it, timed import by import."""
    script = tmp_path / "nohero"
    script.write_text("import sys\nfrom nohero.cli import main\nsys.exit(main())\n")
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run(
        [sys.executable, "-X", "importtime", str(script), option],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("option", ["--help", "-h", "--version"])
def test_the_console_script_answers_help_and_version_without_click(
    tmp_path: Path, option: str
) -> None:
    done = run_script(tmp_path, option, "120")
    assert done.returncode == 0, done.stderr[-2000:]
    expected = clicks_help() if option != "--version" else f"nohero, version {__version__}\n"
    assert done.stdout == expected
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "nohero.cli.quick" in imported
    assert "click" not in imported


def test_a_narrow_terminal_gets_clicks_own_wrapping(tmp_path: Path) -> None:
    done = run_script(tmp_path, "--help", "60")
    assert done.returncode == 0, done.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "click" in imported
    assert done.stdout != clicks_help() and "Commands:" in done.stdout
