"""When the files documents `cover` last changed, for what the docs mine
did not list.

A cold mine lists only docs_dir (`history.scope`): on a big repository
`git log -- docs/` costs a third of the unlimited log. Drift and
review-rubber-stamp also ask when the code a document `covers` last reached
the main line (`History.last_change`), and that code mostly lies outside
docs_dir (`covers: [services/payments/**]`). This pass reads exactly that:
ONE `git log --first-parent -- <prefixes>` over the literal prefixes
(`globs.literal_prefix`) of the documents' covers patterns that the mine
did not list, giving path -> newest committer time on HEAD's first-parent
line -- the very values the whole-tree mine's `last_change` holds
(`mainline.last_changes`): a merge counts with its diff against its first
parent at its own committer time; a rename touches both paths (with
`--no-renames`, its D and its A). Only the newest time is kept, so which of
two commits with the same time "wins" does not matter.

A cold report starts it as soon as the documents are parsed
(`BackgroundMine.documents_loaded`), in a thread and a git process of its
own, so it runs on the other core while the docs log runs. Its answer is
cached next to the history cache, signed with the same key, keyed by HEAD
and the prefixes: a warm run reads it, a later HEAD on the same
first-parent line reads `OLD..HEAD` only, new prefixes are read alone.
"""

from __future__ import annotations

import marshal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .cache import read_signed, secret, write_signed
from .oddities import safe_epoch
from .scope import Scope, includes_path

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document

FORMAT = "nohero-covered"
VERSION = 1
FILE_NAME = "covered.marshal"
_TAG = f"{FORMAT} {VERSION} python{sys.version_info[0]}.{sys.version_info[1]}".encode()

# Options fixed against the user's git config: `log.follow` would follow one
# path through renames, `diff.relative` would cut paths, `log.showRoot=false`
# would hide the first commit's files.
LOG_OPTIONS = (
    "--first-parent",
    "--diff-merges=first-parent",
    "-z",
    "--raw",
    "--no-renames",
    "--no-abbrev",
    "--root",
    "--no-color",
    "--no-relative",
    "--no-show-signature",
    "--format=%x1e%ct",
)


def prefixes_for(documents: Iterable[Document], scope: Scope) -> tuple[str, ...]:
    """The folders (and single files) git must list for the documents'
    `covers` patterns beyond what a mine of `scope` listed: each
    non-negated pattern's literal prefix, sorted, none inside another;
    ("",) when a pattern can match at any depth (`*.sql`): the whole tree.
    Patterns that can match no path git knows are left out."""
    from ..globs import compile_pattern, literal_prefix
    from ..rules.drift import covers_of

    patterns: set[str] = set()  # thousands of documents, a handful of patterns
    for doc in documents:
        patterns.update(covers_of(doc))
    found: set[str] = set()
    for pattern in patterns:
        compiled = compile_pattern(pattern)
        if not compiled.valid or compiled.negated:
            continue  # matches nothing / only uncovers
        prefix = _listable(literal_prefix(pattern))
        if prefix is not None and not includes_path(scope, prefix):
            found.add(prefix)
    return outermost(found)


def outermost(prefixes: Iterable[str]) -> tuple[str, ...]:
    """`prefixes` sorted, without those a folder prefix among them holds."""
    kept: list[str] = []
    for prefix in sorted(set(prefixes)):
        if not includes_path(tuple(kept), prefix):
            kept.append(prefix)
    return tuple(kept)


def _listable(prefix: str) -> str | None:
    """`prefix` as git should be asked for it; None when no path git
    records can start with it (a `..`, `.` or empty folder name, a NUL):
    asking would only make git refuse a path outside the repository. A
    line break (git reads the prefixes a line each) cuts it back to the
    folder holding it, which lists more, never less."""
    if "\0" in prefix:
        return None
    folders = prefix.split("/")[:-1]  # the last part is a name or "" (a folder prefix)
    if any(part in ("", ".", "..") for part in folders) or prefix in (".", ".."):
        return None
    for odd in ("\n", "\r"):
        if odd in prefix:
            prefix = prefix[: prefix.rfind("/", 0, prefix.index(odd)) + 1]
    return prefix


# --- reading git ------------------------------------------------------------


