"""`nohero adopt` on four realistic knowledge bases with real multi-author
histories: the dry run writes nothing; --write adds only front matter and
configuration, byte for byte; `check` then exits 0 and `build` works."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import adoptrepos
from gitrepo import Repo

TODAY = "2026-12-01"
BUILDERS: dict[str, Callable[[Repo], None]] = {
    "mkdocs": adoptrepos.mkdocs_site,
    "hugo": adoptrepos.hugo_tree,
    "tech-docs": adoptrepos.tech_docs,
    "bulk": adoptrepos.bulk_import,
}
CONFIGS = {"mkdocs.yml", "people.yml", ".gitignore", ".git-blame-ignore-revs"}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts[:1]
    }


def adopt(repo: Repo, *args: str) -> dict:  # type: ignore[type-arg]
    result = repo.cli("adopt", "--today", TODAY, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def only_added_front_matter(old: bytes, new: bytes) -> bool:
    """`new` is `old` with lines added inside (or as) the front matter, nothing else."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, _i1, _i2, _j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "insert":
            return False
        fence = [
            n
            for n, line in enumerate(new_lines)
            if line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n") == b"---"
        ]
        closing = fence[1] if len(fence) > 1 else -1
        if not (j2 - 1 <= closing):
            return False
    return True


@pytest.fixture(params=sorted(BUILDERS))
def kb(request: pytest.FixtureRequest, repo: Repo) -> Repo:
    BUILDERS[request.param](repo)
    repo.kind = request.param  # type: ignore[attr-defined]
    return repo


def test_dry_run_writes_nothing(kb: Repo) -> None:
    before = snapshot(kb.path)
    status = kb.git("status", "--porcelain")
    plan = adopt(kb)
    assert plan["written"] is False and plan["summary"]["docs_changed"] > 0
    assert snapshot(kb.path) == before
    assert kb.git("status", "--porcelain") == status


def test_write_changes_only_front_matter_and_configs_then_check_passes(kb: Repo) -> None:
    before = snapshot(kb.path)
    plan = adopt(kb, "--write")
    after = snapshot(kb.path)
    changed = {p for p in after if before.get(p) != after[p]}
    docs = {d["path"] for d in plan["docs"] if not d["skipped"]}
    assert changed == docs | {f["path"] for f in plan["files"] if f["action"] != "manual"}
    assert changed - docs <= CONFIGS
    for path in docs:
        assert only_added_front_matter(before[path], after[path]), path
    if "mkdocs.yml" in before:  # the team's own file: every old line kept, in order
        assert only_added_lines(before["mkdocs.yml"], after["mkdocs.yml"])
    for skipped in (d["path"] for d in plan["docs"] if d["skipped"]):
        assert after[skipped] == before[skipped]
    check = kb.cli("check", "--today", TODAY)
    assert check.exit_code == 0, check.output
    again = adopt(kb)  # adoption is complete: a second run has nothing left to add
    assert again["summary"]["docs_changed"] == 0 and not [
        f for f in again["files"] if f["action"] in ("create", "extend")
    ]


def only_added_lines(old: bytes, new: bytes) -> bool:
    matcher = difflib.SequenceMatcher(
        a=old.splitlines(True), b=new.splitlines(True), autojunk=False
    )
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def test_build_works_after_adoption(kb: Repo) -> None:
    adopt(kb, "--write")
    result = kb.cli("build", "--today", TODAY)
    assert result.exit_code == 0, result.output
    site = kb.path / "site"
    assert (site / "index.html").is_file() or any(site.rglob("index.html"))


def test_mkdocs_site_people_merged_bots_out_and_one_line_in_mkdocs_yml(repo: Repo) -> None:
    adoptrepos.mkdocs_site(repo)
    old = (repo.path / "mkdocs.yml").read_text()
    plan = adopt(repo, "--write")
    people = {p["id"]: p for p in plan["people"]}
    assert sorted(people) == ["alice", "bob", "carol", "dave"]
    assert people["alice"]["github"] == "alice"  # noreply address joined to alice@example.com
    assert len(people["alice"]["identities"]) == 2
    assert people["bob"]["emails"] == ["bob@corp.example", "bob@example.com"]
    assert people["dave"]["left"] == "2024-01-10" and people["bob"]["left"] is None
    new = (repo.path / "mkdocs.yml").read_text()
    assert new == old.replace(
        "      lang: en   # English only\n", "      lang: en   # English only\n  - nohero\n"
    )
    roster = (repo.path / "people.yml").read_text()
    assert "# last commit 2026-06-01 (2 commits)" in roster
    # nobody who left owns or backs anything up
    assert not [d for d in plan["docs"] if "dave" in d["add"].values()]


