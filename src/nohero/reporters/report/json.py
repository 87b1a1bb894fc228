"""`nohero report --format json`: the contract's JSON report, exactly what
`nohero check --format json` prints for the same report."""

from __future__ import annotations

from ...risks import ReportForPeriod
from ..base import Rendered, Reporter
from ..check.json import JsonReporter


class ReportJson(Reporter[ReportForPeriod]):
    def render(self, data: ReportForPeriod, color: bool = False) -> Rendered:
        return JsonReporter().render(data.report)
