"""Configuration and arguments at their edges: exit 2 with a message that
names the problem, never a traceback, never a silent wrong answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook

TODAY = "2026-12-01"


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base(docs={"db.md": runbook(reviewed="2026-01-01")})
    repo.commit("setup", date="2026-02-01T12:00:00+00:00")
    return repo


def with_options(options: str) -> str:
    return DEFAULT_MKDOCS.rstrip("\n") + "\n" + options


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("''", "must be a folder path"),
        ("'.'", "cannot be the repository root"),
        ("docs", "cannot be inside docs_dir"),
        ("docs/.cache", "cannot be inside docs_dir"),
        ("site/cache", "cannot be inside site_dir"),
    ],
)
def test_cache_dir_refuses_the_root_and_anything_the_site_publishes(
    kb: Repo, value: str, says: str
) -> None:
    kb.write("mkdocs.yml", with_options(f"      cache_dir: {value}\n"))
    result = kb.cli("check", "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert not (kb.path / ".gitignore").exists()
    assert not (kb.path / "docs" / ".gitignore").exists()


def test_check_rejects_the_site_prefix_the_build_would_reject(kb: Repo) -> None:
    kb.write("mkdocs.yml", with_options("      site_prefix: ../outside\n"))
    result = kb.cli("check", "--today", TODAY)
    assert result.exit_code == 2
    assert "site_prefix must be a folder name" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["whatif", "--away", "alice", "--days", "100000000000", "--today", TODAY],
        ["whatif", "--away", "alice", "--from", "9999-12-30", "--days", "5"],
        ["show", "docs/db.md", "--at", "0001-01-01"],
        ["show", "docs/db.md", "--at", "9999-12-31T23:59:59"],
        ["show", "docs", "--at", "2026-06-01"],
    ],
)
def test_dates_and_numbers_at_their_limits_exit_2(kb: Repo, args: list[str]) -> None:
    result = kb.cli(*args)
    assert result.exit_code in (0, 2), result.output
    if args[0] == "show" and args[1] == "docs":
        assert result.exit_code == 2 and "is a folder" in result.stderr
    elif args[0] == "whatif":
        assert result.exit_code == 2


def test_show_far_in_the_past_says_the_file_did_not_exist(kb: Repo) -> None:
    result = kb.cli("show", "docs/db.md", "--at", "0001-01-01")
    assert result.exit_code == 2 and "did not exist yet" in result.stderr


def test_plan_issues_nested_too_deeply_is_exit_2(kb: Repo, tmp_path: Path) -> None:
    deep = tmp_path / "issues.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = kb.cli("due", "--plan-issues", str(deep), "--today", TODAY)
    assert result.exit_code == 2
    assert "nested too deeply" in result.stderr


def test_the_suggested_review_command_works_when_mkdocs_yml_is_in_a_subfolder(repo: Repo) -> None:
    repo.write("kb/mkdocs.yml", DEFAULT_MKDOCS)
    repo.write("kb/people.yml", DEFAULT_PEOPLE)
    repo.write("kb/docs/db.md", runbook(reviewed="2026-01-01"))
    repo.commit("setup")
    result = repo.cli("check", "-f", "kb/mkdocs.yml", "--today", TODAY, "--format", "json")
    messages = [f["message"] for d in json.loads(result.stdout)["docs"] for f in d["findings"]]
    overdue = next(m for m in messages if "overdue" in m)
    command = overdue.split("run '", 1)[1].rstrip("'")
    assert command == "nohero review -f kb/mkdocs.yml kb/docs/db.md"
    args = command.split()[1:] + ["--by", "alice", "--today", TODAY]
    reviewed = repo.cli(*args)  # from the repository root, as printed
    assert reviewed.exit_code == 0, reviewed.output
    assert "last_reviewed: 2026-12-01" in (repo.path / "kb/docs/db.md").read_text(encoding="utf-8")


def test_a_duplicate_front_matter_key_is_a_finding(kb: Repo) -> None:
    kb.write("docs/db.md", runbook(reviewed="2026-11-01", extra="owner: bob"))
    result = kb.cli("check", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    found = [f for d in json.loads(result.stdout)["docs"] for f in d["findings"]]
    assert any(
        f["rule"] == "frontmatter-invalid" and "more than once" in f["message"] for f in found
    )


def test_a_duplicate_roster_id_is_a_finding_and_every_document_still_checked(kb: Repo) -> None:
    people = DEFAULT_PEOPLE.replace("teams:", "  alice:\n    name: Other\nteams:")
    people = people.replace("    github: bob-gh\n", "    github: bob-gh\n    github: bob-2\n")
    kb.write("people.yml", people)
    kb.write("docs/typo.md", runbook(owner="alicia"))
    result = kb.cli("check", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    found = {(f["path"], f["rule"], f["line"], f["message"]) for f in report["findings"]}
    lines = people.splitlines()
    alice = [n for n, line in enumerate(lines, 1) if line == "  alice:"]
    github = [n for n, line in enumerate(lines, 1) if line.startswith("    github: bob")]
    assert ("people.yml", "roster-invalid", alice[1],
            f"key 'alice' appears more than once (lines {alice[0]} and {alice[1]}): "
            "YAML keeps only the last; keep one") in found  # fmt: skip
    assert any(f[1:3] == ("roster-invalid", github[1]) for f in found)
    assert ("docs/typo.md", "owner-unknown") in {f[:2] for f in found}  # still checked
    assert ("docs/db.md", "owner-unknown") not in {f[:2] for f in found}  # the last alice


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("障害対応の手順", "障害対応の手順"),
        ("Сбой базы данных", "сбой-базы-данных"),
        ("Βλάβη δικτύου", "βλάβη-δικτύου"),
    ],
)
def test_new_takes_titles_in_any_script(kb: Repo, title: str, slug: str) -> None:
    result = kb.cli("new", "runbook", title, "--today", TODAY)
    assert result.exit_code == 0, result.output
    created = kb.path / "docs" / f"{slug}.md"
    assert created.is_file()
    assert f'title: "{title}"' in created.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--today", "0001-01-01"],  # a year before: before year 1
        ["report", "--trend", "monthly", "--today", "9999-12-31"],  # the next month: year 10000
        ["build", "--today", "9999-12-31"],  # the site's trend
        ["check", "--today", "1969-12-31"],
    ],
)
def test_a_today_nohero_cannot_compute_from_is_exit_2(kb: Repo, args: list[str]) -> None:
    result = kb.cli(*args)
    assert result.exit_code == 2, result.output
    assert "is outside 1970-01-01..9899-12-31" in result.output
    inside = kb.cli("report", "--trend", "monthly", "--today", "9899-12-31")
    assert inside.exit_code == 0, inside.output


def test_nohero_today_out_of_range_is_exit_2(kb: Repo) -> None:
    result = kb.cli("report", env={"NOHERO_TODAY": "0001-01-01"})
    assert result.exit_code == 2
    assert "NOHERO_TODAY: 0001-01-01 is outside" in result.output
