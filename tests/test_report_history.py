"""`nohero report` on real git repositories: the contract's JSON, text and
the monthly Markdown report, shallow clones and folders outside git."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import Repo, runbook
from nohero.cli import main

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
CAROL = "Carol Example <carol@example.com>"
COVERED = "covers: [services/payments/**]"


@pytest.fixture
def kb_repo(repo: Repo) -> Repo:
    """payments.md: alice writes it (Jan), bob's code changes (Oct 3), bob
    re-dates it without an edit (Oct 10): single author, rubber stamp.
    search.md: carol and bob write it; reviewed May: overdue by November.
    db.md: alice writes it in Jan, reviewed Sep 1; db code changes Oct 20: drifted."""
    repo.knowledge_base()
    repo.commit(
        "kb",
        files={"services/payments/api.py": "v = 1\n", "services/db/x.sql": "1\n"},
        author=ALICE,
        date="2026-01-02T09:00:00+00:00",
    )
    repo.commit(
        "payments",
        files={"docs/payments.md": runbook(reviewed="2026-01-10", extra=COVERED)},
        author=ALICE,
        date="2026-01-10T09:00:00+00:00",
    )
    repo.commit(
        "db",
        files={
            "docs/db.md": runbook(
                service="db", reviewed="2026-09-01", extra="covers: [services/db/]"
            )
        },
        author=ALICE,
        date="2026-01-12T09:00:00+00:00",
    )
    search = runbook(owner="carol", backup="bob", service="search", reviewed="2026-05-01")
    repo.commit(
        "search", files={"docs/search.md": search}, author=CAROL, date="2026-05-01T09:00:00+00:00"
    )
    repo.commit(
        "search 2",
        files={"docs/search.md": search + "\nMore.\n"},
        author=BOB,
        date="2026-10-15T09:00:00+00:00",
    )
    repo.commit(
        "code",
        files={"services/payments/api.py": "v = 2\n"},
        author=BOB,
        date="2026-10-03T09:00:00+00:00",
    )
    repo.commit(
        "review",
        files={"docs/payments.md": runbook(reviewed="2026-10-10", extra=COVERED)},
        author=BOB,
        date="2026-10-10T09:00:00+00:00",
    )
    repo.commit(
        "db code", files={"services/db/x.sql": "2\n"}, author=BOB, date="2026-10-20T09:00:00+00:00"
    )
    return repo


def report(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["report", "-f", str(repo.path / "mkdocs.yml"), "--today", "2026-11-01", *args],
        catch_exceptions=False,
    )


def test_json_has_exactly_the_contract_keys(kb_repo: Repo) -> None:
    result = report(kb_repo, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema_version"] == 1
    assert {"docs", "services", "people", "summary"} <= set(data)
    assert [d["path"] for d in data["docs"]] == ["docs/db.md", "docs/payments.md", "docs/search.md"]
    doc_keys = {
        "path",
        "type",
        "service",
        "owner",
        "backup_owner",
        "last_reviewed",
        "next_review",
        "status",
        "last_modified",
        "authors",
        "knowledge_holders",
        "findings",
    }
    for doc in data["docs"]:
        assert doc_keys <= set(doc)
        for author in doc["authors"]:
            assert set(author) == {"id", "commits"}
        for finding in doc["findings"]:
            assert set(finding) == {"rule", "severity", "line", "message"}
    for service in data["services"]:
        assert {"name", "docs", "owners", "bus_factor"} <= set(service)
    for person in data["people"]:
        assert {"id", "owns", "backs_up", "sole_author_of"} <= set(person)
    assert {"by_status", "by_rule", "bus_factor"} <= set(data["summary"])


def test_json_values(kb_repo: Repo) -> None:
    data = json.loads(report(kb_repo, "--format", "json").output)
    docs = {d["path"]: d for d in data["docs"]}
    payments = docs["docs/payments.md"]
    # reviewed (re-dated by bob) is not rewritten: the two dates differ
    assert (payments["last_modified"], payments["last_content_change"]) == (
        "2026-10-10",
        "2026-01-10",
    )
    assert payments["authors"] == [{"id": "alice", "commits": 1}, {"id": "bob", "commits": 1}]
    assert payments["knowledge_holders"] == ["alice"]
    assert {f["rule"] for f in payments["findings"]} == {"single-author", "review-rubber-stamp"}
    assert docs["docs/db.md"]["status"] == "drifted"
    assert docs["docs/search.md"]["status"] == "overdue"
    assert docs["docs/search.md"]["knowledge_holders"] == [
        "carol"
    ]  # bob's one edit: 3.2345 < 3.293
    services = {s["name"]: s for s in data["services"]}
    assert services["payments-api"]["bus_factor"] == 1
    people = {p["id"]: p for p in data["people"]}
    assert people["alice"]["sole_author_of"] == ["docs/db.md", "docs/payments.md"]
    assert people["carol"]["sole_author_of"] == []
    # alice holds 2 of 3 docs alone: her absence orphans more than half
    assert data["summary"]["bus_factor"] == 1 and data["summary"]["key_people"] == ["alice"]
    assert data["summary"]["by_status"] == {
        "fresh": 1,
        "due-soon": 0,
        "overdue": 1,
        "drifted": 1,
        "unknown": 0,
    }
    assert data["summary"]["by_rule"]["drift"] == 1


def test_text_tables(kb_repo: Repo) -> None:
    result = report(kb_repo)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Overall bus factor: 1 (alice)" in out
    assert "Documents at risk (3)" in out
    assert "payments-api  1     alice   1           alice" in out


def test_markdown_monthly_report(kb_repo: Repo) -> None:
    out = report(kb_repo, "--format", "markdown", "--since", "2026-10-01").output
    assert out.startswith("## Operational knowledge: 2026-10-01 to 2026-11-01")
    assert "| 2026-10-10 | docs/payments.md | bob | re-dated |" in out
    assert "- docs/search.md: knowledge shared: written by carol, bob (was carol alone)" in out
    assert "- docs/payments.md: overdue review done on 2026-10-10 (re-dated, text unchanged)" in out
    assert (
        "| Payments DB failover (docs/db.md) | alice | bob | "
        "covered code changed since the last review" in out
    )


def test_markdown_escapes_document_text(repo: Repo) -> None:
    repo.knowledge_base(docs={"x.md": runbook(title="A | <b>bold</b>", reviewed="2020-01-01")})
    repo.commit("x", author=ALICE, date="2026-01-01T09:00:00+00:00")
    out = report(repo, "--format", "markdown").output
    assert "<b>" not in out and "A \\| &lt;b&gt;bold&lt;/b&gt;" in out


def test_shallow_clone_exits_2_with_the_fix(kb_repo: Repo, tmp_path: Path) -> None:
    clone = Repo(tmp_path / "clone", init=False)
    Repo(tmp_path, init=False).git(
        "clone", "-q", "--depth", "1", f"file://{kb_repo.path}", str(clone.path)
    )
    result = CliRunner().invoke(
        main, ["report", "-f", str(clone.path / "mkdocs.yml")], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "git fetch --unshallow" in result.output and "fetch-depth: 0" in result.output


def test_not_a_git_repository_still_reports(folder: Repo) -> None:
    folder.knowledge_base(docs={"payments.md": runbook(reviewed="2026-10-01")})
    result = CliRunner().invoke(
        main,
        [
            "report",
            "-f",
            str(folder.path / "mkdocs.yml"),
            "--today",
            "2026-11-01",
            "--format",
            "json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["docs"][0]["status"] == "fresh" and data["docs"][0]["last_modified"] is None
    assert data["summary"]["bus_factor"] is None
    assert "git" in data["history"]
    text = CliRunner().invoke(
        main,
        ["report", "-f", str(folder.path / "mkdocs.yml"), "--today", "2026-11-01"],
        catch_exceptions=False,
    )
    assert "note:" in text.output


def test_since_after_today_is_a_usage_error(kb_repo: Repo) -> None:
    assert report(kb_repo, "--since", "2026-12-01").exit_code == 2


def test_trend_is_delegated(kb_repo: Repo) -> None:
    result = report(kb_repo, "--trend", "monthly", "--since", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert "2026-06" in result.output and "2026-11-01" in result.output
