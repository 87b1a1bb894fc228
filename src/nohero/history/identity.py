"""Who is who in git history: many git identities, one person.

Two identities are one person (the contract's rules) when .mailmap maps them
together (applied before this module, by `git check-mailmap`), when they
share an email (case-insensitive), when the roster lists both emails, when
a GitHub noreply address `ID+login@users.noreply.github.com` names a roster
person's `github` login, or when their author names are identical. A
person is shown by roster id where the roster knows them, else by their
(lower-cased) email. Bots are never authors.

Union-find over emails; a union that would put two different roster people
in one group is refused: two colleagues who happen to share a name stay two
people when the roster tells them apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .. import lazyre
from ..roster import Roster
from .cache import CommitRecord
from .gitlog import check_mailmap, split_identity

Identity = tuple[str, str]  # (name, email) as git prints them, after .mailmap

_NOREPLY = lazyre.compile(r"^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$")


def is_bot(name: str, email: str, patterns: Iterable[str]) -> bool:
    """A bot pattern found (case-insensitively) in the name or the email."""
    name, email = name.lower(), email.lower()
    return any(p and (p.lower() in name or p.lower() in email) for p in patterns)


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.person: dict[str, str | None] = {}

    def add(self, key: str, person: str | None) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.person[key] = person
        elif person is not None:
            self.union_person(key, person)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union_person(self, key: str, person: str) -> None:
        root = self.find(key)
        if self.person[root] is None:
            self.person[root] = person

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        pa, pb = self.person[ra], self.person[rb]
        if pa is not None and pb is not None and pa != pb:
            return  # the roster says these are two people
        self.parent[rb] = ra
        self.person[ra] = pa or pb


def resolve_identities(
    counts: Counter[Identity], roster: Roster, bots: Iterable[str]
) -> dict[Identity, str | None]:
    """Each identity -> the id it is shown as, or None for a bot.

    `counts` says how often each identity appears; a person outside the
    roster is shown by their most used email.
    """
    bots = tuple(bots)
    by_email = roster.email_index()
    by_github = {p.github.lower(): p.id for p in roster.people.values() if p.github}
    groups = _Groups()
    keys: dict[Identity, str] = {}
    for identity in counts:
        name, email = identity
        if is_bot(name, email, bots):
            continue
        email_key = email.strip().lower()
        key = email_key if email_key else "name:" + _name_key(name)
        person = by_email.get(email_key)
        if person is None:
            noreply = _NOREPLY.match(email_key)
            if noreply:
                person = by_github.get(noreply.group(1))
        groups.add(key, person)
        keys[identity] = key
    # Roster people first (strong evidence), then identical names (weak).
    # A roster person's name counts as one of their names.
    by_name: dict[str, str] = {}
    for member in roster.people.values():
        name_key = _name_key(member.name)
        if name_key and name_key not in by_name:
            by_name[name_key] = "roster:" + member.id
            groups.add(by_name[name_key], member.id)
    for (name, _email), key in sorted(
        keys.items(), key=lambda item: groups.person[groups.find(item[1])] is None
    ):
        name_key = _name_key(name)
        if not name_key:
            continue
        if name_key in by_name:
            groups.union(by_name[name_key], key)
        else:
            by_name[name_key] = key
    usage: dict[str, Counter[str]] = {}
    for identity, key in keys.items():
        if not key.startswith(("name:", "roster:")):
            usage.setdefault(groups.find(key), Counter())[key] += counts[identity]
    shown: dict[Identity, str | None] = {identity: None for identity in counts}
    for identity, key in keys.items():
        root = groups.find(key)
        person = groups.person[root]
        if person is not None:
            shown[identity] = person
        elif root in usage:
            emails = usage[root]
            shown[identity] = min(emails, key=lambda e: (-emails[e], e))
        else:
            shown[identity] = key.removeprefix("name:")
    return shown


def aliases(shown: dict[Identity, str | None]) -> dict[str, str]:
    """Lower-cased email and case-folded name of every identity -> the id it is
    shown as, so people can be named the way git knows them (`whatif --away`)."""
    found: dict[str, str] = {}
    for (name, email), ident in shown.items():
        if ident is not None:
            for alias in (email.strip().lower(), _name_key(name)):
                if alias:
                    found.setdefault(alias, ident)
    return found


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def resolve_commit_authors(
    bots: Iterable[str],
    roster: Roster,
    root: str,
    commits: Sequence[CommitRecord],
    used: Iterable[int],
) -> tuple[dict[int, tuple[str, ...]], dict[Identity, str | None]]:
    """The people (ids, bots removed) behind each commit index in `used`,
    author and Co-authored-by trailers, after .mailmap; and every identity's id."""
    raw: dict[int, list[Identity]] = {}
    counts: Counter[Identity] = Counter()
    for idx in used:
        _sha, name, email, _date_text, _ctime, coauthors = commits[idx]
        people = [(name, email)]
        for text in coauthors:
            identity = split_identity(text)
            if identity is not None:
                people.append(identity)
        raw[idx] = people
        counts.update(people)
    mailmap = check_mailmap(root, counts) if counts else {}
    mapped_counts: Counter[Identity] = Counter()
    for identity, n in counts.items():
        mapped_counts[mailmap.get(identity, identity)] += n
    shown = resolve_identities(mapped_counts, roster, bots)
    result: dict[int, tuple[str, ...]] = {}
    for idx, people in raw.items():
        ids = (shown[mailmap.get(identity, identity)] for identity in people)
        result[idx] = tuple(dict.fromkeys(i for i in ids if i is not None))
    return result, shown
