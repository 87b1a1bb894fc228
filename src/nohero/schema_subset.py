"""The part of JSON Schema nohero's shipped schemas use, judged without
jsonschema: a compiled yes/no check, and jsonschema's own errors.

`compile_check` decides "certainly valid" fast, for the many documents that
are. The ones it rejects need errors for their messages. For those,
`iter_errors` yields the errors jsonschema's `Draft202012Validator` (with its
format checker) yields, in the same order. Each error has the attributes
`schema._problem` reads: `absolute_path`, `validator`, `validator_value`,
`schema`, `instance` and `message`.

Why not jsonschema itself: an adopted knowledge base has thousands of pages
without front matter, so nearly every cold run met one invalid document.
Importing jsonschema and building a validator for its messages cost about
0.17 s of CPU, more than judging every document, and `_problem` rewrites
each message in its own words anyway.

`supported` says whether a schema stays inside this subset. A schema that
uses any other keyword, a format other than `date`, an enum of anything but
text, or `additionalProperties` other than `true` is left to jsonschema.
tests/test_schema.py holds both parts to jsonschema on generated front
matter: the check never accepts what jsonschema rejects, and the errors
are equal in path, keyword, message and order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

# Keywords that only annotate: jsonschema has no validator for them.
_ANNOTATIONS = frozenset({"$schema", "title", "description", "examples", "$comment"})
_VALIDATING = frozenset(
    {"type", "enum", "pattern", "format", "minLength", "minItems", "minimum", "required"}
)
_TYPES = frozenset({"string", "array", "object", "boolean", "null", "number", "integer"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # jsonschema's own, used as it does


# A compiled yes/no check: it only decides "certainly valid", fast; what it
# rejects goes through `iter_errors` (or jsonschema) for the messages.
# tests/test_schema.py checks it never accepts what jsonschema rejects.
Check = Callable[[Any], bool]
PLAIN = (str, int, float, bool, type(None))
_SIMPLE_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: type(v) is int or (type(v) is float and v.is_integer()),  # stricter: safe
}


def compile_check(schema: dict[str, Any]) -> Check | None:
    """A fast validity test for `schema`, or None when it uses a keyword this
    compiler does not know (then jsonschema alone decides)."""
    checks: list[Check] = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or (keyword == "additionalProperties" and value is True):
            continue
        check = _keyword_check(keyword, value)
        if check is None:
            return None
        checks.append(check)
    if len(checks) == 1:
        return checks[0]
    frozen = tuple(checks)
    return lambda v: all(check(v) for check in frozen)


def _keyword_check(keyword: str, value: Any) -> Check | None:
    """One keyword as a closure that mirrors jsonschema's semantics (each
    keyword only constrains the JSON types it applies to)."""
    if keyword == "type":
        tests = [_SIMPLE_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
        return tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)
    if keyword == "enum":
        return lambda v: any(v == a and type(v) is type(a) for a in value)
    if keyword == "pattern":
        rx = re.compile(value)
        return lambda v: not isinstance(v, str) or rx.search(v) is not None
    if keyword == "format":
        return (lambda v: not isinstance(v, str) or _is_date(v)) if value == "date" else None
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= value
    if keyword == "minimum":
        return lambda v: isinstance(v, bool) or not isinstance(v, int | float) or v >= value
    if keyword == "required":
        keys = tuple(value)
        return lambda v: not isinstance(v, dict) or all(k in v for k in keys)
    if keyword == "items":
        item = compile_check(value)
        if item is None:
            return None
        return lambda v: not isinstance(v, list) or all(item(i) for i in v)
    if keyword == "properties":
        props: dict[str, Check] = {}
        for name, sub in value.items():
            compiled = compile_check(sub)
            if compiled is None:
                return None
            props[name] = compiled
        memo: dict[Any, bool] = {}
        return lambda v: not isinstance(v, dict) or _props_ok(v, props, memo)
    return None


def _props_ok(value: dict[str, Any], props: dict[str, Check], memo: dict[Any, bool]) -> bool:
    for key, item in value.items():
        check = props.get(key)
        if check is None:
            continue
        plain = type(item) in PLAIN  # texts and numbers repeat across documents: judged once
        known = memo.get((key, type(item), item)) if plain else None
        if known is None:
            known = check(item)
            if plain and len(memo) < 65_536:
                memo[(key, type(item), item)] = known
        if not known:
            return False
    return True


class SchemaError:
    """One failed keyword, shaped like `jsonschema.ValidationError` where
    `schema._problem` reads it."""

    __slots__ = ("absolute_path", "validator", "validator_value", "schema", "instance", "missing")

    def __init__(
        self,
        path: tuple[str | int, ...],
        keyword: str,
        schema: dict[str, Any],
        instance: Any,
        missing: str = "",  # the key a `required` error is about
    ) -> None:
        self.absolute_path = path
        self.validator = keyword
        self.validator_value = schema[keyword]
        self.schema = schema
        self.instance = instance
        self.missing = missing

    @property
    def message(self) -> str:
        """jsonschema's message, word for word (made only when read)."""
        value, shown = self.validator_value, repr(self.instance)
        if self.validator == "type":
            types = [value] if isinstance(value, str) else value
            return f"{shown} is not of type {', '.join(repr(t) for t in types)}"
        if self.validator == "enum":
            return f"{shown} is not one of {value!r}"
        if self.validator == "pattern":
            return f"{shown} does not match {value!r}"
        if self.validator == "format":
            return f"{shown} is not a {value!r}"
        if self.validator in ("minLength", "minItems"):
            return f"{shown} {'should be non-empty' if value == 1 else 'is too short'}"
        if self.validator == "minimum":
            return f"{shown} is less than the minimum of {value!r}"
        return f"{self.missing!r} is a required property"  # "required"


