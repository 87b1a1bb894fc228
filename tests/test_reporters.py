"""Every check format, rendered from real findings on a real knowledge base."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from gitrepo import Repo, runbook
from nohero.checker import check_documents
from nohero.cli import main
from nohero.config import load_config
from nohero.escape import escape_data, escape_property
from nohero.findings import Severity
from nohero.knowledge_base import load_knowledge_base
from nohero.report import Report, build_report
from nohero.reporters import Rendered, reporters_for
from nohero.rules import RULES

REPORTERS = reporters_for("check")

TODAY = dt.date(2026, 11, 25)
TRICKY_OWNER = '"100%: al\\nice"'  # YAML double-quoted: a real newline, a % and a colon
ESCALATION = runbook(
    service="payments-api", extra="escalation:\n  - page: zed\n    after: 0m"
).replace("type: runbook", "type: escalation")
DOCS = {
    "odd, name: 1.md": runbook(owner=TRICKY_OWNER),
    "ok.md": runbook(title="Fine", reviewed="2026-09-01"),
    "over.md": runbook(reviewed="2026-01-01", backup=""),
    "clean.md": runbook(title="Clean", reviewed="2026-11-01"),
    "escalation/pay.md": ESCALATION,
    "notes/html.md": runbook(owner='"<b>x|y</b>"', title="Html"),
}


def make_report(repo: Repo, docs: dict[str, str] = DOCS, today: dt.date = TODAY) -> Report:
    repo.knowledge_base(docs)
    kb = load_knowledge_base(load_config(cwd=repo.path))
    return build_report(kb, today, None, check_documents(kb, today))


@pytest.fixture
def report(repo: Repo) -> Report:
    return make_report(repo)


def test_registry_names_match_classes_and_render_returns_rendered(report: Report) -> None:
    assert list(REPORTERS) == ["github", "json", "junit", "markdown", "sarif", "text"]
    for reporter in REPORTERS.values():
        assert reporter.description
        rendered = reporter().render(report, color=False)
        assert isinstance(rendered, Rendered) and rendered.text.endswith("\n")


def test_the_fixture_has_every_severity(report: Report) -> None:
    severities = {f.severity.value for f in report.findings}
    assert severities == {"error", "warning", "info"}
    assert len({f.path for f in report.findings}) == 5


# -- text -------------------------------------------------------------------


def test_text_groups_by_file_with_summary(report: Report) -> None:
    text = REPORTERS["text"]().render(report).text
    headers = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headers[:-1] == sorted({f.path for f in report.findings})
    assert headers[-1] == "4 errors, 2 warnings, 1 info in 5 of 6 documents"
    assert re.search(
        r"^  9  error    escalation-broken  escalation level 1 pages 'zed'", text, re.M
    )
    assert "\x1b[" not in text


def test_text_keeps_a_quoted_newline_on_one_line(report: Report) -> None:
    text = REPORTERS["text"]().render(report).text
    line = next(x for x in text.splitlines() if "owner-unknown" in x and "100%" in x)
    assert "owner '100%: al\\nice' is not in the roster" in line


def test_text_colours_only_when_asked(report: Report) -> None:
    coloured = REPORTERS["text"]().render(report, color=True).text
    assert "\x1b[31merror  \x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == REPORTERS["text"]().render(report).text


def test_text_clean_run_says_so(repo: Repo) -> None:
    clean = make_report(
        repo,
        {"a.md": runbook(reviewed="2026-11-01"), "b.md": runbook(title="B", reviewed="2026-11-01")},
    )
    assert REPORTERS["text"]().render(clean).text == "2 documents, all clean\n"


# -- json -------------------------------------------------------------------


def test_json_is_the_contract_report(report: Report) -> None:
    text = REPORTERS["json"]().render(report).text
    data = json.loads(text)
    assert data == json.loads(json.dumps(report.to_dict()))
    assert list(data)[0] == "schema_version" and data["schema_version"] == 1
    assert [d["path"] for d in data["docs"]] == sorted(d["path"] for d in data["docs"])
    assert text.startswith('{\n  "schema_version": 1,')
    assert text == REPORTERS["json"]().render(report).text  # stable
    doc_lines = [line for line in text.splitlines() if line.startswith('    {"path": ')]
    assert len(doc_lines) == len(data["docs"]) + len(data["findings"])  # one item per line


# -- github -----------------------------------------------------------------


def test_github_escaping_rules() -> None:
    assert escape_data("50%: a\r\nb") == "50%25: a%0D%0Ab"
    assert escape_property("docs/a,b: c%.md") == "docs/a%2Cb%3A c%25.md"


def test_github_annotations_escape_real_findings(report: Report) -> None:
    rendered = REPORTERS["github"]().render(report)
    lines = rendered.text.splitlines()
    assert len(lines) == len(report.findings) + 1  # one per finding, then the summary
    tricky = next(x for x in lines if "owner-unknown" in x and "odd" in x)
    assert tricky.startswith(
        "::error file=docs/odd%2C name%3A 1.md,line=5,title=nohero owner-unknown::"
    )
    assert "owner '100%25: al%0Aice' is not in the roster" in tricky
    assert any(x.startswith("::warning file=docs/over.md,line=6,") for x in lines)
    assert any(x.startswith("::notice file=docs/ok.md,line=7,") for x in lines)
    assert lines[-1] == "4 errors, 2 warnings, 1 info in 5 of 6 documents"


def test_github_step_summary_is_a_markdown_table(report: Report) -> None:
    summary = REPORTERS["github"]().render(report).step_summary
    assert summary is not None
    assert summary.startswith(
        "## nohero check\n\n❌ 4 errors, 2 warnings, 1 info in 5 of 6 documents"
    )
    assert summary.count("| Line | Severity | Rule | Message |") == 5


# -- markdown ---------------------------------------------------------------


def test_markdown_escapes_html_and_pipes(report: Report) -> None:
    text = REPORTERS["markdown"]().render(report).text
    row = next(x for x in text.splitlines() if "owner-unknown" in x and "x" in x and "&lt;" in x)
    assert "<b>" not in text
    assert "&lt;b&gt;x\\|y&lt;/b&gt;" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # four cells, nothing split
    assert "### docs/notes/html.md" in text


# -- sarif ------------------------------------------------------------------

SARIF_SUBSET = {
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "informationUri", "rules"],
                                "properties": {
                                    "name": {"const": "nohero"},
                                    "informationUri": {"type": "string", "pattern": "^https://"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription", "help"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                                "help": {"$ref": "#/$defs/message"},
                                                "defaultConfiguration": {
                                                    "properties": {
                                                        "level": {"$ref": "#/$defs/level"}
                                                    }
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "ruleId",
                                "ruleIndex",
                                "level",
                                "message",
                                "locations",
                                "partialFingerprints",
                            ],
                            "properties": {
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"$ref": "#/$defs/level"},
                                "message": {"$ref": "#/$defs/message"},
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri", "uriBaseId"],
                                                        "properties": {
                                                            "uri": {
                                                                "type": "string",
                                                                "pattern": "^[^/][^ ]*$",
                                                            },
                                                            "uriBaseId": {"const": "%SRCROOT%"},
                                                        },
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine"],
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            }
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "minProperties": 1,
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "message": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string", "minLength": 1}},
        },
        "level": {"enum": ["none", "note", "warning", "error"]},
    },
}


def sarif(report: Report) -> dict:
    return json.loads(REPORTERS["sarif"]().render(report).text)


def test_sarif_matches_the_required_structure(report: Report) -> None:
    log = sarif(report)
    Draft202012Validator.check_schema(SARIF_SUBSET)
    errors = list(Draft202012Validator(SARIF_SUBSET).iter_errors(log))
    assert errors == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert (
        rules[list(RULES).index("owner-unknown")]["shortDescription"]["text"]
        == RULES["owner-unknown"].summary
    )
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["review-due-soon"] == "note" and levels["review-overdue"] == "warning"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "docs/odd%2C%20name%3A%201.md" in uris and "docs/escalation/pay.md" in uris


def test_sarif_fingerprints_survive_line_moves_and_new_days(tmp_path: Path) -> None:
    first = make_report(
        Repo(tmp_path / "one"), {"db.md": runbook(owner="alicia", reviewed="2026-01-01")}
    )
    moved_doc = runbook(owner="alicia", reviewed="2026-01-01", extra="tags: [db]\ncomment: moved")
    moved_doc = moved_doc.replace(
        "title: Payments DB failover\n", "title: Payments DB failover\nweight: 3\n"
    )
    later = make_report(
        Repo(tmp_path / "two"), {"db.md": moved_doc}, today=TODAY + dt.timedelta(days=9)
    )

    def prints(report: Report) -> dict[tuple[str, int], str]:
        return {
            (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r[
                "partialFingerprints"
            ]["noheroFinding/v1"]
            for r in sarif(report)["runs"][0]["results"]
        }

    before, after = prints(first), prints(later)
    assert set(before) == {("owner-unknown", 5), ("review-overdue", 7)}
    assert set(after) == {("owner-unknown", 6), ("review-overdue", 8)}
    assert before[("owner-unknown", 5)] == after[("owner-unknown", 6)]
    assert before[("review-overdue", 7)] == after[("review-overdue", 8)]
    assert len(set(before.values())) == 2


# -- junit ------------------------------------------------------------------


def test_junit_parses_with_a_suite_per_file(report: Report) -> None:
    junit = REPORTERS["junit"](fail_on=Severity.WARNING)
    root = ET.fromstring(junit.render(report).text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(d.path for d in report.docs)
    failing = [f for f in report.findings if f.severity.value in ("error", "warning")]
    assert root.get("tests") == "6" and root.get("failures") == str(len(failing))
    over = next(s for s in suites if s.get("name") == "docs/over.md")
    failures = over.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["backup-missing", "review-overdue"]
    ok = next(s for s in suites if s.get("name") == "docs/ok.md")
    assert ok.findall("testcase/failure") == []
    assert "review-due-soon" in (ok.findtext("testcase/system-out") or "")
    tricky = next(s for s in suites if "odd" in (s.get("name") or ""))
    # shown as a log shows it: one line, the newline visible (xml_shown)
    assert "100%: al\\nice" in tricky.find("testcase/failure").get("message")


def test_junit_fails_exactly_what_fail_on_fails(repo: Repo) -> None:
    """A warning is not a failed test when the exit code is 0."""
    repo.knowledge_base({"old.md": runbook(reviewed="2026-01-01")})  # review-overdue: warning
    default = repo.cli("check", "--today", "2026-11-25", "--no-history", "--format", "junit")
    assert default.exit_code == 0
    root = ET.fromstring(default.stdout.encode("utf-8"))
    assert root.get("failures") == "0" and root.find(".//failure") is None
    assert "review-overdue" in (root.findtext(".//system-out") or "")
    strict = repo.cli(
        "check",
        "--today",
        "2026-11-25",
        "--no-history",
        "--format",
        "junit",
        "--fail-on",
        "warning",
    )
    assert strict.exit_code == 1
    failures = ET.fromstring(strict.stdout.encode("utf-8")).findall(".//failure")
    assert [f.get("type") for f in failures] == ["review-overdue"]


# -- through the CLI --------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_check_cli_offers_every_format(
    repo: Repo, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.knowledge_base(DOCS)
    summary = repo.path / "summary.md"
    monkeypatch.chdir(repo.path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(
        main,
        ["check", "--format", fmt, "--today", TODAY.isoformat(), "--no-history"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith(REPORTERS[fmt]().render(make_report(repo)).text[:40])
    assert summary.exists() == (fmt == "github")