def test_left_after_flag_moves_the_window(repo: Repo) -> None:
    adoptrepos.mkdocs_site(repo)
    plan = adopt(repo, "--left-after", "36")
    assert [p["left"] for p in plan["people"]] == [None, None, None, None]


def test_hugo_type_moves_aside_lastmod_is_not_a_review_toml_is_skipped(repo: Repo) -> None:
    adoptrepos.hugo_tree(repo)
    plan = adopt(repo, "--write")
    assert plan["docs_dir"] == "content" and plan["fields"] == {"type": "nohero_type"}
    docs = {d["path"]: d for d in plan["docs"]}
    restart = docs["content/runbooks/payments/restart.md"]["add"]
    assert restart["nohero_type"] == "runbook" and restart["service"] == "payments"
    assert restart["last_reviewed"] == "2026-02-01"  # its last content change, not lastmod
    assert docs["content/legacy.md"]["skipped"].startswith("TOML")
    assert "type: docs\n" in (repo.path / "content/runbooks/payments/restart.md").read_text()
    crlf = (repo.path / "content/runbooks/search/reindex.md").read_bytes()
    assert crlf.count(b"\n") == crlf.count(b"\r\n") and b"\r\nowner: alice\r\n" in crlf
    mkdocs = (repo.path / "mkdocs.yml").read_text()
    assert 'docs_dir: "content"' in mkdocs and '"legacy.md"' in mkdocs
    assert not (repo.path / "content/sample-runbook.md").exists()  # never scaffolds samples


def test_tech_docs_keys_are_mapped_not_duplicated_and_months_are_calendar(repo: Repo) -> None:
    adoptrepos.tech_docs(repo)
    plan = adopt(repo, "--write")
    assert plan["fields"] == {
        "owner": "owner_slack",
        "last_reviewed": "last_reviewed_on",
        "review_every": "review_in",
        "type": "nohero_type",
    }
    certs = (repo.path / "docs/runbooks/certs.md").read_text()
    assert "owner_slack: alice" in certs and "\nowner:" not in certs
    assert "last_reviewed_on: 2026-03-01" in certs
    deploy = (repo.path / "docs/runbooks/deploy.md").read_text()
    assert "last_reviewed" not in deploy.replace("last_reviewed_on: 2026-08-31", "")
    assert "platform-team" in (repo.path / "people.yml").read_text()
    report = repo.cli("report", "--today", TODAY, "--format", "json")
    docs = {d["path"]: d for d in json.loads(report.stdout)["docs"]}
    assert docs["docs/runbooks/deploy.md"]["next_review"] == "2027-02-28"  # 08-31 + 6 months
    assert docs["docs/runbooks/rollback.md"]["next_review"] == "2026-02-28"  # 01-31 + 1 month
    assert docs["docs/runbooks/deploy.md"]["owner"] == "alice"


def test_bulk_commit_and_bots_make_nobody_the_holder_of_everything(repo: Repo) -> None:
    adoptrepos.bulk_import(repo)
    plan = adopt(repo, "--write")
    (bulk,) = plan["bulk_commits"]
    assert bulk["docs"] == 50 and bulk["author"] == "Porter Pete"
    ignore = (repo.path / ".git-blame-ignore-revs").read_text()
    assert bulk["sha"] in ignore
    owners = [d["add"].get("owner") for d in plan["docs"]]
    assert "pete" not in owners and "pete" not in [
        d["add"].get("backup_owner") for d in plan["docs"]
    ]
    assert {p["id"] for p in plan["people"]} == {"alice", "bob", "carol", "pete"}
    assert len(plan["bots"]) == 2
    report = json.loads(repo.cli("report", "--today", TODAY, "--format", "json").stdout)
    holders = [h for d in report["docs"] for h in d["knowledge_holders"]]
    assert "pete" not in holders  # report agrees, through .git-blame-ignore-revs
    assert "deploy@ci.example" in (repo.path / "mkdocs.yml").read_text()  # bots: for report too


def test_write_refuses_a_dirty_tree_unless_forced(repo: Repo) -> None:
    adoptrepos.mkdocs_site(repo)
    repo.write("handbook/search/reindex.md", "# Reindex\n\nwork in progress\n")
    before = snapshot(repo.path)
    refused = repo.cli("adopt", "--today", TODAY, "--write")
    assert refused.exit_code == 2 and "handbook/search/reindex.md" in refused.output
    assert snapshot(repo.path) == before
    assert repo.cli("adopt", "--today", TODAY, "--write", "--force").exit_code == 0


def test_no_git_history_is_exit_2(folder: Repo) -> None:
    folder.write("docs/a.md", "# A\n")
    result = folder.cli("adopt", "--today", TODAY)
    assert result.exit_code == 2 and "git history" in result.output