def supported(schema: object) -> bool:
    """True when every keyword of `schema` (and of its subschemas) is one
    `iter_errors` judges exactly as jsonschema does."""
    if not isinstance(schema, dict):
        return False
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or (keyword == "additionalProperties" and value is True):
            continue
        if keyword == "type":
            types = [value] if isinstance(value, str) else value
            if not isinstance(types, list) or not all(t in _TYPES for t in types):
                return False
        elif keyword == "enum":
            if not isinstance(value, list) or not all(type(v) is str for v in value):
                return False
        elif keyword == "format":
            if value != "date":
                return False
        elif keyword == "items":
            if not supported(value):
                return False
        elif keyword == "properties":
            if not isinstance(value, dict) or not all(supported(s) for s in value.values()):
                return False
        elif keyword == "required":
            if not isinstance(value, list):
                return False
        elif keyword not in _VALIDATING:
            return False
    return True


def iter_errors(
    schema: dict[str, Any], instance: Any, path: tuple[str | int, ...] = ()
) -> Iterator[SchemaError]:
    """The errors of `instance` against a `supported` schema, in
    jsonschema's order: the schema's keywords as written, properties in the
    schema's order, list items by index."""
    for keyword, value in schema.items():
        if keyword == "properties":
            if isinstance(instance, dict):
                for name, subschema in value.items():
                    if name in instance:
                        yield from iter_errors(subschema, instance[name], (*path, name))
        elif keyword == "items":
            if isinstance(instance, list):
                for index, item in enumerate(instance):
                    yield from iter_errors(value, item, (*path, index))
        elif keyword == "required":
            if isinstance(instance, dict):
                for name in value:
                    if name not in instance:
                        yield SchemaError(path, keyword, schema, instance, missing=name)
        elif keyword in _VALIDATING and not _holds(keyword, value, instance):
            yield SchemaError(path, keyword, schema, instance)


def _holds(keyword: str, value: Any, instance: Any) -> bool:
    if keyword == "type":
        return any(_is_type(instance, t) for t in ([value] if isinstance(value, str) else value))
    if keyword == "enum":
        return isinstance(instance, str) and instance in value  # text enums: equal iff ==
    if keyword == "pattern":
        return not isinstance(instance, str) or re.search(value, instance) is not None
    if keyword == "format":  # "date", as jsonschema's FormatChecker checks it
        return not isinstance(instance, str) or _is_date(instance)
    if keyword == "minLength":
        return not isinstance(instance, str) or len(instance) >= value
    if keyword == "minItems":
        return not isinstance(instance, list) or len(instance) >= value
    if keyword == "minimum":
        return not _is_type(instance, "number") or not instance < value
    raise AssertionError(keyword)


def _is_date(value: str) -> bool:
    try:
        return bool(_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_type(instance: Any, name: str) -> bool:
    """jsonschema's Draft 2020-12 type checker."""
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    import numbers  # only for an invalid document: not on a one-file run's start-up

    return isinstance(instance, numbers.Number)  # "number"
