"""A reader for plain block YAML mappings -- nearly every front matter and
roster -- that gives exactly what libyaml and PyYAML's safe loader give, or
declines.

A cold `check` of 10,000 documents spent as long in libyaml (building events,
marks and nodes in C, then a Python call per node) as in everything else it
does. Front matter is almost always a handful of `key: value` lines, a few
`[a, b]` lists and now and then a nested mapping or a list of them. This
reader walks those lines once, with no yaml import at all (a one-file
pre-commit run then never loads PyYAML).

What it reads: block mappings of simple keys (`[A-Za-z_][\\w./-]*`, or
quoted without escapes), block
sequences (also indentless, and `- key: value` items), plain and quoted
scalars on one line (double-quoted without escapes), and flow sequences and
mappings that open and close on one line. Plain scalars are typed as PyYAML's
safe loader types them (`plainscalar`: its YAML 1.1 resolver table and
constructors, copied; impossible dates stay text as in `yamlload`). Key lines
are libyaml's start marks, as `yamltree` records them.

It returns None -- and the caller asks libyaml -- for anything else: tabs,
carriage returns, characters libyaml refuses, document markers and
directives, anchors, aliases, tags, block scalars, multi-line scalars or flow
collections, escapes, `?` keys, other keys, keys given twice, keys
that are not strings (`yes:`), timestamps with a time, merge keys, deep
nesting, and anything it does not fully understand. A property test holds the
two paths equal, accepted and declined texts alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .plainscalar import Undecided, plain_value

KeyPath = tuple[str | int, ...]
Lines = dict[KeyPath, int]

MAX_DEPTH = 20  # deeper front matter is left to libyaml (and its depth checks)
MAX_KEY = 128  # libyaml refuses simple keys past 1024 characters

_KEY = re.compile(r"([A-Za-z_][\w./-]*):(?: +|\Z)", re.ASCII)
_FLOW_KEY = re.compile(r"([A-Za-z_][\w./-]*): +", re.ASCII)
_AFTER_QUOTED_KEY = re.compile(r":(?: +|\Z)")
# A plain scalar in a flow collection: up to the next indicator (`:`/`#` decline).
_FLOW_PLAIN = re.compile(r"(?:[^\s,\[\]{}#:'\"&*!|>%@`?-]|-(?=[^\s,\[\]{}#:]))[^,\[\]{}#:]*")
# What a plain scalar in block context cannot start with (`-` can, before a non-space).
_BAD_START = frozenset(",[]{}#&*!|>'\"%@`?:-")


@functools.cache
def _odd_characters() -> re.Pattern[str]:
    """Characters libyaml refuses, and line breaks only YAML knows. Compiled
    on first use: its non-ASCII class costs ~10 ms to build, paid only by
    text that is not ASCII (a one-file pre-commit run rarely meets any)."""
    return re.compile(
        "[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\ufeff\u2028\u2029]"
    )


def read_mapping(text: str, offset: int = 0) -> tuple[dict[str, Any], Lines] | None:
    """The mapping `text` holds and the 1-based line of every key and list
    item (line 1 of `text` is line `offset + 1`), or None: ask libyaml."""
    if "\t" in text or "\r" in text:
        return None
    if text.isascii():
        if not text.replace("\n", "").isprintable():
            return None
    elif _odd_characters().search(text):
        return None
    try:
        return _Reader(offset + 1).read(text.split("\n"))
    except (_Decline, Undecided):
        return None
    except RecursionError:  # pragma: no cover - depth is bounded; belt and braces
        return None


# Top-level `key: value` lines repeat across documents (types, owners, dates,
# `tags: [..]`); such a line means the same wherever it stands at the top
# level, so its key and value are remembered: (key, value, list length or None).
_TOP_LINES: dict[str, tuple[str, Any, int | None]] = {}
_TOP_LINES_MAX = 50_000
_IMMUTABLE = frozenset((str, int, float, bool, type(None), dt.date))


def _remember(row: str, key: str, value: Any) -> None:
    kind = type(value)
    if kind in _IMMUTABLE:
        _TOP_LINES[row] = (key, value, None)
    elif kind is list and all(type(item) in _IMMUTABLE for item in value):
        _TOP_LINES[row] = (key, value.copy(), len(value))


class _Decline(Exception):
    """Not certain: libyaml reads this text."""


class _Reader:
    def __init__(self, base: int) -> None:
        self.base = base
        self.lines: Lines = {}

    def read(self, rows: list[str]) -> tuple[dict[str, Any], Lines]:
        lines, base = self.lines, self.base
        root: dict[str, Any] = {}
        # open collections, innermost last: [indent, container, path, is_sequence, indentless]
        stack: list[list[Any]] = []
        top: list[Any] = [0, root, (), False, False]
        pending: tuple[dict[str, Any], str, KeyPath, int] | None = None  # `key:` awaiting its value
        inline = -1  # a value ended on a line of this indent: deeper lines would continue it
        known = _TOP_LINES
        for number, row in enumerate(rows, base):
            if not stack and pending is None and row in known:  # a top-level line seen before
                key, value, count = known[row]
                if key in root:
                    raise _Decline("a key given twice")
                lines[(key,)] = number
                if count is None:
                    root[key] = value
                else:  # a flat list, copied: documents never share a mutable value
                    root[key] = value.copy()
                    for index in range(count):
                        lines[(key, index)] = number
                inline = 0
                continue
            body = row.lstrip(" ")
            if not body or body[0] == "#":
                continue
            indent = len(row) - len(body)
            if indent == 0 and (body[0] == "%" or body.startswith(("---", "..."))):
                raise _Decline("a document marker or directive")
            is_item = body[0] == "-" and (len(body) == 1 or body[1] == " ")
            if pending is not None:
                container, key, path, at = pending
                pending = None
                if indent > at or (indent == at and is_item):
                    new: Any = [] if is_item else {}
                    container[key] = new
                    stack.append(top)
                    top = [indent, new, path, is_item, indent == at]
                    if len(stack) > MAX_DEPTH:
                        raise _Decline("deep nesting")
                else:
                    container[key] = None
            elif inline >= 0 and indent > inline:
                raise _Decline("a value continued on the next line")
            while top[0] > indent or (top[4] and top[0] == indent and not is_item):
                top = stack.pop()
            if top[0] != indent:
                raise _Decline("indentation")
            if top[3]:  # a sequence: this line is an item
                if not is_item:
                    raise _Decline("a key among sequence items")
                rest = body[1:].lstrip(" ")
                items: list[Any] = top[1]
                here = (*top[2], len(items))
                lines[here] = number
                if not rest or rest[0] == "#" or (rest[0] == "-" and rest[:2] in ("-", "- ")):
                    raise _Decline("an item on the next line, or a sequence in an item")
                if _key(rest, _KEY) is None:
                    items.append(self.value(rest, here, number, len(stack)))
                    inline = indent
                    continue
                mapping: dict[str, Any] = {}
                items.append(mapping)
                indent += len(body) - len(rest)
                body = rest
                stack.append(top)
                top = [indent, mapping, here, False, False]
                if len(stack) > MAX_DEPTH:
                    raise _Decline("deep nesting")
            elif is_item:
                raise _Decline("an item among keys")
            found = _key(body, _KEY)
            if found is None:
                raise _Decline("not a simple key")
            key, end = found
            container = top[1]
            if key in container:
                raise _Decline("a key given twice")
            here = (*top[2], key)
            lines[here] = number
            rest = body[end:]
            if not rest or rest[0] == "#":
                pending = (container, key, here, indent)
                inline = -1
                continue
            container[key] = value = self.value(rest, here, number, len(stack))
            inline = indent
            if not stack and len(known) < _TOP_LINES_MAX and len(row) <= 256:
                _remember(row, key, value)
        if pending is not None:
            pending[0][pending[1]] = None
        return root, lines

    def value(self, rest: str, path: KeyPath, number: int, depth: int) -> Any:
        """The value written inline as `rest` (after `key: ` or `- `)."""
        first = rest[0]
        if first in "[{":
            value, end = self.flow(rest, 0, path, number, depth)
            _line_end(rest, end)
            return value
        if first == "'" or first == '"':
            value, end = _quoted(rest, 0)
            _line_end(rest, end)
            return value
        if first in _BAD_START and not (first == "-" and rest[1:2] not in ("", " ")):
            raise _Decline("an indicator")
        cut = rest.find(" #")
        if cut >= 0:
            rest = rest[:cut]
        rest = rest.rstrip(" ")
        if ": " in rest or rest[-1] == ":":
            raise _Decline("a mapping inside a value")
        return plain_value(rest)

    def flow(self, text: str, at: int, path: KeyPath, number: int, depth: int) -> tuple[Any, int]:
        """A flow collection opening at text[at], closed on this line."""
        if depth > MAX_DEPTH:
            raise _Decline("deep nesting")
        lines = self.lines
        closing = "]" if text[at] == "[" else "}"
        result: Any = [] if closing == "]" else {}
        at = _skip(text, at + 1)
        if text[at : at + 1] == closing:
            return result, at + 1
        while True:
            if closing == "]":
                here = (*path, len(result))
                lines[here] = number
                item, at = self.flow_node(text, at, here, number, depth)
                result.append(item)
            else:
                found = _key(text[at:], _FLOW_KEY)
                if found is None or found[0] in result:
                    raise _Decline("not a simple key, or a key given twice")
                key = found[0]
                here = (*path, key)
                lines[here] = number
                result[key], at = self.flow_node(text, at + found[1], here, number, depth)
            at = _skip(text, at)
            mark = text[at : at + 1]
            if mark == closing:
                return result, at + 1
            if mark != ",":
                raise _Decline("flow collection")
            at = _skip(text, at + 1)
            if text[at : at + 1] in ("]", "}", ","):
                raise _Decline("an empty flow entry")

    def flow_node(
        self, text: str, at: int, path: KeyPath, number: int, depth: int
    ) -> tuple[Any, int]:
        first = text[at : at + 1]
        if first in ("[", "{"):
            return self.flow(text, at, path, number, depth + 1)
        if first in ("'", '"'):
            return _quoted(text, at)
        match = _FLOW_PLAIN.match(text, at)
        if match is None:
            raise _Decline("flow scalar")
        return plain_value(match[0].rstrip(" ")), match.end()


def _key(text: str, simple: re.Pattern[str]) -> tuple[str, int] | None:
    """The key `text` starts with, and the index past `: ` (None: not a key
    this reader takes): a simple plain key that YAML reads as a string, or a
    quoted one on this line (a string, whatever it holds)."""
    if not text:
        return None
    if text[0] in "'\"":
        try:
            key, end = _quoted(text, 0)
        except _Decline:
            return None
        after = _AFTER_QUOTED_KEY.match(text, end)
        if after is None or (simple is _FLOW_KEY and after.end() == end + 1):
            return None
        return (key, after.end()) if len(key) <= MAX_KEY else None
    match = simple.match(text)
    if match is None or len(match[1]) > MAX_KEY or type(plain_value(match[1])) is not str:
        return None
    return match[1], match.end()


def _skip(text: str, at: int) -> int:
    while text[at : at + 1] == " ":
        at += 1
    return at


def _quoted(text: str, at: int) -> tuple[str, int]:
    """A quoted scalar closed on this line: its text and the index past it."""
    if text[at] == '"':
        end = text.find('"', at + 1)
        if end < 0 or "\\" in text[at + 1 : end]:
            raise _Decline("escapes, or a quoted scalar on more lines")
        return text[at + 1 : end], end + 1
    parts = []
    start = at + 1
    while True:
        end = text.find("'", start)
        if end < 0:
            raise _Decline("a quoted scalar on more lines")
        parts.append(text[start:end])
        if text[end + 1 : end + 2] != "'":
            return "".join(parts), end + 1
        parts.append("'")
        start = end + 2


def _line_end(text: str, at: int) -> None:
    """Only spaces, then perhaps a ` #comment`, may follow a value."""
    rest = text[at:]
    stripped = rest.lstrip(" ")
    if stripped and not (stripped[0] == "#" and len(stripped) < len(rest)):
        raise _Decline("text after a value")
