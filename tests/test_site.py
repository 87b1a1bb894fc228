"""nohero.site without MkDocs: escaping, layout, warnings, diagrams."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.plugin.inject import insert_after_title
from nohero.site import SiteLayout, SiteRenderer, build_site_model
from nohero.site.analysis import analyse
from nohero.site.layout import page_url, parse_prefix, relative, relative_url, slug
from nohero.site.pages import GeneratedPage, generated_pages
from nohero.site.render import fill_slots, md_text

TODAY = dt.date(2026, 11, 25)


def model_for(folder: Repo, docs: dict[str, str], people: str = DEFAULT_PEOPLE):  # type: ignore[no-untyped-def]
    folder.knowledge_base(docs=docs, people=people)
    config = load_config(None, folder.path)
    analysis = analyse(config, TODAY)
    model = build_site_model(
        analysis.report, analysis.kb.roster, TODAY, SiteLayout(), analysis.history_note
    )
    return analysis, model


def test_markdown_text_escapes_html_and_markdown() -> None:
    assert md_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert md_text("a|b [c](d) *e* O'Brien") == r"a\|b \[c\](d) \*e\* O&#x27;Brien"


def test_layout_links_and_slugs() -> None:
    layout = SiteLayout(parse_prefix("kb-health"))
    assert layout.dashboard == "kb-health/index.md"
    assert layout.person("a/b") == "kb-health/people/a-b.md"
    assert layout.person("a b") == "kb-health/people/a-b-2.md"  # no collision
    assert relative("kb-health/people/x.md", "runbooks/db.md") == "../../runbooks/db.md"
    assert relative("index.md", "kb-health/a#b.md") == "kb-health/a#b.md"  # a name, not an anchor
    assert slug("../..") == "x"


_SEGMENT = st.sampled_from(["a", "b", "kb-health", "x y", "people", ".", ""])


@settings(max_examples=300)
@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=4), st.booleans())
def test_relative_links_agree_with_relpath(
    start: list[str], target: list[str], hash_in_name: bool
) -> None:
    """The fast path gives what posixpath.relpath gives, for every pair of
    docs-relative pages (the generated pages make thousands of these links)."""
    from_src = "/".join([*start, "page.md"])
    to_src = "/".join([*target, "doc.md"])
    expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    suffix = "#h" if hash_in_name else ""  # part of the file name, kept as it is
    assert relative(from_src, to_src + suffix) == expected + suffix


def test_a_file_name_that_is_not_utf8_still_has_a_url() -> None:
    """An undecodable byte in a file name (a surrogate escape) used to make
    `quote` raise, and with it the whole site model (found by hypothesis in
    test_hostile_property)."""
    name = "ops/db" + b"\xff".decode("utf-8", "surrogateescape") + ".md"
    for directory_urls in (True, False):
        url = page_url(name, directory_urls)
        assert url.startswith("ops/db%EF%BF%BD")
        assert url.isascii()
        assert relative_url(url, page_url("index.md", directory_urls)).startswith("ops/")


_URL_PART = st.sampled_from(["a", "b", "..", ".", "", "x.html", "c d", "README", "index", "é#1"])


@settings(max_examples=400)
@given(st.lists(_URL_PART, max_size=5), st.booleans())
def test_page_urls_are_mkdocs_urls(parts: list[str], directory_urls: bool) -> None:
    """The bulk tables link to the URLs MkDocs publishes pages at."""
    from mkdocs.structure.files import File

    src = "/".join([*[p for p in parts if p not in ("", ".", "..")], "page.md"])
    for name in (src, src.replace("page.md", "index.md"), src.replace("page.md", "README.md")):
        expected = File(name, "/docs", "/site", directory_urls).url
        assert page_url(name, directory_urls) == expected


@settings(max_examples=400)
@given(st.lists(_URL_PART, max_size=5), st.lists(_URL_PART, max_size=5))
def test_relative_urls_agree_with_mkdocs(url: list[str], start: list[str]) -> None:
    """...and write them relative to the page exactly as MkDocs writes its own links."""
    from mkdocs.utils import get_relative_url

    for a, b in (("/".join(url), "/".join(start)), ("/".join(url) + "/", "/".join(start) + "/")):
        assert relative_url(a, b) == get_relative_url(a, b)


def whole(page: GeneratedPage) -> str:
    """A generated page's Markdown with its bulk HTML in place."""
    return fill_slots(page.content, page.slots)


def test_bad_prefix_is_a_config_error() -> None:
    import pytest

    from nohero.config import ConfigError

    for bad in ("", "/", "../out", 3):
        with pytest.raises(ConfigError, match="site_prefix"):
            parse_prefix(bad)


