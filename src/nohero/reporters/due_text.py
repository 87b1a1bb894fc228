"""`nohero due` as plain text: one block per owner, backups named."""

from __future__ import annotations

from ..due import DueListing, describe


def render(listing: DueListing) -> str:
    if not listing.owners:
        return f"Nothing overdue or due within {listing.within_days} days ({listing.today}).\n"
    lines: list[str] = []
    for owner in listing.owners:
        handle = f" @{owner.github}" if owner.github else ""
        who = f"{owner.id} ({owner.name}){handle}" if owner.id else owner.name
        count = len(owner.docs)
        lines.append(f"{who}: {count} document{'s' if count != 1 else ''}")
        for doc in owner.docs:
            backup = doc.backup_owner
            named = f"{listing.backup_names.get(backup, backup)} ({backup})" if backup else "none"
            lines.append(
                f"  {describe(doc.to_dict()):<20} {doc.path}  {doc.title}  [backup: {named}]"
            )
        lines.append("")
    return "\n".join(lines)
