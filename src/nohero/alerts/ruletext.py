"""One rule file's text -> its alerts (with the line of every `alert:` and
`runbook_url`) and what could not be read.

A rule file is plain Prometheus (`groups:`), Kubernetes `PrometheusRule`
objects (`spec.groups`, also inside a `kind: List`), or a `ConfigMap` whose
data values are rule files (older kube-prometheus and Helm charts mount
rules that way), in one or more YAML documents. Documents of other kinds (a
Deployment, a kustomization, Helm values) are skipped quietly: globs like
`monitoring/**/*.yaml` match them too. What cannot be read becomes a
`Problem` on that file, never an exception: invalid YAML, a Helm template
(render it first), a document with more alerts than any real rule set (YAML
aliases multiplying a group).

Reading: `yamlscan` (plain block YAML, most rule files, several times faster)
builds the tree; anything it leaves alone, or any file with a problem, is
composed by libyaml and turned into the same tree, so there is one reading
of the tree (`_alerts_in_document`) whichever parser ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from ..frontmatter import MAX_DEPTH
from ..yamlload import _Loader, _too_deep_line
from .yamlscan import OPAQUE, Node, Unusual, scan

MAX_ALERTS_PER_FILE = 50_000
MAX_RULES_PER_FILE = 200_000  # alerts and recording rules, after alias expansion
_HELM = re.compile(
    r"\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|include\b|template\b|define\b"
    r"|toYaml\b|tpl\b|if\b|end\b|range\b|with\b|else\b)|^\s*\{\{",
    re.M,
)
_KINDS = ("PrometheusRule",)
_NULLS = ("", "~", "null", "Null", "NULL")
_TREE_DEPTH = 16  # deeper than any field an alert needs


class Alert(NamedTuple):
    """One `alert:` rule as written; values that were not strings are shown as text."""

    name: str
    file: str  # repo-relative POSIX path of the rule file
    line: int  # line of `alert:`
    group: str
    expr: str
    duration: str | None  # the rule's `for`
    severity: str | None  # the `severity` label
    summary: str | None  # the `summary` annotation
    runbook_url: str | None  # None: no runbook_url annotation
    url_line: int  # line of `runbook_url`, else of `alert:`
    url_problem: str | None = None  # runbook_url present but not a single string
    team: str | None = None  # the `team` (else `owner`) label: who answers it


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str


class _TextLoader(_Loader):  # type: ignore[misc, valid-type]
    """Composes without resolving implicit tags (a Python call per scalar,
    most of the parse time): every scalar stays text, which is all a rule
    file's alerts need."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


