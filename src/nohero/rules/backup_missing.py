"""Runbooks and escalation paths need a backup_owner: someone who can act
when the owner is away.

Passes:

    ---
    type: runbook
    owner: alice
    backup_owner: bob
    ---

Fails (a runbook with no backup):

    ---
    type: runbook
    owner: alice
    ---
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..wording import article
from .base import Hit, RuleContext, missing_key

ID = "backup-missing"
SEVERITY = Severity.ERROR
NEEDS_BACKUP = ("runbook", "escalation")


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    if doc.doc_type not in NEEDS_BACKUP or doc.backup_owner is not None:
        return
    value = doc.meta.get("backup_owner")
    if value is not None and not isinstance(value, str):
        return  # the wrong type is the schema rule's to report
    yield missing_key(
        doc,
        "backup_owner",
        "no backup_owner: add 'backup_owner: <person or team other than the owner>' "
        f"(required for {article(doc.doc_type)})",
    )
