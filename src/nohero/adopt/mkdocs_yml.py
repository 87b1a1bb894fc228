"""Add the `nohero` plugin entry to a team's own mkdocs.yml, changing no other byte.

A real mkdocs.yml carries comments, `!ENV` and `!!python/name:` tags, its own
key order and quoting; loading and re-dumping it would destroy all of that
(and would need the tags' Python objects). So, like `frontmatter_edit`, this
is a splice: the YAML is composed (not constructed, so no tag is resolved)
to find where `plugins:` ends, one entry is inserted in the file's own
indentation and newline style, and the result is read back: it must be the
old settings with exactly one more plugin, or nothing is written.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..config import ConfigError, parse_mkdocs_text, plugin_options
from ..frontmatter_edit import EditRefused, compose_mapping


def entry_lines(options: dict[str, Any], indent: str, dash: str, newline: str) -> str:
    """`- nohero` (with its options, if any) as block YAML at `indent`."""
    if not options:
        return f"{indent}{dash}nohero{newline}"
    inner = indent + " " * (len(dash) + 2)
    lines = [f"{indent}{dash}nohero:"]
    for key, value in options.items():
        lines.append(f"{inner}{key}: {_flow(value)}")
    return newline.join(lines) + newline


def _flow(value: Any) -> str:
    """A value as one line of flow YAML; strings JSON-quoted (valid YAML, inert)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return json.dumps(value)


def with_plugin(text: str, options: dict[str, Any]) -> str:
    """mkdocs.yml's text with the nohero entry added; ConfigError when it
    cannot be added safely (then the plan says to add it by hand)."""
    before = parse_mkdocs_text(text)
    if plugin_options(before) is not None:
        return text  # already there: adopt never edits a team's nohero options
    newline = "\r\n" if "\r\n" in text else "\n"
    node = _root(text)
    plugins = _value_of(node, "plugins") if node is not None else None
    if plugins is None or (isinstance(plugins, yaml.ScalarNode) and plugins.value in ("", "~")):
        if plugins is not None:
            raise ConfigError("mkdocs.yml: 'plugins:' is empty; add '- nohero' under it by hand")
        # MkDocs enables `search` only while `plugins` is absent: keep it.
        block = f"plugins:{newline}  - search{newline}" + entry_lines(options, "  ", "- ", newline)
        sep = "" if not text or text.endswith(("\n", "\r")) else newline
        new_text = text + sep + block
    elif isinstance(plugins, yaml.SequenceNode) and plugins.flow_style:
        end = plugins.end_mark.index - 1  # the closing bracket
        if text[end : end + 1] != "]":
            raise ConfigError("mkdocs.yml: the plugins list could not be located exactly")
        item = "nohero" if not options else "{nohero: " + _flow(options) + "}"
        sep = ", " if plugins.value else ""
        new_text = text[:end] + sep + item + text[end:]
    elif isinstance(plugins, yaml.SequenceNode) and plugins.value:
        last = plugins.value[-1]
        at = _line_end(text, _last_char(text, last.start_mark.index, last.end_mark.index))
        dash_col = plugins.start_mark.column
        content_col = plugins.value[0].start_mark.column
        dash = "-" + " " * max(1, content_col - dash_col - 1)
        block = entry_lines(options, " " * dash_col, dash, newline)
        prefix = "" if text[:at].endswith(("\n", "\r")) else newline
        new_text = text[:at] + prefix + block + text[at:]
    elif isinstance(plugins, yaml.MappingNode) and not plugins.flow_style and plugins.value:
        last_key, last_value = plugins.value[-1]
        at = _line_end(text, _last_char(text, last_key.start_mark.index, last_value.end_mark.index))
        indent = " " * last_key.start_mark.column
        body = f"{indent}nohero: {{}}{newline}"
        if options:
            body = entry_lines(options, indent, "", newline)
        prefix = "" if text[:at].endswith(("\n", "\r")) else newline
        new_text = text[:at] + prefix + body + text[at:]
    else:
        raise ConfigError(
            "mkdocs.yml: 'plugins' has a shape adopt cannot extend; add nohero by hand"
        )
    _verify(before, new_text, options)
    return new_text


def new_mkdocs(site_name: str, docs_dir: str, options: dict[str, Any]) -> str:
    """A minimal mkdocs.yml for a repository that has none."""
    lines = [
        f"site_name: {json.dumps(site_name)}",
        f"docs_dir: {json.dumps(docs_dir)}",
        "theme:",
        "  name: material",
        "plugins:",
        "  - search",
    ]
    return "\n".join(lines) + "\n" + entry_lines(options, "  ", "- ", "\n")


def _root(text: str) -> yaml.MappingNode | None:
    try:
        return compose_mapping(text, "mkdocs.yml")
    except EditRefused as exc:
        raise ConfigError(str(exc)) from None


def _value_of(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    if len(found) > 1:
        raise ConfigError(f"mkdocs.yml: '{key}' appears more than once: keep one")
    return found[0] if found else None


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _last_char(text: str, start: int, end: int) -> int:
    """The last character of a node's own text (its end mark may sit on the next line)."""
    index = end - 1
    while index > start and text[index] in " \t\r\n":
        index -= 1
    return max(index, start)


def _verify(before: dict[str, Any], new_text: str, options: dict[str, Any]) -> None:
    after = parse_mkdocs_text(new_text)
    old_plugins = before.get("plugins")
    new_plugins = after.get("plugins")
    if old_plugins is None:
        old_plugins = ["search"]
    added = new_plugins
    if isinstance(old_plugins, dict) and isinstance(new_plugins, dict):
        added = [{k: v} for k, v in new_plugins.items() if k not in old_plugins]
        kept = {k: v for k, v in new_plugins.items() if k in old_plugins} == old_plugins
    elif isinstance(old_plugins, list) and isinstance(new_plugins, list):
        kept = new_plugins[: len(old_plugins)] == old_plugins
        added = new_plugins[len(old_plugins) :]
    else:
        kept = False
    rest_before = {k: v for k, v in before.items() if k != "plugins"}
    rest_after = {k: v for k, v in after.items() if k != "plugins"}
    entry: object = {"nohero": options} if options else "nohero"
    if not kept or rest_before != rest_after or added not in ([entry], [{"nohero": options}]):
        raise ConfigError("mkdocs.yml could not be extended safely; add '- nohero' by hand")
