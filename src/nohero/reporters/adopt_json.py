"""`nohero adopt --format json`: the plan as data (`schema_version` 1)."""

from __future__ import annotations

import json

from ..adopt.plan import Plan
from ..escape import utf8_clean


def render(plan: Plan) -> str:
    return json.dumps(utf8_clean(plan.to_dict()), indent=2, ensure_ascii=False) + "\n"
