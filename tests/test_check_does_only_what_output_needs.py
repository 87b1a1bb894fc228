"""`nohero check` does only what its output needs: the findings formats get
the same findings without authorship, bus factors or (when no enabled rule
reads it) git history; a run limited to some paths builds only their history."""

from __future__ import annotations

import datetime as dt
import inspect
import json

from gitrepo import DEFAULT_MKDOCS, Repo, runbook
from nohero.config import load_config
from nohero.pipeline import analyse
from nohero.reporters import reporters_for
from nohero.rules import RULES

REPORTERS = reporters_for("check")

TODAY = dt.date(2026, 11, 25)
COVERED = runbook(reviewed="2026-09-01").replace("---\n#", "covers: [src/**]\n---\n#", 1)


def history_repo(repo: Repo, mkdocs: str = DEFAULT_MKDOCS) -> None:
    """Drift (src changed after the review) and single-author findings."""
    repo.knowledge_base({"db.md": COVERED, "cache.md": runbook(title="Cache")}, mkdocs=mkdocs)
    repo.commit("kb", date="2026-08-01T10:00:00+00:00")
    repo.commit("code", files={"src/app.py": "x = 1\n"}, date="2026-10-01T10:00:00+00:00")


def test_findings_output_gives_the_same_findings_without_the_full_report(repo: Repo) -> None:
    history_repo(repo)
    config = load_config(cwd=repo.path)
    full = analyse(config, TODAY)
    lean = analyse(config, TODAY, output="findings")
    assert {f.rule for f in full.findings} >= {"drift", "single-author"}
    assert lean.findings == full.findings
    assert lean.report.findings == full.report.findings
    assert lean.report.docs == [] and full.report.docs
    assert lean.history is not None and lean.history.available
    for name, reporter in REPORTERS.items():
        if reporter.needs == "findings":  # prints exactly what it printed from the full report
            assert reporter().render(lean.report) == reporter().render(full.report), name


def test_every_check_format_reports_what_json_reports(repo: Repo) -> None:
    history_repo(repo)
    shown = json.loads(repo.cli("check", "--format", "json", "--today", TODAY.isoformat()).output)
    expected = {(f["path"], f["rule"], f["line"]) for f in shown["findings"]}
    assert expected
    for fmt in ("text", "github", "sarif"):
        out = repo.cli("check", "--format", fmt, "--today", TODAY.isoformat()).output
        for path, rule, line in expected:
            assert path in out and rule in out and str(line) in out, (fmt, path, rule)


def test_history_is_not_read_when_no_enabled_rule_reads_it(repo: Repo) -> None:
    quiet = DEFAULT_MKDOCS.replace(
        "  - nohero:\n",
        "  - nohero:\n      severity:\n        drift: off\n        single-author: off\n"
        "        review-rubber-stamp: off\n",
    )
    history_repo(repo, mkdocs=quiet)
    config = load_config(cwd=repo.path)
    lean = analyse(config, TODAY, output="findings")
    assert lean.history is None and lean.history_state == "not-read"
    assert analyse(config, TODAY).history is not None  # the full report still reads it
    repo.write("mkdocs.yml", quiet.replace("drift: off", "drift: warning"))
    again = analyse(load_config(cwd=repo.path), TODAY, output="findings")
    assert again.history is not None and "drift" in {f.rule for f in again.findings}


def test_a_rule_that_reads_history_says_so() -> None:
    for rule in RULES.values():
        module = inspect.getsource(__import__(rule.module, fromlist=["check"]))
        assert ("ctx.history" in module) == rule.needs_history, rule.id


def test_findings_formats_declare_what_they_read() -> None:
    assert {name for name, r in REPORTERS.items() if r.needs == "findings"} >= {
        "text",
        "github",
        "sarif",
    }
    assert REPORTERS["json"].needs == "report"


def test_a_path_limited_run_builds_only_that_documents_history(repo: Repo) -> None:
    history_repo(repo)
    config = load_config(cwd=repo.path)
    whole = analyse(config, TODAY)
    one = analyse(config, TODAY, paths=[repo.path / "docs/db.md"], output="findings")
    assert one.history is not None and set(one.history.docs) == {"docs/db.md"}
    assert one.findings == [f for f in whole.findings if f.path == "docs/db.md"]
    assert "src/app.py" in one.history.last_change  # drift still sees every path
