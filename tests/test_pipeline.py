"""The one analysis pipeline (`nohero.pipeline.analyse`) and its one error
policy, as every command sees it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os

import pytest

import nohero.knowledge_base
from gitrepo import Repo, runbook
from nohero.config import ConfigError, load_config
from nohero.pipeline import analyse

TODAY = dt.date(2026, 11, 25)
DAY = TODAY.isoformat()


def test_analysis_has_the_report_the_findings_and_the_history(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="dave")})
    repo.commit(author="Bob Example <bob@example.com>", date="2026-10-01T10:00:00+00:00")
    analysis = analyse(load_config(cwd=repo.path), TODAY)
    assert [d.path for d in analysis.report.docs] == ["docs/db.md"]
    assert analysis.history is not None and analysis.history.available
    assert analysis.history_state == "available" and analysis.history_note is None
    assert {f.rule for f in analysis.errors} == {"owner-departed"}
    assert analysis.report.docs[0].authors == [("bob", 1)]


def test_history_off_reads_no_history(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit()
    analysis = analyse(load_config(cwd=repo.path), TODAY, history="off")
    assert analysis.history is None and analysis.history_state == "not-read"
    assert analysis.report.to_dict()["history"] == "not read"


@pytest.mark.parametrize("command", ["check", "report", "due", "whatif", "codeowners"])
def test_a_missing_docs_dir_is_exit_2_for_every_command(repo: Repo, command: str) -> None:
    repo.knowledge_base({"db.md": runbook()}, mkdocs="site_name: x\ndocs_dir: documents\n")
    result = repo.cli(command, "--today", DAY)
    assert result.exit_code == 2, result.output
    assert "docs_dir 'documents' does not exist" in result.output
    assert "no documents found" not in result.output


def test_a_missing_docs_dir_fails_the_site_build(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()}, mkdocs="site_name: x\ndocs_dir: documents\n")
    result = repo.cli("build", "--today", DAY)
    assert result.exit_code == 2 and "docs_dir 'documents' does not exist" in result.output


def test_a_folder_path_with_no_document_is_exit_2(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.write("docs/empty/readme.txt", "not markdown\n")
    result = repo.cli("check", "--today", DAY, "docs/empty")
    assert result.exit_code == 2
    assert "docs/empty holds no Markdown document under docs_dir 'docs'" in result.output


def test_a_shallow_clone_is_fatal_only_where_history_is_required(
    repo: Repo, tmp_path: pytest.TempPathFactory
) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit(date="2026-09-01T10:00:00+00:00")
    repo.commit(message="second", date="2026-09-02T10:00:00+00:00")
    clone = Repo(repo.path.parent / "shallow", init=False)
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone.path))
    config = load_config(cwd=clone.path)
    with pytest.raises(ConfigError, match="shallow clone.*fetch-depth: 0"):
        analyse(config, TODAY, history="required")
    analysis = analyse(config, TODAY)  # check, build: go on, and say so
    assert analysis.history_state == "shallow"
    assert any("shallow clone" in n and "fetch-depth: 0" in n for n in analysis.notes)
    check = clone.cli("check", "--today", DAY)
    assert check.exit_code == 0 and "drift and single-author skipped" in check.output


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="needs mkdocs")
def test_build_reads_and_parses_each_document_once(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nohero build` runs the pipeline once and hands it to the plugin: the
    precheck and the site read the same parse."""
    repo.knowledge_base(
        {"db.md": runbook(), "cache.md": runbook(title="Cache flush")},
        mkdocs="site_name: x\ndocs_dir: docs\nplugins:\n  - nohero\n",
    )
    repo.commit()
    reads: list[str] = []
    real = nohero.knowledge_base.read_document

    def counting(config, source, *args):  # type: ignore[no-untyped-def]
        reads.append(os.path.basename(source))  # a str from discovery, a Path for PATHS
        return real(config, source, *args)

    monkeypatch.setattr(nohero.knowledge_base, "read_document", counting)
    result = repo.cli("build", "--today", DAY)
    assert result.exit_code == 0, result.output
    assert sorted(reads) == ["cache.md", "db.md"]
    page = (repo.path / "site/db/index.html").read_text()
    assert "alice" in page.lower()  # the site was built from that one analysis


