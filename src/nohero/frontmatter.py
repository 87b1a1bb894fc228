"""Split a Markdown file into YAML front matter and body, and parse the front
matter once, keeping the line of every key so findings can point at it.

Hostile input is expected (this runs in pre-commit on whatever people commit):
anchors that expand exponentially, thousands of nesting levels and non-mapping
documents all become a `FrontMatterError` with a line, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .yamltree import build as build_tree
from .yamltree import key_lines as _key_lines

try:  # libyaml's C loader is ~10x faster; fall back silently where it is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, except that an impossible date (`2026-13-45`) stays a
    string, so the schema can say "must be a date like 2026-10-02" at its key
    instead of the whole front matter failing to load."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # A plain scalar's tag depends on its text alone (no path resolvers
        # here), and front matter repeats its texts (owners, types, dates'
        # shapes): remembered, the regexes run once per text, not per node.
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64 and len(_PLAIN_TAGS) < 20_000:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_PLAIN_TAGS: dict[str, str] = {}


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

MAX_DEPTH = 64
MAX_NODES = 100_000
# libyaml composes nodes recursively in C and crashes the interpreter somewhere
# past ~30,000 levels. Every level of nesting needs one of `[{:?-`, so text
# with at most MAX_DEPTH of them cannot be too deep; other text is scanned event
# by event (stopping at MAX_DEPTH) before anything is composed.
_SCAN_DEPTH_ABOVE = MAX_DEPTH
# An alias (`*name`) starts a token; `**` inside a glob like `services/**` does not.
_ALIAS = re.compile(r"(?:\A|[\s\[{,:])\*[^\s,\[\]{}]")
_YAML_ONLY_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})
_NESTING_CHARS = "[{:?-"

_FENCE_OPEN = re.compile(r"^---[ \t]*$")
_FENCE_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_FENCE_CLOSE_ANYWHERE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)  # the first, from a line start
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class FrontMatterError:
    line: int
    message: str


@dataclass
class FrontMatter:
    """Parsed front matter. `data` is None when the YAML could not be used."""

    text: str
    first_line: int  # 1-based line of the first YAML line (after the opening ---)
    closing_line: int  # 1-based line of the closing fence
    data: dict[str, Any] | None = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    error: FrontMatterError | None = None
    # keys given twice (parse(..., duplicates_fatal=False) keeps data, YAML's last wins)
    duplicates: list[FrontMatterError] = field(default_factory=list)
    # data is known to come back from JSON as it is (yamltree): the cache need not check
    plain: bool = field(default=False, compare=False, repr=False)


@dataclass
class SplitText:
    front_matter: FrontMatter | None
    body: str
    body_line: int  # 1-based line on which the body starts


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> SplitText:
    """Split text (BOM already removed) into front matter and body.

    Front matter exists only when the very first line is `---`; a `---` later in
    the file (a thematic break, or inside a code block) is body.
    """
    text = normalise_newlines(text)
    if text.startswith("---\n"):  # nearly every document: find the fence, split nothing
        close = _FENCE_CLOSE_ANYWHERE.search(text, 4)
        if close is not None:
            start, end = close.start(), close.end()
            fence_line = text.count("\n", 0, start) + 1
            fm = FrontMatter(
                text=text[4 : start - 1] if start > 4 else "",
                first_line=2,
                closing_line=fence_line,
            )
            return SplitText(fm, text[end + 1 :], fence_line + 1)
    lines = text.split("\n")
    if not lines or not _FENCE_OPEN.match(lines[0]):
        closing = _unopened(lines)
        if closing is not None:
            fm = FrontMatter(
                text="",
                first_line=1,
                closing_line=closing + 1,
                error=FrontMatterError(
                    1,
                    f"front matter has no opening '---' (its closing '---' is on line "
                    f"{closing + 1}): add a '---' line above line 1",
                ),
            )
            return SplitText(fm, "\n".join(lines[closing + 1 :]), closing + 2)
        return SplitText(None, text, 1)
    for index in range(1, len(lines)):
        if _FENCE_CLOSE.match(lines[index]):
            fm = FrontMatter(text="\n".join(lines[1:index]), first_line=2, closing_line=index + 1)
            return SplitText(fm, "\n".join(lines[index + 1 :]), index + 2)
    fm = FrontMatter(
        text="\n".join(lines[1:]),
        first_line=2,
        closing_line=len(lines),
        error=FrontMatterError(
            1,
            "front matter opened with '---' on line 1 is never closed: add a '---' line after it",
        ),
    )
    return SplitText(fm, "", len(lines) + 1)


def _unopened(lines: list[str]) -> int | None:
    """Index of the closing fence of front matter whose opening `---` is
    missing: lines of `key: value` (at least one a nohero key) up to a `---`.
    One clear problem instead of every required key reported missing."""
    for index, line in enumerate(lines[:_UNOPENED_SCAN]):
        if _FENCE_CLOSE.match(line):
            block = lines[:index]
            if any(_NOHERO_KEY.match(b) for b in block) and all(
                not b.strip() or _YAML_LINE.match(b) for b in block
            ):
                return index
            return None
        if line.strip() and not _YAML_LINE.match(line):
            return None
    return None


_UNOPENED_SCAN = 60
_YAML_LINE = re.compile(r"^(\s+\S|-\s|[A-Za-z_][\w-]*\s*:(\s|$))")
_NOHERO_KEY = re.compile(
    r"^(type|owner|backup_owner|last_reviewed|review_every|service|covers)\s*:", re.I
)


def parse(fm: FrontMatter, duplicates_fatal: bool = True) -> FrontMatter:
    """Fill `data`, `lines` or `error` of a split front matter block. A key
    given twice is an error, unless `duplicates_fatal` is False (the roster:
    each is a problem of its own and the rest still works)."""
    if fm.error is not None:
        return fm
    offset = fm.first_line - 1
    # YAML 1.1 also breaks lines at NEL, LS and PS; Markdown and editors do not.
    # As spaces they keep libyaml's line numbers equal to the file's.
    text = fm.text
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_YAML_ONLY_BREAKS)
    try:
        deep_line = _too_deep_line(text)
        if deep_line is not None:
            fm.error = FrontMatterError(
                deep_line + offset,
                f"front matter is nested more than {MAX_DEPTH} levels deep: flatten it",
            )
            return fm
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                fm.data = {}
                return fm
            aliased = _ALIAS.search(text) is not None
            if aliased:  # only aliases make the graph deeper or bigger than the text
                problem = _check_shape(node, offset)
                if problem is not None:
                    fm.error = problem
                    return fm
            if not isinstance(node, yaml.MappingNode):
                kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
                fm.error = FrontMatterError(
                    node.start_mark.line + 1 + offset,
                    f"front matter is {kind}, not a mapping: write 'key: value' lines",
                )
                return fm
            # values and key lines in one walk (yamltree); PyYAML's own path otherwise
            tree = None if aliased else build_tree(loader, node, offset)
            data = tree.data if tree is not None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        fm.error = _yaml_error(exc, offset, fm.first_line)
        return fm
    except (
        yaml.YAMLError,
        RecursionError,
        TypeError,
        ValueError,
        OverflowError,
    ) as exc:
        fm.error = FrontMatterError(fm.first_line, f"front matter is not valid YAML: {_short(exc)}")
        return fm
    if not all(isinstance(k, str) for k in data):
        bad = next(k for k in data if not isinstance(k, str))
        fm.error = FrontMatterError(
            fm.first_line, f"front matter key {bad!r} is not a string: quote it"
        )
        return fm
    fm.data = data
    if tree is not None:
        fm.lines, fm.plain = tree.lines, tree.plain
        return fm
    fm.lines = _key_lines(node, offset)
    fm.duplicates = _duplicate_keys(node, offset)
    if fm.duplicates and duplicates_fatal:
        fm.data, fm.error = None, fm.duplicates[0]
    return fm


def _duplicate_keys(root: yaml.MappingNode, offset: int) -> list[FrontMatterError]:
    """Keys given twice in one mapping, in file order: YAML loaders silently
    keep the last, so a duplicated `owner` or roster id would be a silent wrong
    answer."""
    found: list[FrontMatterError] = []
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    line = key_node.start_mark.line + 1 + offset
                    earlier = first.get(key_node.value)
                    if earlier is not None:
                        found.append(
                            FrontMatterError(
                                line,
                                f"key '{key_node.value}' appears more than once (lines "
                                f"{earlier} and {line}): YAML keeps only the last; keep one",
                            )
                        )
                    first[key_node.value] = line
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda e: e.line)


def _yaml_error(exc: yaml.MarkedYAMLError, offset: int, first_line: int) -> FrontMatterError:
    """A YAML error as one line at the line to fix. Running off the end of the
    text or into the next key (an unclosed quote or bracket) is blamed on
    where the construct began."""
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    context = exc.context or ""
    unclosed = "flow" in context or "quoted" in context or "end of stream" in problem
    if exc.context_mark is not None and (mark is None or unclosed):
        mark = exc.context_mark
    line = (mark.line + 1 + offset) if mark is not None else first_line
    reason = f"{exc.context}, {problem}" if exc.context else problem
    return FrontMatterError(
        line,
        f"front matter is not valid YAML ({reason}): check quotes, colons and indentation",
    )


def _too_deep_line(text: str) -> int | None:
    """1-based line where nesting first exceeds MAX_DEPTH, found from the event
    stream without composing; None when the text cannot nest that deep."""
    if sum(map(text.count, _NESTING_CHARS)) <= _SCAN_DEPTH_ABOVE:
        return None
    loader = _Loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) + 1 if event.start_mark else 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_shape(root: yaml.Node, offset: int) -> FrontMatterError | None:
    """Reject documents that are too deep or that expand (through aliases) to
    too many values, before anything walks them recursively."""
    # Depth, iteratively, visiting each distinct node once.
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return FrontMatterError(
                node.start_mark.line + 1 + offset,
                f"front matter is nested more than {MAX_DEPTH} levels deep: flatten it",
            )
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend((child, depth + 1) for child in _children(node))
    # Expanded size, memoised per node so an alias bomb costs linear time.
    size: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack2: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack2:
        node, done = stack2.pop()
        if id(node) in size:
            continue
        if done:
            total = 1 + sum(size[id(c)] for c in _children(node))
            size[id(node)] = total
            order.append(node)
            continue
        stack2.append((node, True))
        stack2.extend((c, False) for c in _children(node) if id(c) not in size)
    if size.get(id(root), 0) > MAX_NODES:
        return FrontMatterError(
            root.start_mark.line + 1 + offset,
            f"front matter expands to more than {MAX_NODES} values (YAML aliases?): "
            "remove the anchors",
        )
    return None