def parse_rule_text(text: str, rel: str) -> tuple[list[Alert], list[Problem]]:
    """Alerts and problems of one rule file's text."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate({0x85: " ", 0x2028: " ", 0x2029: " "})  # keep libyaml's lines ours
    try:
        return _read_trees(scan(text), rel, fast=True)
    except Unusual:
        return _compose(text, rel)


def _read_trees(docs: list[Node], rel: str, fast: bool) -> tuple[list[Alert], list[Problem]]:
    alerts: list[Alert] = []
    problems: list[Problem] = []
    budget = [MAX_RULES_PER_FILE]
    for doc in docs:
        for item in _alerts_in_document(doc, rel, budget, fast):
            if isinstance(item, Problem):
                if fast:
                    raise Unusual("a problem: libyaml says it")
                problems.append(item)
            else:
                alerts.append(item)
    if fast and len(alerts) > MAX_ALERTS_PER_FILE:
        raise Unusual("too many alerts")
    return alerts, problems


def _too_many(rel: str) -> tuple[list[Alert], list[Problem]]:
    return [], [
        Problem(
            rel,
            1,
            f"more than {MAX_ALERTS_PER_FILE} alerts (YAML aliases repeating a "
            "group?); not read: split the file",
        )
    ]


def _compose(text: str, rel: str) -> tuple[list[Alert], list[Problem]]:
    deep = _deep_line(text)
    if deep is not None:
        return [], [Problem(rel, deep, f"nested more than {MAX_DEPTH} levels deep; not read")]
    alerts: list[Alert] = []
    problems: list[Problem] = []
    loader = _TextLoader(text)
    trees: list[Node] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            configmap = _configmap(node, rel)
            if configmap is not None:
                alerts.extend(configmap[0])
                problems.extend(configmap[1])
                continue
            trees.append(_tree(node, {}, 0))
    except yaml.MarkedYAMLError as exc:
        problems.append(_yaml_problem(exc, text, rel))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        problems.append(Problem(rel, 1, f"not valid YAML ({type(exc).__name__}); not read"))
    finally:
        loader.dispose()
    found, more = _read_trees(trees, rel, fast=False)
    alerts.extend(found)
    problems.extend(more)
    if len(alerts) > MAX_ALERTS_PER_FILE:
        return _too_many(rel)
    return alerts, problems


def _tree(node: yaml.Node, seen: dict[int, Node], depth: int) -> Node:
    """A composed node as the tree `yamlscan` builds; shared (aliased) nodes
    are converted once and shared, so an alias bomb stays small."""
    done = seen.get(id(node))
    if done is not None:
        return done
    line = _line(node)
    value: Any
    if depth > _TREE_DEPTH:
        value = None
    elif isinstance(node, yaml.ScalarNode):
        value = _text(node)
    elif isinstance(node, yaml.MappingNode):
        value = {}
        for key, item in node.value:
            if isinstance(key, yaml.ScalarNode):
                value[str(key.value)] = _tree(item, seen, depth + 1)
    else:
        value = [_tree(item, seen, depth + 1) for item in node.value]
    seen[id(node)] = (value, line)
    return seen[id(node)]


def _deep_line(text: str) -> int | None:
    """libyaml composes recursively in C and crashes far past MAX_DEPTH levels;
    a file whose brackets and line lengths cannot nest that deep skips the scan."""
    reach = text.count("[") + text.count("{") + max(map(len, text.split("\n")), default=0)
    return _too_deep_line(text) if reach > 20_000 else None


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, rel: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    helm = _HELM.search(text)
    if helm is not None:
        return Problem(
            rel,
            text.count("\n", 0, helm.start()) + 1,
            "looks like a Helm template, not a rule file: point plugins.nohero.alerts.rules "
            "at the rendered rules ('helm template ...') or leave this file out",
        )
    reason = exc.problem or "invalid YAML"
    return Problem(rel, line, f"not valid YAML ({reason}): the alerts in it are not read")


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1 if node.start_mark is not None else 1


def _text(node: yaml.Node | None) -> str | None:
    """A scalar as text (numbers and booleans too); None for anything else."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if not value.strip() or (not node.style and value in _NULLS):  # plain: "" (libyaml) or None
            return None
        return value
    return None


