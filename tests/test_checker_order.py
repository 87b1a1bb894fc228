"""The checker sorts the findings found before the mine ends while git log
runs, and merges the rest in after: the same order as one sort of all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.checker import _ranked
from nohero.findings import Finding, Severity, sort_findings

FINDINGS = st.builds(
    Finding,
    st.sampled_from(["docs/a.md", "docs/b.md", "docs/a-b.md", "docs/a/b.md", "people.yml"]),
    st.integers(1, 4),
    st.sampled_from(["owner-missing", "drift", "schema"]),
    st.sampled_from(list(Severity)),
    st.sampled_from(["fix it", "add it", "fix it"]),
)


@settings(max_examples=300)
@given(st.lists(FINDINGS, max_size=40), st.data())
def test_two_sorted_halves_merged_are_one_stable_sort(
    findings: list[Finding], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(findings)))
    merged = _ranked(findings[:cut], 0) + _ranked(findings, cut)
    merged.sort()
    got = [ranked[-1] for ranked in merged]
    assert [id(f) for f in got] == [id(f) for f in sort_findings(findings)]  # ties in found order
