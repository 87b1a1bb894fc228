"""From raw mined data to the `History` every consumer reads: identities
resolved, ignored commits left out, each document's events (its snippets'
included) as changes with authors, and the knowledge holders worked out.
Runs on every run, warm or cold, after `miner.mine`."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..durations import as_date
from ..roster import Roster
from .authorship import knowledge_holders
from .cache import CONTENT, CREATED, Event, Mined
from .identity import aliases, resolve_commit_authors
from .ignore_revs import ignored_commits
from .model import Change, ChangeTimes, DocHistory, History
from .notes import odd_note
from .oddities import parse_iso
from .renames import docs_prefix, is_doc
from .snippets import includes, merge_included


def included_files(
    config: Config,
    mined: Mined,
    bodies: dict[str, str],
    wanted: set[str] | None,
    linked: set[str] | frozenset[str],
) -> dict[str, list[str]]:
    """The files each document `resolve` will build a history for includes
    (snippets, read from the working tree): the documents mined under
    docs_dir, and those published through a symlinked folder."""
    if not config.snippet_dirs:
        return {}
    prefix = docs_prefix(config)
    paths = [*mined.events, *linked] if wanted is None else list(wanted)
    return {
        path: includes(config, path, bodies.get(path))
        for path in dict.fromkeys(paths)
        if path in linked or (prefix is not None and is_doc(config, path, prefix))
    }


def resolve(
    config: Config,
    roster: Roster,
    mined: Mined,
    bodies: dict[str, str],
    also_ignored: set[str],
    wanted: set[str] | None = None,
    linked: set[str] | frozenset[str] = frozenset(),
    included: dict[str, list[str]] | None = None,
) -> History:
    """`mined` as the History consumers read: identities resolved against
    `roster`, commits in .git-blame-ignore-revs (and `also_ignored`, by index
    of sha) left out, the documents' events (their snippets' merged in)
    turned into changes. `wanted`: only these paths (None: every document);
    `linked`: documents published through a symlinked folder; `included`:
    the files each document includes (`included_files`), when known."""
    commits = mined.commits
    skipped: list[str] = []
    ignored = ignored_commits(config, commits, skipped)
    if also_ignored:
        ignored |= {idx for idx, rec in enumerate(commits) if rec[0] in also_ignored}
    doc_prefix = docs_prefix(config)
    doc_events: dict[str, list[Event]] = {}
    events = mined.events  # read from the cache: each path's decoded when asked for
    for path in events if wanted is None else [p for p in wanted if p in events]:
        if path in linked or (doc_prefix is not None and is_doc(config, path, doc_prefix)):
            evs = events[path]
            found = included.get(path) if included is not None else None
            if found is None:
                found = includes(config, path, bodies.get(path))
            extra = [events[inc] for inc in found if inc in events]
            doc_events[path] = merge_included(evs, extra) if extra else evs
    used = {ev[0] for evs in doc_events.values() for ev in evs if ev[0] not in ignored}
    authors_of, shown = resolve_commit_authors(
        config.bots, roster, str(config.repo_root), commits, used
    )
    when_of: dict[int, dt.datetime] = {}
    docs: dict[str, DocHistory] = {}
    reviewed_dates: dict[str | None, dt.date | None] = {None: None}
    for path in sorted(doc_events):
        changes: list[Change] = []
        counts: dict[str, int] = {}
        for idx, flags, reviewed in doc_events[path]:
            if idx in ignored:
                continue
            when = when_of.get(idx)
            if when is None:
                when = when_of[idx] = parse_iso(commits[idx][3])
            authors = authors_of[idx]
            for author in authors:
                counts[author] = counts.get(author, 0) + 1
            if reviewed not in reviewed_dates:
                reviewed_dates[reviewed] = as_date(reviewed)
            changes.append(
                Change(
                    commits[idx][0],
                    when,
                    authors,
                    bool(flags & CONTENT),
                    bool(flags & CREATED),
                    reviewed_dates[reviewed],
                )
            )
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        doc = DocHistory(path=path, changes=changes, authors=ranked)
        doc.knowledge_holders = knowledge_holders(changes)
        docs[path] = doc
    last_change = ChangeTimes(mined.last_change, mined.commit_times())
    history = History(available=True, head=mined.head, docs=docs, last_change=last_change)
    history.note = "; ".join(filter(None, [odd_note(mined), *skipped])) or None
    history.aliases = aliases(shown)
    return history
