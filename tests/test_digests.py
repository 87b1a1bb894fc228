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
        "from nohero.digests import signature\n"
        f"blob_id(b'x' * {size}); signature(b'k' * 32, b'payload')\n"
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


def _signer(key: bytes):  # type: ignore[no-untyped-def]
    return lambda body: digests.signature(key, b"ctx", body)


@given(st.binary(max_size=200))
@settings(max_examples=50, deadline=None)
def test_a_signed_file_reads_back_only_with_its_tag_and_key(body: bytes) -> None:
    raw = digests.signed_file(b"fmt 1", _signer(b"k" * 32)(body), body)
    found = digests.signed_body(raw, b"fmt 1", _signer(b"k" * 32))
    assert found is not None and bytes(found) == body
    assert digests.signed_body(raw, b"fmt 2", _signer(b"k" * 32)) is None  # another version
    assert digests.signed_body(raw, b"fmt 1", _signer(b"x" * 32)) is None  # another clone's key
    assert digests.signed_body(raw + b"?", b"fmt 1", _signer(b"k" * 32)) is None  # edited


@pytest.mark.parametrize(
    "raw",
    [
        b"",  # empty (a crash before the first write)
        b"fmt 1 " + b"a" * 64,  # torn before the end of the header
        b"fmt 1 " + "é".encode() * 32 + b"\nbody",  # 64 bytes of signature that are not ASCII
        b"fmt 1 " + b"a" * 63 + b"\nbody",  # a signature of the wrong length
    ],
)
def test_a_torn_or_foreign_signed_file_is_none_never_an_error(raw: bytes) -> None:
    assert digests.signed_body(raw, b"fmt 1", _signer(b"k" * 32)) is None
