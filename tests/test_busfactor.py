"""Bus factor on small hand-computed cases."""

from __future__ import annotations

from nohero.history.busfactor import bus_factor


def test_one_hero_holding_most_docs_is_a_bus_factor_of_one() -> None:
    # alice holds 3 of 4 docs alone: without her 3 > 2 are orphaned.
    holders = {"a.md": ["alice"], "b.md": ["alice"], "c.md": ["alice"], "d.md": ["bob"]}
    result = bus_factor(holders)
    assert (result.value, result.removed, result.documents) == (1, ("alice",), 4)


def test_exactly_half_orphaned_is_not_enough() -> None:
    # without alice: a, b orphaned (2 of 4, not more than half); without bob too: 4 of 4.
    holders = {"a.md": ["alice"], "b.md": ["alice"], "c.md": ["bob"], "d.md": ["bob"]}
    assert bus_factor(holders).value == 2


def test_shared_knowledge_raises_the_bus_factor() -> None:
    # every doc held by two of three people.
    holders = {
        "a.md": ["alice", "bob"],
        "b.md": ["alice", "bob"],
        "c.md": ["alice", "carol"],
        "d.md": ["bob", "carol"],
    }
    # counts: alice 3, bob 3, carol 2; tie alice/bob broken by changes (bob more) -> bob first.
    # remove bob: nothing orphaned; remove alice: a, b orphaned (2 of 4); remove carol: all -> 3.
    result = bus_factor(holders, changes={"bob": 9, "alice": 1})
    assert result.removed == ("bob", "alice", "carol")
    assert result.value == 3


def test_departed_people_are_already_gone() -> None:
    holders = {"a.md": ["dave"], "b.md": ["dave"], "c.md": ["dave", "alice"], "d.md": ["bob"]}
    # dave gone: a, b orphaned (2 of 4); then alice (1 doc: c) -> 3 of 4 > 2: bus factor 1.
    result = bus_factor(holders, gone={"dave"})
    assert result.orphaned_already == ("a.md", "b.md")
    assert (result.value, result.removed) == (1, ("alice",))
    # three of four held only by dave: the hero already left.
    assert bus_factor({**holders, "d.md": ["dave"]}, gone={"dave"}).value == 0


def test_docs_without_holders_are_not_counted() -> None:
    assert bus_factor({}).value is None
    assert bus_factor({"a.md": []}).value is None
    result = bus_factor({"a.md": [], "b.md": ["alice"]})
    assert (result.value, result.documents) == (1, 1)


def test_tail_filter_reproduces_the_reference() -> None:
    # 41 docs: alice holds 21, p00 holds 2 (p0.md, shared.md), p01..p19 one each.
    # Removing alice orphans 20 (not > 20.5); then p00 orphans 2 more: 22. p00 holds 2 < 10% of 21.
    holders = {f"a{i}.md": ["alice"] for i in range(20)}
    holders |= {f"p{i}.md": [f"p{i:02d}"] for i in range(20)}
    holders["shared.md"] = ["alice", "p00"]
    assert bus_factor(holders).value == 2
    assert bus_factor(holders, drop_tail=True).value == 1
