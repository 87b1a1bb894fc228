"""What a rule is: an id, a default severity, and a generator of hits.

A rule module looks like this (its docstring is its user documentation, with
a passing and a failing example):

    ID = "owner-missing"
    SEVERITY = Severity.ERROR

    def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if doc.owner is None:
            yield Hit(doc.line_of("owner"), "add 'owner: <id from people.yml>'")

Rules never read files or run git: they receive the parsed document, the
roster and, when available, the mined history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..document import Document
from ..findings import Severity
from ..freshness import ReviewState, review_state
from ..lazyclass import field, record
from ..roster import Roster

if TYPE_CHECKING:
    from ..alerts import AlertIndex
    from ..history.model import History


@record(frozen=True)
class Hit:
    line: int
    message: str


@record(frozen=True)
class FileHit:
    """A hit on a file that is not a document (a Prometheus rule file).
    `severity` overrides the configured one (alert-runbook-missing by label)."""

    path: str
    line: int
    message: str
    severity: Severity | None = None


@record
class RuleContext:
    config: Config
    roster: Roster
    today: dt.date
    history: History | None = None
    alerts: AlertIndex | None = None  # when plugins.nohero.alerts is configured
    documents: dict[str, Document] = field(default_factory=dict)  # by path: what alert rules reach
    cache: dict[object, Any] = field(default_factory=dict)  # per run: values several rules need

    def review_state(self, doc: Document) -> ReviewState:
        """The document's review state, computed once per run for all review rules."""
        key = ("review", id(doc))
        state = self.cache.get(key)
        if state is None:
            state = self.cache[key] = review_state(doc, self.config, self.today)
        return state  # type: ignore[no-any-return]

    def review_command(self, doc: Document) -> str:
        """The `nohero review` command for `doc`, to run from the repository
        root (every path nohero prints is relative to it): with `-f` when
        mkdocs.yml lives in a subfolder, since `review` reads the config from
        the current folder by default."""
        import shlex

        option = self.cache.get("review -f")
        if option is None:  # once per run, not once per overdue document
            config_file = self.config.config_file
            config_rel = self.config.rel(config_file) if config_file is not None else "mkdocs.yml"
            option = "" if config_rel == "mkdocs.yml" else f" -f {shlex.quote(config_rel)}"
            self.cache["review -f"] = option
        return f"nohero review{option} {shlex.quote(doc.path)}"


def no_hits(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """The `check` of a rule without one (its hits are on other files): the
    checker skips it rather than call it for every document."""
    return iter(())


@record(frozen=True)
class Rule:
    id: str
    default_severity: Severity
    check: Callable[[Document, RuleContext], Iterator[Hit]]
    documentation: str
    module: str
    # Rules about the rule files: once per run, hits on any file.
    check_alerts: Callable[[RuleContext], Iterator[FileHit]] | None = None
    needs_history: bool = False  # `NEEDS_HISTORY = True` in the module: reads ctx.history

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        check: Any = getattr(module, "check", None) or no_hits
        return cls(
            id=module.ID,
            default_severity=module.SEVERITY,
            check=check,
            documentation=(module.__doc__ or "").strip(),
            module=module.__name__,
            check_alerts=getattr(module, "check_alerts", None),
            needs_history=bool(getattr(module, "NEEDS_HISTORY", False)),
        )

    @property
    def summary(self) -> str:
        return self.documentation.splitlines()[0] if self.documentation else self.id


def who_left(ctx: RuleContext, ident: str | None, key: str) -> str | None:
    """'owner 'dave' has' / 'every member of team 'x' has' when everyone
    behind `ident` has left by today; None otherwise (shared by the owner and
    backup departure rules)."""
    if ident is None or not ctx.roster.all_left(ident, ctx.today):
        return None
    if ident in ctx.roster.teams:
        return f"every member of team '{ident}' has"
    return f"{key} '{ident}' has"


def misspelt_key(doc: Document, key: str) -> str | None:
    """A key in the front matter that is almost `key` (`Owner`, `backup-owner`,
    `last-reviewed`, `ownr`): what the author meant to write, so a missing-field
    finding can say "did you mean" instead of only "add it"."""
    for written in doc.meta:
        if not isinstance(written, str) or written == key:
            continue
        folded = written.strip().lower().replace("-", "_").replace(" ", "_")
        if folded == key:
            return written
        import difflib  # only when a key is missing and another is written

        if difflib.get_close_matches(folded, [key], n=1, cutoff=0.8):
            return written
    return None


def missing_key(doc: Document, key: str, advice: str) -> Hit:
    """The finding for a missing `key`: at the misspelt key when there is one."""
    written = misspelt_key(doc, key)
    if written is None:
        return Hit(doc.line_of(key), advice)
    return Hit(
        doc.line_of(written),
        f"no {key}: found '{written}:', did you mean '{key}:'? Rename it (keys are lower-case "
        "with underscores)",
    )
