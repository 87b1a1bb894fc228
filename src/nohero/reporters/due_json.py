"""`nohero due --format json`: the shape the reminder workflow reads."""

from __future__ import annotations

import json

from ..due import DueListing


def render(listing: DueListing) -> str:
    return json.dumps(listing.to_dict(), indent=2) + "\n"
