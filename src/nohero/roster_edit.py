"""Set one key of one person in people.yml, changing no other byte.

`handover --left DATE` marks someone as departed. The roster carries
comments and its own layout like front matter does, so this is the same
kind of splice as `frontmatter_edit`: the person's mapping is located in the
composed YAML, the value replaced (or one line added in the file's own
indentation and newline style), and the file read back: it must equal the
old roster with exactly that value changed, or nothing is written.
"""

from __future__ import annotations

import codecs
from typing import Any

import yaml

from .durations import as_date
from .frontmatter_edit import (
    EditRefused,
    Splice,
    _last_char,
    _line_end,
    _replace_value,
    _scalar,
    compose_mapping,
)


def set_person_key(raw: bytes, person: str, key: str, value: str) -> bytes:
    """people.yml's bytes with `people.<person>.<key>` set to `value`."""
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditRefused(f"the roster is not valid UTF-8 (byte {exc.start})") from None
    node = _person_node(text, person)
    pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    newline = "\r\n" if "\r\n" in text else "\n"
    if pairs:
        splice = _replace_value(text, *pairs[0], value)
    elif node.flow_style:
        end = node.end_mark.index - 1
        if text[end : end + 1] != "}":
            raise EditRefused(f"person '{person}' could not be located exactly: edit it by hand")
        splice = Splice(end, end, f"{', ' if node.value else ''}{key}: {_scalar(value, None)}")
    else:
        last_key, last_value = node.value[-1]
        at = _line_end(text, _last_char(text, last_key.start_mark.index, last_value.end_mark.index))
        indent = " " * node.value[0][0].start_mark.column
        prefix = "" if text[:at].endswith("\n") or at == 0 else newline
        splice = Splice(at, at, f"{prefix}{indent}{key}: {_scalar(value, None)}{newline}")
    new_text = text[: splice.start] + splice.text + text[splice.end :]
    _verify(text, new_text, person, key, value)
    return (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")


def _person_node(text: str, person: str) -> yaml.MappingNode:
    root = compose_mapping(text, "the roster")
    people = _get(root, "people")
    entry = _get(people, person)
    if not isinstance(entry, yaml.MappingNode) or not entry.value:
        raise EditRefused(f"person '{person}' is not a mapping in the roster: edit it by hand")
    return entry


def _get(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    if len(found) != 1:
        return None
    return found[0]


def _verify(old: str, new: str, person: str, key: str, value: str) -> None:
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    try:
        got = after["people"][person].pop(key)
        before["people"][person].pop(key, None)
    except (KeyError, TypeError, AttributeError):
        raise EditRefused("the roster edit could not be verified: edit it by hand") from None
    if before != after or (got != value and as_date(got) != as_date(value)):
        raise EditRefused("the roster edit would change other values: edit it by hand")
