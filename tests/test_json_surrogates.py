"""The JSON reporter cleans lone surrogates (undecodable file names) in one
pass over its finished text: keys and values alike, nothing else changed."""

from __future__ import annotations

import datetime as dt
import json

from nohero.findings import Finding, Severity
from nohero.report import Report
from nohero.reporters.check.json import JsonReporter


def test_lone_surrogates_become_replacement_characters_everywhere() -> None:
    finding = Finding("docs/caf\udce9.md", 3, "owner-missing", Severity.ERROR, "add \ud800 owner")
    report = Report(
        today=dt.date(2026, 11, 25),
        docs=[],
        services=[],
        people=[],
        findings=[finding],
        document_paths=["docs/caf\udce9.md"],
    )
    text = JsonReporter().render(report).text
    text.encode("utf-8")  # would raise on a surrogate
    data = json.loads(text)
    assert data["findings"][0]["path"] == "docs/caf\ufffd.md"
    assert data["findings"][0]["message"] == "add \ufffd owner"
    assert "é" not in text and "\\u" not in text  # real characters, not escapes
