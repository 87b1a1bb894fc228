"""`nohero due --format markdown`: for a chat post or a step summary."""

from __future__ import annotations

from ...due import DueListing
from ..base import Rendered, Reporter
from ..reminders import owner_markdown


def _render(listing: DueListing) -> str:
    lines = [f"## Reviews due ({listing.today}, window {listing.within_days} days)", ""]
    if not listing.owners:
        lines += ["Nothing is overdue or due soon.", ""]
    for owner in listing.owners:
        lines += owner_markdown(owner.to_dict())
    return "\n".join(lines)


class DueMarkdown(Reporter[DueListing]):
    def render(self, data: DueListing, color: bool = False) -> Rendered:
        return Rendered(_render(data))
