"""Trends replayed from mined history, checked against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.document import Document
from nohero.freshness import interval_for, review_state
from nohero.history.model import Change, DocHistory, History
from nohero.knowledge_base import load_knowledge_base
from nohero.reporters.trend.svg import TrendSvg
from nohero.trend import _AsOf, compute_trend, month_ends, point_at

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
CAROL = "Carol Example <carol@example.com>"


def web(title: str) -> str:
    return runbook(
        title=title, service="web", owner="carol", reviewed="2026-03-05", extra="review_every: 30d"
    )


@pytest.fixture
def history_repo(repo: Repo) -> Repo:
    """Jan 10: alice writes a and b (payments). Feb 15: bob edits b's text.
    Mar 5: carol writes c and d (web, reviewed every 30 days). Apr 20: alice
    re-dates a (front matter only)."""
    a = runbook(title="A", reviewed="2026-01-10")
    repo.commit(
        "a and b",
        files={
            "mkdocs.yml": DEFAULT_MKDOCS,
            "people.yml": DEFAULT_PEOPLE,
            "docs/a.md": a,
            "docs/b.md": runbook(title="B", reviewed="2026-01-10"),
        },
        author=ALICE,
        date="2026-01-10T10:00:00+00:00",
    )
    repo.commit(
        "b text",
        files={"docs/b.md": runbook(title="B", reviewed="2026-01-10", body="# B\n\nNew steps.\n")},
        author=BOB,
        date="2026-02-15T10:00:00+00:00",
    )
    repo.commit(
        "web",
        files={"docs/c.md": web("C"), "docs/d.md": web("D")},
        author=CAROL,
        date="2026-03-05T10:00:00+00:00",
    )
    repo.commit(
        "review a",
        files={"docs/a.md": a.replace("2026-01-10", "2026-04-20")},
        author=ALICE,
        date="2026-04-20T10:00:00+00:00",
    )
    return repo


# (date, docs, stale, single-author, bus factor), worked out by hand:
# - stale: a and b are due 90 days after Jan 10 (Apr 10); c and d 30 days after
#   Mar 5 (Apr 4); a was re-reviewed on Apr 20, so at Apr 30 b, c and d are stale.
# - single-author: b gains bob in February; a's April commit is front matter only.
# - bus factor: bob's one edit of b leaves alice the only holder (DOA 3.23 < 3.293);
#   from March alice holds a, b and carol c, d: removing alice orphans 2 of 4
#   (not more than half), removing carol too orphans all: 2.
EXPECTED = [
    ("2026-01-31", 2, 0, 2, 1),
    ("2026-02-28", 2, 0, 1, 1),
    ("2026-03-31", 4, 0, 3, 2),
    ("2026-04-30", 4, 3, 3, 2),
    ("2026-05-10", 4, 3, 3, 2),
]


def run(repo: Repo, *args: str) -> tuple[int, str, str]:
    result = repo.cli(*args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_trend_json_matches_hand_computed_figures(history_repo: Repo) -> None:
    code, out, err = run(
        history_repo,
        "report",
        "--trend",
        "monthly",
        "--since",
        "2026-01-01",
        "--today",
        "2026-05-10",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["schema_version"], data["period"], data["services"]) == (
        1,
        "monthly",
        ["payments-api", "web"],
    )
    got = [
        (p["date"], p["docs"], p["stale_docs"], p["single_author_docs"], p["bus_factor"])
        for p in data["points"]
    ]
    assert got == EXPECTED
    march = {s["name"]: s for s in data["points"][2]["services"]}
    assert march == {
        "payments-api": {
            "name": "payments-api",
            "docs": 2,
            "stale_docs": 0,
            "single_author_docs": 1,
            "bus_factor": 1,
        },
        "web": {
            "name": "web",
            "docs": 2,
            "stale_docs": 0,
            "single_author_docs": 2,
            "bus_factor": 1,
        },
    }
    assert [s["name"] for s in data["points"][0]["services"]] == [
        "payments-api"
    ]  # web not yet written


def test_trend_text_and_markdown(history_repo: Repo) -> None:
    args = ("report", "--trend", "monthly", "--since", "2026-01-01", "--today", "2026-05-10")
    code, out, _ = run(history_repo, *args)
    assert code == 0
    assert "2026-04-30      4      3              3           2" in out
    assert "service web" in out
    code, out, _ = run(history_repo, *args, "--format", "markdown")
    assert code == 0
    assert "| 2026-04-30 | 4 | 3 | 3 | 2 |" in out
    assert "| web |  |  | 1 | 1 | 1 |" in out


def test_last_point_agrees_with_the_report(history_repo: Repo) -> None:
    _, out, _ = run(history_repo, "report", "--today", "2026-05-10", "--format", "json")
    report = json.loads(out)
    _, out, _ = run(
        history_repo,
        "report",
        "--trend",
        "monthly",
        "--since",
        "2026-05-01",
        "--today",
        "2026-05-10",
        "--format",
        "json",
    )
    last = json.loads(out)["points"][-1]
    assert last["bus_factor"] == report["summary"]["bus_factor"]
    assert last["stale_docs"] == report["summary"]["by_status"]["overdue"]


def test_trend_without_git_history_exits_2(folder: Repo) -> None:
    folder.knowledge_base(docs={"a.md": runbook()})
    code, _, err = run(
        folder, "report", "--trend", "monthly", "--since", "2026-01-01", "--today", "2026-05-10"
    )
    assert code == 2 and "there is none here (not a git repository)" in err


def test_month_ends() -> None:
    assert month_ends(dt.date(2026, 1, 15), dt.date(2026, 3, 31)) == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    assert month_ends(dt.date(2025, 12, 31), dt.date(2026, 1, 2)) == [
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 2),
    ]
    assert month_ends(dt.date(2026, 5, 3), dt.date(2026, 5, 3)) == [dt.date(2026, 5, 3)]


def test_review_date_falls_back_to_front_matter_and_departures_count(repo: Repo) -> None:
    """History that does not know last_reviewed uses the front matter; a person
    who had left by a date is gone for that date's bus factor."""
    repo.knowledge_base(docs={"a.md": runbook(owner="dave", reviewed="2026-01-01")})
    kb = load_knowledge_base(load_config(cwd=repo.path))
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    history = History(
        available=True,
        docs={
            "docs/a.md": DocHistory("docs/a.md", [Change("1", when, ("dave",), True, created=True)])
        },
    )
    early = point_at(kb, history, dt.date(2026, 3, 31), dt.date(2026, 8, 1))
    late = point_at(kb, history, dt.date(2026, 7, 31), dt.date(2026, 8, 1))
    assert (early.overall.stale_docs, early.overall.bus_factor) == (0, 1)  # due Apr 1
    assert (late.overall.stale_docs, late.overall.bus_factor) == (1, 0)  # dave left Jun 30


