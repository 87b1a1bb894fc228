"""Stamp a review into a document's front matter without touching anything else.

People's front matter carries comments, their own key order and quoting, CRLF
line endings, a BOM, no trailing newline. Re-dumping YAML would destroy all of
that, so a review is a splice: the value of `last_reviewed` (and of
`reviewed_by`) is located by its exact character span in the parsed YAML and
replaced in the original text; an absent key becomes one new line in the
file's own newline style. The result is parsed again and must equal the old
front matter with just those keys changed, or the file is refused untouched.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import Config, ConfigError
from .document import Document
from .durations import as_date
from .frontmatter import FrontMatter, normalise_newlines, parse, split
from .knowledge_base import read_document
from .roster import Roster
from .rules import escalation_broken
from .rules.base import RuleContext

LAST_REVIEWED = "last_reviewed"
REVIEWED_BY = "reviewed_by"
INSERT_AFTER = ("backup_owner", "owner")  # a missing last_reviewed goes after the first present

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_PROPERTIES = re.compile(r"^((?:[&!]\S*\s+)*)")


try:
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]


class ReviewRefused(Exception):
    """The file cannot be stamped safely; it is left as it was."""


@dataclass(frozen=True)
class Splice:
    start: int  # index into the normalised front matter text (with its final newline)
    end: int
    text: str


def stamp(raw: bytes, day: dt.date, reviewer: str | None = None) -> bytes:
    """The file's bytes with last_reviewed set to `day` (and reviewed_by to
    `reviewer`, when given); every other byte as it was."""
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReviewRefused(f"not valid UTF-8 (byte {exc.start}): re-save it as UTF-8") from None
    if "\x00" in text:
        raise ReviewRefused("contains NUL bytes (binary?): only Markdown documents can be reviewed")
    parts = split(text)
    if parts.front_matter is None:
        raise ReviewRefused(
            "has no front matter: add a '---' block with owner and last_reviewed first"
        )
    fm = parse(parts.front_matter)
    if fm.error is not None or fm.data is None:
        message = fm.error.message if fm.error else "front matter is unusable"
        line = fm.error.line if fm.error else 1
        raise ReviewRefused(f"line {line}: {message}")

    lines = _LINE.findall(text)
    closing = fm.closing_line - 1  # 0-based index of the closing fence line
    head = lines[0]
    fm_raw = "".join(lines[1:closing])
    newline = head[len(head.rstrip("\r\n")) :] or "\n"
    full = normalise_newlines(fm_raw)
    if full.removesuffix("\n") != fm.text or "".join(lines) != text:
        raise ReviewRefused(
            "front matter lines could not be located exactly; edit last_reviewed by hand"
        )

    splices = _plan(full, fm, day, reviewer, newline)
    new_fm = _apply(fm_raw, full, splices)
    start = len(head)
    new_text = text[:start] + new_fm + text[start + len(fm_raw) :]
    _verify(fm, new_text, text[start + len(fm_raw) :], day, reviewer)
    return (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")


def _compose(fm_text: str) -> yaml.MappingNode | None:
    # The same loader `parse` used (so both accept the same text); its marks
    # are character offsets. Safe to compose here: `parse` has already
    # rejected deep or exploding YAML.
    loader = _Composer(fm_text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise ReviewRefused(f"front matter could not be read for editing: {exc}") from None
    finally:
        loader.dispose()
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ReviewRefused("front matter is not a mapping")
    return node


def _plain_ok(value: str) -> bool:
    """True when `value` written bare reads back as itself (or as the date it spells)."""
    try:
        loaded = yaml.safe_load(f"k: {value}")
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
        raise ReviewRefused(f"'{key.value}' is a YAML alias: write the value itself")
    if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
        raise ReviewRefused(
            f"'{key.value}' must be a single plain value to be stamped "
            f"(line {key.start_mark.line + 2})"  # the front matter starts on line 2
        )
    start, end = value.start_mark.index, value.end_mark.index
    span = full[start:end]
    if "\n" in span:
        raise ReviewRefused(f"'{key.value}' spans several lines: put its value on one line")
    prefix = _PROPERTIES.match(span).group(1)  # type: ignore[union-attr]  # anchors and tags stay
    replacement = prefix + _scalar(new, value.style)
    if start == end and start > 0 and full[start - 1] not in " \t":
        replacement = " " + replacement
    return Splice(start, end, replacement)


def _plan(
    full: str, fm: FrontMatter, day: dt.date, reviewer: str | None, newline: str
) -> list[Splice]:
    root = _compose(fm.text)
    wanted = {LAST_REVIEWED: day.isoformat()}
    if reviewer is not None:
        wanted[REVIEWED_BY] = reviewer
    splices: list[Splice] = []
    missing: list[str] = []
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, new in wanted.items():
        pairs = _pairs(root, key)
        if len(pairs) > 1:
            where = " and ".join(str(k.start_mark.line + fm.first_line) for k, _ in pairs)
            raise ReviewRefused(f"'{key}' appears more than once (lines {where}): keep one")
        if pairs:
            found[key] = pairs[0]
            splices.append(_replace_value(full, *pairs[0], new))
        else:
            missing.append(key)
    if missing:
        splices.append(_insertion(full, root, [(k, wanted[k]) for k in missing], found, newline))
    return splices


def _insertion(
    full: str,
    root: yaml.MappingNode | None,
    entries: list[tuple[str, str]],
    found: dict[str, tuple[yaml.Node, yaml.Node]],
    newline: str,
) -> Splice:
    anchor: tuple[yaml.Node, yaml.Node] | None = found.get(LAST_REVIEWED)
    if anchor is None:
        for key in INSERT_AFTER:
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
            raise ReviewRefused(
                "front matter's flow mapping could not be located: edit last_reviewed by hand"
            )
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
        raise ReviewRefused("front matter offsets could not be mapped: edit last_reviewed by hand")
    out = fm_raw
    for splice in sorted(splices, key=lambda s: s.start, reverse=True):
        out = out[: raw_at[splice.start]] + splice.text + out[raw_at[splice.end] :]
    return out


def _verify(old: FrontMatter, new_text: str, body: str, day: dt.date, reviewer: str | None) -> None:
    """The edit must change exactly the intended keys, or nothing is written."""
    parts = split(new_text)
    new = parse(parts.front_matter) if parts.front_matter is not None else None
    if new is None or new.data is None or not new_text.endswith(body):
        raise ReviewRefused("the edit would break the front matter; edit last_reviewed by hand")
    before, after = dict(old.data or {}), dict(new.data)
    for key in (LAST_REVIEWED, REVIEWED_BY) if reviewer is not None else (LAST_REVIEWED,):
        before.pop(key, None)
    stamped = after.pop(LAST_REVIEWED, None)
    by = after.pop(REVIEWED_BY, None) if reviewer is not None else None
    if before != after or as_date(stamped) != day or (reviewer is not None and by != reviewer):
        raise ReviewRefused("the edit would change other values; edit last_reviewed by hand")


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A `git diff`-like view of a stamp, for --dry-run."""

    def lines(data: bytes) -> list[str]:
        return [
            line.rstrip("\r\n")
            for line in _LINE.findall(data.decode("utf-8-sig", errors="replace"))
        ]

    diff = difflib.unified_diff(lines(old), lines(new), f"a/{path}", f"b/{path}", lineterm="")
    return "\n".join(diff) + "\n"


