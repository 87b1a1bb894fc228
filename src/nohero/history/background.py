"""History mined in a thread while the documents load.

A cold mine is bound by `git log`: git walks and diffs trees in its own
process while Python waits on the pipe. Started before the knowledge base is
read, that wait is spent loading documents instead, so a cold `report` takes
about as long as the longer of the two rather than their sum. Python's lock
lets only one of the two threads run Python at a time, so nothing is
computed twice or raced: the thread owns everything the miner touches
(its git processes, the history cache) and hands over one finished value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config

if TYPE_CHECKING:
    from ..document import Document
    from .blobs import BlobInfo
    from .covered import CoversPass
    from .miner import MinedRepo
    from .model import History


def versions_of(config: Config, documents: Iterable[Document]) -> Callable[[], dict[str, BlobInfo]]:
    """How to get `documents`' versions (`blobs.known_versions`), worked out
    only when called: a mine that reads no blob (a warm run) never does."""
    docs = list(documents)
    review_key = config.fields.get("last_reviewed", "last_reviewed")

    def known() -> dict[str, BlobInfo]:
        from .blobs import known_versions

        return known_versions(docs, review_key)

    return known


def start_mine(config: Config, *, progress: bool = False) -> BackgroundMine | None:
    """`config`'s history mined from now on in a thread; None when there is
    none to mine (history off, no `.git`)."""
    if not config.history or not (config.repo_root / ".git").exists():
        return None
    return BackgroundMine(config, progress=progress)


class BackgroundMine:
    """`miner.mine(config)` running in a daemon thread since construction.

    `result()` waits for it and returns what `mine` returned, or raises what
    it raised, in the caller's thread, so error handling is the caller's as
    if it had called `mine` itself. The history cache is written after the
    result is handed over, in the thread: `settle()` waits for it. A run
    that stops early (an error while the documents load) does not wait: the
    thread is a daemon, its git processes end with the interpreter, and the
    cache is written atomically or not at all.
    """

    def __init__(self, config: Config, *, progress: bool = False) -> None:
        self._config = config
        self._known = KnownVersions()
        self._progress = progress
        self._value: MinedRepo | History | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()  # the value (or error) is there
        self.covers: CoversPass | None = None  # started once the documents are known
        self._probed = Probed()  # HEAD and the git dir, as the mine's first git call saw them
        self._thread = threading.Thread(target=self._run, name="nohero-mine", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from .miner import MinedRepo, mine

        try:
            value = mine(
                self._config,
                progress=self._progress,
                known=self._known,
                defer_save=True,
                probed=self._probed,
            )
        except BaseException as exc:  # noqa: BLE001 - re-raised in result()
            self._error = exc
            self._done.set()
            return
        finally:
            self._probed.release()  # a mine that never got as far: the pass asks git
        self._value = value
        self._done.set()
        # The answer is handed over; the history cache is written while the
        # caller resolves and reports (marshal, write and fsync: a few tenths
        # of a second a cold report no longer waits for). `settle()` joins.
        if isinstance(value, MinedRepo):
            value.save()

    def hand_over(self, known: Callable[[], dict[str, BlobInfo]]) -> None:
        """How to get the versions the knowledge base read
        (`blobs.known_versions`): the mine holds its blob requests until it
        has them, so call this before `result()` (`dict` when the documents
        could not be loaded)."""
        self._known.hand_over(known)

    def documents_loaded(self, documents: Iterable[Document]) -> None:
        """Hand over the knowledge base's parsed documents: the versions they
        hold are never read from git again (`blobs.known_versions`), and
        what they cover beyond the mine's scope is read from now on, while
        the mine still runs (`history.covered`; `build_history` waits)."""
        if self._known.ready:
            return  # handed over already (the pipeline, then load_history)
        docs = list(documents)
        self.hand_over(versions_of(self._config, docs))
        from .covered import start

        self.covers = start(self._config, docs, self._probed.wait)

    def result(self) -> MinedRepo | History:
        self._known.hand_over(dict)  # no-op when handed over already
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value

    def settle(self) -> None:
        """Wait for the history cache write that follows `result()`, so no
        thread outlives the run (a console-script run ends with `os._exit`).
        Returns at once when no result was asked for: a run stopped by an
        error does not wait for `git log` (see the class docstring)."""
        if self._done.is_set():
            self._thread.join()


class KnownVersions:
    """Known versions (see known_versions), worked out only when a mine reads
    blobs (a warm run never does) and possibly handed over later: a mine
    started before the knowledge base loaded holds back its blob requests
    until the documents are parsed, then asks git only for the others."""

    def __init__(self, source: Callable[[], dict[str, BlobInfo]] | None = None) -> None:
        self._given = threading.Event()
        self._source = source
        self._known: dict[str, BlobInfo] | None = None
        if source is not None:
            self._given.set()

    def hand_over(self, source: Callable[[], dict[str, BlobInfo]]) -> None:
        if not self._given.is_set():
            self._source = source
            self._given.set()

    @property
    def ready(self) -> bool:
        return self._given.is_set()

    def wait(self) -> dict[str, BlobInfo]:
        """The known versions, once handed over (worked out on first call)."""
        self._given.wait()
        if self._known is None:
            self._known = self._source() if self._source is not None else {}
        return self._known


class Probed:
    """What the mine's first git call found -- HEAD and the git dir -- handed
    to the covers pass, which would otherwise spawn a `git rev-parse` of its
    own for them (a one-file pre-commit run counts each spawn). `wait()`
    gives them, or None once the mine ended without getting that far."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._value: tuple[str, Path] | None = None

    def __call__(self, head: str, git_dir: Path) -> None:
        if not self._event.is_set():
            self._value = (head, git_dir)
            self._event.set()

    def release(self) -> None:
        self._event.set()

    def wait(self) -> tuple[str, Path] | None:
        self._event.wait()
        return self._value
