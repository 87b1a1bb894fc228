"""Front matter values and key lines from libyaml's nodes in one walk.

After libyaml has composed the nodes (in C), PyYAML's constructor turns them
into values one Python call chain per node, and the front matter parser then
walks the same nodes twice more (key lines, duplicate keys): together most of
a cold `check`'s own time beyond reading and composing. Front matter is
nearly always plain -- mappings with scalar keys, lists, strings, numbers,
booleans, dates -- and for that this one walk gives exactly what PyYAML's
constructor gives (it calls the same constructor functions for every scalar
that is not a plain string), the same key lines, and whether the result can
be cached as JSON.

Anything else answers None and the caller takes PyYAML's own path, which
then also produces the errors: tags other than the core ones (`!!set`,
`!!binary`, merge keys `<<`, `=`), keys that are collections, keys given
twice (their lines and messages need file order across mappings), and any
exception. Aliases never reach here (the caller shape-checks them first and
uses PyYAML). A property test holds both paths equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .frontmatter import KeyPath

_CORE = "tag:yaml.org,2002:"
STR, MAP, SEQ = _CORE + "str", _CORE + "map", _CORE + "seq"
# Scalars built by the loader's own constructor function (timestamps: nohero's).
SCALARS = frozenset(_CORE + name for name in ("null", "bool", "int", "float", "timestamp"))
MAX_PLAIN_DEPTH = 64  # deeper data is not cached (doccache._plain)


class _Unusual(Exception):
    """Leave this front matter to PyYAML's constructor."""


class Tree:
    """The walk's result: values, key lines and whether JSON can hold them."""

    __slots__ = ("data", "lines", "plain")

    def __init__(self, data: dict[Any, Any], lines: dict[KeyPath, int], plain: bool) -> None:
        self.data, self.lines, self.plain = data, lines, plain


def build(loader: Any, root: yaml.MappingNode, offset: int) -> Tree | None:
    """Values and key lines of a composed mapping, or None (see module)."""
    walk = _Walk(loader, 1 + offset)
    try:
        data = walk.mapping(root, (), 0)
    except Exception:  # noqa: BLE001 - PyYAML's path decides, and reports, instead
        return None
    return Tree(data, walk.lines, walk.plain)


class _Walk:
    def __init__(self, loader: Any, base: int) -> None:
        self.loader = loader
        self.constructors = type(loader).yaml_constructors
        self.base = base
        self.lines: dict[KeyPath, int] = {}
        self.plain = True

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == STR:
            return node.value
        if tag in SCALARS:
            return self.constructors[tag](self.loader, node)
        raise _Unusual(tag)

    def value(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if depth > MAX_PLAIN_DEPTH:
            self.plain = False
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if kind is yaml.MappingNode:
            return self.mapping(node, path, depth)
        if kind is yaml.SequenceNode and node.tag == SEQ:
            lines, base = self.lines, self.base
            items = []
            for index, item in enumerate(node.value):
                here = (*path, index)
                if here not in lines:
                    lines[here] = item.start_mark.line + base
                items.append(self.value(item, here, depth + 1))
            return items
        raise _Unusual(node.tag)

    def mapping(self, node: yaml.Node, path: KeyPath, depth: int) -> dict[Any, Any]:
        if node.tag != MAP:
            raise _Unusual(node.tag)
        lines, base = self.lines, self.base
        result: dict[Any, Any] = {}
        texts: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual("a collection as a key")
            text = key_node.value
            if text in texts:
                raise _Unusual("a key given twice")
            texts.add(text)
            here = (*path, text)
            if here not in lines:
                lines[here] = key_node.start_mark.line + base
            key = self.scalar(key_node)
            if type(key) is not str or key.startswith("\x00"):
                self.plain = False
            result[key] = self.value(value_node, here, depth + 1)
        return result


def key_lines(root: yaml.MappingNode, offset: int) -> dict[KeyPath, int]:
    """Line of every key and list item, by key path, e.g. ('escalation', 0, 'page'):
    the walk for what `build` leaves to PyYAML (an alias reuses a node: visited once)."""
    lines: dict[KeyPath, int] = {}
    base = 1 + offset
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    stack: list[tuple[yaml.Node, KeyPath]] = [(root, ())]
    seen: set[int] = set()  # an alias reuses a node: visit it once
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, mapping):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, scalar) else str(key_node.value)
                here = path + (key,)
                if here not in lines:
                    lines[here] = key_node.start_mark.line + base
                if not isinstance(value_node, scalar):
                    stack.append((value_node, here))
        else:  # a sequence
            for index, item in enumerate(node.value):
                here = path + (index,)
                if here not in lines:
                    lines[here] = item.start_mark.line + base
                if not isinstance(item, scalar):
                    stack.append((item, here))
    return lines
