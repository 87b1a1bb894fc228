"""The contract's JSON report (`schema_version` 1), for machines.

Key order is the report's own (stable, readable). Layout: one top-level key
per line and one list item (a doc, a service, a person, a finding) per line,
so diffs of saved reports stay meaningful -- and each item is encoded by the
C encoder (`indent=` would force the pure-Python one, ~5 s on 30,000 docs).

A big report holds ~30,000 findings, each printed twice (in its doc and in
the top-level list): a finding's fields are encoded once, as text, and both
places reuse it; docs and findings are written key by key (plain strings by
json's own string encoder, anything else by the encoder), never turned into
dicts first. The text is exactly `json.dumps(report.to_dict(),
ensure_ascii=False)` laid out by line (property-tested), so a key added to
`DocReport.to_dict` or `Finding.to_dict` must be added here too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection
from json.encoder import encode_basestring  # the string encoder json.dumps uses here
from typing import Any

from ...escape import utf8_text
from ...findings import Finding, Severity
from ...report import DocReport, Report
from ..base import Rendered, Reporter

# one encoder for every item: json.dumps(ensure_ascii=False) builds one per call
_encode: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode


class JsonReporter(Reporter[Report]):
    description = "the JSON report of the contract (schema_version 1)"

    def render(self, report: Report, color: bool = False) -> Rendered:
        # Lone surrogates (undecodable file names) pass through json.dumps as
        # themselves and only ever sit inside strings, so one C-speed pass over
        # the finished text equals cleaning every string of the tree first.
        return Rendered(utf8_text(report_json(report)))


def report_json(report: Report) -> str:
    """`report.to_dict()` as JSON text, laid out by `dumps_by_line`."""
    data = report.parts()
    fields = {id(f): _fields(f) for f in report.findings}  # the report keeps every finding alive

    def without_path(f: Finding) -> str:
        return f"{{{fields.get(id(f)) or _fields(f)}}}"

    data["docs"] = [_doc_json(doc, without_path) for doc in report.docs]
    # f-strings, not +: one string built per item instead of four
    data["findings"] = [
        f'{{"path": {encode_basestring(f.path)}, {fields[id(f)]}}}' for f in report.findings
    ]
    return dumps_by_line(data, encoded=("docs", "findings"))


def dumps_by_line(data: dict[str, Any], encoded: Collection[str] = ()) -> str:
    """JSON with a line per top-level key and per top-level list item.
    `encoded`: keys whose list items are JSON text already."""
    lines = ["{"]
    last_key = len(data) - 1
    for index, (key, value) in enumerate(data.items()):
        comma = "," if index < last_key else ""
        if isinstance(value, list) and value:
            items = value if key in encoded else map(_encode, value)
            lines.append(f"  {_encode(key)}: [\n    " + ",\n    ".join(items) + f"\n  ]{comma}")
        else:
            lines.append(f"  {_encode(key)}: {_encode(value)}{comma}")
    lines.append("}\n")
    return "\n".join(lines)


_SEVERITY = {severity: encode_basestring(severity.value) for severity in Severity}


def _fields(f: Finding) -> str:
    """`f.to_dict(with_path=False)` as JSON, without its braces."""
    return (
        f'"rule": {encode_basestring(f.rule)}, "severity": {_SEVERITY[f.severity]}, '
        f'"line": {int(f.line)!r}, "message": {encode_basestring(f.message)}'
    )


def _doc_json(doc: DocReport, without_path: Callable[[Finding], str]) -> str:
    """`doc.to_dict()` as JSON, key by key (the encoder's own output for any
    value that is not a plain string, None or a date; tested equal)."""
    authors = ", ".join([f'{{"id": {_json(a)}, "commits": {_json(n)}}}' for a, n in doc.authors])
    holders = ", ".join([_json(h) for h in doc.knowledge_holders])
    findings = ", ".join([without_path(f) for f in doc.findings])
    alerts = ", ".join([_json(a) for a in doc.alerts])
    return (
        f'{{"path": {_json(doc.path)}, "title": {_json(doc.title)}, "type": {_json(doc.type)}, '
        f'"service": {_json(doc.service)}, "owner": {_json(doc.owner)}, '
        f'"backup_owner": {_json(doc.backup_owner)}, '
        f'"last_reviewed": {_date(doc.last_reviewed)}, "next_review": {_date(doc.next_review)}, '
        f'"status": {_json(doc.status)}, "last_modified": {_date(doc.last_modified)}, '
        f'"last_content_change": {_date(doc.last_content_change)}, "authors": [{authors}], '
        f'"knowledge_holders": [{holders}], "findings": [{findings}], "alerts": [{alerts}]}}'
    )


def _json(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return repr(value)
    return _encode(value)


def _date(value: dt.date | None) -> str:
    return f'"{value.isoformat()}"' if value else "null"
