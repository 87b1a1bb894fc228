"""One reading of escalation levels: the rule, `whatif` and the site page
the same people for the same front matter (they once gave three answers)."""

from __future__ import annotations

import datetime as dt

import pytest

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.escalation import levels_of
from nohero.pipeline import analyse
from nohero.site import SiteLayout, build_site_model
from nohero.whatif import what_if

TODAY = dt.date(2026, 11, 25)

LEVELS = {
    "mapping": (
        "- page: alice\n  after: 0m\n- page: [carol, bob]\n  after: 15m\n",
        ["alice", "bob", "carol"],
    ),
    "bare string level": ("- page: alice\n- carol\n", ["alice"]),
    "who instead of page": ("- page: alice\n- who: carol\n", ["alice"]),
    "a blank id in a list": ("- page: alice\n- page: [carol, '']\n", ["alice"]),
    "a team": ("- page: payments\n  after: 1h\n", ["alice", "bob"]),
}


def escalation(levels: str) -> str:
    body = "escalation:\n" + "".join(f"  {line}\n" for line in levels.splitlines())
    return runbook(extra="type: escalation\n" + body).replace("type: runbook\n", "", 1)


@pytest.mark.parametrize("case", sorted(LEVELS))
def test_rule_whatif_and_site_reach_the_same_people(folder: Repo, case: str) -> None:
    levels, expected = LEVELS[case]
    folder.knowledge_base({"escalation/pay.md": escalation(levels)})
    analysis = analyse(load_config(cwd=folder.path), TODAY)
    doc = analysis.kb.documents[0]
    parsed = levels_of(doc)
    assert parsed is not None
    reached = sorted(
        {p for level in parsed for i in level.page for p in analysis.kb.roster.people_of(i)}
    )
    assert reached == expected
    # the site: who each level reaches
    model = build_site_model(analysis.report, analysis.kb.roster, TODAY, SiteLayout(), None)
    site = sorted({p.id for level in model.escalations[0].levels for p in level.reaches})
    assert site == expected
    # whatif: with alice away, the path breaks when the others it reaches are fewer than two
    scenario = what_if(analysis.kb, ["alice"], TODAY, 1, analysis.history)
    left = [p for p in expected if p != "alice"]
    assert (doc.path in scenario.escalations_broken) is (len(left) < 2)
    if doc.path in scenario.escalations_broken:
        assert f"({', '.join(left) or 'nobody'})" in scenario.escalation_reasons[doc.path]
    # the rule: the same count in its message
    broken = [f for f in analysis.findings if f.rule == "escalation-broken"]
    assert bool(broken) is (len(expected) < 2)
    if broken:
        assert f"reaches {len(expected)} active" in broken[0].message


def test_after_and_note_are_read_once(folder: Repo) -> None:
    folder.knowledge_base(
        {
            "escalation/pay.md": escalation(
                "- page: alice\n  after: 1h\n  note: '#pay-oncall'\n- page: bob\n  after: 30\n"
            )
        }
    )
    doc = analyse(load_config(cwd=folder.path), TODAY).kb.documents[0]
    levels = levels_of(doc)
    assert levels is not None
    assert [(lv.number, lv.page, lv.after, lv.after_minutes, lv.note) for lv in levels] == [
        (1, ("alice",), "1h", 60, "#pay-oncall"),
        (2, ("bob",), "30", 30, ""),
    ]
    assert levels[1].line == 12
