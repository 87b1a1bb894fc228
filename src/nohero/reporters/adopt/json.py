"""`nohero adopt --format json`: the plan as data (`schema_version` 1)."""

from __future__ import annotations

import json

from ...adopt.plan import Plan
from ...escape import utf8_clean
from ..base import Rendered, Reporter


def _render(plan: Plan) -> str:
    return json.dumps(utf8_clean(plan.to_dict()), indent=2, ensure_ascii=False) + "\n"


class AdoptJson(Reporter[Plan]):
    def render(self, data: Plan, color: bool = False) -> Rendered:
        return Rendered(_render(data))