def _configmap(node: yaml.Node, rel: str) -> tuple[list[Alert], list[Problem]] | None:
    """A ConfigMap's rule files (`data: {alerts.yaml: |- groups: ...}`), read
    with lines in this file: exact for `|` blocks (each line of the value is
    a line of the file), else every finding on the value's first line. A
    value that is not a rule file (no alert in it, and it cannot be read as
    one) is skipped quietly unless its key names a rule file
    (`*.rules`, `*alert*.yaml`, `*rule*.yml`). None when the node is no ConfigMap."""
    if not isinstance(node, yaml.MappingNode):
        return None
    top = {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    if _text(top.get("kind")) != "ConfigMap":
        return None
    data = top.get("data")
    alerts: list[Alert] = []
    problems: list[Problem] = []
    if not isinstance(data, yaml.MappingNode):
        return alerts, problems
    for key, value in data.value:
        text = _text(value) if isinstance(key, yaml.ScalarNode) else None
        if text is None or "groups" not in text:
            continue
        start = _line(value)
        exact = value.style == "|"

        def place(line: int, start: int = start, exact: bool = exact) -> int:
            return start + line if exact else start

        found, trouble = parse_rule_text(text, rel)
        if trouble and not found and not _rules_named(str(key.value)):
            continue  # some other configuration that mentions groups: not ours
        alerts.extend(a._replace(line=place(a.line), url_line=place(a.url_line)) for a in found)
        problems.extend(Problem(rel, place(p.line), p.message) for p in trouble)
    return alerts, problems


def _rules_named(name: str) -> bool:
    """A ConfigMap key that names a rule file (`alerts.yaml`, `prometheus.rules`)."""
    name = name.lower()
    return name.endswith(".rules") or (
        name.endswith((".yaml", ".yml")) and ("rule" in name or "alert" in name)
    )


def _alerts_in_document(
    doc: Node, rel: str, budget: list[int], fast: bool
) -> Iterator[Alert | Problem]:
    top = doc[0] if isinstance(doc[0], dict) else {}
    kind = _scalar(top.get("kind"))
    if kind == "ConfigMap" and fast:
        raise Unusual("a ConfigMap: its rule files are read from the composed nodes")
    items = top.get("items")
    if kind == "List" and items is not None and isinstance(items[0], list):
        for item in items[0]:
            yield from _alerts_in_document(item, rel, budget, fast)
        return
    if "groups" in top and kind is None:
        groups = top["groups"]
    elif kind in _KINDS:
        spec = top.get("spec", doc)
        spec_fields = spec[0] if isinstance(spec[0], dict) else {}
        if "groups" not in spec_fields:
            yield Problem(rel, doc[1], f"{kind} without spec.groups: no alerts read from it")
            return
        groups = spec_fields["groups"]
    else:
        return  # another kind of YAML document: not ours
    if not isinstance(groups[0], list):
        yield Problem(rel, groups[1], "'groups' must be a list of rule groups")
        return
    for group in groups[0]:
        fields = group[0] if isinstance(group[0], dict) else {}
        if not fields:
            yield Problem(rel, group[1], "a rule group must be a mapping with name and rules")
            continue
        name = _scalar(fields.get("name")) or ""
        rules = fields.get("rules")
        if rules is None:
            continue
        if not isinstance(rules[0], list):
            yield Problem(rel, rules[1], f"group '{name}': 'rules' must be a list")
            continue
        budget[0] -= len(rules[0])
        if budget[0] < 0:
            yield Problem(
                rel,
                rules[1],
                f"more than {MAX_RULES_PER_FILE} rules (YAML aliases repeating a group?); "
                "the rest is not read: split the file",
            )
            return
        for rule in rules[0]:
            if isinstance(rule[0], dict) and "alert" in rule[0]:
                yield from _alert(rule[0], name, rel)


def _scalar(node: Node | None) -> str | None:
    """A scalar's text; None for a null, a collection or nothing."""
    if node is None:
        return None
    value = node[0]
    if value is OPAQUE:
        raise Unusual("a value the fast reader skipped")
    return value if isinstance(value, str) else None


def _alert(fields: dict[str, Node], group: str, rel: str) -> Iterator[Alert | Problem]:
    alert = fields["alert"]
    name = _scalar(alert)
    if name is None:
        yield Problem(rel, alert[1], "'alert' must name the alert")
        return
    labels_node = fields.get("labels")
    labels = labels_node[0] if labels_node is not None and isinstance(labels_node[0], dict) else {}
    annotations_node = fields.get("annotations")
    annotations: dict[str, Node] = {}
    if annotations_node is not None:
        if isinstance(annotations_node[0], dict):
            annotations = annotations_node[0]
        elif annotations_node[0] is not None:
            yield Problem(
                rel, annotations_node[1], f"alert {name}: 'annotations' must be a mapping"
            )
    url_node = annotations.get("runbook_url")
    url = _scalar(url_node)
    url_problem = None
    if url_node is not None and isinstance(url_node[0], (dict, list)):
        url_problem = "runbook_url must be one address, not a list or a mapping"
    yield Alert(
        name=name.strip(),
        file=rel,
        line=alert[1],
        group=group,
        expr=_scalar(fields.get("expr")) or "",
        duration=_scalar(fields.get("for")),
        severity=_scalar(labels.get("severity")),
        summary=_scalar(annotations.get("summary")),
        runbook_url=url.strip() if url else None,
        url_line=url_node[1] if url_node is not None else alert[1],
        url_problem=url_problem,
        team=_scalar(labels.get("team")) or _scalar(labels.get("owner")),
    )