@dataclass
class ReviewOutcome:
    path: str  # repo-relative POSIX
    source: Path
    old: bytes = b""
    new: bytes = b""
    refused: str | None = None

    @property
    def changed(self) -> bool:
        return self.refused is None and self.new != self.old


def escalation_blockers(doc: Document, roster: Roster, config: Config, day: dt.date) -> list[str]:
    """Why an escalation path cannot be signed off as reviewed: the reasons
    the escalation-broken rule gives (a level pages someone who left, or
    nobody known, or fewer than two people can answer)."""
    if doc.doc_type != "escalation":
        return []
    ctx = RuleContext(config=config, roster=roster, today=day)
    return [hit.message for hit in escalation_broken.check(doc, ctx)]


def review_document(
    config: Config, roster: Roster, source: Path, day: dt.date, reviewer: str | None
) -> ReviewOutcome:
    """Plan the stamp of one file (nothing is written here)."""
    doc = read_document(config, source)
    outcome = ReviewOutcome(path=doc.path, source=doc.source)
    if doc.problems:
        problem = doc.problems[0]
        outcome.refused = f"line {problem.line}: {problem.message}"
        return outcome
    if doc.front_matter is None:
        outcome.refused = (
            "has no front matter: add a '---' block with owner and last_reviewed first"
        )
        return outcome
    blockers = escalation_blockers(doc, roster, config, day)
    if blockers:
        outcome.refused = "escalation path is broken, fix it before signing it off: " + "; ".join(
            blockers
        )
        return outcome
    try:
        outcome.old = Path(os.path.realpath(doc.source)).read_bytes()
        outcome.new = stamp(outcome.old, day, reviewer)
    except OSError as exc:
        outcome.refused = f"cannot read file: {exc.strerror or exc}"
    except ReviewRefused as exc:
        outcome.refused = str(exc)
    return outcome


def resolve_reviewer(roster: Roster, value: str, day: dt.date) -> str:
    """A roster person id from an id, an email or a GitHub login; ConfigError otherwise."""
    wanted = value.strip()
    person_id = None
    if wanted in roster.people:
        person_id = wanted
    else:
        person_id = roster.email_index().get(wanted.lower())
        if person_id is None:
            login = wanted.lstrip("@").lower()
            person_id = next(
                (p.id for p in roster.people.values() if p.github and p.github.lower() == login),
                None,
            )
    if person_id is None:
        hint = " (a team cannot review; name one of its people)" if wanted in roster.teams else ""
        raise ConfigError(
            f"reviewer '{value}' is not a person in {roster.path.name}{hint}: "
            "pass --by with a roster id"
        )
    if roster.people[person_id].departed(day):
        raise ConfigError(
            f"reviewer '{person_id}' has left (people.yml): a current person must review"
        )
    return person_id
