"""Degree of Authorship on small hand-computed cases."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nohero.history.authorship import (
    authorships,
    commit_counts,
    degree_of_authorship,
    knowledge_holders,
)
from nohero.history.model import Change

T0 = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


def change(n: int, *authors: str, content: bool = True, created: bool = False) -> Change:
    return Change(
        sha=f"{n:040x}",
        when=T0 + dt.timedelta(days=n),
        authors=authors,
        content=content,
        created=created,
    )


def test_formula_matches_the_paper() -> None:
    assert degree_of_authorship(True, 0, 0) == pytest.approx(3.293 + 1.098)
    assert degree_of_authorship(False, 3, 2) == pytest.approx(
        3.293 + 0.164 * 3 - 0.321 * math.log(3)
    )


def test_creator_alone_holds_knowledge() -> None:
    changes = [change(0, "alice", created=True), change(1, "alice")]
    scores = authorships(changes)
    assert (
        scores["alice"].first_authorship
        and scores["alice"].deliveries == 1
        and scores["alice"].others_changes == 0
    )
    assert knowledge_holders(changes) == ["alice"]


def test_one_small_edit_by_someone_else_is_not_knowledge() -> None:
    # alice: 3.293 + 1.098 - 0.321 ln 2 = 4.1685 ; bob: 3.293 + 0.164 - 0.321 ln 2 = 3.2345
    # bob normalised 3.2345 / 4.1685 = 0.776 > 0.75, but below the 3.293 floor
    changes = [change(0, "alice", created=True), change(1, "bob")]
    assert authorships(changes)["bob"].doa == pytest.approx(3.2345, abs=1e-4)
    assert knowledge_holders(changes) == ["alice"]


def test_steady_contributor_becomes_a_holder() -> None:
    # alice creates; bob delivers 5 times.
    # alice: 3.293 + 1.098 - 0.321 ln 6 = 3.8158 ; bob: 3.293 + 0.82 - 0.321 ln 2 = 3.8905
    # alice normalised 3.8158 / 3.8905 = 0.981 -> both hold it, bob first.
    changes = [change(0, "alice", created=True)] + [change(i, "bob") for i in range(1, 6)]
    assert knowledge_holders(changes) == ["bob", "alice"]


def test_creator_drowned_by_many_editors_is_admitted_below_the_floor() -> None:
    # alice creates; 40 different people edit once each.
    # alice: 4.391 - 0.321 ln 41 = 3.199 (< 3.293)
    # each editor: 3.457 - 0.321 ln 41 = 2.265 (0.71 of alice)
    changes = [change(0, "alice", created=True)] + [change(i, f"p{i}") for i in range(1, 41)]
    assert authorships(changes)["alice"].doa < 3.293
    assert knowledge_holders(changes) == ["alice"]


def test_review_bumps_are_not_authorship() -> None:
    # carol re-dates the page ten times: no delivery for her, nothing against alice.
    changes = [change(0, "alice", created=True)] + [
        change(i, "carol", content=False) for i in range(1, 11)
    ]
    assert "carol" not in authorships(changes)
    assert authorships(changes)["alice"].others_changes == 0
    assert knowledge_holders(changes) == ["alice"]
    assert commit_counts(changes) == [("carol", 10), ("alice", 1)]


def test_co_authors_share_a_delivery() -> None:
    changes = [change(0, "alice", "bob", created=True), change(1, "bob", "carol")]
    scores = authorships(changes)
    assert (
        scores["alice"].first_authorship
        and scores["bob"].first_authorship
        and not scores["carol"].first_authorship
    )
    assert (scores["bob"].deliveries, scores["bob"].others_changes) == (1, 0)
    assert (scores["carol"].deliveries, scores["carol"].others_changes) == (1, 1)
    # bob 4.555 > alice 4.1685 (0.915) > carol 3.2345 (0.71, below floor)
    assert knowledge_holders(changes) == ["bob", "alice"]


def test_without_a_created_change_the_first_author_counts_as_creator() -> None:
    changes = [change(0, "bob"), change(1, "alice")]
    assert authorships(changes)["bob"].first_authorship
    assert knowledge_holders(changes) == ["bob"]


def test_no_changes_no_holders() -> None:
    assert knowledge_holders([]) == []
    assert knowledge_holders([change(0, "alice", content=False)]) == []


def _authorships_by_definition(changes: list[Change]) -> dict[str, tuple[bool, int, int]]:
    """FA, DL and AC counted as the model defines them, person by person."""
    counted = [c for c in changes if c.content or c.created]
    if not counted:
        return {}
    creation = next((c for c in counted if c.created), counted[0])
    people = list(dict.fromkeys(p for c in counted for p in c.authors))
    return {
        p: (
            p in creation.authors,
            sum(1 for c in counted if c is not creation and p in c.authors),
            sum(1 for c in counted if p not in c.authors),
        )
        for p in people
    }


_PEOPLE = st.sampled_from(["alice", "bob", "carol", "dan"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(_PEOPLE, min_size=1, max_size=3),  # co-authors, a name possibly twice
            st.booleans(),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_authorships_count_each_person_as_the_model_defines(
    spec: list[tuple[list[str], bool, bool]],
) -> None:
    changes = [
        change(n, *authors, content=content, created=created)
        for n, (authors, content, created) in enumerate(spec)
    ]
    got = authorships(changes)
    want = _authorships_by_definition(changes)
    assert list(got) == list(want)  # people in order of their first delivery
    assert {p: (a.first_authorship, a.deliveries, a.others_changes) for p, a in got.items()} == want
