"""`nohero whatif --format json`: the contract's shape (`schema_version` 1)."""

from __future__ import annotations

import json

from ..whatif import WhatIf


def render(result: WhatIf) -> str:
    return json.dumps(result.to_dict(), indent=2) + "\n"
