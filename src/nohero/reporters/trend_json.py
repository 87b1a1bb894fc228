"""`nohero report --trend monthly --format json`."""

from __future__ import annotations

import json

from ..trend import Trend


def render(trend: Trend) -> str:
    return json.dumps(trend.to_dict(), indent=2) + "\n"
