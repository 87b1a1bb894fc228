"""`lazyre.compile`: a regular expression compiled when first used.

Compiling a pattern is the costly part of a regular expression written once
and matched often, and a module-level `re.compile` is paid at import by
every run -- including a one-file pre-commit run that never meets the case
the pattern is for (a Slack or Matrix contact, a snippet marker, a GitHub
no-reply address...): ~12 M instructions, a twentieth of such a run.
`compile(pattern, flags)` returns a stand-in that compiles on the first
attribute look-up and keeps each attribute it was asked for, so later calls
(`_PHONE.fullmatch(text)`) cost what a compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Pattern:
    """Stands in for `re.compile(pattern, flags)` until first used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._arguments = pattern, flags

    def __getattr__(self, name: str) -> Any:  # only for names not kept yet
        if name.startswith("__"):  # copy, pickle, repr probes: as a compiled pattern
            raise AttributeError(name)
        value = getattr(re.compile(*self._arguments), name)  # re caches the compiled one
        self.__dict__[name] = value
        return value


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Pattern(pattern, flags))
