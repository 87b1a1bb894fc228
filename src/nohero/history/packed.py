"""The history cache's big tables, decoded only as far as a run reads them.

A warm run reads the whole cache; a one-file pre-commit run needs the events
of one document, the commits that made them and every path's last change
(drift), out of tens of thousands of paths and commits. So the cache stores
each commit and each path's events as a marshal record of its own, in one
blob with a table of where each ends, and the paths once, NUL-separated
(git paths never hold NUL). `Records` and `EventsByPath` read one record
when asked for it and everything only when iterated; the miner turns them
into a plain list and dict before it adds commits (`cache.Mined.plain`).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any

_SEP = "\0"
_LOOKUPS_BEFORE_INDEX = 32  # a one-file run asks a few paths; more: build the index


def pack(records: Iterable[Any]) -> tuple[bytes, bytes]:
    """`records` as one blob and the end offset of each (array 'q' bytes)."""
    parts = list(map(marshal.dumps, records))
    return b"".join(parts), array("q", accumulate(map(len, parts))).tobytes()


def join_paths(paths: Iterable[str]) -> str:
    return _SEP.join(paths)


def split_paths(text: str) -> list[str]:
    return text.split(_SEP) if text else []


class Records(Sequence[Any]):
    """A list of marshal records, each decoded when first asked for."""

    def __init__(self, blob: bytes, ends: bytes) -> None:
        self._blob = memoryview(blob)
        self._ends = array("q")
        self._ends.frombytes(ends)
        if (self._ends[-1] if self._ends else 0) != len(blob):
            raise ValueError("record table does not fit its blob")
        self._done: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._ends)
        if not 0 <= index < len(self._ends):
            raise IndexError(index)
        done = self._done.get(index, self)
        if done is self:
            start = self._ends[index - 1] if index else 0
            done = self._done[index] = marshal.loads(self._blob[start : self._ends[index]])
        return done

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self._ends)):
            yield self[index]


class EventsByPath(Mapping[str, Any]):
    """path -> its events, for the paths that have any: `Records` looked up
    by path. A few lookups search the path text; more build an index."""

    def __init__(self, paths: str, records: Records) -> None:
        self._text = _SEP + paths + _SEP if paths else ""
        self._records = records
        self._index: dict[str, int] | None = None
        self._lookups = 0
        if paths.count(_SEP) + 1 != len(records) and (paths or len(records)):
            raise ValueError("one events record per path")

    def _position(self, path: str) -> int | None:
        if self._index is None:
            self._lookups += 1
            if self._lookups > _LOOKUPS_BEFORE_INDEX:
                names = split_paths(self._text[1:-1])
                self._index = {name: i for i, name in enumerate(names)}
        if self._index is not None:
            return self._index.get(path)
        if _SEP in path or not path:
            return None
        at = self._text.find(_SEP + path + _SEP)
        return None if at < 0 else self._text.count(_SEP, 0, at)

    def __getitem__(self, path: str) -> Any:
        position = self._position(path)
        found = None if position is None else self._records[position]
        if found is None:  # a path with a last change but no events
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        position = self._position(path)
        return position is not None and self._records[position] is not None

    def __iter__(self) -> Iterator[str]:
        names = split_paths(self._text[1:-1])
        for position, name in enumerate(names):
            if self._records[position] is not None:
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)
