"""Output formats, one shape for every command.

`reporters/<command>/<format>.py` is `nohero <command> --format <format>`:
the module defines one `Reporter` subclass, and the folder's file names are
the command's `--format` choices. So a new format for any command is one
file. The commands with formats are the sub-packages here (check, report,
trend for `report --trend`, whatif, due, adopt, handover). Choices are read
from file names without importing anything; only the chosen format is
imported. Reporters only format: no rule decisions, no files, no exit codes.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module
from typing import Any

from .base import Rendered, Reporter


@cache
def formats(command: str) -> tuple[str, ...]:
    """The `--format` choices of `command`, sorted: its folder's module names
    (listed directly: pkgutil's import costs a pre-commit run more)."""
    package = import_module(f"{__name__}.{command}")
    names = set()
    for folder in package.__path__:
        for entry in os.scandir(folder):
            name, dot, suffix = entry.name.partition(".")
            if dot and suffix in ("py", "pyc") and name.isidentifier() and name[0] != "_":
                names.add(name)
    return tuple(sorted(names))


@cache
def reporter_class(command: str, fmt: str) -> type[Reporter[Any]]:
    """The one Reporter subclass reporters/<command>/<fmt>.py defines."""
    if fmt not in formats(command):
        raise LookupError(f"nohero {command} has no format {fmt!r}")
    module = import_module(f"{__name__}.{command}.{fmt}")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)  # inspect.isclass/isabstract, without importing inspect
        and issubclass(value, Reporter)
        and value.__module__ == module.__name__
        and not getattr(value, "__abstractmethods__", None)
    ]
    if len(found) != 1:
        raise LookupError(f"{module.__name__} must define exactly one Reporter, not {len(found)}")
    return found[0]


def reporters_for(command: str) -> dict[str, type[Reporter[Any]]]:
    """Every format of `command`, imported: format name -> reporter class."""
    return {fmt: reporter_class(command, fmt) for fmt in formats(command)}


__all__ = ["Rendered", "Reporter", "formats", "reporter_class", "reporters_for"]
