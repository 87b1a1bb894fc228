"""Folding one `git log` into the mined data, oldest commit first (see
`miner` for what the fold keeps and why): each path's change events since
its last creation, the blobs of documents' versions read alongside
(`blobs.BlobReader`), and `last_change` replayed on the main line once the
log has ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import cache
from .cache import CONTENT, CREATED, Event, Mined
from .progress import Progress
from .renames import is_markdown
from .scoped import Scoped, in_scope, whole_changes

if TYPE_CHECKING:
    from .blobs import BlobInfo
    from .miner import Known


def fold(
    root: str,
    mined: Mined,
    revisions: str,
    head: str,
    meter: Progress,
    review_key: str,
    known: Known,
    scoped: Scoped,
) -> int:
    """Apply the commits `git log` lists over `revisions` (ending at `head`;
    only those that changed `mined.scope`), oldest first, to `mined`; return
    how many.

    Only the commits on HEAD's first-parent line (the main line) move
    `last_change`, each at its committer time: a merge counts with its diff
    against its first parent (everything the merged branch brought,
    conflict resolutions included) at the time it was merged, so a branch
    commit written before a review but merged after it is drift. Which
    commits those are is known only once the log has ended: a whole-tree
    log's are walked down from `head` by the parents it prints (one
    `git rev-list --first-parent` less), a scoped log's come from that
    rev-list, run alongside (`scoped.line` when known before). Each commit's
    changed paths are kept until then (`mainline.last_changes`).
    """
    commits, events = mined.plain()  # a cached mine's tables were packed
    start = len(commits)
    # Only a document's versions can be review-only changes: Markdown outside
    # docs_dir (translations, READMEs, snippets) changes content whatever it
    # says, so its blobs are never read (most of a tldr-like history).
    from .blobs import BlobReader
    from .gitlog import log_process, parse_log
    from .mainline import first_parent_process, last_changes, main_line, read_line

    prefix, scope, overrides = mined.docs_prefix, mined.scope, scoped.overrides
    proc = log_process(root, revisions, scope)
    procs = [proc]
    try:
        if scope is not None and scoped.line is None:
            procs.append(first_parent_process(root, head))
        reader = BlobReader(root, review_key, known)
    except BaseException:
        for started in procs:
            started.end()
        raise
    pending: list[tuple[Event, bool, str | None, str | None]] = []
    first_parents: dict[str, str | None] = {}  # sha -> its first parent
    # every changed path (renames: both), commit after commit; where each commit's end
    touched: list[str] = []
    ends: list[int] = []
    # bound once: the loop below runs once per changed file
    touch, mark, later, request = touched.append, ends.append, pending.append, reader.request
    add_commit, docs, under = commits.append, prefix is not None, prefix or ""
    recheck_later = scoped.candidates.append
    parsed = 0
    try:
        for commit, changes in parse_log(proc.stdout):
            add_commit(commit[:6])  # sha, name, email, author date, commit time, co-authors
            parsed += 1
            if not parsed & 255:
                meter.tick(parsed)
            parents = commit.parents
            first_parents[commit.sha] = parents[0] if parents else None
            if commit.impossible_date:
                mined.odd.setdefault(cache.DATES_CLAMPED, []).append(commit.sha)
            if len(parents) > 1:  # a merge: its authors wrote nothing of its diff
                for change in changes:
                    touch(change.path)
                    if change.old_path is not None:
                        touch(change.old_path)
                mark(len(touched))
                continue
            if overrides and commit.sha in overrides:  # the whole tree's, see `scoped`
                changes = in_scope(scope, whole_changes(root, mined, commit, overrides[commit.sha]))
            else:
                changes = whole_changes(root, mined, commit, changes)
                if scope is not None and parents and any(c[0] in "AR" for c in changes):
                    recheck_later((commit.sha, parents[0], changes))
            idx = len(commits) - 1
            for status, path, old_path, old_blob, new_blob in changes:
                touch(path)
                if status == "D":
                    events.pop(path, None)
                    continue
                created = False
                if status == "R":
                    assert old_path is not None
                    touch(old_path)
                    history = events.pop(old_path, None) or []
                    events[path] = history
                elif path in events:  # not setdefault: no list made per change
                    history = events[path]
                else:
                    history = events[path] = []
                    created = status == "A"
                event: Event = [idx, CREATED if created else 0, None]
                history.append(event)
                if docs and new_blob is not None and path.startswith(under) and is_markdown(path):
                    request(new_blob)
                    if not created and old_blob is not None:
                        request(old_blob)
                    later((event, created, old_blob, new_blob))
                elif created or status != "R" or old_blob != new_blob:
                    event[1] |= CONTENT
            mark(len(touched))
        proc.wait()
        line = scoped.line
        if line is None:
            line = read_line(procs[1]) if scope is not None else main_line(head, first_parents)
    finally:
        try:
            blobs = reader.close()
        finally:
            for started in procs:
                started.end()
    if scope is not None:  # the listed commits on the line
        line = {commit[0] for commit in commits[start:] if commit[0] in line}
    last_changes(mined, start, touched, ends, line)
    for event, created, old, new in pending:
        _finish(event, created, blobs.get(old) if old else None, blobs.get(new) if new else None)
    return parsed


def _finish(event: Event, created: bool, old: BlobInfo | None, new: BlobInfo | None) -> None:
    if new is None:  # unreadable blob: count it as a content change, nothing known about the review
        event[1] |= CONTENT
        return
    event[2] = new.last_reviewed
    if created or old is None or old.body != new.body:
        event[1] |= CONTENT
