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
