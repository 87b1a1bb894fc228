"""nohero.digests gives the digests hashlib gives, whichever implementation
hashes (CPython's own for small jobs, OpenSSL's past BUILT_IN_BYTES), and a
small job never loads OpenSSL."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nohero import digests

parts_st = st.lists(st.binary(max_size=300), max_size=4)


@settings(max_examples=80, deadline=None)
@given(parts_st, st.booleans())
def test_sha1_is_sha1_on_either_side_of_the_threshold(parts: list[bytes], past: bool) -> None:
    saved = digests._hashed  # noqa: SLF001 - which implementation hashes is the point
    try:
        digests._hashed = digests.BUILT_IN_BYTES + 1 if past else 0  # noqa: SLF001
        assert digests.sha1_hex(*parts) == hashlib.sha1(b"".join(parts)).hexdigest()
    finally:
        digests._hashed = saved  # noqa: SLF001


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=64), parts_st)
def test_the_signature_is_keyed_blake2b(key: bytes, parts: list[bytes]) -> None:
    expected = hashlib.blake2b(b"".join(parts), key=key, digest_size=32).hexdigest()
    assert digests.signature(key, *parts) == expected
    assert digests.same(digests.signature(key, *parts), expected)
    assert not digests.same(expected, "0" * len(expected))


@pytest.mark.parametrize("size", [10, 2 * digests.BUILT_IN_BYTES])
def test_openssl_loads_only_for_a_big_job(size: int) -> None:
    code = (
        "import sys\n"
        "from nohero.document import blob_id\n"
        "from nohero.history.cache import _sign\n"
        f"blob_id(b'x' * {size}); _sign(b'k' * 32, b'payload')\n"
        "print('_hashlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    at_start = subprocess.run(
        [sys.executable, "-c", "import sys; print('_hashlib' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    if at_start.stdout.strip() == "True":
        pytest.skip("this interpreter loads OpenSSL at start (a site .pth)")
    assert out.stdout.strip() == str(size > digests.BUILT_IN_BYTES)
