"""`nohero report --trend monthly --format json`."""

from __future__ import annotations

import json

from ...trend import Trend
from ..base import Rendered, Reporter


def _render(trend: Trend) -> str:
    return json.dumps(trend.to_dict(), indent=2) + "\n"


class TrendJson(Reporter[Trend]):
    def render(self, data: Trend, color: bool = False) -> Rendered:
        return Rendered(_render(data))
