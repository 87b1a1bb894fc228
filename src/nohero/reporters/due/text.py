"""`nohero due` as plain text: one block per owner, backups named."""

from __future__ import annotations

from ...due import DueListing
from ...escape import terminal
from ...wording import plural
from ..base import Rendered, Reporter
from ..reminders import describe


def _render(listing: DueListing) -> str:
    if not listing.owners:
        window = plural(listing.within_days, "day")
        return f"Nothing overdue or due within {window} ({listing.today}).\n"
    lines: list[str] = []
    for owner in listing.owners:
        handle = f" @{terminal(owner.github)}" if owner.github else ""
        name = terminal(owner.name)
        who = f"{terminal(owner.id)} ({name}){handle}" if owner.id else name
        count = len(owner.docs)
        lines.append(f"{who}: {plural(count, 'document')}")
        for doc in owner.docs:
            backup = doc.backup_owner
            named = (
                terminal(f"{listing.backup_names.get(backup, backup)} ({backup})")
                if backup
                else "none"
            )
            lines.append(
                f"  {describe(doc.to_dict()):<20} {terminal(doc.path)}  {terminal(doc.title)}"
                f"  [backup: {named}]"
            )
        lines.append("")
    return "\n".join(lines)


class DueText(Reporter[DueListing]):
    guard = True

    def render(self, data: DueListing, color: bool = False) -> Rendered:
        return Rendered(_render(data))
