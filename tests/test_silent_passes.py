"""No silent passes, no tracebacks: what a new user tries, and what nohero
must answer (a finding, or exit 2 with the reason -- never a quiet 0)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from faketime import start_serve
from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook

DAY = "2026-11-25"


def check(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return repo.cli("check", "--today", DAY, "--no-history", *args)


# -- intervals: never an OverflowError, never silently the default ------------


@pytest.mark.parametrize("interval", ["99999999d", "0d", "36501d", "5300w"])
def test_an_impossible_review_every_is_a_finding(folder: Repo, interval: str) -> None:
    folder.knowledge_base({"db.md": runbook(extra=f"review_every: {interval}")})
    result = check(folder)
    assert result.exit_code == 1, result.output
    assert f"review_every: {interval} must be between 1d and 36500d" in result.output
    assert "line 8" in result.output or "  8  error    schema" in result.output


def test_a_long_but_possible_review_every_is_fine(folder: Repo) -> None:
    folder.knowledge_base({"db.md": runbook(extra="review_every: 36500d")})
    assert check(folder).exit_code == 0


@pytest.mark.parametrize("key", ["due_soon: 99999999d", "due_soon: 0d"])
def test_an_impossible_due_soon_is_exit_2(folder: Repo, key: str) -> None:
    folder.knowledge_base({"db.md": runbook()}, mkdocs=DEFAULT_MKDOCS + f"      {key}\n")
    for command in ("check", "due", "report"):
        result = folder.cli(command, "--today", DAY)
        assert result.exit_code == 2, (command, result.output)
        assert "due_soon must look like '14d' or '2w', between 1d and 36500d" in result.output


def test_due_within_an_impossible_window_is_exit_2(folder: Repo) -> None:
    folder.knowledge_base({"db.md": runbook()})
    result = folder.cli("due", "--today", DAY, "--within", "9999999d")
    assert result.exit_code == 2
    assert "'9999999d' is not a window like 14d or 2w" in result.output


# -- ids: every option that names someone says who it did not find ---------


def test_whatif_away_repeated_means_all_of_them(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alice", backup="bob")})
    repo.commit()
    both = repo.cli("whatif", "--today", DAY, "--away", "alice", "--away", "bob")
    assert "What if alice and bob are away" in both.output
    assert both.exit_code == 1 and "docs/db.md" in both.output
    mixed = repo.cli("whatif", "--today", DAY, "--away", "alice", "--away", "bob,carol")
    assert "What if alice, bob and carol are away" in mixed.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("whatif", "--away", "alicia"), "'alicia' is not a person or team in people.yml"),
        (("due", "--owner", "alicia"), "'alicia' is not a person or team in people.yml"),
        (("review", "docs/db.md", "--by", "alicia"), "'alicia' is not a person in people.yml"),
        (("new", "runbook", "X", "--owner", "alicia"), "'alicia' is not a person or team in"),
    ],
)
def test_an_unknown_id_is_exit_2_with_the_closest_ids(
    repo: Repo, args: tuple[str, ...], expected: str
) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit()
    result = repo.cli(args[0], "--today", DAY, *args[1:])
    assert result.exit_code == 2, result.output
    assert expected in result.output and "did you mean 'alice'?" in result.output


def test_an_unknown_id_without_a_close_one_lists_known_ids(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit()
    result = repo.cli("whatif", "--today", DAY, "--away", "zzz")
    assert result.exit_code == 2
    assert "known ids: alice, bob, carol, dave, payments" in result.output


def test_due_owner_of_an_unknown_owner_named_in_a_document_still_lists_it(folder: Repo) -> None:
    folder.knowledge_base({"db.md": runbook(owner="ghost", reviewed="2026-01-01")})
    result = folder.cli("due", "--today", DAY, "--owner", "ghost")
    assert result.exit_code == 0 and "docs/db.md" in result.output


# -- front matter a new user gets wrong -------------------------------------


@pytest.mark.parametrize(
    ("typo", "key"),
    [
        ("Owner: alice", "owner"),
        ("backup-owner: bob", "backup_owner"),
        ("last-reviewed: 2026-10-01", "last_reviewed"),
    ],
)
def test_a_key_typo_says_did_you_mean(folder: Repo, typo: str, key: str) -> None:
    text = runbook(
        **{{"owner": "owner", "backup_owner": "backup", "last_reviewed": "reviewed"}[key]: ""}
    )
    text = text.replace("---\n#", f"{typo}\n---\n#", 1)
    folder.knowledge_base({"db.md": text})
    result = check(folder)
    assert result.exit_code == 1
    written = typo.split(":")[0]
    assert f"found '{written}:', did you mean '{key}:'?" in result.output


def test_front_matter_without_its_opening_fence_is_one_finding(folder: Repo) -> None:
    text = runbook().removeprefix("---\n")
    folder.knowledge_base({"db.md": text})
    result = check(folder, "--format", "json")
    import json

    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("frontmatter-invalid", 1)]
    assert "no opening '---'" in findings[0]["message"]


def test_a_leading_key_value_line_in_plain_markdown_is_not_front_matter(folder: Repo) -> None:
    folder.knowledge_base({"db.md": runbook(), "n.md": "Note: read me\n\n---\n\nText.\n"})
    result = check(folder, "docs/n.md")
    assert "no opening '---'" not in result.output


# -- single-author advice names someone who can help -------------------------

ALICE_ONLY = "Alice Example <alice@example.com>"


def single_author_message(repo: Repo, backup: str, people: str = DEFAULT_PEOPLE) -> str:
    repo.knowledge_base({"db.md": runbook(owner="alice", backup=backup)}, people=people)
    repo.commit(author=ALICE_ONLY)
    result = repo.cli("check", "--today", DAY, "--format", "json")
    import json

    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "single-author"]
    assert len(found) == 1, result.output
    return str(found[0]["message"])


def test_single_author_advice_names_a_team_member_not_the_team(repo: Repo) -> None:
    message = single_author_message(repo, backup="payments")  # alice and bob
    assert "have bob walk through it" in message and "payments" not in message


def test_single_author_advice_never_names_someone_away(repo: Repo) -> None:
    away = DEFAULT_PEOPLE.replace(
        "    github: bob-gh\n",
        "    github: bob-gh\n    away: [{from: 2026-11-20, to: 2026-12-10}]\n",
    )
    message = single_author_message(repo, backup="bob", people=away)
    assert "bob" not in message.split("has ever written")[1]


def test_single_author_advice_never_names_someone_who_left_or_is_unknown(repo: Repo) -> None:
    message = single_author_message(repo, backup="dave")  # left in June
    assert "dave" not in message and "someone who has not written it yet" in message


# -- the site: serve watches the roster --------------------------------------


@pytest.mark.skipif(shutil.which("nohero") is None, reason="needs the console script")
def test_serve_rebuilds_when_the_roster_changes(repo: Repo) -> None:
    mkdocs = "site_name: x\ndocs_dir: docs\nplugins:\n  - nohero\n"
    repo.knowledge_base({"db.md": runbook()}, mkdocs=mkdocs)
    repo.commit()
    output, _ = start_serve(repo.path, DAY)
    try:
        assert output.wait_for("Serving on"), str(output)
        time.sleep(0.5)
        people = Path(repo.path / "people.yml")
        people.write_text(people.read_text() + "# carol moves to payments next week\n")
        assert output.wait_for("Building documentation", 2), str(output)
    finally:
        output.stop()


# -- nohero new: a document that passes, or the exact list of what is left ----


def test_new_lists_the_fields_left_to_fill(repo: Repo) -> None:
    repo.knowledge_base({})
    bare = repo.cli("new", "runbook", "DB failover", "--today", DAY)
    assert bare.exit_code == 0, bare.output
    left = bare.output.split("left to fill before 'nohero check' passes (3):\n")[1]
    assert "service" in left and "no owner" in left and "no backup_owner" in left
    full = repo.cli(
        "new", "runbook", "Cache flush", "--today", DAY,
        "--owner", "alice", "--backup", "bob", "--service", "payments-api",
    )  # fmt: skip
    assert full.exit_code == 0 and "left to fill" not in full.output
    assert check(repo, "docs/cache-flush.md").exit_code == 0


# -- wording ----------------------------------------------------------------


def test_wording_plurals_articles_and_handles(folder: Repo) -> None:
    escalation = runbook(backup="", extra="escalation:\n  - page: alice\n  - page: bob")
    folder.knowledge_base(
        {
            "escalation/pay.md": escalation.replace("type: runbook", "type: escalation"),
            "db.md": runbook(reviewed="2026-08-26"),  # 90 days + 1
        }
    )
    result = check(folder, "--fail-on", "warning")
    assert "(required for an escalation)" in result.output
    assert "review overdue by 1 day " in result.output
    due = folder.cli("due", "--today", DAY, "--format", "markdown")
    assert "Alice Example (@alice-gh)" in due.output
    text = folder.cli("due", "--today", DAY)
    assert ": 2 documents\n" in text.output and "overdue by 1 day " in text.output
