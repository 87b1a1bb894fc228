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

Fails (`last_reviewed` is not a date, `review_every` is not `Nd`/`Nw` -- it
must also be between 1 day and 100 years -- and a runbook needs a `service`):

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
from ..durations import INTERVAL_RANGE, parse_interval
from ..findings import Severity
from ..schema import validate_meta
from .base import Hit, RuleContext

ID = "schema"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    problems = doc.schema_problems
    if problems is None:  # not judged while loading (no document cache)
        problems = validate_meta(doc.meta, doc.doc_type)
    for problem in problems:
        yield Hit(doc.line_of(*problem.path), problem.message)
    interval = doc.meta.get("review_every")
    if interval is None or any(p.path[:1] == ("review_every",) for p in problems):
        return  # absent, or the wrong shape (reported above)
    if parse_interval(interval) is None:
        # the right shape, but zero or absurdly long: never silently the default
        yield Hit(
            doc.line_of("review_every"),
            f"review_every: {interval} must be {INTERVAL_RANGE}: "
            "set how often this document really needs a review",
        )
