"""`nohero --help`, `nohero --version` and the pre-commit hook's `nohero
check --only-documents FILE...` answered before click is imported.

Importing click costs more than everything else `--help` does; so when the
console script is started with exactly one of these options, the text click
would print is printed from `help_text.HELP` (generated from click's own
output; tests/test_cli_startup.py checks they are equal) and the process
ends. A `check` with only flags the quick path knows and existing PATHs runs
`checkrun.run_check`, the click command's own body. Anything else -- other
arguments, a terminal narrower than click's 80-column layout, a closed
stdout, nohero used as a library or under a test runner -- goes on to click
as before.
"""

from __future__ import annotations

import os
import sys

from .. import __version__

HELP_OPTIONS = ("--help", "-h")


def answer_before_click() -> None:
    """Print the answer and exit when this process is `nohero --help`,
    `nohero -h`, `nohero --version` or a plain `nohero check` (see
    `check_before_click`); return otherwise."""
    args = sys.argv[1:]
    if not args or sys.stdout is None or sys.stderr is None or not _console_script():
        return
    if args[0] == "check":
        check_before_click(args[1:])
    if len(args) != 1 or args[0] not in (*HELP_OPTIONS, "--version"):
        return
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


def _console_script() -> bool:
    """True when this process was started as the `nohero` console script,
    not as a library call or under a test runner."""
    started = sys.modules.get("__main__")
    return os.path.basename(sys.argv[0]) == "nohero" and (
        getattr(started, "__file__", None) == sys.argv[0]
    )


def _utf8(stream: object) -> bool:
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8")


def check_before_click(args: list[str]) -> None:
    """Run `nohero check [--only-documents] [--no-history] PATH...` -- what
    the pre-commit hook runs -- without importing click (a third of a
    one-file run's start-up), through the same `checkrun.run_check` as the
    click command. Anything else (another option, a PATH that does not
    exist, `--`, a stream click would re-encode) returns, and click parses
    it and says what is wrong."""
    flags = {"--only-documents", "--no-history"}
    chosen: set[str] = set()
    paths: list[str] = []
    for arg in args:
        if arg in flags:
            chosen.add(arg)
        elif arg.startswith("-") or not os.path.exists(arg):
            return
        else:
            paths.append(arg)
    if not (_utf8(sys.stdout) and _utf8(sys.stderr)):
        return
    import gc

    # A one-shot run whose objects all live until it ends: the collector would
    # only rescan the modules being imported (a tenth of a one-file run);
    # `analyse` pauses it for the documents anyway.
    gc.disable()
    from pathlib import Path

    from .checkrun import error_line, run_check, use_color
    from .output import run_and_exit

    def write(text: str, to_stderr: bool) -> None:
        stream = sys.stderr if to_stderr else sys.stdout
        stream.write(text)
        stream.flush()

    def fail(message: str) -> int:
        write(error_line(message), True)
        return 2

    color = use_color()
    found = tuple(Path(p) for p in paths)
    try:
        run_and_exit(
            lambda: run_check(
                found,
                write=write,
                color=color,
                only_documents="--only-documents" in chosen,
                no_history="--no-history" in chosen,
            ),
            fail,
        )
    except KeyboardInterrupt:  # as click says it
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    except SystemExit as done:
        _exit_now(done.code)


def _exit_now(code: object) -> None:  # never returns (typing unimported: --help)
    """End the process without the interpreter's teardown (freeing every
    module and object one by one: a tenth of a one-file run). Safe here:
    the output is flushed (or known lost, see `output.run_and_exit`), every
    file nohero writes is written atomically and closed, this path registers
    no exit handlers, and a history mine still running (an error stopped the
    run before it was needed) is abandoned as at any exit: its thread is a
    daemon and its cache write atomic."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # run_and_exit said so already, or there is nobody to tell
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
