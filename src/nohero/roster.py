"""The roster (people.yml): who exists, who has left, who is away, and which
teams they form. Every owner, backup and escalation level resolves here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .bounded import Refused, read_bounded
from .config import ConfigError
from .contacts import Contact, parse_contacts, slack_workspace, with_emails
from .durations import as_date
from .escape.codeowners import valid_handle
from .frontmatter import FrontMatter, KeyPath, parse
from .lazyclass import field, record

Window = tuple[dt.date, dt.date]


@record(frozen=True)
class RosterProblem:
    """A bad roster entry; reported as a `roster-invalid` finding on people.yml."""

    line: int
    message: str


@record
class Person:
    id: str
    name: str
    emails: tuple[str, ...] = ()
    github: str | None = None
    away: tuple[Window, ...] = ()
    left: dt.date | None = None
    contacts: tuple[Contact, ...] = ()  # from `contacts:`, then the roster's emails

    def departed(self, on: dt.date) -> bool:
        return self.left is not None and self.left < on

    def available(self, start: dt.date, end: dt.date) -> bool:
        """Not departed by `end` and not away at any time in [start, end]."""
        if self.left is not None and self.left < end:
            return False
        return not any(a <= end and start <= b for a, b in self.away)


@record
class Team:
    id: str
    members: tuple[str, ...]
    name: str = ""
    github: str | None = None
    contacts: tuple[Contact, ...] = ()


@record
class Roster:
    path: Path
    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    problems: list[RosterProblem] = field(default_factory=list)
    lines: dict[KeyPath, int] = field(default_factory=dict)
    slack_workspace: str | None = None  # https://NAME.slack.com: #channel contacts become links

    def knows(self, ident: str) -> bool:
        return ident in self.people or ident in self.teams

    def people_of(self, ident: str) -> list[str]:
        """Person ids behind an owner value: the person, or a team's known members."""
        if ident in self.people:
            return [ident]
        team = self.teams.get(ident)
        if team is None:
            return []
        return [m for m in team.members if m in self.people]

    def closest(self, ident: str, *, people_only: bool = False, n: int = 3) -> list[str]:
        """Known ids that look like `ident` (a typo's likely meaning), best first."""
        known = list(self.people) + ([] if people_only else list(self.teams))
        exact = [k for k in known if k.lower() == ident.lower()]
        if exact:
            return exact
        import difflib  # only for an unknown id

        return difflib.get_close_matches(ident, known, n=n)

    def unknown_id(self, ident: str, *, people_only: bool = False) -> str:
        """Why `ident` cannot be used, with the closest known ids: one message
        for --away, --owner, --by and the owner rules alike."""
        what = "a person" if people_only else "a person or team"
        close = self.closest(ident, people_only=people_only)
        if close:
            hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        else:
            known = sorted(self.people) + ([] if people_only else sorted(self.teams))
            shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
            hint = f"known ids: {shown}" if known else "the roster lists nobody yet"
        return f"'{ident}' is not {what} in {self.path.name}: {hint}"

    def display_name(self, ident: str) -> str:
        if ident in self.people:
            return self.people[ident].name or ident
        if ident in self.teams:
            return self.teams[ident].name or ident
        return ident

    def active_people_of(self, ident: str, on: dt.date) -> list[str]:
        return [p for p in self.people_of(ident) if not self.people[p].departed(on)]

    def all_left(self, ident: str, on: dt.date) -> bool:
        """True for a person who has left, or a team with known members who
        have all left. An unknown id or an empty team is not "departed": those
        are owner-unknown and roster-invalid problems."""
        people = self.people_of(ident)
        return bool(people) and all(self.people[p].departed(on) for p in people)

    def available_people_of(self, ident: str, start: dt.date, end: dt.date) -> list[str]:
        return [p for p in self.people_of(ident) if self.people[p].available(start, end)]

    def email_index(self) -> dict[str, str]:
        """Lower-cased email -> person id, for identity resolution of git authors."""
        return {e.lower(): p.id for p in self.people.values() for e in p.emails}

    def line_of(self, *path: str | int) -> int:
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


