"""`nohero whatif --format json`: the contract's shape (`schema_version` 1)."""

from __future__ import annotations

import json

from ...whatif import WhatIf
from ..base import Rendered, Reporter


def _render(result: WhatIf) -> str:
    return json.dumps(result.to_dict(), indent=2) + "\n"


class WhatifJson(Reporter[WhatIf]):
    def render(self, data: WhatIf, color: bool = False) -> Rendered:
        return Rendered(_render(data))
