"""Terminal and CI-log text: one line, no escape sequences, no CI command.

A value printed raw could carry ANSI/OSC sequences that rewrite the screen
or set a hyperlink, bidi overrides that reorder what the reader sees, a
newline that fakes another output line, or, in a CI log, a line starting
`::` (GitHub workflow commands: `::add-mask::`, `::stop-commands::`) or
`##[` / `##vso[` (the older runner and Azure syntax) that the runner obeys.
Every such character is shown as a visible escape (`\\n`, `\\x1b`,
`\\u202e`), and a value that would begin a log line with a command marker
gets its first character escaped too.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logging import LogRecord

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidi embeddings/overrides/isolates, line/paragraph separators, and the
# invisible joiners and marks that can hide or reorder text.
_INVISIBLE = set(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2028\u2029\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_COMMAND_START = re.compile(r"^(\s*)(::|##)")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _bad(char: str) -> bool:
    if char in _INVISIBLE:
        return True
    category = unicodedata.category(char)
    # Cc: C0/C1 controls (ESC, CSI, BEL...); Cf: invisible format marks;
    # Cs: lone surrogates from undecodable file names; Zl/Zp: line breaks.
    return category in ("Cc", "Cf", "Cs", "Zl", "Zp")


def terminal(value: object) -> str:
    """`value` as inert text on one line of a terminal or CI log."""
    text = "" if value is None else str(value)
    if text.isprintable() and not _COMMAND_START.match(text):
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _bad(char):
            out.append(_visible(char))
        else:
            out.append(char)
    result = "".join(out)
    match = _COMMAND_START.match(result)
    if match:
        lead = match.group(1)
        result = lead + _visible(result[len(lead)]) + result[len(lead) + 1 :]
    return result


def terminal_lines(text: str) -> str:
    """Several lines of output that nohero composed, each made safe: line
    breaks kept, every other control shown, and no line starting a CI
    command. For whole messages (a log record, an exception text) whose
    parts were not escaped one by one."""
    return "\n".join(terminal(line) for line in text.split("\n"))


def _inert_record(record: LogRecord) -> bool:
    """Makes each record's final message inert (`terminal_lines`); a logging
    filter (a plain function, so that the CLI never imports logging)."""
    message = record.getMessage()
    safe = terminal_lines(message)
    if safe != message:
        record.msg, record.args = safe, None
    return True


def inert_log_records(logger_name: str) -> None:
    """Escape every record that reaches `logger_name`'s handlers (MkDocs's
    own warnings quote file names too); idempotent."""
    import logging

    for handler in logging.getLogger(logger_name).handlers:
        if _inert_record not in handler.filters:
            handler.addFilter(_inert_record)
