"""Every rule against real example files: tests/rules/<rule-id>/{pass,fail}/.

A fail example names the findings it must produce, and nothing else, with
`expect: <rule> line <n>` markers (an HTML comment in Markdown, a `#` comment
in a roster). A pass example must produce no finding at all. A `.yml`
example is a roster, checked together with tests/rules/valid.md. A folder
example is a whole repository (mkdocs.yml, docs/, rule files...): each file's
markers name the findings on that file.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from nohero.checker import check_documents
from nohero.config import load_config
from nohero.findings import Finding
from nohero.knowledge_base import load_knowledge_base
from nohero.rules import RULES

EXAMPLES = Path(__file__).parent / "rules"
TODAY = dt.date(2026, 11, 25)
EXPECT = re.compile(rb"expect: ([a-z-]+) line (\d+)")
MKDOCS = "site_name: Examples\ndocs_dir: docs\nplugins:\n  - nohero\n"
# Rules that need mined git history; their examples are real histories in
# tests/test_rules_history.py.
HISTORY_RULES = {"drift", "single-author", "review-rubber-stamp"}


def example_files(kind: str) -> list[object]:
    params = []
    for rule_dir in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for example in sorted((rule_dir / kind).glob("*")):
            params.append(
                pytest.param(rule_dir.name, example, id=f"{rule_dir.name}/{kind}/{example.name}")
            )
    return params


def run_example(tmp_path: Path, example: Path) -> tuple[list[Finding], str]:
    """Check the example in a fresh knowledge base; return findings and the
    repo path the example landed at."""
    root = tmp_path / "kb"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    if example.is_dir():
        shutil.copy(EXAMPLES / "people.yml", root / "people.yml")
        shutil.copytree(example, root, dirs_exist_ok=True)
        where = ""
    elif example.suffix == ".yml":
        shutil.copy(example, root / "people.yml")
        shutil.copy(EXAMPLES / "valid.md", root / "docs" / "valid.md")
        where = "people.yml"
    else:
        shutil.copy(EXAMPLES / "people.yml", root / "people.yml")
        shutil.copy(example, root / "docs" / example.name)
        where = f"docs/{example.name}"
    kb = load_knowledge_base(load_config(cwd=root))
    return check_documents(kb, TODAY), where


@pytest.mark.parametrize(("rule_id", "example"), example_files("fail"))
def test_fail_example_gives_exactly_its_expected_findings(
    tmp_path: Path, rule_id: str, example: Path
) -> None:
    files = sorted(p for p in example.rglob("*") if p.is_file()) if example.is_dir() else [example]
    expected = {
        (
            m.group(1).decode(),
            int(m.group(2)),
            p.relative_to(example).as_posix() if p != example else "",
        )
        for p in files
        for m in EXPECT.finditer(p.read_bytes())
    }
    assert any(rule == rule_id for rule, _, _ in expected), f"{example} expects no {rule_id}"
    findings, where = run_example(tmp_path, example)
    got = {(f.rule, f.line, f.path if example.is_dir() else "") for f in findings}
    assert got == expected, [f.to_dict() for f in findings]
    for f in findings:
        assert example.is_dir() or f.path == where
        assert "\n" not in f.message and f.message.strip() == f.message and f.message


@pytest.mark.parametrize(("rule_id", "example"), example_files("pass"))
def test_pass_example_is_clean(tmp_path: Path, rule_id: str, example: Path) -> None:
    findings, _ = run_example(tmp_path, example)
    assert findings == []


def test_every_rule_has_a_passing_and_a_failing_example() -> None:
    history_tests = (Path(__file__).parent / "test_rules_history.py").read_text(encoding="utf-8")
    for rule_id in RULES:
        if rule_id in HISTORY_RULES:
            assert f'"{rule_id}"' in history_tests, f"{rule_id} needs tests on a real history"
            continue
        for kind in ("pass", "fail"):
            assert list((EXAMPLES / rule_id / kind).glob("*")), (
                f"tests/rules/{rule_id}/{kind}/ is empty"
            )
    stray = {p.name for p in EXAMPLES.iterdir() if p.is_dir()} - set(RULES)
    assert not stray, f"examples for rules that do not exist: {stray}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_documents_itself_with_examples(rule_id: str) -> None:
    rule = RULES[rule_id]
    doc = rule.documentation
    assert "PLACEHOLDER" not in doc
    assert rule.summary and rule.summary != rule_id
    for heading in ("Passes", "Fails"):
        match = re.search(
            rf"^{heading}\b[^\n]*(?:\n[^\n]+)*?:\n\n((?: {{4}}.*\n|\n)+)", doc + "\n", re.M
        )
        assert match and match.group(1).strip(), f"{rule_id}: no indented example after '{heading}'"


def test_contract_rule_ids_are_all_registered() -> None:
    contract = {
        "frontmatter-invalid",
        "schema",
        "owner-missing",
        "owner-unknown",
        "owner-departed",
        "backup-missing",
        "backup-is-owner",
        "backup-departed",
        "review-missing",
        "review-in-future",
        "review-overdue",
        "review-due-soon",
        "drift",
        "single-author",
        "escalation-broken",
    }
    assert contract <= set(RULES)
    defaults = {rid: RULES[rid].default_severity.value for rid in contract}
    assert defaults["review-overdue"] == "warning" and defaults["review-due-soon"] == "info"
    assert defaults["drift"] == "warning" and defaults["single-author"] == "warning"
    assert {
        defaults[r]
        for r in contract - {"review-overdue", "review-due-soon", "drift", "single-author"}
    } == {"error"}
