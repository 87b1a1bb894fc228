"""File names with control characters (ESC, newline, carriage return, tab, a
right-to-left override) never garble what nohero prints: each finding stays
one line naming its file visibly, CI annotations stay well-formed, SARIF and
JUnit stay valid and point at the real file, codeowners warns on one line."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest

from gitrepo import Repo, runbook

DAY = "2026-11-25"
# real name -> how a log shows it
NAMES = {
    "esc\x1b[31mred.md": "esc\\x1b[31mred.md",
    "new\nline.md": "new\\nline.md",
    "car\rriage.md": "car\\rriage.md",
    "tab\there.md": "tab\\there.md",
    "bidi\u202edm.md": "bidi\\u202edm.md",
}
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base({name: runbook(owner="alicia") for name in NAMES})
    repo.commit("odd names")
    return repo


def run(kb: Repo, fmt: str):  # type: ignore[no-untyped-def]
    result = kb.cli("check", "--today", DAY, "--no-history", "--format", fmt)
    assert result.exit_code == 1, result.output
    return result


def test_text_output_shows_each_name_visibly_on_one_line(kb: Repo) -> None:
    out = run(kb, "text").stdout
    assert not RAW.search(out)
    lines = out.splitlines()
    for shown in NAMES.values():
        assert f"docs/{shown}" in lines  # the file's own heading line, whole
    assert sum("owner-unknown" in line for line in lines) == len(NAMES)


def test_github_annotations_stay_one_command_each(kb: Repo) -> None:
    out = run(kb, "github").stdout
    assert not RAW.search(out)
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == len(NAMES)
    files = set()
    for line in commands:
        match = re.fullmatch(r"::error file=([^,:]*),line=5,title=nohero owner-unknown::.*", line)
        assert match, line
        files.add(match.group(1))
    # newline and CR are property-escaped (GitHub decodes them back to the
    # real name); ESC, tab and bidi are shown visibly, never raw
    assert files == {
        "docs/esc\\x1b[31mred.md",
        "docs/new%0Aline.md",
        "docs/car%0Driage.md",
        "docs/tab\\x09here.md",
        "docs/bidi\\u202edm.md",
    }


def test_sarif_points_at_the_real_files(kb: Repo) -> None:
    sarif = json.loads(run(kb, "sarif").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert not any(RAW.search(u) for u in uris)  # percent-encoded
    assert {unquote(u) for u in uris} == {f"docs/{name}" for name in NAMES}


def test_junit_is_valid_xml_and_shows_names_like_a_log(kb: Repo) -> None:
    result = run(kb, "junit")
    root = ET.fromstring(result.stdout_bytes)
    suites = root.findall("testsuite")
    assert {s.get("name") for s in suites} == {f"docs/{shown}" for shown in NAMES.values()}
    for failure in root.iter("failure"):
        assert failure.text is not None and "\n" not in failure.text
        assert not RAW.search(failure.text)
    # file= is for linking: the exact name where XML 1.0 can carry it
    files = {case.get("file") for case in root.iter("testcase")}
    assert "docs/new\nline.md" in files and "docs/bidi\u202edm.md" in files
    assert "docs/esc\ufffd[31mred.md" in files  # XML 1.0 has no ESC


def test_codeowners_warns_once_per_name_on_one_line(kb: Repo) -> None:
    result = kb.cli("codeowners", "--today", DAY)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stderr)
    warnings = result.stderr.splitlines()
    for shown in NAMES.values():
        line = (
            f"nohero: warning: docs/{shown}: CODEOWNERS cannot name this path exactly; not listed"
        )
        assert line in warnings
    owners = (kb.path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert not RAW.search(owners) and "docs/" not in owners
