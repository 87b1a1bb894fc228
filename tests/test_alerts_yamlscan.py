"""The fast rule-file reader (`nohero.alerts.yamlscan`) against libyaml.

The fast reader must answer exactly as composing with libyaml does, or step
aside (`Unusual`): never a different alert, line, value, or a file libyaml
refuses read as if it were fine. Rule files are generated with every scalar
style, comments, blank lines, both indentation widths, indentless sequences,
CRLF, duplicate keys and hostile characters, then randomly damaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nohero.alerts import ruletext
from nohero.alerts.yamlscan import Unusual, scan

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "alerts").rglob("*.y*ml"))

TEXT = st.lists(
    st.sampled_from(
        list("abcXYZ019 _.-/:#{}[]'\"\\|>&*!%@`,?~=\t") + ["é", "\u00a0", "{{", "}}", ": ", " #"]
    ),
    max_size=8,
).map("".join)
KEYS = ("alert", "expr", "for", "labels", "annotations", "severity", "summary", "runbook_url")


def compose(text: str) -> tuple[list[Any], list[Any]]:
    return ruletext._compose(text, "r.yaml")


def fast(text: str) -> tuple[list[Any], list[Any]] | None:
    """The fast reader's answer, or None when it steps aside."""
    try:
        return ruletext._read_trees(scan(text), "r.yaml", fast=True)
    except Unusual:
        return None


def same_as_libyaml(text: str) -> bool:
    """Asserts the fast answer (if any) is libyaml's; True when it gave one."""
    mine = fast(text)
    if mine is None:
        return False
    assert mine == compose(text), text
    return True


@st.composite
def scalar(draw: Any, indent: int, needed: bool = True) -> str:
    """A scalar value written after `key:` in a random style."""
    value = draw(st.one_of(TEXT, st.sampled_from(["", "~", "null", "15m", "critical", "x y"])))
    style = draw(
        st.sampled_from(["plain", "plain", "plain", "single", "double", "literal", "folded"])
    )
    comment = draw(st.sampled_from(["", "", " # note", "  #x"]))
    if style == "plain":
        return " " + value + comment if value else comment
    if style == "single":
        return " '" + value.replace("'", "''") + "'" + comment
    if style == "double":
        return ' "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' + comment
    lines = draw(st.lists(st.one_of(TEXT, st.just("")), min_size=0, max_size=3))
    chomp = draw(st.sampled_from(["", "-", "+"]))
    pad = " " * (indent + draw(st.sampled_from([1, 2, 4])))
    body = "".join(f"\n{pad}{line}" if line else "\n" for line in lines)
    return f" {'|' if style == 'literal' else '>'}{chomp}{comment}{body}"


@st.composite
def mapping(draw: Any, indent: int, keys: tuple[str, ...], depth: int) -> str:
    lines = []
    if depth > 0 and draw(st.integers(0, 4)):  # most rules name their alert first
        lines.append(f"{' ' * indent}alert: {draw(st.sampled_from(['A', 'B', 'C']))}")
    for key in draw(st.lists(st.sampled_from(keys), min_size=1, max_size=5)):
        if depth > 0 and key in ("labels", "annotations") and draw(st.booleans()):
            nested = draw(mapping(indent + 2, ("severity", "summary", "runbook_url", "team"), 0))
            lines.append(f"{' ' * indent}{key}:\n{nested}")
        else:
            lines.append(f"{' ' * indent}{key}:{draw(scalar(indent))}")
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", " " * indent + "# c", "   "])))
    return "\n".join(lines)


@st.composite
def rule_file(draw: Any) -> str:
    step = draw(st.sampled_from([2, 4]))
    indentless = draw(st.booleans())
    head = draw(
        st.sampled_from(
            [
                "groups:\n",
                "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n",
                "kind: Deployment\nspec:\n  groups:\n",
            ]
        )
    )
    base = 0 if head == "groups:\n" else 2
    dash = base if indentless else base + step
    rules = []
    for _ in range(draw(st.integers(1, 3))):
        item = draw(mapping(dash + 2, KEYS, 1))
        rules.append(" " * dash + "- " + item.lstrip(" "))
    group = f"{' ' * dash}- name: g\n{' ' * (dash + 2)}rules:\n" + "\n".join(
        " " * (step if not indentless else 0)
        + r.replace("\n", "\n" + " " * step * (not indentless))
        for r in rules
    )
    text = head + group + "\n"
    if draw(st.booleans()):
        text = text + "---\n" + text
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 3)) == 0:
        text = text.rstrip("\n")
    return text


