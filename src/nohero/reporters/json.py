"""The contract's JSON report (`schema_version` 1), for machines.

Key order is the report's own (stable, readable); indentation makes diffs of
saved reports meaningful.
"""

from __future__ import annotations

import json

from ..report import Report
from .base import Rendered, Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "the JSON report of the contract (schema_version 1)"

    def render(self, report: Report, color: bool = False) -> Rendered:
        return Rendered(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
