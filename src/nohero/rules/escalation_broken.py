"""An escalation path must page people who exist and are still here: every
level names a person or team from the roster, and the whole path reaches at
least two distinct active people.

An escalation document lists its levels in order under `escalation:`; each
level has `page:` (a person or team id, or a list of them) and `after:`
(how long after the incident starts: `0m`, `15m`, `1h`).

Passes (alice, then the payments team: alice and bob):

    type: escalation
    escalation:
      - page: alice
        after: 0m
      - page: payments
        after: 15m

Fails (level 2 pages nobody known, and only alice is reachable):

    type: escalation
    escalation:
      - page: alice
        after: 0m
      - page: alicia
        after: 15m
"""

from collections.abc import Iterator

from ..document import Document
from ..escalation import levels_of
from ..findings import Severity
from .base import Hit, RuleContext
from .owner_unknown import suggest

ID = "escalation-broken"
SEVERITY = Severity.ERROR
MIN_PEOPLE = 2


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    if doc.doc_type != "escalation":
        return
    levels = levels_of(doc)
    if doc.meta.get("escalation") is None or levels == []:
        yield Hit(
            doc.line_of("escalation"),
            "no escalation levels: add 'escalation:' with levels like "
            "'- page: alice' and 'after: 15m'",
        )
        return
    if levels is None:
        return  # the schema rule reports the wrong type
    roster, today = ctx.roster, ctx.today
    reached: set[str] = set()
    broken = False
    for level in levels:
        index, where = level.number - 1, level.line
        for ident in level.page:
            if not roster.knows(ident):
                broken = True
                yield Hit(
                    where,
                    f"escalation level {index + 1} pages '{ident}', "
                    f"who is not in the roster{suggest(ident, ctx)}",
                )
                continue
            active = roster.active_people_of(ident, today)
            if not active and roster.people_of(ident):
                broken = True
                yield Hit(
                    where,
                    f"escalation level {index + 1} pages '{ident}', who has left: "
                    "page an active person or team",
                )
            reached.update(active)
    if not broken and len(reached) < MIN_PEOPLE:
        names = ", ".join(sorted(reached)) or "nobody"
        yield Hit(
            doc.line_of("escalation"),
            f"escalation reaches {len(reached)} active "
            f"{'person' if len(reached) == 1 else 'people'} ({names}): "
            f"add a level that pages someone else, so at least {MIN_PEOPLE} people can answer",
        )