def test_the_adoption_pull_request_passes_its_own_changed_since_check(repo: Repo) -> None:
    adoptrepos.bulk_import(repo)
    repo.git("checkout", "-q", "-b", "adopt")
    adopt(repo, "--write")
    repo.commit("adopt nohero", author=adoptrepos.ALICE, date=adoptrepos.day(11))
    ratchet = repo.cli("check", "--today", TODAY, "--changed-since", "main")
    assert ratchet.exit_code == 0, ratchet.output
    # later: main has the adoption; someone drops a backup, another fixes one word elsewhere
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "adopt")
    page = repo.path / "runbooks/legacy/page-07.md"
    text = page.read_text()
    repo.commit(
        "drop backup",
        files={
            "runbooks/legacy/page-07.md": "".join(
                line for line in text.splitlines(True) if not line.startswith("backup_owner:")
            )
        },
        author=adoptrepos.BOB,
        date=adoptrepos.day(11, 2),
    )
    repo.git("checkout", "-q", "-b", "typo")
    other = repo.path / "runbooks/legacy/page-08.md"
    repo.commit(
        "typo",
        files={"runbooks/legacy/page-08.md": other.read_text().replace("Step 8", "Step eight")},
        author=adoptrepos.CAROL,
        date=adoptrepos.day(11, 3),
    )
    fine = repo.cli("check", "--today", TODAY, "--changed-since", "main")
    assert fine.exit_code == 0, fine.output
    repo.commit(
        "touch the debt",
        files={"runbooks/legacy/page-07.md": page.read_text().replace("Step 7", "Step seven")},
        author=adoptrepos.CAROL,
        date=adoptrepos.day(11, 4),
    )
    debt = repo.cli("check", "--today", TODAY, "--changed-since", "main", "--format", "json")
    assert debt.exit_code == 1
    findings = json.loads(debt.stdout)["findings"]
    assert {(f["path"], f["rule"]) for f in findings if f["severity"] == "error"} == {
        ("runbooks/legacy/page-07.md", "backup-missing")
    }


def test_bad_documents_are_skipped_untouched_and_the_rest_adopted(
    repo: Repo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# secret\n")
    nested = Repo(repo.path / "docs" / "vendored")
    nested.commit("vendored", files={"notes.md": "# Vendored\n"})
    repo.commit(
        "docs",
        files={
            "docs/good.md": "# Good\n\nFine.\n",
            "docs/broken.md": "---\ntitle: [unclosed\n---\n# Broken\n",
            "docs/binary.md": b"\x00\x01\x02 not text",
            "docs/latin1.md": "# Caf\xe9\n".encode("latin-1"),
            "docs/caf\u00e9-\u00fcber.md": "# Non-ASCII name\n",
        },
        author=adoptrepos.ALICE,
        date=adoptrepos.day(1),
    )
    repo.commit(
        "edit",
        files={"docs/good.md": "# Good\n\nFiner.\n"},
        author=adoptrepos.BOB,
        date=adoptrepos.day(2),
    )
    (repo.path / "docs/link.md").symlink_to(outside)
    bad_name = repo.path / "docs" / os.fsdecode(b"bad-\xff.md")  # not UTF-8
    bad_name.write_text("# Bad name\n")
    before = snapshot(repo.path)
    plan = adopt(repo, "--write", "--force")  # the symlink is untracked
    skipped = {d["path"]: d["skipped"] for d in plan["docs"] if d["skipped"]}
    assert set(skipped) == {
        "docs/broken.md",
        "docs/binary.md",
        "docs/latin1.md",
        "docs/link.md",
        "docs/vendored/notes.md",
    }
    assert "submodule" in skipped["docs/vendored/notes.md"]
    after = snapshot(repo.path)
    for path in skipped:
        if path in before:
            assert after[path] == before[path]
    assert outside.read_text() == "# secret\n"
    adopted = {d["path"] for d in plan["docs"] if d["add"] and not d["skipped"]}
    assert adopted == {"docs/good.md", "docs/caf\u00e9-\u00fcber.md", "docs/bad-\ufffd.md"}
    assert bad_name.read_text().startswith("---\ntype: note\n")
    check = repo.cli("check", "--today", TODAY)
    assert check.exit_code == 0, check.output


def test_a_read_only_document_is_reported_and_the_rest_written(repo: Repo) -> None:
    adoptrepos.mkdocs_site(repo)
    locked = repo.path / "handbook/search/reindex.md"
    locked.chmod(0o444)
    before = locked.read_bytes()
    result = repo.cli("adopt", "--today", TODAY, "--write", "--force")
    assert result.exit_code == 1
    assert "not written: handbook/search/reindex.md" in result.stderr
    assert locked.read_bytes() == before
    assert (repo.path / "handbook/payments/db-failover.md").read_text().startswith("---\n")
