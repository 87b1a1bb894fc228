"""The contract's JSON report (`schema_version` 1), for machines.

Key order is the report's own (stable, readable). Layout: one top-level key
per line and one list item (a doc, a service, a person, a finding) per line,
so diffs of saved reports stay meaningful -- and each item is encoded by the
C encoder (`indent=` would force the pure-Python one, ~5 s on 30,000 docs).
"""

from __future__ import annotations

import json
from typing import Any

from ...escape import utf8_text
from ...report import Report
from ..base import Rendered, Reporter


class JsonReporter(Reporter[Report]):
    description = "the JSON report of the contract (schema_version 1)"

    def render(self, report: Report, color: bool = False) -> Rendered:
        # Lone surrogates (undecodable file names) pass through json.dumps as
        # themselves and only ever sit inside strings, so one C-speed pass over
        # the finished text equals cleaning every string of the tree first.
        return Rendered(utf8_text(dumps_by_line(report.to_dict())))


def dumps_by_line(data: dict[str, Any]) -> str:
    """JSON with a line per top-level key and per top-level list item."""

    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    for index, (key, value) in enumerate(data.items()):
        comma = "," if index < len(data) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {enc(key)}: [")
            last = len(value) - 1
            lines.extend(f"    {enc(v)}{',' if i < last else ''}" for i, v in enumerate(value))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {enc(key)}: {enc(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
