"""A fast reader for the YAML rule files are written in, without libyaml.

libyaml spends most of a cold `check` with 10,000 alerts building events,
marks and nodes for 5 MB of expressions and descriptions that nohero never
reads. Rule files are almost always plain block YAML -- `key: value`, `- `
items, `|` expressions, `#` comments, `---` between documents -- so this
reader walks their lines once and builds a small tree, decoding only the
values alerts need (`alert`, `expr`, `for`, `severity`, `summary`,
`runbook_url`, ...); other block scalars (descriptions) are only measured.

It answers exactly as libyaml composing the same text would, or not at all:
anything outside that subset (flow `{}`/`[]` collections, anchors and
aliases, tags, multi-line plain or quoted scalars, tabs in indentation,
directives, keys that are not simple names, anything libyaml would reject)
raises `Unusual` and the caller composes the file with libyaml instead. A
test compares the two readers on generated and real rule files.

The tree: a node is `(value, line)`, `line` 1-based where the value starts
(as libyaml's start mark); a value is a dict (mapping, the last duplicate key
wins), a list (sequence), a str (a scalar as text), None (a null or blank
scalar) or OPAQUE (a scalar nohero does not need, left undecoded).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

Node = tuple[Any, int]
OPAQUE: Any = type("Opaque", (), {"__repr__": lambda self: "OPAQUE"})()
NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# Scalars decoded; any other key's block scalar is skipped (its lines still checked).
NEEDED = frozenset(
    ("alert", "expr", "for", "severity", "summary", "runbook_url", "name", "team", "owner", "kind")
)
MAX_DEPTH = 64

_KEY_NAME = re.compile(r"[A-Za-z_][\w.\-/]*")
_BLOCK = re.compile(r"([|>])([+-]?)(?: +#.*)? *\Z")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)? *\Z")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"(?: +#.*)? *\Z')
# Characters libyaml refuses, and line breaks it knows that str.split does not share.
_ODD = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")
_PLAIN_START_BAD = frozenset("&*!{}[],%@`|>'\"#")


class Unusual(Exception):
    """The text uses YAML this reader leaves to libyaml."""


def scan(text: str) -> list[Node]:
    """The documents of `text`, each a tree; raises Unusual (see the module)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise Unusual("lone carriage return")
    if text.isascii():
        if not text.replace("\n", "").replace("\t", "").isprintable():
            raise Unusual("control characters")
    elif _ODD.search(text):
        raise Unusual("characters")
    lines = text.split("\n")
    final_newline = text.endswith("\n")
    total = len(lines)
    docs: list[Node] = []
    root: Node | None = None
    # The open collections, innermost last: [indent, container, is_sequence, indentless].
    stack: list[list[Any]] = []
    top: list[Any] = [-1, None, False, False]
    pending: tuple[Any, str | None, int, int] | None = None  # container, key, indent, line
    scalar_at = -1  # a line indented past this continues a scalar: not ours
    i = 0
    while i < total:
        line = lines[i]
        i += 1
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            continue
        indent = len(line) - len(body)
        if indent == 0 and body[0] in "-.%" and _marker(body):
            if pending is not None:
                _assign(pending, None)
                pending = None
            if root is not None:
                docs.append(root)
            root, stack, top, scalar_at = None, [], [-1, None, False, False], -1
            continue
        if body[0] == "\t":
            raise Unusual("tab indentation")
        if scalar_at >= 0:
            if indent > scalar_at:
                raise Unusual("a scalar continued on the next line")
            scalar_at = -1
        is_item = body[0] == "-" and (len(body) == 1 or body[1] == " ")
        if pending is not None:
            container, key, pindent, pline = pending
            pending = None
            if indent > pindent or (indent == pindent and is_item and key is not None):
                new: Any = [] if is_item else {}
                if not is_item and _key(body) is None:
                    raise Unusual("a scalar on the line after its key")
                if key is None:
                    container.append((new, i))
                else:
                    container[key] = (new, i)
                stack.append(top)
                top = [indent, new, is_item, indent == pindent]
                if len(stack) > MAX_DEPTH:
                    raise Unusual("deep nesting")
            elif key is None:
                container.append((None, pline))
            else:
                container[key] = (None, pline)
        while top[0] > indent or (top[3] and top[0] == indent and not is_item):
            top = stack.pop()
        if top[1] is None:
            if root is not None:
                raise Unusual("a second top-level node")
            new = [] if is_item else {}
            if not is_item and _key(body) is None:
                raise Unusual("a top-level scalar")
            root = (new, i)
            stack.append(top)
            top = [indent, new, is_item, False]
        elif top[0] != indent:
            raise Unusual("indentation")
        if top[2]:  # a sequence: this line is an item
            if not is_item:
                raise Unusual("a mapping key among sequence items")
            rest = body[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                pending = (top[1], None, indent, i)
                continue
            if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                raise Unusual("a sequence inside a sequence item")
            pair = _key(rest)
            if pair is None:
                start = i
                value, i = _scalar(rest, lines, i, indent, None, final_newline)
                top[1].append((value, start))
                scalar_at = indent
                continue
            mapping: dict[str, Node] = {}
            top[1].append((mapping, i))
            indent += len(body) - len(rest)
            stack.append(top)
            top = [indent, mapping, False, False]
            if len(stack) > MAX_DEPTH:
                raise Unusual("deep nesting")
        else:  # a mapping: `key: value` (inline, the commonest line of all)
            if is_item:
                raise Unusual("a sequence item among mapping keys")
            colon = body.find(": ")
            if colon < 0:
                if body[-1] != ":":
                    raise Unusual("not a simple key")
                colon = len(body) - 1
            key = body[:colon]
            if not key.isidentifier() and _KEY_NAME.fullmatch(key) is None:
                raise Unusual("not a simple key")
            pair = key, body[colon + 2 :].lstrip(" ")
        key, rest = pair
        if not rest or rest[0] == "#":
            pending = (top[1], key, indent, i)
            continue
        if rest[0] in _PLAIN_START_BAD or rest[0] in "?:-":
            start = i
            value, i = _scalar(rest, lines, i, indent, key, final_newline)
            top[1][key] = (value, start)
        else:  # the common case, inline: a plain scalar on one line
            if "#" in rest:
                cut = rest.find(" #")
                if cut >= 0:
                    rest = rest[:cut]
            rest = rest.rstrip(" ")
            if ": " in rest or rest[-1] == ":" or "\t" in rest:
                raise Unusual("plain scalar")
            top[1][key] = (_plain(rest), i)
        scalar_at = indent
    if pending is not None:
        _assign(pending, None)
    if root is not None:
        docs.append(root)
    return docs


def _marker(body: str) -> bool:
    """A `---` or `...` line (raises on content after it)."""
    if body[:3] not in ("---", "...") or (len(body) > 3 and body[3] not in " \t"):
        if body[0] == "%":
            raise Unusual("a directive")
        return False
    rest = body[3:].strip()
    if rest and rest[0] != "#":
        raise Unusual("content after a document marker")
    return True


def _key(body: str) -> tuple[str, str] | None:
    """`key: rest` split, when the line starts with a simple key."""
    colon = body.find(": ")
    if colon < 0:
        if body[-1] != ":":
            return None
        colon = len(body) - 1
    key = body[:colon]
    if not key.isidentifier() and _KEY_NAME.fullmatch(key) is None:
        return None
    return key, body[colon + 2 :].lstrip(" ")


def _assign(pending: tuple[Any, str | None, int, int], value: Any) -> None:
    container, key, _, line = pending
    if key is None:
        container.append((value, line))
    else:
        container[key] = (value, line)


def _scalar(
    text: str, lines: list[str], i: int, parent: int, key: str | None, final_newline: bool
) -> tuple[Any, int]:
    """The value written as `text` on line i (1-based) and the index of the
    next line to read (past a block scalar's lines)."""
    first = text[0]
    if first in "|>":
        header = _BLOCK.match(text)
        if header is None:
            raise Unusual("block scalar header")
        return _block(header.group(1), header.group(2), lines, i, parent, key, final_newline)
    if first == "'":
        match = _SINGLE.match(text)
        if match is None:
            raise Unusual("quoted scalar")
        return _quoted(match.group(1).replace("''", "'")), i
    if first == '"':
        match = _DOUBLE.match(text)
        if match is None:
            raise Unusual("quoted scalar")
        value = match.group(1)
        if "\\" in value:
            value = _unescape(value)
        return _quoted(value), i
    if first in _PLAIN_START_BAD or (first in "?:-" and (len(text) == 1 or text[1] == " ")):
        raise Unusual("an indicator")
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut]
    text = text.rstrip(" ")
    if "\t" in text or ": " in text or text.endswith(":"):
        raise Unusual("plain scalar")
    return _plain(text), i