def test_panels_carry_status_names_and_warnings(folder: Repo) -> None:
    _, model = model_for(
        folder,
        {
            "fresh.md": runbook(),
            "old.md": runbook(title="Old", reviewed="2026-05-01", owner="dave"),
            "never.md": runbook(title="Never", reviewed=""),
        },
    )
    fresh, old, never = model.panels["fresh.md"], model.panels["old.md"], model.panels["never.md"]
    assert fresh.owner.name == "Alice Example" and fresh.backup.name == "Bob Example"
    assert fresh.warning is None and fresh.nav_status is None
    assert old.status == "overdue" and old.nav_status == "owner-left"  # ownership first
    assert (
        old.warning
        == "Last reviewed 208 days ago (due 2026-07-30) — verify each step before running it."
    )
    assert old.owner.departed
    assert never.status == "unknown" and "verify each step" in never.warning
    assert model.history_note == "the site was not built from a git repository"


def test_generated_pages_escape_roster_names(folder: Repo) -> None:
    people = DEFAULT_PEOPLE.replace("name: Bob Example", "name: Bob <img src=x onerror=alert(1)>")
    analysis, model = model_for(folder, {"db.md": runbook()}, people)
    pages = {p.src_uri: whole(p) for p in generated_pages(model, SiteRenderer())}
    assert set(pages) >= {
        "nohero/index.md",
        "nohero/owners.md",
        "nohero/services.md",
        "nohero/escalations.md",
        "nohero/people/bob.md",
        "nohero/teams/payments.md",
    }
    for content in pages.values():
        assert "<img" not in content
    assert r"# Bob &lt;img src=x onerror=alert(1)&gt;" in pages["nohero/people/bob.md"]
    # in a table cell, Markdown punctuation is escaped too
    assert "Bob &lt;img src=x onerror=alert(1)&gt;" in pages["nohero/people/alice.md"]
    # bulk tables are HTML linking to the published URL (MkDocs does not rewrite them)
    assert '<a href="../../../db/">Payments DB failover</a>' in pages["nohero/people/alice.md"]


PEOPLE_WITH_CONTACTS = DEFAULT_PEOPLE.replace(
    "    emails: [carol@example.com]\n",
    "    emails: [carol@example.com]\n"
    "    contacts: [{kind: phone, value: '+44 20 7946 0001', label: mobile}]\n"
    "  mei:\n    name: Mei <b>Lin</b>\n    emails: [mei@example.com]\n"
    "    away: [{from: 2026-11-20, to: 2026-12-02}]\n",
).replace(
    "    members: [alice, bob]\n", "    members: [alice, bob]\n  sre:\n    members: [carol, mei]\n"
)


def test_escalation_diagram_is_accessible_svg_marking_who_cannot_answer(folder: Repo) -> None:
    esc = (
        "---\ntitle: Pay <esc>\ntype: escalation\nservice: pay\nowner: alice\nbackup_owner: bob\n"
        "last_reviewed: 2026-11-20\nescalation:\n  - page: payments\n    after: 0m\n"
        "  - page: [dave]\n    after: 30m\n    note: 'Slack #pay-oncall first'\n"
        "  - page: sre\n    after: 1h\n---\n# Pay esc\n"
    )
    _, model = model_for(folder, {"escalation/pay.md": esc}, people=PEOPLE_WITH_CONTACTS)
    (path,) = model.escalations
    assert [p.id for p in path.levels[0].reaches] == ["alice", "bob"]
    assert path.levels[1].reaches == [] and [p.id for p in path.levels[1].unavailable] == ["dave"]
    assert path.levels[1].instead == (
        "Dave Former (has left): nobody here can answer; level 3 (Carol Example) answers instead"
    )
    assert (
        path.levels[2].instead
        == "Mei <b>Lin</b> (away until 2026-12-02): Carol Example answers instead"
    )
    svg = str(SiteRenderer().escalation_svg(path))
    root = ElementTree.fromstring(svg)  # well-formed XML, so the text is text
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Escalation path: Pay <esc>"
    assert "level 2 after 30m: Dave Former — has left" in desc.text
    texts = {t.text: t.get("class") for t in root.iter(f"{ns}text")}
    assert texts["Dave Former — has left"] == "nohero-svg-left"
    assert texts["Mei <b>Lin</b> — away until 2026-12-02"] == "nohero-svg-away"
    assert texts["Note: Slack #pay-oncall first"] == "nohero-svg-note"
    assert "<b>" not in svg and "script" not in svg and "http" not in svg.replace(ns[1:-1], "")


