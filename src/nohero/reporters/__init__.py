"""Output formats: a name -> reporter registry.

The check command's `--format` choices are read from REPORTERS, so adding a
format is one module and one entry here. Reporters only format a `Report`.
"""

from __future__ import annotations

from .base import Rendered, Reporter
from .github import GithubReporter
from .json import JsonReporter
from .junit import JunitReporter
from .markdown import MarkdownReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (
        TextReporter,
        JsonReporter,
        GithubReporter,
        SarifReporter,
        JunitReporter,
        MarkdownReporter,
    )
}

__all__ = ["REPORTERS", "Rendered", "Reporter"]
