"""GitHub Actions workflow commands (`::error file=...::message`).

Escaping follows the runner's own rules (actions/toolkit `command.ts`): in
the message `%`, CR and LF are percent-encoded; in properties `:` and `,`
are too, since they separate properties. Unescaped, a message with a newline
would end the command and start another line -- `::add-mask::`,
`::stop-commands::` -- that the runner obeys. The data is also made
terminal-safe, so an annotation cannot carry an escape sequence.
"""

from __future__ import annotations

from collections.abc import Iterable

from .terminal import _bad, _visible


def _no_controls(text: str) -> str:
    if text.isprintable():  # no control, format or separator character: nothing to show
        return text
    return "".join(_visible(c) if _bad(c) and c not in "\r\n" else c for c in text)


def escape_data(value: object) -> str:
    """A workflow command's message."""
    text = _no_controls("" if value is None else str(value))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    """A workflow command's property value (`file=`, `title=`)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(
    command: str, properties: Iterable[tuple[str, object]], message: object
) -> str:
    """One line `::command k=v,...::message`; only `command` and the
    property names are trusted (they are nohero's own constants)."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return (
        f"::{command} {props}::{escape_data(message)}"
        if props
        else f"::{command}::{escape_data(message)}"
    )
