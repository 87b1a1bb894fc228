"""The escaping layer, channel by channel: each hostile value comes out inert."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.escape import (
    codeowners_pattern,
    hidden_marker,
    html_text,
    link_target,
    md_inert,
    md_link,
    md_text,
    terminal,
    terminal_lines,
    uri_path,
    utf8_clean,
    valid_handle,
    workflow_command,
    xml_text,
)


@pytest.mark.parametrize(
    "hostile",
    ["\x1b[31mred", "a\nb", "\x1b]8;;http://x\x07link", "\u202eevil", "x\x9by", "\udcff"],
)
def test_terminal_shows_controls_instead_of_obeying_them(hostile: str) -> None:
    out = terminal(hostile)
    assert out.isprintable() and "\n" not in out


@pytest.mark.parametrize("value", ["::add-mask::secret", "  ::error::x", "##[error]x", "##vso[x]"])
def test_terminal_never_starts_a_ci_command(value: str) -> None:
    out = terminal(value)
    assert not out.lstrip().startswith(("::", "##"))


def test_terminal_lines_keeps_nohero_line_breaks_but_defuses_each_line() -> None:
    out = terminal_lines("first\n::stop-commands::tok\n\x1b[2Jthird")
    assert out.split("\n") == ["first", "\\x3a:stop-commands::tok", "\\x1b[2Jthird"]


def test_workflow_command_escapes_message_and_properties() -> None:
    line = workflow_command("error", [("file", "a,b:c.md"), ("line", 3)], "x\n::add-mask::y 5%")
    assert line == "::error file=a%2Cb%3Ac.md,line=3::x%0A::add-mask::y 5%25"
    assert "\n" not in line


def test_markdown_text_is_neither_markup_nor_attribute() -> None:
    out = md_text("{ onfocus=alert(1) autofocus } [x](javascript:alert(1)) <b>`c`</b>\nnext")
    assert "{" not in out.replace("\\{", "") and "}" not in out.replace("\\}", "")
    assert (
        "[" not in out.replace("\\[", "") and "<" not in out and "`" not in out.replace("\\`", "")
    )
    assert "\n" not in out


@pytest.mark.parametrize("value", ["- item", "+ item", "1. item", "=== ", ": term"])
def test_markdown_text_starts_no_block(value: str) -> None:
    assert md_text(value)[0] in "&0123456789" and not md_text(value).startswith(value[:2])


def test_markdown_inert_mentions_nobody_and_references_nothing() -> None:
    out = md_inert("@alice @org/team owner/repo#1 #2 GH-3 https://evil.example")
    for live in ("@alice", "@org", "#1", "#2", "GH-3", "https://"):
        assert live not in out.replace("\\", "")


@pytest.mark.parametrize("value", ["://evil.example", " ://x", ":/ /"])
def test_markdown_inert_leading_colon_starts_no_autolink(value: str) -> None:
    """A leading `:` becomes an entity (no definition list): `&#58;//` is
    still `://` once shown, so it is broken like any other (found by
    test_hostile_property with value='://')."""
    shown = html.unescape(md_inert(value)).replace("\u200b", "")
    assert "://" not in html.unescape(md_inert(value)) and shown == value.strip()


def test_link_targets_are_percent_encoded_and_never_a_scheme() -> None:
    assert link_target("x) [a](javascript:alert(1).md") == (
        "x%29%20%5Ba%5D%28javascript%3Aalert%281%29.md"
    )
    assert link_target("javascript:alert(1)").startswith("javascript%3A")
    assert not link_target("//evil.example/x").startswith("//")
    assert md_link("a]b", "../people/x y.md") == "[a\\]b](../people/x%20y.md)"


def test_hidden_marker_cannot_close_the_comment() -> None:
    assert "-->" not in hidden_marker("team --> x") and " " not in hidden_marker("a b")


def test_html_text_escapes_quotes_too() -> None:
    assert html_text('"><script>') == "&quot;&gt;&lt;script&gt;"


@pytest.mark.parametrize("handle", ["alice", "a-b", "org/team", "Org/team_x.y", "a1"])
def test_valid_handles(handle: str) -> None:
    assert valid_handle(handle)


@pytest.mark.parametrize(
    "handle", ["a b", "a\n* @mallory", "-a", "a-", "a--b", "@a", "org/", "a/b/c", "", None, 3]
)
def test_invalid_handles(handle: object) -> None:
    assert not valid_handle(handle)


@pytest.mark.parametrize("path", ["a\nb.md", "a\tb.md", "a*.md", "#a.md", "a\udcff.md", "a\\b"])
def test_codeowners_cannot_name_these_paths(path: str) -> None:
    assert codeowners_pattern(path) is None


def test_structured_output_is_valid_utf8_and_xml() -> None:
    data = utf8_clean({"path\udcff": ["a\udcffb", {"k": "\ud800"}]})
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert uri_path("docs/caf\udce9.md") == "docs/caf%E9.md"
    element = ET.Element("a", b=xml_text("\x02\udcff"))
    element.text = xml_text("x\x01\x1b y\udcff")
    ET.fromstring(ET.tostring(element, encoding="unicode").encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text() | st.sampled_from(["plain", "é 漢字 😀\xa0", "a\u200bb", "x\u2028y", "\ud800"]))
def test_workflow_data_skips_the_character_walk_only_when_it_would_change_nothing(
    text: str,
) -> None:
    """escape.github's fast path (a printable text is returned as it is)
    gives what the per-character rule gives."""
    from nohero.escape.github import _no_controls
    from nohero.escape.terminal import _bad, _visible

    walked = "".join(_visible(c) if _bad(c) and c not in "\r\n" else c for c in text)
    assert _no_controls(text) == walked
