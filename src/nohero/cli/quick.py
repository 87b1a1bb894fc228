"""`nohero --help` and `nohero --version` answered before click is imported.

Importing click costs more than everything else `--help` does; so when the
console script is started with exactly one of these options, the text click
would print is printed from `help_text.HELP` (generated from click's own
output; tests/test_cli_startup.py checks they are equal) and the process
ends. Anything else -- other arguments, a terminal narrower than click's
80-column layout, a closed stdout, nohero used as a library or under a test
runner -- goes on to click as before.
"""

from __future__ import annotations

import os
import sys

from .. import __version__

HELP_OPTIONS = ("--help", "-h")


def answer_before_click() -> None:
    """Print the answer and exit when this process is `nohero --help`,
    `nohero -h` or `nohero --version`; return otherwise."""
    args = sys.argv[1:]
    if len(args) != 1 or args[0] not in (*HELP_OPTIONS, "--version") or sys.stdout is None:
        return
    started = sys.modules.get("__main__")
    if (
        os.path.basename(sys.argv[0]) != "nohero"
        or getattr(started, "__file__", None) != (sys.argv[0])
    ):
        return  # not the console script: a library call or a test runner
    if args[0] == "--version":
        text = f"nohero, version {__version__}\n"
    else:
        import shutil

        if shutil.get_terminal_size().columns < 80:  # click wraps narrower
            return
        from .help_text import HELP

        text = HELP
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        from .output import is_output_error, output_failed

        if not is_output_error(exc):
            raise
        sys.exit(output_failed(exc))
    sys.exit(0)
