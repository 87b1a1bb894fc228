"""The JSON reporter writes the docs and findings lists from text it encodes
once per finding; that text is exactly the generic layout of
`report.to_dict()` (one line per top-level key and list item), whatever the
strings hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.escape import utf8_text
from nohero.findings import Finding, Severity
from nohero.report import DocReport, PersonReport, Report, ServiceReport
from nohero.reporters.check.json import JsonReporter, dumps_by_line

TEXT = st.text(
    st.sampled_from('"\\\n\t\x00\x1f\x7f\u2028é中\U0001f600\ud800\udce9')
    | st.characters(max_codepoint=0x7F),
    max_size=8,
)
DAY = st.dates(dt.date(1970, 1, 1), dt.date(9899, 12, 31))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    findings = [
        Finding(
            draw(TEXT),
            draw(st.integers(1, 10**6)),
            draw(TEXT),
            draw(st.sampled_from(Severity)),
            draw(TEXT),
        )
        for _ in range(draw(st.integers(0, 6)))
    ]
    docs = []
    for _ in range(draw(st.integers(0, 4))):
        mine = draw(st.lists(st.sampled_from(findings), max_size=3)) if findings else []
        stray = draw(
            st.lists(
                st.builds(Finding, TEXT, st.integers(1, 9), TEXT, st.sampled_from(Severity), TEXT),
                max_size=1,
            )
        )
        docs.append(
            DocReport(
                path=draw(TEXT),
                title=draw(TEXT),
                type="runbook",
                service=None,
                owner=draw(st.none() | TEXT),
                backup_owner=draw(st.none() | TEXT),
                last_reviewed=draw(st.none() | DAY),
                next_review=None,
                status="fresh",
                last_modified=draw(st.none() | DAY),
                last_content_change=None,
                authors=draw(st.lists(st.tuples(TEXT, st.integers(0, 99)), max_size=2)),
                knowledge_holders=draw(st.lists(TEXT, max_size=2)),
                findings=mine + stray,  # a finding the top-level list lacks is encoded too
                alerts=draw(st.lists(TEXT, max_size=2)),
            )
        )
    return Report(
        today=draw(DAY),
        docs=docs,
        services=[ServiceReport(draw(TEXT), [draw(TEXT)], [], draw(st.none() | st.integers(0, 3)))],
        people=[PersonReport(draw(TEXT), draw(TEXT), "person")],
        findings=findings,
        history_note=draw(st.none() | TEXT),
        key_people=draw(st.lists(TEXT, max_size=2)),
    )


@settings(max_examples=50, deadline=None)
@given(reports())
def test_json_text_is_the_generic_layout_of_to_dict(report: Report) -> None:
    text = JsonReporter().render(report).text
    assert text == utf8_text(dumps_by_line(report.to_dict()))
    text.encode("utf-8")