def _plain(text: str) -> str | None:
    """A plain scalar as ruletext reads libyaml's: a null, or only spaces of
    any kind (a no-break space too), is no text."""
    return None if text in NULLS or not text.strip() else text


def _quoted(value: str) -> str | None:
    return value if value.strip() else None


def _unescape(value: str) -> str:
    try:
        node = yaml.compose('"' + value + '"', Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise Unusual("escape") from None
    if not isinstance(node, yaml.ScalarNode):
        raise Unusual("escape")
    return str(node.value)


def _block(
    style: str,
    chomp: str,
    lines: list[str],
    i: int,
    parent: int,
    key: str | None,
    final_newline: bool,
) -> tuple[Any, int]:
    """A `|` or `>` scalar whose header is on line i; its lines follow."""
    total = len(lines)
    j = i
    content = -1
    longest_blank = 0
    while j < total:  # the first line with text sets the block's indentation
        line = lines[j]
        body = line.lstrip(" ")
        if body:
            if body[0] == "\t":
                raise Unusual("a tab where libyaml looks for the block's indentation")
            content = len(line) - len(body)
            if content <= parent:
                content = -1
            elif longest_blank > content:
                raise Unusual("blank lines indented past the block")
            break
        longest_blank = max(longest_blank, len(line))
        j += 1
    if content > 0:
        pad = " " * content
        while j < total:
            line = lines[j]
            if not line.startswith(pad) and line.strip(" "):
                break
            j += 1
    if key is not None and key not in NEEDED:
        return OPAQUE, j
    if content < 0:
        return None, j
    texts = [line[content:] for line in lines[i:j]]
    while texts and not texts[-1]:
        texts.pop()
    if (
        chomp == "+"
        or (j == total and not final_newline)
        or any(not t.strip(" ") for t in texts if t)
    ):
        raise Unusual("block scalar chomping or spaces-only lines")
    if style == "|":
        value = "\n".join(texts)
    else:
        value = _fold(texts)
    if chomp == "":
        value += "\n"
    return (value if value.strip() else None), j


def _fold(texts: list[str]) -> str:
    """A `>` scalar's lines, folded: one break is a space, n blank lines are n breaks."""
    out: list[str] = []
    breaks = 0
    started = False
    for text in texts:
        if not text:
            breaks += 1
            continue
        if text[0] in " \t":
            raise Unusual("more-indented lines in a folded scalar")
        if started:
            out.append("\n" * breaks if breaks else " ")
        elif breaks:
            out.append("\n" * breaks)
        out.append(text)
        breaks = 0
        started = True
    return "".join(out)
