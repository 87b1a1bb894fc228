"""One analysis per build: load the knowledge base, mine history once, run
the rules and assemble the report. Shared by the plugin and `nohero build`,
so the site and the CLI give the same answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..checker import check_documents
from ..config import Config, ConfigError
from ..findings import Finding, Severity
from ..history.miner import load_history
from ..knowledge_base import KnowledgeBase, load_knowledge_base
from ..report import Report, build_report

if TYPE_CHECKING:
    from ..history.model import History

SHALLOW_FIX = (
    "fetch the full history: with actions/checkout set 'fetch-depth: 0'; "
    "in GitLab CI set GIT_DEPTH: 0; elsewhere run 'git fetch --unshallow'"
)


@dataclass
class Analysis:
    kb: KnowledgeBase
    history: History | None
    history_note: str | None  # shown on pages when history is missing
    history_fix: str | None  # said in the log: how to get history
    findings: list[Finding]
    report: Report

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def analyse(config: Config, today: dt.date, with_history: bool = True) -> Analysis:
    kb = load_knowledge_base(config)
    history, note, fix = (None, None, None)
    if with_history:
        history, note, fix = mine_history(config, kb)
    findings = check_documents(kb, today, history)
    report = build_report(kb, today, history, findings)
    return Analysis(kb, history, note, fix, findings, report)


def mine_history(
    config: Config, kb: KnowledgeBase
) -> tuple[History | None, str | None, str | None]:
    """History plus, when it is unusable, a note for readers and a fix for the log."""
    if not config.history:
        return None, "history is turned off (plugins.nohero.history: false)", None
    if not (config.repo_root / ".git").exists():
        return None, "the site was not built from a git repository", "build from a git clone"
    shallow = (config.repo_root / ".git" / "shallow").is_file()
    try:
        history = load_history(config, kb.roster, documents=kb.documents)
    except ConfigError as exc:
        return None, str(exc), SHALLOW_FIX if shallow else None
    if history.shallow or (shallow and not history.available):
        return history, "this site was built from a shallow clone", SHALLOW_FIX
    if not history.available:
        return history, history.note or "git history is not available", None
    return history, None, None


def trend_svg(analysis: Analysis, today: dt.date, months: int = 12) -> str | None:
    """The dashboard's trend chart (the last `months` month ends), replayed
    from the history already mined, when `nohero.trend` is available."""
    try:
        module = import_module("nohero.trend")
    except ModuleNotFoundError as exc:
        if exc.name != "nohero.trend":
            raise
        return None
    compute, draw = getattr(module, "compute_trend", None), getattr(module, "trend_svg", None)
    history = analysis.history
    if compute is None or draw is None or history is None or not history.available:
        return None
    since = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    svg = draw(compute(analysis.kb, history, since, today))
    if not isinstance(svg, str) or not svg.strip():
        return None
    return "\n".join(line for line in svg.splitlines() if line.strip())  # one raw HTML block
