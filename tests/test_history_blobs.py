"""A review date read by front-matter shape (`blobs.fingerprint` with
`shapes`) is the review date the YAML parser reads from that version."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.history.blobs import PLACEHOLDER, fingerprint

DATES = ["2024-01-01", "2025-12-31", "2024-02-29", "2023-02-29", "2024-13-01", PLACEHOLDER]
# Lines around the review line, chosen to move it out of the top-level
# mapping, repeat it, or break the YAML.
OTHER_LINES = [
    "title: x",
    "owner: ana",
    "covers: [a/**, b/**]",
    "tags: [one,",  # an open flow sequence swallows the next line
    "  two]",
    'summary: "starts here',  # an open quoted scalar swallows the next line
    '  ends here"',
    "notes: |",  # a block scalar holds the indented lines that follow
    "  last_reviewed: 2020-01-01",
    "review:",
    "  when: 2020-02-02",
    "base: &day 2019-03-03",
    "last_reviewed: *day",
    "last_reviewed: '2018-04-04'",
    "# a comment",
    "",
    "- a list item",
    "bad: a: b",
    "\tindented with a tab",
]


@st.composite
def front_matters(draw: st.DrawFn) -> tuple[list[str], int]:
    lines = draw(st.lists(st.sampled_from(OTHER_LINES), max_size=8))
    where = draw(st.integers(0, len(lines)))
    return lines, where


@settings(max_examples=300, deadline=None)
@given(front_matters(), st.lists(st.sampled_from(DATES), min_size=1, max_size=4))
def test_review_dates_by_shape_equal_parsing_every_version(
    shape: tuple[list[str], int], days: list[str]
) -> None:
    lines, where = shape
    shapes: dict[str, str | None] = {}  # shared by the versions, as one reader shares it
    for day in days:
        fm = [*lines[:where], f"last_reviewed: {day}", *lines[where:]]
        data = ("---\n" + "\n".join(fm) + "\n---\n# Body\n").encode()
        assert fingerprint(data, "last_reviewed", shapes) == fingerprint(data)


def test_versions_that_differ_only_in_the_review_date_are_parsed_once() -> None:
    shapes: dict[str, str | None] = {}
    for day in ("2024-01-01", "2024-03-01", "2025-06-30"):
        data = f"---\ntitle: x\nlast_reviewed: {day}\nowner: ana\n---\n# B\n".encode()
        assert fingerprint(data, "last_reviewed", shapes).last_reviewed == day
    assert len(shapes) == 1 and PLACEHOLDER in next(iter(shapes))
