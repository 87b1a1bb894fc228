"""nohero.site without MkDocs: escaping, layout, warnings, diagrams."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.plugin.plugin import insert_after_title
from nohero.site import SiteLayout, SiteRenderer, build_site_model
from nohero.site.analysis import analyse
from nohero.site.escalation import safe_label
from nohero.site.layout import parse_prefix, relative, slug
from nohero.site.pages import generated_pages
from nohero.site.render import md_text

TODAY = dt.date(2026, 11, 25)


def model_for(folder: Repo, docs: dict[str, str], people: str = DEFAULT_PEOPLE):  # type: ignore[no-untyped-def]
    folder.knowledge_base(docs=docs, people=people)
    config = load_config(None, folder.path)
    analysis = analyse(config, TODAY)
    model = build_site_model(
        analysis.kb, analysis.report, analysis.history, TODAY, SiteLayout(), analysis.history_note
    )
    return analysis, model


def test_markdown_text_escapes_html_and_markdown() -> None:
    assert md_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert md_text("a|b [c](d) *e* O'Brien") == r"a\|b \[c\]\(d\) \*e\* O&#39;Brien"


def test_mermaid_labels_keep_a_safe_alphabet() -> None:
    assert safe_label('Eve <script>"]) --> x') == "Eve  script  --  x"
    assert safe_label("") == "?"


def test_layout_links_and_slugs() -> None:
    layout = SiteLayout(parse_prefix("kb-health"))
    assert layout.dashboard == "kb-health/index.md"
    assert layout.person("a/b") == "kb-health/people/a-b.md"
    assert layout.person("a b") == "kb-health/people/a-b-2.md"  # no collision
    assert relative("kb-health/people/x.md", "runbooks/db.md") == "../../runbooks/db.md"
    assert relative("index.md", "kb-health/services.md#svc") == "kb-health/services.md#svc"
    assert slug("../..") == "x"


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
    assert old.status == "overdue" and old.nav_status == "overdue"
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
    pages = {p.src_uri: p.content for p in generated_pages(model, SiteRenderer())}
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
    assert "# Bob &lt;img src=x onerror=alert(1)&gt;" in pages["nohero/people/bob.md"]
    # in a table cell, Markdown punctuation is escaped too
    assert "Bob &lt;img src=x onerror=alert\\(1\\)&gt;" in pages["nohero/people/alice.md"]
    assert "[Payments DB failover](../../db.md)" in pages["nohero/people/alice.md"]


def test_escalation_diagram_and_contacts(folder: Repo) -> None:
    esc = (
        "---\ntitle: Pay esc\ntype: escalation\nservice: pay\nowner: alice\nbackup_owner: bob\n"
        "last_reviewed: 2026-11-20\nescalation:\n  - page: payments\n    after: 0m\n"
        "  - page: [carol, dave]\n    after: 1h\n---\n# Pay esc\n"
    )
    _, model = model_for(folder, {"escalation/pay.md": esc})
    (path,) = model.escalations
    assert [p.id for p in path.levels[0].reaches] == ["alice", "bob"]
    assert [p.id for p in path.levels[1].reaches] == ["carol"]  # dave has left
    diagram = path.mermaid()
    assert diagram.startswith("flowchart TD")
    assert "-->|after 1h| L2" in diagram


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
