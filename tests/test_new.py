"""`nohero new TYPE NAME`: a document with every required field, in the right folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gitrepo import DEFAULT_MKDOCS, Repo
from nohero.checker import check_documents
from nohero.cli import main
from nohero.config import DOC_TYPES, load_config
from nohero.document import parse_document
from nohero.knowledge_base import load_knowledge_base
from nohero.schema import schema_for

TODAY = "2026-11-25"
MKDOCS = """\
site_name: Test KB
plugins:
  - nohero:
      types:
        runbooks: runbook
        escalation: escalation
        architecture: architecture
        notes: note
"""


def new(repo: Repo, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(repo.path)
    return CliRunner().invoke(main, ["new", *args, "--today", TODAY], catch_exceptions=False)


def findings(repo: Repo) -> list[tuple[str, str]]:
    kb = load_knowledge_base(load_config(cwd=repo.path))
    return [(f.path, f.rule) for f in check_documents(kb, dt.date.fromisoformat(TODAY))]


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_new_doc_with_owner_and_backup_checks_clean(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, doc_type: str
) -> None:
    repo.knowledge_base(mkdocs=MKDOCS)
    args = [doc_type, "Payments DB: failover", "--owner", "alice", "--backup", "payments"]
    result = new(repo, monkeypatch, *args, "--service", "payments-api")
    folder = {
        "runbook": "runbooks",
        "escalation": "escalation",
        "architecture": "architecture",
        "note": "notes",
    }
    expected = f"docs/{folder[doc_type]}/payments-db-failover.md"
    assert (result.exit_code, result.output) == (0, expected + "\n")
    assert findings(repo) == []
    path = repo.path / expected
    doc = parse_document(expected, path, "x.md", path.read_bytes(), lambda rel, declared: declared)
    assert doc.title == "Payments DB: failover" and doc.doc_type == doc_type
    assert str(doc.meta["last_reviewed"]) == TODAY
    for key in schema_for(doc_type)["required"]:
        assert key in doc.meta, key
    if doc_type == "escalation":
        assert [level["page"] for level in doc.meta["escalation"]] == ["alice", "payments"]


def test_owner_is_prefilled_from_the_git_email(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.git("config", "user.email", "Carol@Example.COM")  # roster has carol@example.com
    repo.knowledge_base(mkdocs=MKDOCS)
    result = new(repo, monkeypatch, "note", "On-call handbook", "--backup", "bob")
    assert result.exit_code == 0, result.output
    text = (repo.path / "docs/notes/on-call-handbook.md").read_text()
    assert "\nowner: carol\nbackup_owner: bob\n" in text
    assert findings(repo) == []


def test_unknown_git_user_leaves_a_todo_that_check_reports(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.knowledge_base(mkdocs=MKDOCS)  # runner@example.com is not in the roster
    result = new(repo, monkeypatch, "runbook", "Cache stampede")
    assert result.exit_code == 0, result.output
    text = (repo.path / "docs/runbooks/cache-stampede.md").read_text()
    assert "owner:   # TODO: a person or team id from people.yml" in text
    rules = {rule for _, rule in findings(repo)}
    assert {"owner-missing", "backup-missing"} <= rules
    assert "schema" in rules  # the empty service


def test_folder_falls_back_to_docs_dir_and_root_mapping(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.knowledge_base(mkdocs=DEFAULT_MKDOCS)  # "": runbook, notes: note; no mapping for others
    assert new(repo, monkeypatch, "runbook", "A", "--owner", "alice").output.startswith(
        "docs/a.md\n"
    )
    assert new(repo, monkeypatch, "note", "B", "--owner", "alice").output.startswith(
        "docs/notes/b.md\n"
    )
    plain = "site_name: x\nplugins:\n  - nohero\n"
    repo.write("mkdocs.yml", plain)
    assert new(repo, monkeypatch, "architecture", "C", "--owner", "alice").output.startswith(
        "docs/c.md\n"
    )


def test_refuses_to_overwrite(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.knowledge_base({"runbooks/queue.md": "# mine\n"}, mkdocs=MKDOCS)
    result = new(repo, monkeypatch, "runbook", "Queue", "--owner", "alice")
    assert result.exit_code == 2
    assert "docs/runbooks/queue.md already exists" in result.output
    assert (repo.path / "docs/runbooks/queue.md").read_text() == "# mine\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["runbook", "!!!", "--owner", "alice"], "empty file name"),
        (
            ["runbook", "X", "--owner", "alicia"],
            "--owner 'alicia' is not a person or team in people.yml",
        ),
        (["runbook", "X", "--backup", "zed"], "--backup 'zed' is not a person or team"),
        (["playbook", "X"], "Invalid value for 'TYPE'"),
        (["runbook", "X", "--today", "soon"], "is not a date"),
    ],
)
def test_bad_requests_exit_2_without_traceback(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    repo.knowledge_base(mkdocs=MKDOCS)
    monkeypatch.chdir(repo.path)
    result = CliRunner().invoke(main, ["new", *args], catch_exceptions=False)
    assert result.exit_code == 2 and message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (repo.path / "docs/runbooks").exists()


def test_missing_config_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "note", "X"], catch_exceptions=False)
    assert result.exit_code == 2 and "nohero init" in result.output


def test_config_file_option_and_quoted_title(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.knowledge_base(mkdocs=MKDOCS)
    (repo.path / "sub").mkdir()
    monkeypatch.chdir(repo.path / "sub")
    args = [
        "new",
        "note",
        'Zoë\'s "yes": #1',
        "--owner",
        "alice",
        "-f",
        "../mkdocs.yml",
        "--today",
        TODAY,
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert (result.exit_code, result.output) == (0, "docs/notes/zoe-s-yes-1.md\n")
    kb = load_knowledge_base(load_config(cwd=repo.path))
    assert [d.title for d in kb.documents] == ['Zoë\'s "yes": #1']
