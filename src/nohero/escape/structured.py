"""JSON, SARIF and XML: always valid UTF-8, always well-formed.

File names on Linux are bytes; Python hands an undecodable one over as lone
surrogates (`surrogateescape`), which `json.dumps(ensure_ascii=False)` passes
through and any UTF-8 encoder then refuses -- a crash in SARIF, invalid
JSON elsewhere. XML 1.0 also cannot carry most control characters, even as
character references. Both become U+FFFD, the replacement character.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from .terminal import terminal

_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def utf8_text(value: str) -> str:
    """`value` with every lone surrogate replaced, so it encodes as UTF-8."""
    if value.isascii():  # O(1): CPython knows; a 15 MB JSON report skips the scan
        return value
    return _SURROGATE.sub("\ufffd", value)


def utf8_clean(data: Any) -> Any:
    """A JSON-able structure with every string (keys too) made UTF-8 safe."""
    if isinstance(data, str):
        return utf8_text(data)
    if isinstance(data, dict):
        return {utf8_clean(k): utf8_clean(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [utf8_clean(v) for v in data]
    return data


def uri_path(path: str) -> str:
    """A file path as a URI reference: its bytes percent-encoded (an
    undecodable name keeps its real bytes), `/` kept."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = utf8_text(path).encode("utf-8")
    return quote(raw, safe="/")


def xml_text(value: object) -> str:
    """Text an XML 1.0 document can carry (ElementTree escapes the markup)."""
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def xml_shown(value: object) -> str:
    """Text a CI test view shows to people (JUnit names, failure lines): on
    one line with controls and bidi marks visible, as in a log (`terminal`),
    where `xml_text` would keep a newline or a right-to-left override."""
    return xml_text(terminal(value))