def load_roster(path: Path) -> Roster:
    """Read people.yml. A missing or unparsable file is a ConfigError (exit 2);
    a bad entry is a RosterProblem so the rest of the roster still works."""
    try:
        text = read_bounded(path).decode("utf-8-sig")
    except Refused as why:
        raise ConfigError(f"roster {path.name} was not read: {why}") from None
    except FileNotFoundError:
        raise ConfigError(
            f"roster {path.name} not found at {path}: create it (see 'nohero init') "
            "or set plugins.nohero.roster in mkdocs.yml"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read roster {path.name}: {exc}") from None
    return parse_roster(text, path)


def parse_roster(text: str, path: Path) -> Roster:
    """A roster from its text (e.g. an older version read from git); `path`
    names it in messages. Raises ConfigError when it is not usable YAML."""
    fm = FrontMatter(text=text.replace("\r\n", "\n"), first_line=1, closing_line=0)
    fm = parse(fm, duplicates_fatal=False)
    if fm.error is not None:
        raise ConfigError(
            f"roster {path.name} line {fm.error.line}: "
            + fm.error.message.replace("front matter", "roster")
        )
    data = fm.data or {}
    roster = Roster(path=path, lines=fm.lines)
    for twice in fm.duplicates:  # the last one is used, as YAML and MkDocs read it
        roster.problems.append(RosterProblem(twice.line, twice.message))
    unknown = sorted(set(data) - {"people", "teams", "slack_workspace"})
    for key in unknown:
        roster.problems.append(
            RosterProblem(
                roster.line_of(key),
                f"unknown top-level key '{key}': use 'people', 'teams' and 'slack_workspace'",
            )
        )
    if data.get("slack_workspace") is not None:
        roster.slack_workspace = slack_workspace(data["slack_workspace"])
        if roster.slack_workspace is None:
            roster.problems.append(
                RosterProblem(
                    roster.line_of("slack_workspace"),
                    "slack_workspace must be the workspace's address, like https://acme.slack.com",
                )
            )
    people = data.get("people") or {}
    if not isinstance(people, dict):
        roster.problems.append(
            RosterProblem(roster.line_of("people"), "'people' must map an id to a person")
        )
        people = {}
    for pid, entry in people.items():
        person = _person(roster, str(pid), entry)
        if person is not None:
            roster.people[person.id] = person
    teams = data.get("teams") or {}
    if not isinstance(teams, dict):
        roster.problems.append(
            RosterProblem(roster.line_of("teams"), "'teams' must map an id to a team")
        )
        teams = {}
    for tid, entry in teams.items():
        team = _team(roster, str(tid), entry)
        if team is not None:
            if team.id in roster.people:
                roster.problems.append(
                    RosterProblem(
                        roster.line_of("teams", team.id),
                        f"team '{team.id}' has the same id as a person: rename one",
                    )
                )
            roster.teams[team.id] = team
    return roster


def _person(roster: Roster, pid: str, entry: object) -> Person | None:
    where = ("people", pid)
    if entry is None:
        entry = {}
    if not isinstance(entry, dict):
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where), f"person '{pid}' must be a mapping with name and emails"
            )
        )
        return None
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        roster.problems.append(
            RosterProblem(roster.line_of(*where, "name"), f"person '{pid}': name must be text")
        )
        name = None
    emails = entry.get("emails", [])
    if isinstance(emails, str):
        emails = [emails]
    if not isinstance(emails, list) or not all(isinstance(e, str) and "@" in e for e in emails):
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where, "emails"),
                f"person '{pid}': emails must be a list of addresses",
            )
        )
        emails = [e for e in emails if isinstance(e, str)] if isinstance(emails, list) else []
    github = entry.get("github")
    if github is not None and not valid_handle(
        github.lstrip("@") if isinstance(github, str) else 0
    ):
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where, "github"),
                f"person '{pid}': github must be a GitHub login (letters, digits, single hyphens)",
            )
        )
        github = None
    left = None
    if "left" in entry and entry["left"] is not None:
        left = as_date(entry["left"])
        if left is None:
            roster.problems.append(
                RosterProblem(
                    roster.line_of(*where, "left"),
                    f"person '{pid}': left must be a date like 2026-06-30",
                )
            )
    away: list[Window] = []
    raw_away = entry.get("away") or []
    if not isinstance(raw_away, list):
        raw_away = [raw_away]
    for index, window in enumerate(raw_away):
        start = as_date(window.get("from")) if isinstance(window, dict) else None
        end = as_date(window.get("to")) if isinstance(window, dict) else None
        if start is None or end is None or end < start:
            roster.problems.append(
                RosterProblem(
                    roster.line_of(*where, "away", index),
                    f"person '{pid}': each away entry needs from and to dates, "
                    "with to on or after from",
                )
            )
            continue
        away.append((start, end))
    return Person(
        id=pid,
        name=name or pid,
        emails=tuple(emails),
        github=github.lstrip("@") if github else None,
        away=tuple(away),
        left=left,
        contacts=with_emails(_contacts(roster, where, entry), tuple(emails)),
    )


def _team(roster: Roster, tid: str, entry: object) -> Team | None:
    where = ("teams", tid)
    if not isinstance(entry, dict):
        roster.problems.append(
            RosterProblem(roster.line_of(*where), f"team '{tid}' must be a mapping with members")
        )
        return None
    members = entry.get("members") or []
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where, "members"),
                f"team '{tid}': members must be a list of person ids",
            )
        )
        members = []
    elif not members:
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where, "members"),
                f"team '{tid}' has no members: list at least one person under members",
            )
        )
    for index, member in enumerate(members):
        if member not in roster.people:
            roster.problems.append(
                RosterProblem(
                    roster.line_of(*where, "members", index),
                    f"team '{tid}': member '{member}' is not in people",
                )
            )
    github = entry.get("github")
    if github is not None and not valid_handle(
        github.lstrip("@") if isinstance(github, str) else 0
    ):
        roster.problems.append(
            RosterProblem(
                roster.line_of(*where, "github"),
                f"team '{tid}': github must be a GitHub team (org/team) or login",
            )
        )
        github = None
    name = entry.get("name")
    return Team(
        id=tid,
        members=tuple(members),
        name=name if isinstance(name, str) else tid,
        github=github.lstrip("@") if isinstance(github, str) else None,
        contacts=_contacts(roster, where, entry),
    )


def _contacts(roster: Roster, where: tuple[str, str], entry: dict) -> tuple[Contact, ...]:  # type: ignore[type-arg]
    contacts, problems = parse_contacts(entry.get("contacts"), roster.slack_workspace)
    for index, message in problems:
        at = (*where, "contacts") if index is None else (*where, "contacts", index)
        what = "team" if where[0] == "teams" else "person"
        roster.problems.append(
            RosterProblem(roster.line_of(*at), f"{what} '{where[1]}': {message}")
        )
    return tuple(contacts)
