"""Mine git history once, fast, into the `History` every consumer reads.

One streamed `git log --raw -M --diff-merges=first-parent --topo-order
--reverse` over HEAD (read incrementally; never a git call per file or per
commit), plus one streamed `git cat-file --batch` for the Markdown blobs that
log names, run alongside it: comparing the body (everything after the front
matter) of the old and new version of a document tells a review-date bump
from a rewrite, and the new version's front matter gives `last_reviewed`
after each commit.

Folding the log oldest first keeps, per path, its change events since its
last creation: a rename moves the events to the new path (git's -M), a
delete drops them (a later add at the same path is a new creation, not the
old file come back). Merge commits add no events (the commits they merge are
listed themselves) but do move `last_change`, see below. That raw fold,
identities unresolved, is what `cache` stores, keyed by HEAD: a re-run at
the same HEAD reads only the cache, a run after new commits reads only
`OLD..HEAD`, and anything else (a rebase, a foreign or corrupt cache, an old
main line merged in as a side branch) mines from scratch.

Decisions worth knowing:
- Commits listed in `.git-blame-ignore-revs` (mass reformatting) are left
  out of every document's changes, like `git blame` leaves them out: they
  make nobody an author and do not count as a modification. They still
  count as a change of the files they touch for `last_change` (drift),
  which errs on the side of asking for a review.
- `Change.when` is the author date (when the words were written);
  `History.last_change` is when a change reached HEAD's first-parent line:
  the committer date of a commit on that line, or of the merge that brought
  it (a merge's diff against its first parent, so code rewritten while
  resolving a conflict counts too). A branch commit written before a review
  and merged after it is drift.
- A commit that moves more files than git's rename limit gets its documents'
  renames paired again, documents alone (`renames.pair_doc_renames`); commits with
  impossible dates are clamped. Both are said in `History.note`.
- A commit that only renames a document is not a content change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..lazyclass import field, record
from . import cache
from . import scope as scopes
from .background import KnownVersions, versions_of
from .cache import Mined
from .model import ChangeTimes, History
from .oddities import dubious_ownership, short_error
from .progress import Progress
from .renames import docs_prefix
from .resolve import included_files, resolve
from .rungit import git_failed, run_git
from .scope import Scope, covers, includes_path, normal, union

# Imported where a mine reads git (cold or incremental), not at module level:
# a warm run -- a one-file pre-commit run -- reads only the cache.
if TYPE_CHECKING:
    import git

    from ..document import Document
    from ..roster import Roster
    from .background import BackgroundMine
    from .blobs import BlobInfo
    from .covered import CoversPass

    # blob id -> that version, read already (known_versions), or to be handed over
    Known = dict[str, BlobInfo] | KnownVersions | None

# `mine`'s default scope: what documents need (`scope.requested`)
DEFAULT_SCOPE = "requested"
NOT_A_REPO = "not a git repository: freshness from front matter only"
NO_GIT = "git is not installed: freshness from front matter only"
NO_COMMITS = "no commits yet: freshness from front matter only"
DISABLED = "history is off (plugins.nohero.history: false): freshness from front matter only"
SHALLOW = (
    "this is a shallow clone, so git history would make the last committer "
    "the author of everything: "
    "fetch the full history (GitHub Actions: `actions/checkout` with `fetch-depth: 0`; "
    "elsewhere: `git fetch --unshallow`)"
)


def load_history(
    config: Config,
    roster: Roster,
    *,
    progress: bool = False,
    documents: Iterable[Document] = (),
    only_documents: bool = False,
    early: BackgroundMine | None = None,
) -> History:
    """The mined history of the repository holding `config`'s docs.

    `documents`: the knowledge base's parsed documents, so a page's snippet
    includes are found in the text already read instead of reading it again.
    `only_documents`: build the histories of those documents only (a run
    limited to some paths); every path's last change is still there (drift).
    Never raises for a folder outside git, an empty repository or a shallow
    clone: those come back as `History(available=False, note=...)`.
    `early`: the same mine, started in a thread before the documents loaded.
    """
    docs = list(documents)
    covers = None
    if early is not None:
        early.documents_loaded(docs)  # a no-op when the pipeline handed them over already
        mined = early.result()
        covers = early.covers
    else:
        mined = mine(config, progress=progress, known=KnownVersions(versions_of(config, docs)))
    if isinstance(mined, History):
        return mined
    return build_history(config, roster, mined, docs, only_documents=only_documents, covers=covers)


@record
class MinedRepo:
    """Raw mined data before identities are resolved: what `nohero adopt`
    drafts a roster from, and what `build_history` resolves against one."""

    root: str
    data: Mined
    stats: dict[str, Any]
    _repo: Any = field(default=None, repr=False)
    # the history cache write `mine(defer_save=True)` left to `save()`
    unsaved: Callable[[], bool] | None = field(default=None, repr=False)

    def save(self) -> None:
        """Write the history cache a deferred mine left unwritten (once)."""
        if self.unsaved is not None:
            write, self.unsaved = self.unsaved, None
            self.stats["cache_saved"] = write()

    @property
    def repo(self) -> git.Git:
        """GitPython's runner, made when first asked for: a run at a cached
        HEAD never imports GitPython (a fifth of a one-file pre-commit run)."""
        if self._repo is None:
            import git

            self._repo = git.Git(self.root)
        return self._repo


def mine(
    config: Config,
    *,
    progress: bool = False,
    known: Known = None,
    defer_save: bool = False,
    scope: Scope | str = DEFAULT_SCOPE,
    probed: Callable[[str, Path], None] | None = None,
    at: str | None = None,
) -> MinedRepo | History:
    """Read git history (through the cache); an unavailable History says why not.
    Blobs in `known` (blobs.known_versions) are not read from git again.
    `defer_save`: a mine that read git leaves the history cache unwritten
    until `MinedRepo.save()`, so its caller can hand the answer on first.
    `scope` (`history.scope`): the paths to list, None for the whole tree
    (`nohero adopt`: everyone who committed); by default what documents need
    (`scope.requested`). Whatever the scope, every document's history is the
    same (`history.scoped`). `probed`: told HEAD and the git dir as soon as
    they are known (the covers pass starts from them, `background.Probed`).
    `at`: the commit to mine up to instead of HEAD (a second pass stays at
    the HEAD the first one read, whatever landed meanwhile)."""
    if not isinstance(scope, tuple | None):
        scope = scopes.requested(config)
    if not config.history:
        return History(available=False, note=DISABLED)
    root = str(config.repo_root)
    # One git process answers all three (each spawn is a few ms of a one-file
    # run): the git dir, shallow or not, and HEAD -- a third line only when
    # HEAD names a commit (`-q`: no commits yet is exit 1 and silence).
    probe = run_git(
        root, "rev-parse", "--git-common-dir", "--is-shallow-repository", "--verify", "-q",
        f"{at or 'HEAD'}^{{commit}}",
    )  # fmt: skip
    if probe is None:
        return History(available=False, note=NO_GIT)
    lines = probe.stdout.splitlines()
    if len(lines) < 2 or probe.returncode not in (0, 1):
        return History(available=False, note=dubious_ownership(probe.stderr) or NOT_A_REPO)
    common, shallow = lines[:2]
    if probe.returncode != 0 or len(lines) != 3:
        return History(available=False, note=NO_COMMITS)
    head = lines[2].strip()
    if shallow.strip() == "true":
        return History(available=False, shallow=True, head=head, note=SHALLOW)
    if probed is not None:
        probed(head, Path(config.repo_root, common))
    meter = Progress(progress)
    try:
        git_dir = Path(config.repo_root, common)
        mined, stats, write = _mine(root, config, head, meter, git_dir, known, normal(scope))
    except Exception as exc:  # noqa: BLE001 - only git's own failures are a note
        if not (isinstance(exc, ValueError) or git_failed(exc)):
            raise
        return History(
            available=False, head=head, note=f"could not read git history: {short_error(exc)}"
        )
    finally:
        meter.done()
    repo = MinedRepo(root, mined, stats, unsaved=write)
    if not defer_save:
        repo.save()
    return repo


def build_history(
    config: Config,
    roster: Roster,
    mined: MinedRepo,
    documents: Iterable[Document] = (),
    also_ignored: Iterable[str] = (),
    only_documents: bool = False,
    covers: CoversPass | None = None,
) -> History:
    """`mined` with identities resolved against `roster`; `also_ignored`:
    shas left out as if listed in .git-blame-ignore-revs; `only_documents`:
    build the histories of `documents` only (a run limited to some paths),
    while every path's last change stays there (drift). `covers`: the
    covers pass started early (`history.covered`); without it, what the
    documents cover beyond the mined scope is read here."""
    docs = list(documents)
    bodies = {doc.path: doc.body for doc in docs if doc.readable}
    wanted = {doc.path for doc in docs} if only_documents else None
    prefix = docs_prefix(config)  # documents published through a symlinked folder:
    linked = {doc.path for doc in docs if doc.path != f"{prefix}{doc.docs_rel}"}
    included = included_files(config, mined.data, bodies, wanted, linked)
    widened = _widened(config, mined, docs, {*linked, *chain.from_iterable(included.values())})
    if isinstance(widened, History):
        return widened
    ignored = set(also_ignored)
    history = resolve(config, roster, widened.data, bodies, ignored, wanted, linked, included)
    history.stats.update(widened.stats)
    history.stats["scope"] = widened.data.scope  # what git log listed (None: everything)
    mined = widened  # the covers pass reads beyond what was mined in the end
    if mined.data.scope is not None or covers is not None:  # covered code outside the mine
        from .covered import for_history

        more, note = for_history(config, mined.data.scope, mined.data.head, docs, covers)
        if more and isinstance(history.last_change, ChangeTimes):
            history.last_change = history.last_change.joined(more)
        if note:
            history.note = f"{history.note}; {note}" if history.note else note
    return history


def _widened(
    config: Config, mined: MinedRepo, docs: list[Document], needed: set[str]
) -> MinedRepo | History:
    """`mined`, or a mine of its scope widened by the `needed` files it did
    not list (snippets and symlinked documents outside docs_dir: known only
    once the documents are loaded, so a second pass, for such repositories
    alone). Their histories are then exact too (`history.scoped`)."""
    scope = mined.data.scope
    missing = [path for path in needed if not includes_path(scope, path)]
    if not missing:
        return mined
    mined.unsaved = None  # its narrower cache would only be mined past again
    known = KnownVersions(versions_of(config, docs))
    again = mine(config, known=known, scope=union(scope, missing), at=mined.data.head)
    if isinstance(again, MinedRepo):
        again.stats["widened"] = len(missing)
    return again


# --- mining ---------------------------------------------------------------


def _mine(
    root: str,
    config: Config,
    head: str,
    meter: Progress,
    git_dir: Path,
    known: Known = None,
    scope: Scope = None,
) -> tuple[Mined, dict[str, Any], Callable[[], bool] | None]:
    """The mined data, its stats, and how to write the history cache (None:
    read from it, nothing to write). A cached mine serves any scope it
    covers; an incremental one keeps its cached scope."""
    key = cache.secret(git_dir) if config.cache_dir is not None else None
    prefix = docs_prefix(config)
    cached = cache.load(config.cache_dir, key)
    if cached is not None and (cached.docs_prefix != prefix or not covers(cached.scope, scope)):
        cached = None  # blobs read for another docs_dir, or a narrower listing: mine again
    if cached is not None and cached.head == head:
        return cached, {"cache": "warm", "commits_parsed": 0, "commits": len(cached.commits)}, None
    from .fold import fold
    from .mainline import first_parent_line, is_ancestor
    from .scoped import MAX_ROUNDS, Overrides, Scoped, recheck

    line: set[str] | None = None  # the main line, when known before the log
    # Only a cached head still on HEAD's first-parent line can be built on
    # (else its last changes were timed on a line that is no longer the main one).
    if cached is not None and is_ancestor(root, cached.head, head):
        line = first_parent_line(root, f"{cached.head}..{head}", cached.head)
    if line is None:
        cached = None
    review_key = config.fields.get("last_reviewed", "last_reviewed")
    overrides: Overrides = {}
    for rounds in range(1, MAX_ROUNDS + 2):
        if rounds > MAX_ROUNDS:
            scope = None  # renames from ever further away: list the whole tree
        if cached is not None:
            mined, mode, revisions = cached, "incremental", f"{cached.head}..{head}"
        else:
            mined, mode, revisions = Mined(head=head, docs_prefix=prefix), "cold", head
        mined.scope = scope if cached is None else cached.scope
        scoped = Scoped(overrides, line)
        parsed = fold(root, mined, revisions, head, meter, review_key, known, scoped)
        if mined.scope is None:
            break
        outside: set[str] = set()
        before = len(overrides)
        recheck(root, mined.scope, scoped.candidates, overrides, outside)
        if not outside and len(overrides) == before:
            break  # every commit that adds to the scope agrees with the whole tree
        scope, cached, line = union(mined.scope, outside), None, None  # fold again, cold
    mined.head = head
    stats = {"cache": mode, "commits_parsed": parsed, "commits": len(mined.commits)}
    if rounds > 1:
        stats["scoped_rounds"] = rounds
    return mined, stats, functools.partial(cache.save, config.cache_dir, mined, key)
