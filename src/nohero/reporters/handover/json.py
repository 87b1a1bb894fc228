"""`nohero handover --format json` (`schema_version` 1)."""

from __future__ import annotations

import json

from ...escape import utf8_clean
from ...handover import Handover
from ..base import Rendered, Reporter


def _render(result: Handover) -> str:
    return json.dumps(utf8_clean(result.to_dict()), indent=2, ensure_ascii=False) + "\n"


class HandoverJson(Reporter[Handover]):
    def render(self, data: Handover, color: bool = False) -> Rendered:
        return Rendered(_render(data))