def read_changes(root: str, revisions: str, prefixes: tuple[str, ...]) -> dict[str, int]:
    """path -> newest committer time (epoch, clamped as the miner clamps)
    of the commits on `revisions`' first-parent line that changed it, for
    the paths under `prefixes` (literal pathspecs; "" is the whole tree)."""
    from .gitlog import LITERAL_PATHSPECS
    from .rungit import GitProcess

    if not prefixes:
        return {}
    whole = "" in prefixes
    args = ["-c", "log.follow=false", "log", *LOG_OPTIONS, revisions]
    # the prefixes on stdin (`--stdin`: revisions, then "--", then paths):
    # any number of them, never an argument list too long
    proc = GitProcess(
        root, *args, "--" if whole else "--stdin", stdin=not whole, env=dict(LITERAL_PATHSPECS)
    )
    try:
        if not whole:
            stdin = proc.proc.stdin
            assert stdin is not None
            lines = "".join(f"{prefix}\n" for prefix in prefixes)
            stdin.write(b"--\n" + lines.encode("utf-8", "surrogateescape"))
            stdin.close()
        found = parse_changes(proc.stdout)
        proc.wait()
    finally:
        proc.end()
    return found


def parse_changes(stream: IO[bytes], chunk_size: int = 1 << 16) -> dict[str, int]:
    """`read_changes`' git output: a header (0x1e, then the committer
    time) per commit, then per changed file a raw record and one path
    (`--no-renames`: never two), taken by count, whatever it looks like."""
    newest: dict[str, int] = {}
    when = 0
    want = False
    rest = b""
    get = newest.get
    while chunk := stream.read(chunk_size):
        tokens = (rest + chunk).split(b"\0")
        rest = tokens.pop()
        for token in tokens:
            if want:
                path = token.decode("utf-8", "surrogateescape")
                if get(path, when - 1) < when:
                    newest[path] = when
                want = False
                continue
            token = token.lstrip(b"\n")
            if token[:1] == b":":
                want = True
            elif token[:1] == b"\x1e":
                when = _time(token[1:])
            elif token:
                raise ValueError(f"unexpected git log output: {token[:60]!r}")
    if rest.strip(b"\n") or want:
        raise ValueError("git log output ended in the middle of a record")
    return newest


def _time(raw: bytes) -> int:
    """A committer time as the miner reads it (`gitlog._header`)."""
    try:
        epoch = int(raw)
    except ValueError:
        epoch = 0
    return safe_epoch(epoch)[0]


def merge_newest(into: dict[str, int], more: Mapping[str, int]) -> None:
    """Fold `more`'s times into `into`, the newer one winning."""
    for path, when in more.items():
        if into.get(path, when) <= when:
            into[path] = when


# --- cached -----------------------------------------------------------------


class Cached:
    """What a pass read, up to `head`, for `prefixes`."""

    __slots__ = ("head", "prefixes", "times")

    def __init__(self, head: str, prefixes: tuple[str, ...], times: dict[str, int]) -> None:
        self.head = head
        self.prefixes = prefixes
        self.times = times

    def holds(self, prefix: str) -> bool:
        return includes_path(self.prefixes, prefix)


def load(cache_dir: Path | None, key: bytes | None) -> Cached | None:
    """The cached pass, when its file is there and signed with `key`."""
    if cache_dir is None or key is None:
        return None
    try:
        body = read_signed(cache_dir / FILE_NAME, _TAG, key)
        if body is None:
            return None
        head, prefixes, paths, times = marshal.loads(body)
        table = dict(zip(paths.split("\0") if paths else (), times, strict=True))
        if not isinstance(head, str) or not isinstance(prefixes, tuple):
            return None
        return Cached(head, prefixes, table)
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        return None


def save(cache_dir: Path | None, key: bytes | None, cached: Cached) -> bool:
    """Write the pass's cache atomically, signed; False when it cannot be."""
    if cache_dir is None or key is None:
        return False
    try:
        paths = "\0".join(cached.times)
        body = marshal.dumps((cached.head, cached.prefixes, paths, list(cached.times.values())))
        write_signed(cache_dir, FILE_NAME, _TAG, key, body, fsync=False)
        return True
    except (OSError, ValueError):
        return False


