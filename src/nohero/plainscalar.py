"""A plain YAML scalar's value exactly as PyYAML's safe loader (with
nohero's rule for impossible dates) gives it, without importing PyYAML: its
YAML 1.1 implicit resolver table, copied (first match by first character
wins, as `Resolver.resolve`), and copies of its constructors for null, bool,
int and float. `fastyaml` types every plain scalar it reads here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# PyYAML's implicit resolvers (yaml/resolver.py), by first character, in the
# order they are registered: the first whose pattern matches gives the tag.
_BOOL = re.compile(
    r"""^(?:yes|Yes|YES|no|No|NO
    |true|True|TRUE|false|False|FALSE
    |on|On|ON|off|Off|OFF)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_MERGE = re.compile(r"^(?:<<)$")
_NULL = re.compile(r"""^(?: ~ |null|Null|NULL | )$""", re.X)
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_VALUE = re.compile(r"^(?:=)$")
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _pattern, _firsts in (
    ("bool", _BOOL, "yYnNtTfFoO"),
    ("float", _FLOAT, "-+0123456789."),
    ("int", _INT, "-+0123456789"),
    ("merge", _MERGE, "<"),
    ("null", _NULL, "~nN"),
    ("timestamp", _TIMESTAMP, "0123456789"),
    ("value", _VALUE, "="),
):
    for _first in _firsts:
        _RESOLVERS.setdefault(_first, []).append((_name, _pattern))
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_BOOL_VALUES = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_INF = float("inf")
_NAN = -_INF / _INF  # as PyYAML makes it


class Undecided(Exception):
    """A scalar this module does not build (a timestamp with a time, `<<`,
    `=`, or what PyYAML's constructor raises on): libyaml's path decides."""


def _tag(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar ('' -> null)."""
    if not text:
        return "null"
    for tag, pattern in _RESOLVERS.get(text[0], ()):
        if pattern.match(text):
            return tag
    return "str"


def _int(value: str) -> int:  # PyYAML's construct_yaml_int
    value = value.replace("_", "")
    sign = -1 if value[0] == "-" else +1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        return sign * _base60([int(part) for part in value.split(":")], 0)
    return sign * int(value)


def _float(value: str) -> float:  # PyYAML's construct_yaml_float
    value = value.replace("_", "").lower()
    sign = -1 if value[0] == "-" else +1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * _INF
    if value == ".nan":
        return _NAN
    if ":" in value:
        return sign * _base60([float(part) for part in value.split(":")], 0.0)
    return sign * float(value)


def _base60(digits: list[Any], total: Any) -> Any:
    """`190:20:30` as PyYAML sums it (from the last part, the same order)."""
    base = 1
    for digit in reversed(digits):
        total += digit * base
        base *= 60
    return total


def _date(text: str) -> Any:
    """A date-only timestamp: the date, or the text when there is no such day
    (nohero's loader keeps `2026-13-45` a string for the schema to name)."""
    match = _DATE.match(text)
    if match is None:
        raise Undecided("a timestamp with a time")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except (ValueError, OverflowError):
        return text


def _typed(text: str) -> Any:
    tag = _tag(text)
    if tag == "str":
        return text
    if tag == "null":
        return None
    if tag == "bool":
        return _BOOL_VALUES[text.lower()]
    if tag == "timestamp":
        return _date(text)
    try:
        if tag == "int":
            return _int(text)
        if tag == "float":
            return _float(text)
    except (ValueError, OverflowError):  # e.g. past int's digit limit: libyaml reports it
        raise Undecided(tag) from None
    raise Undecided(tag)  # merge `<<`, value `=`


_PLAIN_VALUES: dict[str, Any] = {}  # texts repeat (owners, types, dates): typed once


def plain_value(text: str) -> Any:
    """A plain scalar's value (immutable: shared between documents)."""
    try:
        return _PLAIN_VALUES[text]
    except KeyError:
        value = _typed(text)
        if len(text) <= 64 and len(_PLAIN_VALUES) < 20_000:
            _PLAIN_VALUES[text] = value
        return value
