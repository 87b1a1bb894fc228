"""JSON Schema (Draft 2020-12) for the front matter of each document type,
and validation that speaks like a person.

The schemas ship as package data: the fields all types share defined once
(`schema/common.json`), each type's title, required keys and own fields in
`schema/<type>.json`; `schema_for` joins them into one self-contained schema,
what validation uses and editors get (`nohero schema`).

Validation turns jsonschema's errors into one line per offending key
("last_reviewed must be a date like 2026-10-02, got 'last week'"). A
missing owner, backup_owner, last_reviewed or escalation is left to its own
rule (owner-missing, backup-missing, review-missing, escalation-broken), so
every problem is reported exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from . import lazyre
from .config import DOC_TYPES
from .frontmatter import KeyPath
from .lazyclass import record
from .schema_subset import PLAIN, Check, compile_check, iter_errors, supported

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Required keys whose absence (or emptiness) another rule reports.
RULE_OWNED_KEYS = {
    "owner": "owner-missing",
    "backup_owner": "backup-missing",
    "last_reviewed": "review-missing",
    "escalation": "escalation-broken",
}

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of 'key: value'",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_REQUIRED = lazyre.compile(r"^'(.+)' is a required property$")


@record(frozen=True)
class SchemaProblem:
    """One invalid key: `path` is the key path into the front matter."""

    path: KeyPath
    message: str


def _shipped(name: str) -> dict[str, Any]:  # next to us: importlib.resources costs imports
    text = Path(__file__).with_name("schema").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@cache
def schema_for(doc_type: str) -> dict[str, Any]:
    """The JSON Schema of one document type: the shared fields, then the
    type's own, in one self-contained schema (no $ref to resolve)."""
    if doc_type not in DOC_TYPES:
        raise KeyError(doc_type)
    schema = _shipped(doc_type)
    shared = _shipped("common")["properties"]
    clash = set(shared) & set(schema["properties"])
    if clash:  # a shared field is defined once, in common.json
        raise ValueError(f"schema/{doc_type}.json redefines {', '.join(sorted(clash))}")
    schema["properties"] = {**shared, **schema["properties"]}
    return schema


@cache
def field_names() -> tuple[str, ...]:
    """Every nohero front matter field, shared ones first (what `fields:` maps)."""
    names = dict.fromkeys(_shipped("common")["properties"])
    for doc_type in DOC_TYPES:
        names.update(dict.fromkeys(_shipped(doc_type)["properties"]))
    return tuple(names)


