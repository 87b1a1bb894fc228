"""What a reporter is, and the few formatting helpers the check formats share.

A reporter turns a command's result into text and nothing else: no rule decisions, no
file access, no exit codes. `Rendered.step_summary` exists because GitHub
wants two outputs from one run (annotations on stdout, Markdown for
`$GITHUB_STEP_SUMMARY`); the CLI decides where each goes, and asks for the
summary only when it has somewhere to write it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import ClassVar, Generic, Literal, TypeVar

from ..escape import terminal
from ..findings import Finding, Severity
from ..lazyclass import field, record
from ..report import Report
from ..wording import plural

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@record(frozen=True)
class Rendered:
    text: str
    # Makes the Markdown for $GITHUB_STEP_SUMMARY (`step_summary`): only when
    # the CLI will write it -- for 10,000 findings it costs twice the
    # annotations, and most runs (a terminal, another CI) have nowhere to put it.
    summarize: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    @property
    def step_summary(self) -> str | None:
        return None if self.summarize is None else self.summarize()


T = TypeVar("T")


class Reporter(ABC, Generic[T]):
    """One output format of one command: reporters/<command>/<format>.py
    defines exactly one subclass, and the file name is the `--format` value.

    `T` is what the command hands over (check and report: a `Report`; whatif:
    a `WhatIf`; due: a `DueListing`; trend: a `Trend`; adopt: a `Plan`;
    handover: a `Handover`)."""

    description: ClassVar[str] = ""
    # What render() reads from a check: "findings" (findings and the history
    # note only, so the run skips authorship, bus factors and per-doc reports)
    # or "report". Only `nohero check` asks.
    needs: ClassVar[Literal["findings", "report"]] = "report"
    # Plain human text that quotes documents: the CLI makes every line inert
    # as a last guard behind the per-field escaping (formats that colour their
    # own output, or are data, say False).
    guard: ClassVar[bool] = False

    def __init__(self, fail_on: Severity = Severity.ERROR) -> None:
        # the CLI's --fail-on: formats that mark failures (JUnit) fail exactly
        # what makes the exit code 1, no more
        self.fail_on = fail_on

    @abstractmethod
    def render(self, data: T, color: bool = False) -> Rendered:
        """Format the whole of `data`; `color` is only honoured by terminal formats."""


def finding_line(f: Finding) -> str:
    """`path:line: severity [rule] message` on one inert line, for logs."""
    return f"{terminal(f.path)}:{f.line}: {f.severity.value} [{f.rule}] {terminal(f.message)}"


def by_path(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped per file, files and findings in report order."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return sorted(groups.items())


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_line(report: Report) -> str:
    """'3 errors, 1 warning in 2 of 14 documents' or '14 documents, all clean'."""
    total = len(report.document_paths)
    documents = plural(total, "document")
    if not report.findings:
        return f"{documents}, all clean" if total else "no documents found"
    counts = severity_counts(report.findings)
    parts = [plural(n, s.value) for s, n in counts.items() if n]
    doc_paths = set(report.document_paths)
    paths = {f.path for f in report.findings}
    where = f"{sum(p in doc_paths for p in paths)} of {documents}"
    others = sorted(paths - doc_paths)
    if others:
        where += " and " + ", ".join(others)
    return f"{', '.join(parts)} in {where}"


_ANSI_COLOURS = {"red": 31, "green": 32, "yellow": 33, "cyan": 36}


def style(
    text: str,
    color: bool,
    fg: str | None = None,
    *,
    bold: bool = False,
    dim: bool = False,
    underline: bool = False,
) -> str:
    """`text` in ANSI colour when `color`, else unchanged: the few styles the
    terminal formats use, without pulling a CLI library into the core."""
    if not color:
        return text
    codes = [str(_ANSI_COLOURS[fg])] if fg else []
    codes += [code for on, code in ((bold, "1"), (dim, "2"), (underline, "4")) if on]
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text