def test_a_departed_backup_changes_the_verdict_and_says_whom_to_page(folder: Repo) -> None:
    _, model = model_for(
        folder,
        {
            "fresh.md": runbook(owner="carol", backup="alice"),
            "gone.md": runbook(title="Gone", owner="alice", backup="dave"),
            "away.md": runbook(title="Away", owner="mei", backup="carol", service="cache"),
        },
        people=PEOPLE_WITH_CONTACTS,
    )
    fresh, gone, away = (model.panels[p] for p in ("fresh.md", "gone.md", "away.md"))
    assert gone.status == "fresh" and fresh.verdict.key == "fresh"  # review age alone is fine
    assert gone.verdict.key == "backup-left" and gone.nav_status == "backup-left"
    assert (
        gone.verdict.advice
        == "backup Dave Former has left: page Bob Example (team payments) instead"
    )
    assert away.verdict.key == "away"
    assert (
        away.verdict.advice
        == "owner Mei <b>Lin</b> away until 2026-12-02: page Carol Example instead"
    )
    assert fresh.owner.contacts[0].href == "tel:+442079460001"


def test_user_templates_override_the_packaged_ones(folder: Repo, tmp_path: Path) -> None:
    _, model = model_for(folder, {"db.md": runbook()})
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "owners.md").write_text(
        "# Our owners\n\n{{ people | length }} people\n", encoding="utf-8"
    )
    pages = {p.src_uri: p.content for p in generated_pages(model, SiteRenderer([overrides]))}
    assert pages["nohero/owners.md"].startswith("# Our owners\n\n4 people")


def test_panel_goes_after_a_leading_h1_else_on_top() -> None:
    assert (
        insert_after_title('<h1 id="x">T</h1>\n<p>b</p>', "P") == '<h1 id="x">T</h1>\nP\n<p>b</p>'
    )
    assert insert_after_title("<p>b</p><h1>Later</h1>", "P") == "P\n<p>b</p><h1>Later</h1>"


def test_dashboard_lists_due_soon_by_date_rolls_up_teams_and_hides_what_is_off(
    folder: Repo,
) -> None:
    _, model = model_for(
        folder,
        {
            "later.md": runbook(title="Later", reviewed="2026-09-05"),  # due 2026-12-04
            "sooner.md": runbook(title="Sooner", reviewed="2026-08-30", owner="carol"),
            "old.md": runbook(title="Old", reviewed="2026-01-01", owner="bob", backup="alice"),
        },
    )
    pages = {p.src_uri: whole(p) for p in generated_pages(model, SiteRenderer())}
    dashboard = pages["nohero/index.md"]
    due = dashboard[dashboard.index("## Due soon") : dashboard.index("## By team")]
    sooner = '<tr><td>2026-11-28</td><td><a href="../sooner/">Sooner</a>'
    assert due.index(sooner) < due.index('<tr><td>2026-12-04</td><td><a href="../later/">Later</a>')
    assert "| [payments](teams/payments.md) | 2 | 1 | — | — |" in dashboard  # alice + bob
    assert "## Single-author documents" in dashboard
    off = {
        p.src_uri: whole(p)
        for p in generated_pages(model, SiteRenderer(), rules_off=frozenset({"single-author"}))
    }
    assert "## Single-author documents" not in off["nohero/index.md"]


def test_a_runbook_whose_escalation_path_is_broken_says_so(folder: Repo) -> None:
    esc = (
        "---\ntitle: Pay esc\ntype: escalation\nservice: pay\nowner: alice\nbackup_owner: bob\n"
        "last_reviewed: 2026-11-20\nescalation:\n  - page: dave\n    after: 0m\n"
        "  - page: carol\n    after: 15m\n---\n# Pay esc\n"
    )
    alumni = PEOPLE_WITH_CONTACTS + "  alumni:\n    members: [dave]\n"
    _, model = model_for(
        folder,
        {
            "escalation/pay.md": esc,
            "rb.md": runbook(service="pay"),
            "old-team.md": runbook(title="Old team", owner="alumni", service="other"),
        },
        people=alumni,
    )
    rb = model.panels["rb.md"]
    assert rb.escalation is not None and rb.escalation.broken
    assert rb.verdict.key == "escalation-broken" and rb.nav_status == "escalation-broken"
    assert rb.verdict.advice == (
        "the escalation path reaches too few people: page Carol Example (level 2) "
        "and ask in your incident channel"
    )
    old = model.panels["old-team.md"]
    assert old.owner.kind == "team" and old.owner.departed
    assert old.verdict.key == "owner-left"
    assert old.verdict.advice == "owner alumni has left: page Bob Example instead"