def test_points_carried_from_month_to_month_equal_points_computed_alone(
    history_repo: Repo,
) -> None:
    """compute_trend reuses each document's figures from one month to the next;
    every point must be what point_at computes for that day from scratch."""
    config = load_config(cwd=history_repo.path)
    kb = load_knowledge_base(config)
    from nohero.history.miner import load_history

    history = load_history(config, kb.roster)
    today = dt.date(2026, 5, 10)
    trend = compute_trend(kb, history, dt.date(2026, 1, 1), today)
    alone = [point_at(kb, history, p.date, today) for p in trend.points]
    assert [p.to_dict() for p in trend.points] == [p.to_dict() for p in alone]
    assert len({json.dumps(p.to_dict()["services"]) for p in alone}) > 1  # the figures move


def test_svg_is_self_contained_and_plots_every_point(history_repo: Repo) -> None:
    config = load_config(cwd=history_repo.path)
    kb = load_knowledge_base(config)
    from nohero.history.miner import load_history

    trend = compute_trend(
        kb, load_history(config, kb.roster), dt.date(2026, 1, 1), dt.date(2026, 5, 10)
    )
    svg = TrendSvg().render(trend).text
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert len(root.findall(f".//{ns}polyline")) == 3
    assert len(root.findall(f".//{ns}circle")) == 3 * len(EXPECTED)
    assert (
        "<script" not in svg
        and "href" not in svg
        and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    labels = [t.text for t in root.iter(f"{ns}text")]
    assert "2026-01" in labels and "2026-05-10" in labels and "Bus factor" in labels


def test_svg_draws_one_measure_per_axis_with_phone_sized_labels(history_repo: Repo) -> None:
    config = load_config(cwd=history_repo.path)
    kb = load_knowledge_base(config)
    from nohero.history.miner import load_history

    trend = compute_trend(
        kb, load_history(config, kb.roster), dt.date(2026, 1, 1), dt.date(2026, 5, 10)
    )
    root = ET.fromstring(TrendSvg().render(trend).text)
    ns = "{http://www.w3.org/2000/svg}"
    assert int(root.get("width")) <= 400  # drawn at a phone's width: no shrinking of labels
    assert int(root.find(f"{ns}g").get("font-size")) >= 12
    headings = [t.text for t in root.iter(f"{ns}text") if t.get("font-weight") == "bold"]
    assert headings == ["Stale documents", "Single-author documents", "Bus factor"]
    # each measure has its own axis: a zero tick per chart
    assert [t.text for t in root.iter(f"{ns}text")].count("0") == 3
    desc = root.find(f"{ns}desc").text
    assert desc.startswith("On 2026-05-10: stale documents ")
    assert root.get("aria-labelledby") == "nohero-trend-title nohero-trend-desc"


@pytest.fixture(scope="module")
def site_config(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("config")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(DEFAULT_MKDOCS, encoding="utf-8")
    return load_config(None, root)


_DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@settings(max_examples=300)
@given(
    st.one_of(st.none(), _DAYS, _DAYS.map(str), st.just("soon")),
    _DAYS,
    st.sampled_from([None, "30d", "3m", "1y", "every week"]),
    st.sampled_from(["runbook", "note", "escalation"]),
)
def test_a_points_overdue_is_review_states_overdue(  # type: ignore[no-untyped-def]
    site_config, last, day, every, doc_type
) -> None:
    """The trend works the review dates out once per document version and
    compares them with each month end: the same answer as review_state."""
    meta = {"last_reviewed": last, **({"review_every": every} if every else {})}
    doc = Document("x.md", str(site_config.docs_dir / "x.md"), "x.md", doc_type, meta)
    last_reviewed, interval = doc.get_date("last_reviewed"), interval_for(doc, site_config)
    as_of = _AsOf(last_reviewed, interval, holders=[], single=False, commits={})
    assert as_of.overdue(day) == (review_state(doc, site_config, day).status == "overdue")
