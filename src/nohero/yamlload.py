"""Front matter through libyaml: what `fastyaml` declines (anchors, tags,
block scalars, errors, keys given twice...) is composed here, with the
guards hostile input needs: anchors that expand exponentially, thousands of
nesting levels and non-mapping documents all become a `FrontMatterError`
with a line, never an exception. Imported only when needed: a plain
document's run never loads PyYAML."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .frontmatter import MAX_DEPTH, FrontMatter, FrontMatterError
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

MAX_NODES = 100_000
# libyaml composes nodes recursively in C and crashes the interpreter somewhere
# past ~30,000 levels. Every level of nesting needs one of `[{:?-`, so text
# with at most MAX_DEPTH of them cannot be too deep; other text is scanned event
# by event (stopping at MAX_DEPTH) before anything is composed.
_SCAN_DEPTH_ABOVE = MAX_DEPTH
# An alias (`*name`) starts a token; `**` inside a glob like `services/**` does not.
_ALIAS = re.compile(r"(?:\A|[\s\[{,:])\*[^\s,\[\]{}]")
_NESTING_CHARS = "[{:?-"


def parse_composed(fm: FrontMatter, text: str, duplicates_fatal: bool = True) -> FrontMatter:
    """`frontmatter.parse` for what `fastyaml` declines: libyaml composes the
    text (NEL/LS/PS already spaces), yamltree builds plain values, PyYAML's
    constructor the rest."""
    offset = fm.first_line - 1
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
