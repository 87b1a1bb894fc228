"""A field has the wrong type or value for the document's type (JSON Schema).

Each document type has a JSON Schema (`nohero schema TYPE` prints it). Keys
other tools use are allowed; keys nohero knows must have the right shape.
A missing owner, backup_owner, last_reviewed or escalation is reported by its
own rule instead, so each problem appears once.

Passes:

    ---
    type: runbook
    service: payments-api
    owner: alice
    backup_owner: bob
    last_reviewed: 2026-10-02
    review_every: 90d
    ---

Fails (`last_reviewed` is not a date, `review_every` is not `Nd`/`Nw`, and a
runbook needs a `service`):

    ---
    type: runbook
    owner: alice
    backup_owner: bob
    last_reviewed: last week
    review_every: quarterly
    ---
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..schema import validate_meta
from .base import Hit, RuleContext

ID = "schema"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    for problem in validate_meta(doc.meta, doc.doc_type):
        yield Hit(doc.line_of(*problem.path), problem.message)
