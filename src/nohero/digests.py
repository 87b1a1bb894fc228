"""SHA-1 (git blob ids, cache keys) and the history cache's signature,
without loading OpenSSL for a small job.

`import hashlib` loads OpenSSL (`_hashlib`): about 11 ms before the first
byte is hashed -- more than a one-file pre-commit run spends on everything
it hashes (one document's blob id, the history cache's signature).
CPython's own implementations (`_sha1`, `_blake2`) load in a fraction of a
millisecond, but their SHA-1 is ten times slower than OpenSSL's. So SHA-1
starts with the built-in one and moves to OpenSSL's once a run has hashed
more than `BUILT_IN_BYTES` (a cold check of 10,000 documents hashes 20 MB);
the digests are the same either way (tests/test_digests.py). The cache
signature is keyed BLAKE2b, whose built-in implementation is fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

BUILT_IN_BYTES = 1 << 20  # where OpenSSL's start-up (~11 ms) pays for itself
_hashed = 0  # bytes the built-in SHA-1 has hashed in this process


def _built_in_sha1() -> Callable[..., Any] | None:
    try:
        from _sha1 import sha1
    except ImportError:  # an interpreter without it: OpenSSL's
        return None
    return sha1  # type: ignore[no-any-return]


def sha1_hex(*parts: bytes) -> str:
    """The SHA-1 of `parts` joined, in hex."""
    global _hashed
    size = sum(map(len, parts))
    sha1 = None
    if "_hashlib" not in sys.modules and _hashed + size <= BUILT_IN_BYTES:
        sha1 = _built_in_sha1()
    if sha1 is None:
        import hashlib

        digest = hashlib.sha1(usedforsecurity=False)
    else:
        _hashed += size
        digest = sha1()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()  # type: ignore[no-any-return]


def signature(key: bytes, *parts: bytes | memoryview) -> str:
    """A MAC of `parts` under `key` (keyed BLAKE2b, 32 bytes), in hex."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    digest = blake2b(key=key, digest_size=32)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def signed_file(tag: bytes, mac: str, body: bytes) -> bytes:
    """A signed file's bytes: the header line `TAG MAC`, then `body`
    (what `signed_body` reads back)."""
    return tag + b" " + mac.encode("ascii") + b"\n" + body


def signed_body(raw: bytes, tag: bytes, sign: Callable[[memoryview], str]) -> memoryview | None:
    """The body of a file `signed_file` wrote, when its header names `tag`
    and carries the signature `sign(body)` gives; None for anything else
    (another format or version, a torn file, bytes nohero did not sign).
    The body is checked where it lies: a cache can be megabytes."""
    cut = raw.find(b"\n")
    found, _, mac = raw[: max(cut, 0)].rpartition(b" ")
    if found != tag or len(mac) != 64 or not mac.isascii():
        return None
    body = memoryview(raw)[cut + 1 :]
    return body if same(mac.decode("ascii"), sign(body)) else None


def same(a: str, b: str) -> bool:
    """`a == b` in time that does not depend on where they differ."""
    from _operator import _compare_digest  # what hmac.compare_digest is

    return bool(_compare_digest(a, b))
