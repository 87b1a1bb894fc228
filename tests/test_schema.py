"""The shipped JSON Schemas and the one-line messages built from them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib import resources

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from nohero.cli import main
from nohero.config import DOC_TYPES
from nohero.schema import _fast_check, combined_schema, jsonable, schema_for, validate_meta
from nohero.schema_subset import iter_errors, supported

CONTRACT_EXAMPLE = {
    "title": "Payments DB failover",
    "type": "runbook",
    "service": "payments-api",
    "owner": "alice",
    "backup_owner": "bob",
    "last_reviewed": dt.date(2026, 10, 2),
    "review_every": "90d",
    "covers": ["services/payments/**"],
    "tags": ["database", "failover"],
    "status": "new",  # Material
    "hide": ["toc"],  # Material
    "weight": 3,  # Hugo
}


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_shipped_schemas_are_valid_and_explain_every_key(doc_type: str) -> None:
    schema = schema_for(doc_type)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is True
    for key, prop in schema["properties"].items():
        assert len(prop.get("description", "")) > 20, f"{doc_type}.{key} needs hover text"
    assert {"owner", "last_reviewed"} <= set(schema["required"])


def test_shared_keys_are_identical_in_every_type() -> None:
    shared = (
        "title",
        "type",
        "service",
        "owner",
        "backup_owner",
        "last_reviewed",
        "review_every",
        "covers",
    )
    first = schema_for("runbook")["properties"]
    for doc_type in DOC_TYPES:
        for key in shared:
            assert schema_for(doc_type)["properties"][key] == first[key]


def test_combined_schema_applies_the_type_schema() -> None:
    schema = combined_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert validator.is_valid(jsonable(CONTRACT_EXAMPLE))
    assert not validator.is_valid(jsonable({**CONTRACT_EXAMPLE, "service": None}))
    note = {k: v for k, v in CONTRACT_EXAMPLE.items() if k not in ("service", "backup_owner")}
    assert validator.is_valid(jsonable({**note, "type": "note"}))
    assert not validator.is_valid(jsonable({**note, "type": "runbook"}))


def test_contract_example_and_other_tools_keys_are_valid() -> None:
    assert validate_meta(CONTRACT_EXAMPLE, "runbook") == []


@pytest.mark.parametrize(
    ("meta", "path", "message"),
    [
        (
            {"last_reviewed": "last week"},
            ("last_reviewed",),
            "last_reviewed must be a date like 2026-10-02, got 'last week'",
        ),
        (
            {"last_reviewed": "2026-02-30"},
            ("last_reviewed",),
            "last_reviewed must be a date like 2026-10-02, got '2026-02-30'",
        ),
        (
            {"review_every": "quarterly"},
            ("review_every",),
            "review_every must be written like 90d or 12w or 6 months, got 'quarterly'",
        ),
        ({"owner": 42}, ("owner",), "owner must be text like alice, got 42"),
        (
            {"type": "playbook"},
            ("type",),
            "type must be one of runbook, escalation, architecture, note, got 'playbook'",
        ),
        ({"tags": "db"}, ("tags",), "tags must be a list of text, like [a, b], got 'db'"),
        ({"covers": ["ok/**", 3]}, ("covers", 1), "covers item 2 must be text, got 3"),
        (
            {"service": ""},
            ("service",),
            "service must not be empty: give it a value or remove the key",
        ),
        ({"service": None}, ("service",), "service must be text like payments-api, got nothing"),
    ],
)
def test_messages_name_the_key_and_the_expected_shape(
    meta: dict, path: tuple, message: str
) -> None:
    base = {"owner": "alice", "backup_owner": "bob", "last_reviewed": "2026-10-02", "service": "x"}
    assert [(p.path, p.message) for p in validate_meta({**base, **meta}, "runbook")] == [
        (path, message)
    ]


def test_escalation_levels() -> None:
    base = {"owner": "a", "backup_owner": "b", "last_reviewed": "2026-10-02", "service": "x"}
    meta = {
        **base,
        "escalation": [{"after": "soon"}, {"page": ["alice", 3]}, {"page": "bob", "after": 15}],
    }
    got = [(p.path, p.message) for p in validate_meta(meta, "escalation")]
    assert got == [
        (("escalation", 0, "page"), "escalation level 1 needs 'page': add 'page: alice'"),
        (
            ("escalation", 0, "after"),
            "escalation level 1: after must be written like 15m, got 'soon'",
        ),
        (("escalation", 1, "page", 1), "escalation level 2: page item 2 must be text, got 3"),
    ]


def test_absent_required_keys_are_left_to_their_own_rules() -> None:
    assert [p.message for p in validate_meta({}, "runbook")] == [
        "a runbook needs 'service': add 'service: payments-api'"
    ]
    assert validate_meta({"owner": "", "backup_owner": None, "last_reviewed": None}, "note") == []
    assert validate_meta({"escalation": []}, "architecture")[0:0] == []


def test_schema_command_prints_the_schemas() -> None:
    runner = CliRunner()
    whole = runner.invoke(main, ["schema"])
    assert whole.exit_code == 0 and json.loads(whole.stdout) == combined_schema()
    one = runner.invoke(main, ["schema", "escalation"])
    assert json.loads(one.stdout) == schema_for("escalation")
    assert "escalation" in json.loads(one.stdout)["properties"]
    assert runner.invoke(main, ["schema", "playbook"]).exit_code == 2
    assert "yaml-language-server: $schema=" in runner.invoke(main, ["schema", "--help"]).stdout


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False, width=16)
    | st.sampled_from(
        ["", " ", "alice", "90d", "12w", "15m", "0", "2026-10-02", "2026-02-30", "x\n", "1h"]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["page", "after", "note"]), inner)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    [
        "title",
        "type",
        "service",
        "owner",
        "backup_owner",
        "last_reviewed",
        "review_every",
        "covers",
        "tags",
        "escalation",
        "other",
    ]
)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOC_TYPES), st.dictionaries(KEYS, VALUES | st.sampled_from(list(DOC_TYPES))))
def test_fast_check_never_accepts_what_jsonschema_rejects(doc_type: str, instance: dict) -> None:
    fast = _fast_check(doc_type)
    assert fast is not None, "the shipped schemas should compile"
    full = Draft202012Validator(
        schema_for(doc_type), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    if fast(instance):
        assert full.is_valid(instance), instance


def test_each_shared_field_is_defined_once() -> None:
    """The fields every type has live in schema/common.json; a type's file
    holds only its own (escalation), and the exported schemas still carry
    every field, self-contained."""
    shipped = resources.files("nohero").joinpath("schema")
    files = {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in shipped.iterdir()
        if p.name.endswith(".json")
    }
    assert set(files) == {"common.json", *(f"{t}.json" for t in DOC_TYPES)}
    defined: dict[str, list[str]] = {}
    for name, data in files.items():
        for key in data["properties"]:
            defined.setdefault(key, []).append(name)
    assert {k: v for k, v in defined.items() if len(v) > 1} == {}
    shared = files["common.json"]["properties"]
    assert len(shared) >= 10 and shared["type"]["enum"] == list(DOC_TYPES)
    for doc_type in DOC_TYPES:
        schema = schema_for(doc_type)
        assert "$ref" not in json.dumps(schema)  # editors get it whole
        assert list(schema["properties"])[: len(shared)] == list(shared)
    combined = json.dumps(combined_schema())
    assert combined.count('"reviewed_by"') == 1  # once in the exported schema too


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOC_TYPES), st.dictionaries(KEYS, VALUES | st.sampled_from(list(DOC_TYPES))))
def test_combined_schema_judges_like_the_type_schema(doc_type: str, instance: dict) -> None:
    instance = {**instance, "type": doc_type}
    check = Draft202012Validator.FORMAT_CHECKER
    combined = Draft202012Validator(combined_schema(), format_checker=check)
    alone = Draft202012Validator(schema_for(doc_type), format_checker=check)
    assert combined.is_valid(instance) == alone.is_valid(instance), instance


def _errors_seen(errors: object) -> list[tuple]:
    return [
        (tuple(e.absolute_path), e.validator, e.validator_value, e.schema, e.instance, e.message)
        for e in errors  # type: ignore[attr-defined]
    ]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOC_TYPES), st.dictionaries(KEYS, VALUES | st.sampled_from(list(DOC_TYPES))))
def test_subset_errors_are_jsonschemas_errors(doc_type: str, instance: dict) -> None:
    """`schema_subset.iter_errors` stands in for jsonschema when a document
    is invalid: the same errors, in the same order, with the same messages."""
    schema = schema_for(doc_type)
    assert supported(schema), "the shipped schemas should stay inside the subset"
    full = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    instance = jsonable(instance)
    assert _errors_seen(iter_errors(schema, instance)) == _errors_seen(full.iter_errors(instance))


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"type": "integer", "minimum": 1}, 0.0),
        ({"type": ["string", "integer"], "minimum": 1, "pattern": "^[0-9]+d$"}, True),
        ({"format": "date"}, "2026-02-30"),
        ({"format": "date"}, "2026-10-02\n"),
        ({"enum": ["a", "b"]}, 1),
        ({"type": "array", "minItems": 2, "items": {"type": "string", "minLength": 2}}, ["", 1]),
        ({"required": ["a", "b"], "properties": {"b": {"type": "null"}}}, {"b": 0}),
    ],
)
def test_subset_errors_at_the_edges(schema: dict, instance: object) -> None:
    full = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    expected = _errors_seen(full.iter_errors(instance))
    assert expected, "each case is invalid"
    assert _errors_seen(iter_errors(schema, instance)) == expected


def test_a_schema_outside_the_subset_is_left_to_jsonschema() -> None:
    assert supported({"type": "object", "properties": {"a": {"type": "string"}}})
    assert not supported({"type": "string", "maxLength": 3})
    assert not supported({"properties": {"a": {"format": "email"}}})
    assert not supported({"items": {"enum": [1, 2]}})
    assert not supported({"additionalProperties": False})
    assert not supported({"type": "float"})


def test_invalid_front_matter_is_explained_without_importing_jsonschema() -> None:
    """A cold run over an adopted knowledge base (pages without front
    matter) must not pay for importing jsonschema."""
    code = (
        "import sys\n"
        "from nohero.schema import validate_meta\n"
        "meta = {'escalation': [{'after': 'soon'}]}\n"
        "got = [p.message for p in validate_meta(meta, 'escalation')]\n"
        "assert got and 'jsonschema' not in sys.modules, (got, 'jsonschema' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
