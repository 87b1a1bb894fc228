"""The one analysis pipeline: config -> roster -> documents -> history ->
rules -> report. `check`, `report`, `whatif`, `due`, `codeowners`, `build`,
the MkDocs plugin and the benchmarks all call `analyse()`, so every face
gives the same answer from the same inputs, read once.

One error policy, the same for every caller:
- what the user must fix before an answer means anything is a `ConfigError`
  (the CLI exits 2, the plugin raises PluginError): bad mkdocs.yml or roster,
  a docs_dir that does not exist, a PATH that holds no document, an unusable
  `--changed-since` REF, and -- when history is `"required"` -- a shallow
  clone (history would make the last committer the author of everything);
- what only narrows the answer is a note in `Analysis.notes` (the CLI prints
  it on stderr, the plugin logs it): history missing or unreadable when it
  is `"optional"`;
- bad documents are findings, never exceptions.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .checker import DocumentCheck, history_needed
from .config import Config, ConfigError
from .findings import Finding, Severity
from .gcpause import paused_gc
from .knowledge_base import KnowledgeBase, load_knowledge_base
from .lazyclass import field, record
from .report import Report, build_report, findings_report
from .roster import Roster, load_roster

if TYPE_CHECKING:
    from .changes import ChangeSet
    from .history.background import BackgroundMine
    from .history.model import History

HistoryMode = Literal["off", "optional", "required"]
# What the caller will print: the whole report, or only the findings (check's
# text, github, SARIF and Markdown formats: no authorship nor bus factors).
Output = Literal["report", "findings"]
# why history is (not) there: read and usable; not asked for; switched off in
# mkdocs.yml; no git repository; a shallow clone; git failed; other (no commits...)
HistoryState = Literal[
    "available", "not-read", "off", "not-a-repo", "shallow", "unreadable", "unavailable"
]

SHALLOW_FIX = (
    "fetch the full history: 'git fetch --unshallow' "
    "(GitHub Actions: actions/checkout with 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0)"
)
HISTORY_OFF = "history is off (plugins.nohero.history: false)"
NOT_A_REPO = "not a git repository: freshness from front matter only"
SHALLOW_NOTE = (
    "this is a shallow clone, so git history would make the last committer the author of everything"
)


_READER_NOTES = {
    "off": "history is turned off (plugins.nohero.history: false)",
    "not-a-repo": "the site was not built from a git repository",
    "shallow": "this site was built from a shallow clone",
    "unreadable": "git history could not be read",
}
_FIXES = {"not-a-repo": "build from a git clone", "shallow": SHALLOW_FIX}


@record
class Analysis:
    """Everything one run knows: what every command and the site format."""

    config: Config
    today: dt.date
    kb: KnowledgeBase  # the documents in scope (all of them without PATHS/--changed-since)
    history: History | None  # None when not read (history "off") or unusable
    findings: list[Finding]  # the findings that count (in scope)
    report: Report
    notes: list[str] = field(default_factory=list)  # for stderr / the build log
    history_state: HistoryState = "not-read"
    out_of_scope: int = 0  # findings on documents a --changed-since change did not touch
    changes: ChangeSet | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def history_note(self) -> str | None:
        """Why history is missing, in words for the site's readers; None when it is there."""
        if self.history_state in ("available", "not-read"):
            return None
        if self.history_state == "unavailable" and self.history is not None:
            return self.history.note or "git history is not available"
        return _READER_NOTES[self.history_state]

    @property
    def history_fix(self) -> str | None:
        """How to get history, for the build log; None when there is nothing to do."""
        return _FIXES.get(self.history_state)

    def fails(self, threshold: Severity) -> bool:
        """True when a finding in scope is at or above `threshold` (exit 1)."""
        return any(f.severity.rank >= threshold.rank for f in self.findings)


def analyse(
    config: Config,
    today: dt.date,
    *,
    paths: Sequence[Path] | None = None,
    history: HistoryMode = "optional",
    changed_since: str | None = None,
    progress: bool = False,
    only_documents: bool = False,
    output: Output = "report",
    early: BackgroundMine | None = None,
) -> Analysis:
    """Run the whole pipeline once.

    `paths`: limit to these files/folders (None: every document). Each path
    must hold a document, unless `only_documents` (pre-commit passes every
    Markdown file a commit touches, documents or not).
    `changed_since`: only findings the change since REF is responsible for
    count (see `nohero.changes`).
    `output="findings"`: the caller prints only findings, so the run does only
    what they need: history is not read when no enabled rule reads it, and
    `Analysis.report` carries the findings alone (see `findings_report`).
    `early`: the history mine the caller started already
    (`history.background.start_mine`), so `git log` runs while the caller
    is still busy.
    """
    if output == "findings" and history == "optional" and not history_needed(config):
        history = "off"
    with paused_gc():
        if not config.docs_dir.is_dir():
            raise ConfigError(
                f"docs_dir '{config.rel(config.docs_dir)}' does not exist: create it "
                "(nohero init) or set docs_dir in mkdocs.yml"
            )
        roster = load_roster(config.roster_path)
        if early is None:
            early = _mine_early(config, history, progress)
        try:
            return _analyse(
                config, today, paths, history, changed_since, progress, only_documents, output,
                roster, early,
            )  # fmt: skip
        finally:
            if early is not None:  # the history cache is written while the rest runs
                early.settle()


