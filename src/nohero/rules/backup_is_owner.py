"""The backup must be someone other than the owner.

A backup that resolves only to the owner gives no cover when the owner is
away: the same id, a member of the owning team, or a team whose active
members all belong to the owning team (or are the owner).

Passes (bob is not alice; team `sre` has people outside `payments`):

    owner: alice
    backup_owner: bob

    owner: payments
    backup_owner: sre

Fails (alice is the owner; alice is a member of the owning team `payments`):

    owner: alice
    backup_owner: alice

    owner: payments
    backup_owner: alice
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext

ID = "backup-is-owner"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    owner, backup = doc.owner, doc.backup_owner
    if owner is None or backup is None:
        return
    fix = "name someone outside the owner's team as backup_owner"
    if backup == owner:
        yield Hit(doc.line_of("backup_owner"), f"backup_owner '{backup}' is the owner: {fix}")
        return
    covered = set(ctx.roster.people_of(owner))
    backups = set(ctx.roster.active_people_of(backup, ctx.today))
    if covered and backups and backups <= covered:
        if owner in ctx.roster.teams and backup in ctx.roster.people:
            why = f"is a member of the owning team '{owner}'"
        else:
            why = f"resolves only to the owner ({', '.join(sorted(backups))})"
        yield Hit(doc.line_of("backup_owner"), f"backup_owner '{backup}' {why}: {fix}")
