"""Foreign front matter (plugins.nohero.fields) and calendar review intervals:
nohero reads its fields from the keys a repository already uses, and every
message, line and edit names those keys."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, Repo
from nohero.durations import Interval, parse_interval
from nohero.fields import check_fields, nohero_view, rename_in_message

TECH_DOCS = DEFAULT_MKDOCS + (
    "      fields:\n"
    "        type: nohero_type\n"
    "        owner: owner_slack\n"
    "        last_reviewed: last_reviewed_on\n"
    "        review_every: review_in\n"
)


def tech_doc(reviewed: str = "2026-06-30", review_in: str = "6 months", extra: str = "") -> str:
    return (
        "---\n"
        "title: Restart the queue\n"
        "type: docs\n"  # Hugo's, not nohero's
        "nohero_type: runbook\n"
        "service: queue\n"
        "owner_slack: '@alice'\n"
        "backup_owner: bob\n"
        f"last_reviewed_on: {reviewed}\n"
        f"review_in: {review_in}\n"
        f"{extra}"
        "---\n# Restart the queue\n"
    )


@pytest.mark.parametrize(
    ("start", "text", "due"),
    [
        ("2026-01-31", "1 month", "2026-02-28"),
        ("2028-01-31", "1 month", "2028-02-29"),
        ("2026-06-30", "6 months", "2026-12-30"),
        ("2026-08-31", "6 months", "2027-02-28"),
        ("2024-02-29", "1 year", "2025-02-28"),
        ("2026-03-15", "2 years", "2028-03-15"),
        ("2026-01-01", "90d", "2026-04-01"),
        ("2026-01-01", "2 weeks", "2026-01-15"),
        ("2026-01-01", "10 days", "2026-01-11"),
    ],
)
def test_intervals_are_calendar_arithmetic(start: str, text: str, due: str) -> None:
    interval = parse_interval(text)
    assert interval is not None
    assert interval.after(dt.date.fromisoformat(start)) == dt.date.fromisoformat(due)


@pytest.mark.parametrize("text", ["quarterly", "6 mo", "0 months", "15m", "-1 year", "1.5 years"])
def test_intervals_that_are_not(text: str) -> None:
    assert parse_interval(text) is None


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.integers(min_value=1, max_value=48),
)
def test_a_month_later_is_the_same_day_or_the_months_last(day: dt.date, months: int) -> None:
    later = Interval(months, "months").after(day)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(1)).day == 1)


def test_view_reads_mapped_keys_and_leaves_the_colliding_key_to_its_tool() -> None:
    fields = check_fields({"type": "nohero_type", "owner": "owner_slack"})
    view = nohero_view({"type": "docs", "nohero_type": "runbook", "owner_slack": "@al"}, fields)
    assert view == {"type": "runbook", "owner": "al"}
    assert nohero_view({"type": "docs"}, fields) == {}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ({"colour": "x"}, "colour is not a nohero field"),
        ({"owner": "a", "backup_owner": "a"}, "both read 'a'"),
        ({"owner": ""}, "must name a front matter key"),
        ({"owner": "backup_owner"}, "nohero's own backup_owner"),
        (["owner"], "must map"),
    ],
)
def test_bad_fields(value: object, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        check_fields(value)


def test_bad_fields_option_is_exit_2(repo: Repo) -> None:
    repo.knowledge_base({}, mkdocs=DEFAULT_MKDOCS + "      fields: {owner: [x]}\n")
    result = repo.cli("check", "--no-history", "--today", "2026-11-25")
    assert result.exit_code == 2 and "plugins.nohero.fields" in result.output


def test_messages_rename_keys_only_where_they_name_a_key() -> None:
    fields = {"owner": "owner_slack", "last_reviewed": "last_reviewed_on"}
    assert (
        rename_in_message("no owner: add 'owner: <id>'", fields)
        == "no owner_slack: add 'owner_slack: <id>'"
    )
    assert rename_in_message("hand it to an active owner", fields) == "hand it to an active owner"
    assert rename_in_message("no last_reviewed: add it", fields) == "no last_reviewed_on: add it"


def test_check_reads_tech_docs_keys(repo: Repo) -> None:
    repo.knowledge_base({"queue.md": tech_doc()}, mkdocs=TECH_DOCS)
    clean = repo.cli("check", "--no-history", "--today", "2026-12-01", "--format", "json")
    assert clean.exit_code == 0, clean.output
    # 2026-06-30 + 6 calendar months = 2026-12-30 (180 days would be 2026-12-27)
    report = repo.cli("report", "--today", "2026-12-01", "--format", "json")
    doc = json.loads(report.stdout)["docs"][0]
    assert (doc["type"], doc["owner"], doc["next_review"]) == ("runbook", "alice", "2026-12-30")
    late = repo.cli("check", "--no-history", "--today", "2027-01-05", "--format", "json")
    (finding,) = json.loads(late.stdout)["findings"]
    assert finding["rule"] == "review-overdue" and "every 6 months" in finding["message"]
    assert finding["line"] == 8  # the line of last_reviewed_on


def test_findings_name_and_point_at_the_mapped_key(repo: Repo) -> None:
    text = tech_doc().replace("owner_slack: '@alice'\n", "")
    repo.knowledge_base({"queue.md": text.replace("review_in: 6 months", "review_in: often")})
    repo.write("mkdocs.yml", TECH_DOCS)
    result = repo.cli("check", "--no-history", "--today", "2026-12-01", "--format", "json")
    found = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert "owner_slack" in found["owner-missing"]["message"]
    assert "'owner:" not in found["owner-missing"]["message"]
    assert found["schema"]["message"].startswith("review_in must be")
    assert found["schema"]["line"] == 8


def test_review_writes_the_mapped_key(repo: Repo) -> None:
    repo.knowledge_base({"queue.md": tech_doc()}, mkdocs=TECH_DOCS)
    before = (repo.path / "docs/queue.md").read_bytes()
    result = repo.cli("review", "docs/queue.md", "--by", "alice", "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    after = (repo.path / "docs/queue.md").read_bytes()
    expected = before.replace(b"on: 2026-06-30", b"on: 2026-12-01")
    assert after == expected.replace(b"review_in:", b"reviewed_by: alice\nreview_in:")


def test_new_writes_the_mapped_keys(repo: Repo) -> None:
    repo.knowledge_base({}, mkdocs=TECH_DOCS)
    result = repo.cli(
        "new",
        "runbook",
        "Drain the queue",
        "--owner",
        "alice",
        "--backup",
        "bob",
        "--service",
        "queue",
        "--today",
        "2026-12-01",
    )
    assert result.exit_code == 0, result.output
    (path,) = (repo.path / "docs").rglob("drain-the-queue.md")
    text = path.read_text()
    assert "owner_slack: alice" in text and "last_reviewed_on: 2026-12-01" in text
    assert "nohero_type: runbook" in text and "\nowner:" not in text
    check = repo.cli("check", "--no-history", "--today", "2026-12-01")
    assert check.exit_code == 0, check.output
