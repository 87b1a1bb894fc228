"""Field mapping: nohero reads its fields from the keys a repository already uses.

A knowledge base that predates nohero has its own front matter: GOV.UK
tech-docs writes `owner_slack`, `last_reviewed_on` and `review_in`; Hugo
writes `type: docs`, which is not a nohero type at all. `plugins.nohero.fields`
in mkdocs.yml maps a nohero field to the key the repository uses:

    fields:
      type: nohero_type          # Hugo's own `type` is left to Hugo
      owner: owner_slack
      last_reviewed: last_reviewed_on
      review_every: review_in

Documents are parsed once into a *view* with nohero's names (`Document.meta`),
so rules, the report and the site never learn about the mapping; the line of a
key, the messages of findings and the edits of `review`, `adopt` and
`handover` use the repository's own key names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Values of these keys name people; chat handles (`@alice`, `#payments`) name
# the same roster ids once the sigil is gone.
_PEOPLE_FIELDS = ("owner", "backup_owner", "reviewed_by")


def check_fields(value: object) -> dict[str, str]:
    """The `fields:` option as a clean mapping; ValueError says what is wrong."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("must map a nohero field to the key your documents use")
    from .schema import field_names  # the fields are the schema's (schema imports config)

    mappable = field_names()
    fields: dict[str, str] = {}
    used: dict[str, str] = {}
    for name, key in value.items():
        if name not in mappable:
            raise ValueError(f"{name} is not a nohero field ({', '.join(mappable)})")
        if not isinstance(key, str) or not key.strip() or key != key.strip():
            raise ValueError(f"{name} must name a front matter key, like 'owner_slack'")
        if key in used:
            raise ValueError(f"{name} and {used[key]} both read '{key}': map each to its own key")
        used[key] = name
        if key != name:
            fields[name] = key
    for name, key in fields.items():
        if key in mappable and key not in fields:
            raise ValueError(
                f"{name} reads '{key}', which is nohero's own {key} field: map {key} elsewhere too"
            )
    return fields


def nohero_view(data: Mapping[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    """The front matter under nohero's names. A mapped field's own name in the
    file belongs to another tool (Hugo's `type: docs`) and is not read."""
    if not fields:
        return dict(data)
    view = {k: v for k, v in data.items() if k not in fields}
    for key in fields.values():
        view.pop(key, None)
    for name, key in fields.items():
        if key in data:
            value = data[key]
            if name in _PEOPLE_FIELDS and isinstance(value, str):
                value = value.strip().lstrip("@#")
            view[name] = value
    return view


def rename_template_keys(text: str, fields: Mapping[str, str]) -> str:
    """One of nohero's own templates with its top-level front matter keys
    renamed to the repository's (`nohero new` in a tech-docs repository
    writes `owner_slack:`). Only for templates: their keys start lines."""
    if not fields or not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 3)
    if end < 0:
        return text
    lines = text[4:end].split("\n")
    for index, line in enumerate(lines):
        name, colon, rest = line.partition(":")
        if colon and name in fields:
            lines[index] = f"{fields[name]}:{rest}"
    return "---\n" + "\n".join(lines) + text[end:]


def rename_in_message(message: str, fields: Mapping[str, str]) -> str:
    """A finding's message with nohero's key names replaced by the mapped ones,
    where the message names a key (`'owner: ...'`, `backup_owner`, `no owner`)."""
    for name, key in fields.items():
        message = _key_pattern(name).sub(key, message)
    return message


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _key_pattern(name: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(name)
    if pattern is None:
        word = re.escape(name)
        if "_" in name:  # backup_owner, last_reviewed: only ever a key name
            text = rf"(?<![\w-]){word}(?![\w-])"
        else:  # owner, type: a key where quoted, before a colon, or after "no "
            text = rf"(?<=')({word})(?=['\s:])|(?<![\w-]){word}(?=:)|(?<=\bno ){word}\b"
        pattern = _PATTERNS[name] = re.compile(text)
    return pattern