def test_history_mined_while_documents_load_fails_like_history_read_after(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mine starts in a thread before the documents load; what it raises
    reaches the pipeline's error policy as if mined in line: a note when
    history is optional, exit 2 when required."""
    import threading

    from nohero.history import miner

    repo.knowledge_base({"db.md": runbook()})
    repo.commit()
    threads: list[str] = []

    def broken(config: object, **options: object) -> object:
        threads.append(threading.current_thread().name)
        raise RuntimeError("pack file vanished")

    monkeypatch.setattr(miner, "mine", broken)
    config = load_config(cwd=repo.path)
    analysis = analyse(config, TODAY)
    assert analysis.history_state == "unreadable"
    assert any("pack file vanished" in note for note in analysis.notes)
    with pytest.raises(ConfigError, match="pack file vanished"):
        analyse(config, TODAY, history="required")
    assert threads == ["nohero-mine", "nohero-mine"]  # not the caller's thread


def test_history_mined_while_documents_load_equals_history_mined_after(repo: Repo) -> None:
    from nohero.history.miner import load_history
    from nohero.roster import load_roster

    repo.knowledge_base({"db.md": runbook(owner="dave"), "web.md": runbook()})
    repo.commit(author="Bob Example <bob@example.com>", date="2026-10-01T10:00:00+00:00")
    repo.commit(
        files={"docs/web.md": runbook(reviewed="2026-10-02")},
        author="Ann Example <ann@example.com>",
        date="2026-10-02T10:00:00+00:00",
    )
    config = load_config(cwd=repo.path)
    analysis = analyse(config, TODAY)
    after = load_history(config, load_roster(config.roster_path), documents=analysis.kb.documents)
    assert analysis.history is not None
    assert analysis.history.docs == after.docs and analysis.history.head == after.head


def test_the_history_cache_written_after_the_hand_over_is_there_when_analyse_returns(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A background mine hands its answer over first and writes the history
    cache after, in its thread, while the pipeline resolves and reports;
    `analyse` returns only once that write is done (a console-script run
    then ends with os._exit, which would cut a write still running)."""
    import threading
    import time

    from nohero.history import cache

    repo.knowledge_base({"db.md": runbook()})
    repo.commit()
    real_save = cache.save
    saved_in: list[str] = []

    def slow_save(*args: object, **kwargs: object) -> bool:
        time.sleep(0.3)  # longer than the rest of this small run
        saved_in.append(threading.current_thread().name)
        return real_save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "save", slow_save)
    config = load_config(cwd=repo.path)
    analysis = analyse(config, TODAY)
    assert saved_in == ["nohero-mine"]
    assert not [t for t in threading.enumerate() if t.name == "nohero-mine"]
    assert analysis.history is not None and analysis.history.available
    warm = analyse(config, TODAY)
    assert warm.history is not None and warm.history.stats["cache"] == "warm"
    assert saved_in == ["nohero-mine"]  # read, not written again


def test_rules_checked_while_git_log_runs_give_the_findings_of_one_pass(repo: Repo) -> None:
    """The pipeline checks the rules that never read history before the
    mine ends and the history rules after: the findings (order included)
    are those of every rule run over every document in one pass."""
    from nohero.checker import severity_of
    from nohero.findings import Finding, sort_findings
    from nohero.rules import RULES, RuleContext

    alice = "Alice Example <alice@example.com>"
    covers = "covers: [src/**]"
    repo.knowledge_base({"solo.md": runbook(reviewed="2026-01-01", backup="", extra=covers)})
    repo.commit(author=alice, date="2026-01-01T09:00:00+00:00")
    repo.write("src/app.py", "print('changed after the review')\n")
    repo.write(
        "docs/solo.md", runbook(reviewed="2026-01-01", backup="", extra=covers, body="# New\n")
    )
    repo.write("docs/odd.md", "---\ntitle: [unclosed\n---\n# Odd\n")
    repo.commit(author=alice, date="2026-06-01T09:00:00+00:00")
    config = load_config(cwd=repo.path)
    analysis = analyse(config, TODAY)
    assert analysis.history is not None and analysis.history.available
    ctx = RuleContext(
        config=config, roster=analysis.kb.roster, today=TODAY, history=analysis.history
    )
    one_pass: list[Finding] = []
    for doc in analysis.kb.documents:
        hits = [(p.rule, p.line, p.message) for p in doc.problems]
        if doc.readable:
            hits += [(r.id, h.line, h.message) for r in RULES.values() for h in r.check(doc, ctx)]
        for rule, line, message in hits:
            severity = severity_of(rule, analysis.kb)
            if severity is not None:
                one_pass.append(Finding(doc.path, max(1, line), rule, severity, message))
    rules = {f.rule for f in analysis.findings}
    assert {"drift", "single-author", "frontmatter-invalid", "backup-missing"} <= rules
    assert analysis.findings == sort_findings(one_pass)
