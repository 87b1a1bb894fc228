"""Draft people.yml from git history: one entry per person, bots left out.

Identities are merged as the miner merges them (`.mailmap`, same email in
any case, same name; `identity.resolve_identities`), plus two rules that
only matter before a roster exists: a GitHub noreply address
(`1234+alice@users.noreply.github.com`) is the person whose author name or
email name is `alice`, and an author *named* like a login is that login.
Each person gets their last commit date as a comment; whoever has not
committed within the window (12 months by default) is proposed as `left:`
on their last commit date, so nothing is handed to someone who has gone.
Every value is written JSON-quoted: a name from git is data, never YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import git

from ..durations import Interval
from ..history.cache import CommitRecord
from ..history.gitlog import check_mailmap, split_identity
from ..history.identity import Identity, is_bot, resolve_identities
from ..roster import Roster

# Automation accounts that do not match the configured patterns by name.
KNOWN_AUTOMATION = (
    "github-actions",
    "gitlab-ci",
    "jenkins",
    "travis",
    "pre-commit-ci",
    "semantic-release",
    "allcontributors",
    "weblate",
    "snyk",
    "greenkeeper",
    "web-flow",
)
_NOREPLY = re.compile(r"^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$")
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_ID_CHARS = re.compile(r"[^a-z0-9_-]+")


def looks_like_bot(name: str, email: str, patterns: Iterable[str]) -> bool:
    """Configured patterns (`[bot]`, dependabot, ...), known automation, and a
    one-word name ending in `bot` or a name ending in `-bot`/` bot`."""
    if is_bot(name, email, (*patterns, *KNOWN_AUTOMATION)):
        return True
    lowered = " ".join(name.split()).lower()
    return lowered.endswith(("-bot", " bot", "_bot")) or (
        " " not in lowered and lowered.endswith("bot") and len(lowered) > 3
    )


@dataclass
class DraftPerson:
    id: str
    name: str
    emails: list[str]
    github: str | None
    last_commit: dt.date
    commits: int
    identities: list[str]  # "Name <email>" as git wrote them
    left: dt.date | None = None


@dataclass
class DraftRoster:
    people: list[DraftPerson] = field(default_factory=list)
    bots: list[str] = field(default_factory=list)  # "Name <email>" left out
    teams: dict[str, list[str]] = field(default_factory=dict)  # owners the docs already name

    def text(self, today: dt.date, months: int) -> str:
        lines = [
            f"# Drafted by `nohero adopt` from git history on {today.isoformat()}: check it.",
            "# Identities were merged by .mailmap, email, name and GitHub login; bots left out.",
            f"# `left:` is proposed for whoever has not committed for {months} months.",
            "people:",
        ]
        for person in self.people:
            lines.append(f"  {person.id}:")
            lines.append(f"    name: {json.dumps(person.name)}")
            lines.append(f"    emails: [{', '.join(json.dumps(e) for e in person.emails)}]")
            if person.github:
                lines.append(f"    github: {json.dumps(person.github)}")
            lines.append(
                f"    # last commit {person.last_commit.isoformat()} "
                f"({person.commits} commit{'' if person.commits == 1 else 's'})"
            )
            if person.left is not None:
                lines.append(f"    left: {person.left.isoformat()}  # proposed: no recent commit")
        if not self.people:
            lines[-1] = "people: {}"
        if not self.teams:
            lines.append("teams: {}")
            return "\n".join(lines) + "\n"
        lines.append("teams:  # owners your documents already name; check the members")
        for team, members in sorted(self.teams.items()):
            lines.append(f"  {json.dumps(team)}:")
            lines.append(f"    members: [{', '.join(json.dumps(m) for m in members)}]")
        return "\n".join(lines) + "\n"


def draft_roster(
    repo: git.Git,
    commits: Sequence[CommitRecord],
    bots: Iterable[str],
    today: dt.date,
    months: int,
) -> DraftRoster:
    """One entry per person who authored (or co-authored) a commit."""
    bots = tuple(bots)
    counts: Counter[Identity] = Counter()
    last: dict[Identity, str] = {}
    for _sha, name, email, date_text, _ctime, coauthors in commits:
        people = [(name, email)]
        people += [i for i in (split_identity(t) for t in coauthors) if i is not None]
        for identity in people:
            counts[identity] += 1
            if date_text > last.get(identity, ""):
                last[identity] = date_text
    mailmap = check_mailmap(str(repo.working_dir), counts) if counts else {}
    mapped: Counter[Identity] = Counter()
    mapped_last: dict[Identity, str] = {}
    for identity, n in counts.items():
        to = mailmap.get(identity, identity)
        mapped[to] += n
        mapped_last[to] = max(mapped_last.get(to, ""), last[identity])
    draft = DraftRoster()
    humans: Counter[Identity] = Counter()
    for identity, n in mapped.items():
        if looks_like_bot(*identity, bots):
            draft.bots.append(_show(identity))
        else:
            humans[identity] = n
    shown = resolve_identities(humans, Roster(path=Path("people.yml")), ())
    groups = _merge_logins(humans, shown)
    taken: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: -sum(humans[i] for i in m)):
        draft.people.append(_person(members, humans, mapped_last, taken, today, months))
    draft.people.sort(key=lambda p: p.id)
    draft.bots.sort()
    return draft


def _merge_logins(
    humans: Counter[Identity], shown: dict[Identity, str | None]
) -> dict[str, list[Identity]]:
    """Groups of identities by resolved id, with noreply logins joined to the
    identity named (or emailed) like the login."""
    groups: dict[str, list[Identity]] = {}
    for identity in humans:
        groups.setdefault(shown[identity] or identity[1].lower(), []).append(identity)
    by_alias: dict[str, str] = {}
    for key, members in groups.items():
        for name, email in members:
            if not _NOREPLY.match(email.lower()):
                by_alias.setdefault(" ".join(name.split()).casefold(), key)
                by_alias.setdefault(email.lower().split("@", 1)[0], key)
    for key in list(groups):
        group = groups.get(key)
        if group is None:
            continue
        logins = [m.group(1).lower() for _n, e in group if (m := _NOREPLY.match(e.lower()))]
        logins += [n.lower() for n, _e in group if _LOGIN.match(n)]
        for login in logins:
            other = by_alias.get(login)
            if other is not None and other != key and other in groups:
                groups[other].extend(groups.pop(key))
                break
    return groups


def _person(
    members: list[Identity],
    counts: Counter[Identity],
    last: dict[Identity, str],
    taken: set[str],
    today: dt.date,
    months: int,
) -> DraftPerson:
    members = sorted(members, key=lambda i: (-counts[i], i))
    names = Counter[str]()
    for identity in members:
        names[identity[0]] += counts[identity]
    name = names.most_common(1)[0][0] or members[0][1]
    emails = list(dict.fromkeys(e.lower() for _n, e in members if "@" in e))
    logins = [m.group(1) for _n, e in members if (m := _NOREPLY.match(e.lower()))]
    github = logins[0] if logins and _LOGIN.match(logins[0]) else None
    base = github or (emails[0].split("@", 1)[0] if emails else name)
    ident = _ID_CHARS.sub("-", base.lower()).strip("-") or "person"
    candidate, n = ident, 2
    while candidate in taken:
        candidate, n = f"{ident}-{n}", n + 1
    taken.add(candidate)
    last_commit = max(_date(last[i]) for i in members)
    person = DraftPerson(
        id=candidate,
        name=" ".join(name.split()),
        emails=emails,
        github=github,
        last_commit=last_commit,
        commits=sum(counts[i] for i in members),
        identities=[_show(i) for i in members],
    )
    if Interval(months, "months").after(last_commit) < today:
        person.left = last_commit
    return person


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return dt.date.min


def _show(identity: Identity) -> str:
    return f"{identity[0]} <{identity[1]}>"
