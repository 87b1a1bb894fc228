"""`nohero due --format json`: the shape the reminder workflow reads."""

from __future__ import annotations

import json

from ...due import DueListing
from ..base import Rendered, Reporter


def _render(listing: DueListing) -> str:
    return json.dumps(listing.to_dict(), indent=2) + "\n"


class DueJson(Reporter[DueListing]):
    def render(self, data: DueListing, color: bool = False) -> Rendered:
        return Rendered(_render(data))
