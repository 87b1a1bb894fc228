"""The on-call site in a real headless browser, as a reader at 3 a.m. on a
phone with no internet would use it: contacts, escalation diagrams, the
verdict, the first command on the first screen, and axe-core finding no
accessibility violation in anything nohero adds, in light and dark palettes."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import DEFAULT_PEOPLE, runbook
from test_browser import require_chromium
from test_plugin import make_repo, mkdocs_build

MKDOCS = """\
site_name: On-call KB
docs_dir: docs
theme:
  name: material
  font: false
  palette:
    - scheme: default
      toggle: {icon: material/weather-night, name: Dark mode}
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: Light mode}
markdown_extensions:
  - pymdownx.highlight
  - pymdownx.superfences
plugins:
  - search
  - offline
  - nohero:
      publish_with_errors: true
      types:
        "": runbook
        escalation: escalation
"""

PEOPLE = DEFAULT_PEOPLE.replace(
    "    emails: [carol@example.com]\n",
    "    emails: [carol@example.com]\n"
    "    contacts:\n"
    "      - {kind: phone, value: '+44 20 7946 0001', label: mobile}\n"
    "      - {kind: slack, value: '@carol'}\n"
    "  mei:\n    name: Mei Lin\n    emails: [mei@example.com]\n"
    "    contacts: [{kind: phone, value: '+44 20 7946 0002'}]\n",
).replace(
    "    members: [alice, bob]\n",
    "    members: [alice, bob, mei]\n"
    "    contacts:\n"
    "      - {kind: slack, value: '#payments-oncall'}\n"
    "      - {kind: pager, value: 'https://pager.example.com/payments'}\n",
)

STEPS = """\
# Payments queue drain

## Steps

```bash
kubectl -n payments scale deploy/worker --replicas=0
```

Then wait for the queue to drain.
"""

ESCALATION = """\
---
title: Payments escalation
type: escalation
service: payments-api
owner: payments
backup_owner: carol
last_reviewed: 2026-11-20
escalation:
  - page: dave
    after: 0m
    note: "Slack #payments-oncall first, then the phone"
  - page: payments
    after: 15m
  - page: carol
    after: 30m
---
# Payments escalation

