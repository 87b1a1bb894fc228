"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

One testsuite per file, one testcase per document, one `<failure>` per
finding at or above --fail-on (default: error), so the CI's test view fails
exactly when the exit code does; the other findings go to the testcase's
`system-out`, visible without failing anything. ElementTree does the escaping;
what people read is shown like a log line (controls visible, one line).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...escape import xml_shown as _shown
from ...escape import xml_text as _xml_text
from ...findings import Finding
from ...report import Report
from ..base import Rendered, Reporter, by_path


def _finding_line(f: Finding) -> str:
    return _shown(f"{f.path}:{f.line}: {f.severity.value} [{f.rule}] {f.message}")


class JunitReporter(Reporter[Report]):
    description = "JUnit XML: a testsuite per file, a testcase per document"

    def render(self, report: Report, color: bool = False) -> Rendered:
        grouped = dict(by_path(report.findings))
        titles = {d.path: d.title for d in report.docs}
        paths = sorted(set(titles) | set(grouped))
        root = ET.Element("testsuites", name="nohero")
        total_tests = total_failures = 0
        for path in paths:
            findings = grouped.get(path, [])
            failing = [f for f in findings if f.severity.rank >= self.fail_on.rank]
            suite = ET.SubElement(
                root,
                "testsuite",
                name=_shown(path),
                tests="1",
                failures=str(len(failing)),
                errors="0",
                skipped="0",
            )
            name = _shown(titles.get(path, path))
            # file= is for linking: the exact path, as far as XML 1.0 allows
            case = ET.SubElement(
                suite, "testcase", classname=_shown(path), name=name, file=_xml_text(path)
            )
            for f in failing:
                failure = ET.SubElement(
                    case, "failure", message=_shown(f.message), type=_shown(f.rule)
                )
                failure.text = _finding_line(f)
            notes = [_finding_line(f) for f in findings if f.severity.rank < self.fail_on.rank]
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
            total_tests += 1
            total_failures += len(failing)
        root.set("tests", str(total_tests))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        ET.indent(root)
        xml = ET.tostring(root, encoding="unicode", xml_declaration=False)
        return Rendered('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n")
