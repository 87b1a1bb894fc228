"""Property tests: whatever bytes a file holds, splitting and parsing never
raise, and every line they report lies within the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nohero.config import Config
from nohero.document import parse_document
from nohero.frontmatter import normalise_newlines, parse, split

YAMLISH = st.text(
    alphabet=st.sampled_from(
        list("-:[]{}&*!|>'\"#?,.%@` \t\n\r\ufeffabcxyz019\x85\u2028\u2029\x0b\x0c")
    )
    | st.characters(),
    max_size=300,
)
DOCS = st.one_of(
    YAMLISH,
    YAMLISH.map(lambda t: "---\n" + t),
    st.tuples(YAMLISH, YAMLISH).map(lambda p: f"---\n{p[0]}\n---\n{p[1]}"),
    st.tuples(st.sampled_from(["owner", "last_reviewed", "escalation", "a"]), YAMLISH).map(
        lambda p: f"---\n{p[0]}: {p[1]}\n---\n# T\n"
    ),
)
CONFIG = Config(
    config_file=None,
    root=Path("/kb"),
    repo_root=Path("/kb"),
    docs_dir=Path("/kb/docs"),
    roster_path=Path("/kb/people.yml"),
)


def line_count(text: str) -> int:
    return len(normalise_newlines(text).split("\n"))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_split_and_parse_never_raise_and_lines_are_in_the_file(text: str) -> None:
    parts = split(text)
    total = line_count(text)
    assert 1 <= parts.body_line <= total + 1
    if parts.front_matter is not None:
        fm = parse(parts.front_matter)
        assert (fm.data is None) == (fm.error is not None) or fm.data == {}
        if fm.error is not None:
            assert 1 <= fm.error.line <= total
            assert "\n" not in fm.error.message
        for line in fm.lines.values():
            assert 1 <= line <= total


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DOCS.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_parse_document_never_raises(raw: bytes) -> None:
    doc = parse_document("docs/x.md", Path("/kb/docs/x.md"), "x.md", raw, CONFIG.type_for)
    total = raw.count(b"\n") + raw.count(b"\r") + 1
    for problem in doc.problems:
        assert 1 <= problem.line <= total
    if doc.title_line is not None:
        assert 1 <= doc.title_line <= total
    for line in doc.front_matter.lines.values() if doc.front_matter else []:
        assert 1 <= line <= total
    assert doc.doc_type in ("runbook", "escalation", "architecture", "note")


def _split_by_lines(text: str) -> tuple[str, int, str, int] | None:
    """The definition split's fast path must agree with: the first line is
    `---`, the front matter ends at the first `---` or `...` line."""
    lines = normalise_newlines(text).split("\n")
    if lines[0] != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") in ("---", "..."):
            return "\n".join(lines[1:index]), index + 1, "\n".join(lines[index + 1 :]), index + 2
    return None


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(["---", "...", "--- ", "...\t", " ---", "----", "a: 1", "", "\r"])),
    st.booleans(),
)
def test_split_finds_the_closing_fence_as_lines_would(lines: list[str], newline: bool) -> None:
    text = "---\n" + "\n".join(lines) + ("\n" if newline else "")
    expected = _split_by_lines(text)
    parts = split(text)
    if expected is not None:
        assert parts.front_matter is not None
        got = (parts.front_matter.text, parts.front_matter.closing_line)
        assert (*got, parts.body, parts.body_line) == expected