Page in this order.
"""

DOCS = {
    "index.md": "---\ntype: note\nowner: alice\nlast_reviewed: 2026-11-01\n---\n# Home\n\nHi.\n",
    "queue-drain.md": runbook(
        title="Payments queue drain",
        owner="carol",
        backup="dave",
        reviewed="2026-03-01",
        body=STEPS,
    ),
    "db-failover.md": runbook(body="# Payments DB failover\n\nPromote the replica.\n"),
    "escalation/payments.md": ESCALATION,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    repo = make_repo(
        tmp_path_factory.mktemp("oncall") / "repo", docs=DOCS, mkdocs=MKDOCS, people=PEOPLE
    )
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    return repo.path / "site"


def offline_page(browser, **options):  # type: ignore[no-untyped-def]
    """A page whose every non-local request is blocked and recorded."""
    context = browser.new_context(**options)
    blocked: list[str] = []

    def route(route):  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("file://", "data:", "http://127.0.0.1", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    return context, context.new_page(), blocked


def test_on_call_from_a_phone_with_no_network(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context, page, blocked = offline_page(
        browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        page.goto((site / "queue-drain.html").as_uri())
        panel = page.locator(".nohero-panel")
        # The verdict: reviewed or not, a backup who has left is what matters.
        expect(panel.locator(".nohero-status")).to_have_text("Backup has left")
        expect(panel.locator(".nohero-advice")).to_contain_text(
            "Backup Dave Former has left: page Alice Example (escalation level 2) instead"
        )
        # One line for verdict, owner, backup and review age.
        line = panel.locator(".nohero-line").bounding_box()
        age = panel.locator(".nohero-age").bounding_box()
        assert line is not None and age is not None and line["height"] < 2.2 * age["height"]
        # The owner's first contact is one tap away: a tel: link.
        call = panel.locator(".nohero-line a.nohero-contact-icon").first
        expect(call).to_have_attribute("href", "tel:+442079460001")
        expect(call).to_have_attribute("aria-label", "Call Carol Example: +44 20 7946 0001")
        target = call.bounding_box()  # WCAG 2.2 target size: at least 24 x 24 px to tap
        assert target is not None and min(target["width"], target["height"]) >= 24, target
        # Maintainer findings are folded away; the first command is on the first screen.
        expect(panel.locator(".nohero-findings li").first).to_be_hidden()
        command = page.locator("article pre code").first
        expect(command).to_contain_text("kubectl -n payments scale")
        box = command.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box
        # The rest of the contacts, and the service's escalation path, one tap away.
        panel.locator("summary", has_text="Contacts").click()
        expect(panel.locator(".nohero-facts dd").first).to_contain_text("slack: @carol")
        panel.locator("a", has_text="Payments escalation").click()
        expect(page).to_have_url(
            (site / "nohero" / "escalations.html").as_uri() + "#esc-escalation-payments-md"
        )
        diagram = page.locator("#esc-escalation-payments-md ~ * svg, svg.nohero-escalation-svg")
        expect(diagram.first).to_be_visible()
        expect(diagram.first.locator("text", has_text="Dave Former — has left")).to_have_count(1)
        expect(
            diagram.first.locator("text", has_text="Note: Slack #payments-oncall")
        ).to_have_count(1)
        row = page.locator("article table tbody tr").first
        expect(row).to_contain_text("level 2 (Alice Example, Bob Example, Mei Lin) answers instead")
        expect(
            page.locator("article table tbody tr").nth(1).locator('a[href^="https://pager"]')
        ).to_have_count(1)
        # The escalation document's own page draws its path, on the first screen.
        page.goto((site / "escalation" / "payments.html").as_uri())
        drawn = page.locator("article .nohero-escalation-here svg.nohero-escalation-svg")
        expect(drawn).to_be_visible()
        expect(drawn.locator("text", has_text="Dave Former — has left")).to_have_count(1)
        top = drawn.bounding_box()
        assert top is not None and top["y"] < 844, top
        expect(
            page.locator("article .nohero-escalation-here a[href^='tel:']").first
        ).to_be_visible()
        # A person's page says how to reach them.
        page.goto((site / "nohero" / "people" / "carol.html").as_uri())
        expect(page.locator('article a[href="tel:+442079460001"]')).to_have_text("+44 20 7946 0001")
        # Its table of documents links to the published pages, from file:// too.
        page.locator("article table a", has_text="Payments queue drain").first.click()
        expect(page).to_have_url((site / "queue-drain.html").as_uri())
        page.go_back()
        # Search and the dark-mode toggle work from file:// without a network.
        page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").press_sequentially("kubectl", delay=20)
        expect(page.locator(".md-search-result__item").first).to_contain_text(
            "Payments queue drain", timeout=15000
        )
        # The dark-mode toggle works offline too (Material's palette switch).
        page.goto((site / "queue-drain.html").as_uri())
        page.locator("label.md-header__button[title='Dark mode']").first.click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        assert blocked == []
    finally:
        context.close()


GENERATED = [
    "nohero/index.html",
    "nohero/escalations.html",
    "nohero/owners.html",
    "nohero/services.html",
    "nohero/people/carol.html",
    "nohero/teams/payments.html",
]
RUNBOOKS = ["queue-drain.html", "escalation/payments.html", "db-failover.html"]
PALETTES = [
    ("default", "indigo"),
    ("slate", "indigo"),
    ("default", "deep-orange"),
    ("slate", "deep-orange"),
]


def test_axe_finds_no_violation_in_what_nohero_adds(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page, blocked = offline_page(browser, viewport={"width": 1280, "height": 900})
    found: list[str] = []
    try:
        for name in RUNBOOKS + GENERATED:
            page.goto((site / name).as_uri())
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            scope = [[".nohero-panel"], [".nohero-escalation-here"]]
            if name not in RUNBOOKS:
                scope = [["article"]]
            for scheme, primary in PALETTES:
                # Material's own switch: colours change at once, without transitions.
                page.evaluate(
                    "([s, p]) => { document.body.setAttribute('data-md-color-switching', '');"
                    " document.body.setAttribute('data-md-color-scheme', s);"
                    " document.body.setAttribute('data-md-color-primary', p); }",
                    [scheme, primary],
                )
                # WCAG 2.2's target-size (24 px) too: the contact icons are tapped on phones.
                results = axe.run(
                    page,
                    context={"include": scope},
                    options={"rules": {"target-size": {"enabled": True}}},
                )
                checked = {rule["id"] for rule in results.response["passes"]}
                assert "color-contrast" in checked, (name, scheme)  # it did look
                if name in RUNBOOKS:
                    assert "target-size" in checked, name
                for v in results.response["violations"]:
                    targets = [n["target"] for n in v["nodes"]][:3]
                    found.append(f"{name} {scheme}/{primary}: {v['id']} {targets}")
        assert found == [], "\n".join(found)
        assert blocked == []
    finally:
        context.close()