@st.composite
def damaged(draw: Any) -> str:
    text = draw(rule_file())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        token = draw(
            st.sampled_from(["\t", " ", "\n", "- ", ": ", "&a ", "*a", "!!str ", "#", "'"])
        )
        text = text[:at] + token + text[at:]
    return text


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(rule_file())
@example("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n")
def test_generated_rule_files_read_as_libyaml_reads_them(text: str) -> None:
    same_as_libyaml(text)


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
@example("groups:\r\n  - name: g\r\n    rules:\r\n    - alert: \xa0\r\n  \r\n")  # NBSP only
def test_damaged_rule_files_never_read_differently(text: str) -> None:
    same_as_libyaml(text)


def test_plain_rule_files_take_the_fast_path() -> None:
    """The point of the fast reader: ordinary rule files never need libyaml."""
    plain = (
        "groups:\n"
        "- name: db  # the database\n"
        "  rules:\n"
        "  - alert: DBDown\n"
        "    expr: |\n"
        '      pg_up{job="db"} == 0\n'
        "\n"
        "      # a comment inside the expression\n"
        "    for: 5m\n"
        "    labels:\n"
        "      severity: critical\n"
        "    annotations:\n"
        "      summary: >-\n"
        "        The database\n"
        "        is down\n"
        "      description: 'It''s down: {{ $labels.instance }}'\n"
        '      runbook_url: "https://rb.example.com/db/"\n'
        "  - record: job:up:sum\n"
        "    expr: sum(up)\n"
    )
    assert same_as_libyaml(plain)
    (alert,), problems = fast(plain) or ([], [])
    assert not problems
    assert (alert.name, alert.line, alert.url_line) == ("DBDown", 4, 17)
    assert alert.expr == 'pg_up{job="db"} == 0\n\n# a comment inside the expression\n'
    assert alert.summary == "The database is down"
    assert (alert.severity, alert.duration) == ("critical", "5m")


def test_fixture_and_benchmark_rule_files_read_alike() -> None:
    """Every realistic rule file in the tests reads the same both ways; those
    without anything unusual take the fast path."""
    import sys

    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from bench_alerts import ALERTS, runbook_url

    bench = "groups:\n- name: generated\n  rules:" + "".join(
        ALERTS.format(
            name=f"A{i}", service="svc", i=i, url=runbook_url(100, i), severity="critical"
        )
        for i in range(40)
    )
    assert same_as_libyaml(bench)
    assert len((fast(bench) or ([], []))[0]) == 40
    taken = [same_as_libyaml(path.read_text(encoding="utf-8")) for path in FIXTURES]
    assert any(taken)


def test_what_the_fast_reader_leaves_to_libyaml() -> None:
    for text in (
        "groups: [{name: g, rules: []}]\n",  # flow collections
        "groups:\n- &g {name: g}\n- *g\n",  # anchors, aliases
        "groups:\n- name: !!str g\n",  # tags
        "groups:\n- name: a\n    b\n",  # a plain scalar over two lines
        "groups:\n\t- name: g\n",  # tab indentation
        "%YAML 1.1\n---\ngroups: []\n",  # directives
        "groups:\n- name: 'a\n  b'\n",  # a quoted scalar over two lines
        "kind: ConfigMap\ndata:\n  a.rules: |\n    groups: []\n",  # rule files inside
    ):
        assert fast(text) is None, text


def test_a_null_runbook_url_is_no_runbook_url_whichever_reader() -> None:
    """`runbook_url: ~` is YAML's null: the alert has no runbook (libyaml's
    composer marks plain scalars with style '', which once read it as '~')."""
    for text in (
        "groups:\n- name: g\n  rules:\n  - alert: A\n    annotations:\n      runbook_url: ~\n",
        "groups: [{name: g, rules: [{alert: A, annotations: {runbook_url: null}}]}]\n",
    ):
        ((alert,), _) = compose(text)
        assert alert.runbook_url is None
