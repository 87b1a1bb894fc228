"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Rules are listed in registry order with their ids as stable `id`s, so
`ruleIndex` only changes when a rule is added. `partialFingerprints` let a
dashboard recognise the same finding across runs: they hash the rule, the
path and the message with its digits removed (dates and day counts in a
message change every day; a finding moving to another line is still the same
finding), plus an occurrence number to keep identical findings apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ... import __version__
from ...escape import uri_path, utf8_clean, utf8_text
from ...findings import Finding, Severity
from ...report import Report
from ...rules import RULES
from ..base import Rendered, Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/nohero/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "noheroFinding/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DIGITS = re.compile(r"\d+")


def fingerprint(finding: Finding, occurrence: int) -> str:
    stable_message = _DIGITS.sub("#", finding.message)
    key = "\0".join((finding.rule, finding.path, stable_message, str(occurrence)))
    key = utf8_text(key)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n")[0].split())


def rule_descriptors() -> list[dict[str, Any]]:
    descriptors = []
    for rule in RULES.values():
        descriptors.append(
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": _first_paragraph(rule.documentation) or rule.summary},
                "help": {"text": rule.documentation or rule.summary},
                "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
            }
        )
    return descriptors


class SarifReporter(Reporter[Report]):
    needs = "findings"
    description = "SARIF 2.1.0 for code-scanning dashboards"

    def render(self, report: Report, color: bool = False) -> Rendered:
        index = {rule_id: i for i, rule_id in enumerate(RULES)}
        seen: dict[tuple[str, str, str], int] = {}
        results = []
        for f in report.findings:
            key = (f.rule, f.path, _DIGITS.sub("#", f.message))
            occurrence = seen[key] = seen.get(key, -1) + 1
            result: dict[str, Any] = {"ruleId": f.rule}
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            result.update(
                {
                    "level": LEVELS[f.severity],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": uri_path(f.path),
                                    "uriBaseId": SRCROOT,
                                },
                                "region": {"startLine": f.line},
                            }
                        }
                    ],
                    "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, occurrence)},
                }
            )
            results.append(result)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "nohero",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": rule_descriptors(),
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return Rendered(json.dumps(utf8_clean(log), indent=2, ensure_ascii=False) + "\n")
