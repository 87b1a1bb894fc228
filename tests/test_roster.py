"""The roster: bad entries are roster-invalid findings at their line; the
rest of the roster keeps working."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nohero.config import ConfigError
from nohero.roster import load_roster, parse_roster

ON = dt.date(2026, 11, 25)
ROSTER = """\
people:
  alice: {name: Alice, emails: [alice@example.com]}
  dave: {name: Dave, emails: [dave@example.com], left: 2026-06-30}
  erin: {name: Erin, emails: [erin@example.com], left: 2026-11-25}
teams:
  payments: {members: [alice, dave]}
  alumni: {members: [dave]}
  ghosts: {members: [nobody]}
  empty: {members: []}
"""


def test_departure_is_strictly_after_the_left_date() -> None:
    roster = parse_roster(ROSTER, Path("people.yml"))
    assert roster.all_left("dave", ON) and not roster.all_left("erin", ON)
    assert roster.all_left("erin", ON + dt.timedelta(days=1))


def test_team_departure_and_people() -> None:
    roster = parse_roster(ROSTER, Path("people.yml"))
    assert roster.active_people_of("payments", ON) == ["alice"]
    assert not roster.all_left("payments", ON) and roster.all_left("alumni", ON)
    # an empty team, or one of unknown people, is a roster problem, not a departure
    assert not roster.all_left("empty", ON) and not roster.all_left("ghosts", ON)
    assert not roster.all_left("nobody", ON)


def test_bad_entries_are_problems_at_their_line() -> None:
    roster = parse_roster(ROSTER, Path("people.yml"))
    problems = {(p.line, p.message.split(":")[0]) for p in roster.problems}
    assert (8, "team 'ghosts'") in problems
    assert (9, "team 'empty' has no members") in problems
    assert len(roster.problems) == 2


def test_unusable_roster_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_roster(tmp_path / "people.yml")
    (tmp_path / "people.yml").write_bytes(b"people: {\n")
    with pytest.raises(ConfigError, match="line"):
        load_roster(tmp_path / "people.yml")
    (tmp_path / "people.yml").write_bytes(b"people:\n  a: \xff\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_roster(tmp_path / "people.yml")


CONTACTS = """\
people:
  alice:
    name: Alice
    emails: [alice@example.com, 1+alice@users.noreply.github.com]
    contacts:
      - {kind: phone, value: "+44 20 7946 0000", label: mobile}
      - {kind: slack, value: "@alice"}
      - {kind: matrix, value: "@alice:example.org"}
      - {kind: email, value: alice@example.com}
      - {kind: phone, value: "<script>"}
      - {kind: url, value: "javascript:alert(1)"}
      - {kind: fax, value: "123"}
      - {kind: url, value: "https://wiki.example.com/alice"}
teams:
  payments:
    members: [alice]
    contacts:
      - {kind: slack, value: "#payments-oncall"}
      - {kind: pager, value: "https://corp.pagerduty.com/schedules/P1"}
      - {kind: teams, value: "[x](javascript:y)"}
      - "call me"
"""


def test_contacts_are_validated_per_kind_and_bad_ones_are_problems() -> None:
    roster = parse_roster(CONTACTS, Path("people.yml"))
    alice = roster.people["alice"]
    assert [(c.kind, c.href) for c in alice.contacts] == [
        ("phone", "tel:+442079460000"),
        ("slack", None),
        ("matrix", "https://matrix.to/#/@alice:example.org"),
        ("email", "mailto:alice@example.com"),
        ("url", "https://wiki.example.com/alice"),
    ]  # the roster e-mail is listed once; the noreply address is not a contact
    assert alice.contacts[0].text == "mobile"
    team = roster.teams["payments"]
    assert [c.value for c in team.contacts] == [
        "#payments-oncall",
        "https://corp.pagerduty.com/schedules/P1",
    ]
    problems = {(p.line, p.message) for p in roster.problems}
    assert (
        10,
        "person 'alice': contact 5: '<script>' is not a phone number (digits, spaces, + ( ) - .)",
    ) in problems
    assert (
        11,
        "person 'alice': contact 6: 'javascript:alert(1)' is not an http(s) URL",
    ) in problems
    assert any(line == 12 and "kind must be one of" in m for line, m in problems)
    assert any(
        line == 20 and "is not an e-mail address or an http(s) URL" in m for line, m in problems
    )
    assert any(line == 21 and "must be a mapping" in m for line, m in problems)
    assert len(roster.problems) == 5


def test_roster_emails_are_contacts_without_a_contacts_list() -> None:
    roster = parse_roster(ROSTER, Path("people.yml"))
    assert [c.href for c in roster.people["alice"].contacts] == ["mailto:alice@example.com"]


def test_slack_channels_are_links_when_the_roster_names_the_workspace() -> None:
    """Slack opens a channel by name through app_redirect on the workspace's
    address; without `slack_workspace` a #channel stays text (no URL would be
    right), and a @handle always does (Slack has no by-name address for it)."""
    text = CONTACTS.replace(
        "people:\n", "slack_workspace: https://Kestrel.slack.com/\npeople:\n", 1
    )
    roster = parse_roster(text, Path("people.yml"))
    assert roster.slack_workspace == "https://kestrel.slack.com"
    channel = roster.teams["payments"].contacts[0]
    assert (channel.value, channel.href) == (
        "#payments-oncall",
        "https://kestrel.slack.com/app_redirect?channel=payments-oncall",
    )
    handle = roster.people["alice"].contacts[1]
    assert (handle.value, handle.href) == ("@alice", None)
    assert parse_roster(CONTACTS, Path("people.yml")).teams["payments"].contacts[0].href is None
    for bad in ("https://evil.example/", "http://kestrel.slack.com", "kestrel", "[1]"):
        wrong = parse_roster(f"slack_workspace: {bad}\npeople: {{}}\n", Path("people.yml"))
        assert wrong.slack_workspace is None
        assert [(p.line, p.message.split(" must ")[0]) for p in wrong.problems] == [
            (1, "slack_workspace")
        ], bad