def last_changes(
    root: str, head: str, prefixes: tuple[str, ...], cache_dir: Path | None, key: bytes | None
) -> dict[str, int]:
    """path -> newest main-line change for every path under `prefixes` at
    `head`, through the cache: a cached answer at `head` holding the
    prefixes is read as it is; one at an older head on HEAD's first-parent
    line reads `OLD..HEAD` only; prefixes it does not hold are read alone.
    Anything else (a rebase, no cache) reads them all."""
    if not prefixes:
        return {}
    cached = load(cache_dir, key)
    read = False
    if cached is not None and cached.head != head:
        from .mainline import first_parent_line, is_ancestor

        old = cached.head
        if is_ancestor(root, old, head) and first_parent_line(root, f"{old}..{head}", old):
            merge_newest(cached.times, read_changes(root, f"{old}..{head}", cached.prefixes))
            cached.head, read = head, True
        else:
            cached = None
    if cached is None:
        cached = Cached(head, (), {})
    new = tuple(p for p in prefixes if not cached.holds(p))
    if new:
        merge_newest(cached.times, read_changes(root, head, new))
        cached.prefixes, read = outermost((*cached.prefixes, *new)), True
    if read:
        save(cache_dir, key, cached)
    return cached.times


# --- running it -------------------------------------------------------------


class CoversPass:
    """`last_changes` for `prefixes` running in a daemon thread since
    construction (its git process on the other core while the docs log
    runs). `result()` waits and gives (HEAD it read at, the table), or
    raises what the pass raised, in the caller's thread. `probed`: waits
    for HEAD and the git dir as the mine's first git call found them (None
    when it never got that far: then there is no history to complete, and
    the pass reads nothing)."""

    def __init__(
        self,
        config: Config,
        prefixes: tuple[str, ...],
        probed: Callable[[], tuple[str, Path] | None] | None = None,
    ) -> None:
        self.prefixes = prefixes
        self._config = config
        self._probed = probed
        self._value: tuple[str, dict[str, int]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="nohero-covers", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self._probed is None:
                self._value = read_at(self._config, self.prefixes)
            elif (found := self._probed()) is None:
                # the mine ended before it knew HEAD: no usable history (no
                # commits, a shallow clone...), so none is read for covers
                self._value = ("", {})
            else:
                self._value = read_at(self._config, self.prefixes, *found)
        except BaseException as exc:  # noqa: BLE001 - re-raised in result()
            self._error = exc

    def result(self) -> tuple[str, dict[str, int]]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def read_at(
    config: Config,
    prefixes: tuple[str, ...],
    head: str | None = None,
    git_dir: Path | None = None,
) -> tuple[str, dict[str, int]]:
    """(HEAD, `last_changes` for `prefixes` at it). Unless both are given,
    one `git rev-parse` finds the git dir (the cache key lives there) and
    HEAD (the given one checked)."""
    from .rungit import GitError, run_git

    root = str(config.repo_root)
    if head is None or git_dir is None:
        rev = head or "HEAD^{commit}"
        probe = run_git(root, "rev-parse", "--git-common-dir", "--verify", "-q", rev)
        lines = probe.stdout.split("\n") if probe is not None else []
        if probe is None or probe.returncode != 0 or len(lines) < 2:
            raise GitError(("rev-parse", rev), probe.returncode if probe else -1, "no such commit")
        git_dir, head = Path(config.repo_root, lines[0]), lines[1].strip()
    key = secret(git_dir) if config.cache_dir is not None else None
    return head, last_changes(root, head, prefixes, config.cache_dir, key)


def start(
    config: Config,
    documents: Iterable[Document],
    probed: Callable[[], tuple[str, Path] | None] | None = None,
) -> CoversPass | None:
    """The pass for `documents`' covers beyond what a default mine lists
    (`scope.requested`), started; None when there is nothing to read."""
    from .scope import requested

    prefixes = prefixes_for(documents, requested(config))
    return CoversPass(config, prefixes, probed) if prefixes else None


def for_history(
    config: Config,
    scope: Scope,
    head: str,
    documents: Iterable[Document],
    early: CoversPass | None = None,
) -> tuple[dict[str, int], str | None]:
    """The last changes `documents`' covers need beyond a mine of `scope`
    at `head` (the early pass's, when it read what is needed at that
    head; else read now), and a note when git could not tell."""
    from .rungit import git_failed

    prefixes = prefixes_for(documents, scope)
    try:
        if early is not None:
            at, table = early.result()  # joined either way: one writer of the cache
            if at == head and all(includes_path(early.prefixes, p) for p in prefixes):
                return table, None
        if not prefixes:
            return {}, None
        return read_at(config, prefixes, head)[1], None
    except Exception as exc:  # noqa: BLE001 - git's own failures are a note
        if not (isinstance(exc, ValueError) or git_failed(exc)):
            raise
        from .oddities import short_error

        return {}, f"could not read when covered files changed: {short_error(exc)}"