def _analyse(
    config: Config,
    today: dt.date,
    paths: Sequence[Path] | None,
    history: HistoryMode,
    changed_since: str | None,
    progress: bool,
    only_documents: bool,
    output: Output,
    roster: Roster,
    early: BackgroundMine | None,
) -> Analysis:
    changes = None
    try:
        if changed_since is not None:
            from .changes import changes_since, needs_every_document, touched_documents

            changes = changes_since(config, changed_since)
            if not needs_every_document(changes, config, with_history=history != "off"):
                paths = touched_documents(config, changes, paths)
                only_documents = True  # a change's non-Markdown files are not an error
        kb = load_knowledge_base(config, paths, roster=roster)
        if paths is not None and not only_documents:
            _require_documents(config, paths, kb)
        check = DocumentCheck(kb, today)
        if early is not None:  # git log still runs: check what history cannot change meanwhile
            early.documents_loaded(kb.documents)
            check.without_history()
    except BaseException:
        if early is not None:  # let the mine finish on its own: nobody will wait for it
            early.hand_over(dict)
        raise
    notes: list[str] = []
    mined, history_state = _history(
        config, kb, history, progress, notes, scoped=paths is not None, early=early
    )
    findings = check.finish(mined)
    if paths is not None and changes is None and kb.alerts is not None:
        # PATHS named documents only: old debt in rule files is not theirs.
        named = {config.rel(Path(os.path.abspath(p))) for p in paths}
        findings = [f for f in findings if f.path not in set(kb.alerts.files) - named]
    out_of_scope = 0
    if changes is not None:
        from .changes import scope_of

        scope = scope_of(changes, config, kb.documents, roster, today, mined, findings)
        if kb.alerts is not None:
            from .alerts.changes import alert_scope

            scope.extra |= alert_scope(changes, config, kb.alerts)
        findings, rest = scope.split(findings)
        out_of_scope = len(rest)
        in_scope = {f.path for f in findings} | scope.paths
        kb = KnowledgeBase(
            config=config,
            roster=roster,
            documents=[d for d in kb.documents if d.path in in_scope],
            partial=True,
            alerts=kb.alerts,
        )
    if output == "findings":
        report = findings_report(kb, today, mined, findings)
    else:
        report = build_report(kb, today, mined, findings, state_of=check.ctx.review_state)
    return Analysis(
        config=config,
        today=today,
        kb=kb,
        history=mined,
        findings=findings,
        report=report,
        notes=notes,
        history_state=history_state,
        out_of_scope=out_of_scope,
        changes=changes,
    )


def _require_documents(config: Config, paths: Sequence[Path], kb: KnowledgeBase) -> None:
    """A PATH that holds no document is a usage error: checking nothing must
    never look like a clean pass."""
    found = [d.source for d in kb.documents]
    found += [config.repo_root / d.path for d in kb.documents]  # through a symlinked folder
    for path in paths:
        target = os.path.abspath(path)
        base = target.rstrip(os.sep) + os.sep
        if any(str(f) == target or str(f).startswith(base) for f in found):
            continue
        where = config.rel(config.docs_dir)
        if Path(target).is_dir():
            reason = f"holds no Markdown document under docs_dir '{where}'"
        else:
            reason = f"is not a Markdown document under docs_dir '{where}'"
        raise ConfigError(f"{_shown(config, Path(target))} {reason}")


def _shown(config: Config, path: Path) -> str:
    try:
        return config.rel(path)
    except ValueError:
        return str(path)


def _mine_early(config: Config, mode: HistoryMode, progress: bool) -> BackgroundMine | None:
    """Start mining git history now, in a thread, when `_history` will read
    it: `git log` then runs while the documents load (see history.background)."""
    if mode == "off":
        return None
    from .history.background import start_mine

    return start_mine(config, progress=progress)


def _history(
    config: Config,
    kb: KnowledgeBase,
    mode: HistoryMode,
    progress: bool,
    notes: list[str],
    scoped: bool = False,
    early: BackgroundMine | None = None,
) -> tuple[History | None, HistoryState]:
    """The mined history (or None) and why it is missing when it is.
    `scoped`: only kb's documents are analysed, so only their histories are
    built (a one-file pre-commit run does not resolve 10,000 histories).
    `early`: the mine `_mine_early` started."""
    if mode == "off":
        return None, "not-read"
    from .history.model import History

    if not config.history:
        return History(available=False, note=HISTORY_OFF), "off"
    if not (config.repo_root / ".git").exists():
        return History(available=False, note=NOT_A_REPO), "not-a-repo"
    from .history.miner import load_history  # lazy: no git import without history

    try:
        mined = load_history(
            config,
            kb.roster,
            progress=progress,
            documents=kb.documents,
            only_documents=scoped,
            early=early,
        )
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - history only narrows the answer
        if mode == "required":
            raise ConfigError(f"git history could not be read: {exc}") from None
        notes.append(f"git history unavailable, drift and single-author skipped: {exc}")
        return None, "unreadable"
    if mined.shallow:
        if mode == "required":
            raise ConfigError(f"{SHALLOW_NOTE}. {SHALLOW_FIX}")
        notes.append(
            f"git history unavailable ({SHALLOW_NOTE}): drift and single-author skipped; "
            f"{SHALLOW_FIX}"
        )
        return mined, "shallow"
    if not mined.available:
        if not mined.note:
            mined.note = "no git history: freshness from front matter only"
        return mined, "unavailable"
    return mined, "available"
