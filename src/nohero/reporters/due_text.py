"""`nohero due` as plain text: one block per owner, backups named."""

from __future__ import annotations

from ..due import DueListing, describe
from ..wording import plural


def render(listing: DueListing) -> str:
    if not listing.owners:
        window = plural(listing.within_days, "day")
        return f"Nothing overdue or due within {window} ({listing.today}).\n"
    lines: list[str] = []
    for owner in listing.owners:
        handle = f" @{owner.github}" if owner.github else ""
        who = f"{owner.id} ({owner.name}){handle}" if owner.id else owner.name
        count = len(owner.docs)
        lines.append(f"{who}: {plural(count, 'document')}")
        for doc in owner.docs:
            backup = doc.backup_owner
            named = f"{listing.backup_names.get(backup, backup)} ({backup})" if backup else "none"
            lines.append(
                f"  {describe(doc.to_dict()):<20} {doc.path}  {doc.title}  [backup: {named}]"
            )
        lines.append("")
    return "\n".join(lines)