def combined_schema() -> dict[str, Any]:
    """One schema for every document: the shared fields once at the top, each
    type's required keys and own fields through if/then on `type`; without
    `type`, only the shared fields are checked."""
    defs: dict[str, Any] = {}
    branches: list[dict[str, Any]] = []
    shared = _shipped("common")["properties"]
    for doc_type in DOC_TYPES:
        schema = {k: v for k, v in _shipped(doc_type).items() if k != "$schema"}
        defs[doc_type] = schema
        branches.append(
            {
                "if": {"properties": {"type": {"const": doc_type}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{doc_type}"},
            }
        )
    return {
        "$schema": DRAFT,
        "title": "nohero document front matter",
        "description": (
            "Front matter of a nohero document (runbook, escalation, architecture, note). "
            "The schema of the document's `type` applies; unknown keys are allowed."
        ),
        "type": "object",
        "properties": shared,
        "additionalProperties": True,
        "allOf": branches,
        "$defs": defs,
    }


@cache
def _validator(doc_type: str) -> Any:
    """Compiled once per type: building a validator per document would
    dominate the run time on large knowledge bases."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        schema_for(doc_type), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def _fast_check(doc_type: str) -> Check | None:
    return compile_check(schema_for(doc_type))


@cache
def _in_subset(doc_type: str) -> bool:
    return supported(schema_for(doc_type))


def jsonable(value: Any) -> Any:
    """YAML values as JSON would have them: dates become ISO strings."""
    if type(value) in PLAIN:
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes of binary data>"
    return value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def validate_meta(meta: dict[str, Any], doc_type: str) -> list[SchemaProblem]:
    """Problems with a document's front matter, at most one per key path."""
    if not meta:  # no front matter, as most pages of an adopted knowledge base: judged once
        known = _EXPLAINED.get((doc_type, "{}"))
        if known is not None:
            return list(known)
    instance = {
        str(k): jsonable(v) for k, v in meta.items() if not (k in RULE_OWNED_KEYS and _blank(v))
    }
    fast = _fast_check(doc_type)
    if fast is not None and fast(instance):
        return []
    # Invalid front matter repeats itself (every page of an adopted knowledge
    # base without any, the same missing keys): the slow path runs once per shape.
    try:
        key = (doc_type, _shape(instance) if instance else "{}")
    except (TypeError, ValueError):
        return _explain(instance, doc_type)
    known = _EXPLAINED.get(key)
    if known is None:
        if len(_EXPLAINED) > 4096:
            _EXPLAINED.clear()
        known = _EXPLAINED[key] = tuple(_explain(instance, doc_type))
    return list(known)


_EXPLAINED: dict[tuple[str, str], tuple[SchemaProblem, ...]] = {}
# json.dumps(instance, sort_keys=True), without a new encoder per call (a
# third of the cost on the thousands of pages of an adopted knowledge base)
_shape = json.JSONEncoder(sort_keys=True).encode


def _explain(instance: dict[str, Any], doc_type: str) -> list[SchemaProblem]:
    schema = schema_for(doc_type)
    if _in_subset(doc_type):  # jsonschema's errors, without importing it
        found: list[Any] = list(iter_errors(schema, instance))
    else:
        validator = _validator(doc_type)
        found = [] if validator.is_valid(instance) else list(validator.iter_errors(instance))
    if not found:
        return []
    seen: set[KeyPath] = set()
    problems: list[SchemaProblem] = []
    errors = sorted(found, key=lambda e: (len(e.absolute_path), str(list(e.absolute_path))))
    for error in errors:
        problem = _problem(error, doc_type)
        if problem is None or problem.path in seen:
            continue
        if any(problem.path[: len(p)] == p for p in seen):
            continue  # a parent is already wrong: one message is enough
        seen.add(problem.path)
        problems.append(problem)
    return problems


def _problem(error: Any, doc_type: str) -> SchemaProblem | None:
    path: KeyPath = tuple(error.absolute_path)
    if error.validator == "required":
        match = _REQUIRED.match(error.message)
        missing = match.group(1) if match else None
        if missing is None:
            return SchemaProblem(path, f"{_label(path)}: {error.message}")
        if not path and missing in RULE_OWNED_KEYS:
            return None
        prop_schema = (error.schema.get("properties") or {}).get(missing, {})
        example = _example(prop_schema) or f"<{missing}>"
        article = "an" if doc_type[0] in "aeiou" else "a"
        where = f"{article} {doc_type}" if not path else _label(path)
        return SchemaProblem(
            path + (missing,), f"{where} needs '{missing}': add '{missing}: {example}'"
        )
    if error.validator in ("minLength", "minItems") or (
        error.validator == "pattern" and error.validator_value == r"\S"
    ):
        return SchemaProblem(
            path, f"{_label(path)} must not be empty: give it a value or remove the key"
        )
    if error.validator in ("type", "format", "pattern", "enum", "const", "minimum"):
        return SchemaProblem(
            path, f"{_label(path)} must be {_expect(error.schema)}, got {_show(error.instance)}"
        )
    return SchemaProblem(path, f"{_label(path)}: {error.message}")


def _label(path: KeyPath) -> str:
    """('escalation', 1, 'page', 0) -> 'escalation level 2: page item 1'."""
    if not path:
        return "front matter"
    text = ""
    for index, key in enumerate(path):
        if isinstance(key, int):
            noun = "level" if index > 0 and path[index - 1] == "escalation" else "item"
            text += f" {noun} {key + 1}"
        else:
            text += f": {key}" if text else str(key)
    return text


def _example(schema: dict[str, Any]) -> str | None:
    examples = schema.get("examples") or []
    for ex in examples:
        if isinstance(ex, str):
            return ex
    return None


def _expect(schema: dict[str, Any]) -> str:
    """What a key should hold, in words, from its schema."""
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    examples = [e for e in schema.get("examples") or [] if isinstance(e, str)]
    if schema.get("format") == "date":
        return f"a date like {examples[0] if examples else '2026-10-02'}"
    if "pattern" in schema and examples and schema["pattern"] != r"\S":
        return "written like " + " or ".join(examples)
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    if types == ["string"] and examples:
        return f"text like {examples[0]}"
    if "array" in types and "string" in types:
        return "text or a list of text"
    if types == ["array"] and (schema.get("items") or {}).get("type") == "string":
        return "a list of text, like [a, b]"
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types) or "valid"


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


__all__ = [
    "RULE_OWNED_KEYS",
    "SchemaProblem",
    "combined_schema",
    "jsonable",
    "schema_for",
    "validate_meta",
]
