"""Byte-exact edits of a document's front matter: set some keys, touch nothing else.

People's front matter carries comments, their own key order and quoting, CRLF
line endings, a BOM, no trailing newline. Re-dumping YAML would destroy all of
that, so an edit is a splice: the value of each key is located by its exact
character span in the parsed YAML and replaced in the original text; an
absent key becomes one new line in the file's own newline style (and a file
without front matter gets a new block on top). The result is parsed again
and must equal the old front matter with just those keys changed, or the
file is refused untouched.

Used by `review` (last_reviewed), `adopt` (missing keys) and `handover`
(owner, backup_owner).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from .durations import as_date
from .frontmatter import FrontMatter, normalise_newlines, parse, split

LINE_PATTERN = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_PROPERTIES = re.compile(r"^((?:[&!]\S*\s+)*)")


try:
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]


class EditRefused(Exception):
    """The file cannot be edited safely; it is left as it was."""


@dataclass(frozen=True)
class Splice:
    start: int  # index into the normalised front matter text (with its final newline)
    end: int
    text: str


def set_keys(
    raw: bytes,
    values: Mapping[str, str],
    *,
    insert_after: tuple[str, ...] = (),
    new_block: bool = False,
) -> bytes:
    """The file's bytes with each key of `values` set to its value (plain
    text: ids, ISO dates); every other byte as it was. A missing key goes
    after the first present key of `insert_after`, else at the end of the
    front matter; with `new_block`, a file without front matter gets one."""
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditRefused(f"not valid UTF-8 (byte {exc.start}): re-save it as UTF-8") from None
    if "\x00" in text:
        raise EditRefused("contains NUL bytes (binary?): only Markdown documents can be edited")
    parts = split(text)
    if parts.front_matter is None:
        if not new_block:
            raise EditRefused(
                "has no front matter: add a '---' block with owner and last_reviewed first"
            )
        return (codecs.BOM_UTF8 if bom else b"") + _new_block(text, values).encode("utf-8")
    fm = parse(parts.front_matter)
    if fm.error is not None or fm.data is None:
        message = fm.error.message if fm.error else "front matter is unusable"
        line = fm.error.line if fm.error else 1
        raise EditRefused(f"line {line}: {message}")

    lines = LINE_PATTERN.findall(text)
    closing = fm.closing_line - 1  # 0-based index of the closing fence line
    head = lines[0]
    fm_raw = "".join(lines[1:closing])
    newline = head[len(head.rstrip("\r\n")) :] or "\n"
    full = normalise_newlines(fm_raw)
    if full.removesuffix("\n") != fm.text or "".join(lines) != text:
        raise EditRefused("front matter lines could not be located exactly; edit it by hand")

    splices = _plan(full, fm, values, insert_after, newline)
    new_fm = _apply(fm_raw, full, splices)
    start = len(head)
    new_text = text[:start] + new_fm + text[start + len(fm_raw) :]
    _verify(fm, new_text, text[start + len(fm_raw) :], values)
    return (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")


def _new_block(text: str, values: Mapping[str, str]) -> str:
    """A front matter block on top of a file that had none, in its newline style."""
    first = LINE_PATTERN.match(text)
    newline = "\r\n" if first and first.group(0).endswith("\r\n") else "\n"
    block = "".join(f"{k}: {_scalar(v, None)}{newline}" for k, v in values.items())
    new_text = f"---{newline}{block}---{newline}{text}"
    parts = split(new_text)
    fm = parse(parts.front_matter) if parts.front_matter is not None else None
    if fm is None or fm.data is None or parts.body != split(text).body:
        raise EditRefused("a front matter block could not be added safely; add it by hand")
    _verify(FrontMatter(text="", first_line=2, closing_line=2, data={}), new_text, text, values)
    return new_text


def compose_mapping(text: str, what: str = "front matter") -> yaml.MappingNode | None:
    """The YAML node tree of `text` (no tag resolved, so `!ENV` and
    `!!python/name:` are fine), whose marks are character offsets: where
    every splice in this module and in `adopt.mkdocs_yml` and `roster_edit`
    finds its place. Callers have already parsed `text` safely, so deep or
    exploding YAML never gets here."""
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise EditRefused(f"{what} could not be read for editing: {exc}") from None
    finally:
        loader.dispose()
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise EditRefused(f"{what} is not a mapping")
    return node


@functools.lru_cache(maxsize=4096)
def _plain_ok(value: str) -> bool:
    """True when `value` written bare reads back as itself (or as the date it
    spells). Cached: adoption writes the same ids and dates thousands of times."""
    try:
        loaded = yaml.load(f"k: {value}", Loader=_Composer)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, dict) or "#" in value:
        return False
    return loaded.get("k") == value or (
        isinstance(loaded.get("k"), dt.date) and as_date(value) is not None
    )


def _scalar(value: str, style: str | None) -> str:
    if style == "'" and "'" not in value:
        return f"'{value}'"
    if style == '"' or (style != "'" and not _plain_ok(value)):
        return json.dumps(value)
    if style == "'":
        return json.dumps(value)
    return value


def _pairs(node: yaml.MappingNode | None, key: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if node is None:
        return []
    return [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]


def _line_end(full: str, index: int) -> int:
    """Index just after the newline ending the line that holds `index`."""
    newline = full.find("\n", index)
    return len(full) if newline < 0 else newline + 1


def _last_char(full: str, start: int, end: int) -> int:
    """Index of the last non-blank character in [start, end), else start."""
    index = end - 1
    while index > start and full[index] in " \t\n":
        index -= 1
    return max(index, start)


def _replace_value(full: str, key: yaml.Node, value: yaml.Node, new: str) -> Splice:
    if value.start_mark.index < key.end_mark.index:
        raise EditRefused(f"'{key.value}' is a YAML alias: write the value itself")
    if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
        raise EditRefused(
            f"'{key.value}' must be a single plain value to be stamped "
            f"(line {key.start_mark.line + 2})"  # the front matter starts on line 2
        )
    start, end = value.start_mark.index, value.end_mark.index
    span = full[start:end]
    if "\n" in span:
        raise EditRefused(f"'{key.value}' spans several lines: put its value on one line")
    prefix = _PROPERTIES.match(span).group(1)  # type: ignore[union-attr]  # anchors and tags stay
    replacement = prefix + _scalar(new, value.style)
    if start == end and start > 0 and full[start - 1] not in " \t":
        replacement = " " + replacement
    return Splice(start, end, replacement)


def _plan(
    full: str,
    fm: FrontMatter,
    values: Mapping[str, str],
    insert_after: tuple[str, ...],
    newline: str,
) -> list[Splice]:
    root = compose_mapping(fm.text)
    splices: list[Splice] = []
    missing: list[str] = []
    for key, new in values.items():
        pairs = _pairs(root, key)
        if len(pairs) > 1:
            where = " and ".join(str(k.start_mark.line + fm.first_line) for k, _ in pairs)
            raise EditRefused(f"'{key}' appears more than once (lines {where}): keep one")
        if pairs:
            splices.append(_replace_value(full, *pairs[0], new))
        else:
            missing.append(key)
    if missing:
        entries = [(k, values[k]) for k in missing]
        splices.append(_insertion(full, root, entries, insert_after, newline))
    return splices


def _insertion(
    full: str,
    root: yaml.MappingNode | None,
    entries: list[tuple[str, str]],
    insert_after: tuple[str, ...],
    newline: str,
) -> Splice:
    anchor: tuple[yaml.Node, yaml.Node] | None = None
    for key in insert_after:
        pairs = _pairs(root, key)
        if pairs:
            anchor = pairs[-1]
            break
    if root is not None and root.flow_style:
        text = ", ".join(f"{k}: {_scalar(v, None)}" for k, v in entries)
        if anchor is None and root.value:
            anchor = root.value[-1]
        if anchor is not None:
            return Splice(anchor[1].end_mark.index, anchor[1].end_mark.index, ", " + text)
        brace = root.end_mark.index - 1
        if full[brace : brace + 1] != "}":
            raise EditRefused("front matter's flow mapping could not be located: edit it by hand")
        return Splice(brace, brace, text)
    indent = ""
    if root is not None and root.value:
        indent = " " * root.value[0][0].start_mark.column
    block = "".join(f"{indent}{k}: {_scalar(v, None)}{newline}" for k, v in entries)
    if anchor is not None:
        anchor_key, anchor_value = anchor
        last = _last_char(full, anchor_key.start_mark.index, anchor_value.end_mark.index)
        at = _line_end(full, last)
    else:
        at = len(full)
    if at > 0 and not full[:at].endswith("\n"):
        block = newline + block
    return Splice(at, at, block)


def _apply(fm_raw: str, full: str, splices: list[Splice]) -> str:
    """Apply splices given in normalised offsets to the raw text."""
    raw_at = []  # normalised index -> raw index
    i = 0
    while i < len(fm_raw):
        raw_at.append(i)
        i += 2 if fm_raw.startswith("\r\n", i) else 1
    raw_at.append(len(fm_raw))
    if len(raw_at) != len(full) + 1:
        raise EditRefused("front matter offsets could not be mapped: edit it by hand")
    out = fm_raw
    for splice in sorted(splices, key=lambda s: s.start, reverse=True):
        out = out[: raw_at[splice.start]] + splice.text + out[raw_at[splice.end] :]
    return out


def _verify(old: FrontMatter, new_text: str, body: str, values: Mapping[str, str]) -> None:
    """The edit must change exactly the intended keys, or nothing is written."""
    parts = split(new_text)
    new = parse(parts.front_matter) if parts.front_matter is not None else None
    if new is None or new.data is None or not new_text.endswith(body):
        raise EditRefused("the edit would break the front matter; edit it by hand")
    before, after = dict(old.data or {}), dict(new.data)
    for key, wanted in values.items():
        before.pop(key, None)
        got = after.pop(key, None)
        same = got == wanted or (as_date(wanted) is not None and as_date(got) == as_date(wanted))
        if not same:
            raise EditRefused(f"'{key}' would not read back as '{wanted}'; edit it by hand")
    if before != after:
        raise EditRefused("the edit would change other values; edit it by hand")
