"""The nohero MkDocs plugin, through real `mkdocs build` runs in tmp dirs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from gitrepo import DEFAULT_PEOPLE, Repo, runbook

TODAY = "2026-11-25"

MKDOCS = """\
site_name: Test KB
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - nohero:
      types:
        "": runbook
        escalation: escalation
        notes: note
"""

PEOPLE = DEFAULT_PEOPLE.replace(
    "teams:",
    "  eve:\n    name: Eve <script>alert(2)</script>\n    emails: [eve@example.com]\n"
    "    away: [{from: 2026-12-01, to: 2026-12-21}]\nteams:",
)

ESCALATION = """\
---
title: Payments escalation
type: escalation
service: payments-api
owner: payments
backup_owner: carol
last_reviewed: 2026-11-20
escalation:
  - page: payments
    after: 0m
  - page: carol
    after: 15m
---
# Payments escalation

Call the on-call first.
"""

DOCS = {
    "index.md": "---\ntype: note\nowner: alice\nlast_reviewed: 2026-11-01\n---\n"
    "# Home\n\nWelcome.\n",
    "db-failover.md": runbook(
        body="# Payments DB failover\n\n## Steps\n\nRun zanzibarctl promote on the replica.\n"
    ),
    "cache-flush.md": runbook(
        title="Cache flush",
        reviewed="2026-01-01",
        owner="carol",
        backup="alice",
        service="cache",
        body="# Cache flush\n\nFlush memcached.\n",
    ),
    "xss.md": runbook(
        title="<script>alert(1)</script>",
        backup="eve",
        service="<script>alert(3)</script>",
        body="Plain body without a heading.\n",
    ),
    "escalation/payments.md": ESCALATION,
}


def make_repo(
    path: Path, docs: dict[str, str] | None = None, mkdocs: str = MKDOCS, people: str = PEOPLE
) -> Repo:
    repo = Repo(path)
    repo.knowledge_base(docs=DOCS if docs is None else docs, mkdocs=mkdocs, people=people)
    repo.commit("docs", date="2026-01-02T10:00:00+00:00")
    return repo


def mkdocs_build(root: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOHERO_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One standard site for the read-only assertions below."""
    repo = make_repo(tmp_path_factory.mktemp("site") / "repo")
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    (repo.path / "build.log").write_text(result.stderr, encoding="utf-8")
    return repo.path


def test_panel_follows_the_title_with_owner_and_backup(built: Path) -> None:
    html = article(read(built / "site", "db-failover/index.html"))
    h1_end = html.index("</h1>")
    panel = html.index('class="nohero-panel')
    assert panel > h1_end and html[h1_end:panel].strip() == "</h1>\n<aside"
    assert "<title>Payments DB failover - Test KB</title>" in read(
        built / "site", "db-failover/index.html"
    )
    assert '<a href="../nohero/people/alice/">Alice Example</a>' in html
    assert '<a href="../nohero/people/bob/">Bob Example</a>' in html
    assert '<span class="nohero-age"><span class="nohero-long">reviewed </span>55 d ago' in html
    line = html[
        html.index('<p class="nohero-line">') : html.index("</p>", html.index("nohero-line"))
    ]
    assert '<span class="nohero-long">Alice Example</span><span class="nohero-short">Alice' in line
    assert "Last reviewed</dt><dd>2026-10-01</dd>" in html
    assert "Next review due</dt><dd>2026-12-30" in html
    assert "nohero-status--fresh" in html
    assert "verify each step" not in html


def test_overdue_page_warns_and_shows_status_in_nav(built: Path) -> None:
    page = read(built / "site", "cache-flush/index.html")
    assert (
        "Last reviewed 328 days ago (due 2026-04-01) — verify each step before running it." in page
    )
    assert '<p class="nohero-warning">' in page
    # Material renders page status in the nav of every page, with nohero's tooltip.
    home = read(built / "site", "index.html")
    assert re.search(r'md-status md-status--overdue" title="Review overdue"', home)
    assert home.count("md-status--overdue") == 1


def test_front_matter_and_roster_text_is_escaped_everywhere(built: Path) -> None:
    site = built / "site"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
    xss = read(site, "xss/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xss  # title, in <title>, nav and h1
    assert "Eve &lt;script&gt;alert(2)&lt;/script&gt;" in xss  # roster name in the panel
    services = read(site, "nohero/services/index.html")
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in services  # a service name


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def local_targets(site: Path, page: Path) -> list[Path]:
    parser = _Links()
    parser.feed(article(page.read_text(encoding="utf-8")))
    targets = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        targets.append(target / "index.html" if target.is_dir() or not target.suffix else target)
    return targets


def test_generated_pages_exist_and_their_links_resolve(built: Path) -> None:
    site = built / "site"
    pages = [
        "nohero/index.html",
        "nohero/owners/index.html",
        "nohero/services/index.html",
        "nohero/escalations/index.html",
        "nohero/people/alice/index.html",
        "nohero/people/eve/index.html",
        "nohero/teams/payments/index.html",
    ]
    for name in pages:
        page = site / name
        assert page.is_file(), name
        targets = local_targets(site, page)
        assert targets, name
        for target in targets:
            assert target.is_file(), f"{name} links to missing {target}"
    alice = article(read(site, "nohero/people/alice/index.html"))
    assert 'href="../../../db-failover/"' in alice  # owns
    assert 'href="../../../cache-flush/"' in alice  # backs up
    eve = article(read(site, "nohero/people/eve/index.html"))
    assert "2026-12-01" in eve and "2026-12-21" in eve  # planned absence
    dashboard = article(read(site, "nohero/index.html"))
    assert re.search(r"<td>overdue</td>\s*<td>1</td>", dashboard)
    assert (
        "Carol Example" in dashboard and 'href="../cache-flush/"' in dashboard
    )  # overdue by owner
    log = (built / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log


def test_knowledge_health_section_is_in_the_nav(built: Path) -> None:
    home = read(built / "site", "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"') : home.index('class="md-content"')]
    assert "Knowledge health" in nav
    for title in ("Owners", "Services", "Escalation paths"):
        assert title in nav
    assert "Alice Example" not in nav  # person pages are linked, not listed


def test_escalation_path_is_an_inline_svg_next_to_its_table(built: Path) -> None:
    html = article(read(built / "site", "nohero/escalations/index.html"))
    diagram = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="nohero-escalation-svg"')
    table = html.index("<table>")
    assert diagram < table
    assert "mermaid" not in html and "<script" not in html
    assert 'id="esc-escalation-payments-md"' in html and "after 15m" in html[diagram:table]
    assert "Alice Example" in html[table:] and "Carol Example" in html[table:]


def test_escalation_documents_own_page_draws_its_path(built: Path) -> None:
    """Where the on-call reader opens the escalation path itself: the diagram
    right under the panel (before the document's text), each level's people
    with their contacts, and a link to every service's path."""
    html = article(read(built / "site", "escalation/payments/index.html"))
    here = html.index('<section class="nohero-escalation-here"')
    svg = html.index('class="nohero-escalation-svg"', here)
    assert html.index('class="nohero-panel') < here < svg < html.index("Call the on-call first.")
    section = html[here : html.index("</section>", here)]
    assert "after 15m" in section and "Carol Example" in section
    assert 'href="mailto:carol@example.com"' in section  # how to reach, as a link
    assert 'href="../../nohero/escalations/#esc-escalation-payments-md"' in section
    assert "<script" not in section
    runbook_page = article(read(built / "site", "db-failover/index.html"))
    assert "nohero-escalation-here" not in runbook_page  # runbooks link to it instead


def test_runbook_links_to_its_services_escalation_path(built: Path) -> None:
    page = read(built / "site", "db-failover/index.html")
    assert (
        'href="../nohero/escalations/#esc-escalation-payments-md">Payments escalation</a>' in page
    )


def test_panel_is_kept_out_of_the_search_index(built: Path) -> None:
    index = json.loads(read(built / "site", "search/search_index.json"))
    text = json.dumps(index)
    assert "zanzibarctl" in text  # body text is indexed
    for panel_text in ("Next review due", "verify each step", "Last reviewed"):
        assert panel_text not in text


def test_generated_bulk_tables_are_kept_out_of_the_search_index(built: Path) -> None:
    """A person page's headings stay searchable; its tables of documents (which
    repeat every document's title) are added after search read the page."""
    index = json.loads(read(built / "site", "search/search_index.json"))
    alice = [e for e in index["docs"] if e["location"].startswith("nohero/people/alice/")]
    assert {"Alice Example", "Owns", "Backs up"} <= {e["title"] for e in alice}
    assert not any("Payments DB failover" in e["text"] for e in alice)
    page = article(read(built / "site", "nohero/people/alice/index.html"))
    assert '<th scope="col">Document</th>' in page  # header cells
    assert '<caption class="nohero-caption">Documents Alice Example owns</caption>' in page
    assert "data-nohero-slot" not in page  # every placeholder filled


def test_print_stylesheet_is_added(built: Path) -> None:
    page = read(built / "site", "db-failover/index.html")
    assert 'href="../nohero/nohero.css"' in page
    css = read(built / "site", "nohero/nohero.css")
    assert "@media print" in css and ".nohero-panel" in css


def test_errors_block_the_build_with_the_findings_listed(tmp_path: Path) -> None:
    docs = dict(DOCS, **{"ghost.md": runbook(owner="ghost", title="Ghost")})
    repo = make_repo(tmp_path / "repo", docs=docs)
    result = mkdocs_build(repo.path)
    assert result.returncode != 0
    assert "ghost.md" in result.stderr and "[owner-unknown]" in result.stderr
    assert "publish_with_errors" in result.stderr
    assert not (repo.path / "site" / "ghost" / "index.html").exists()


def test_publish_with_errors_works_in_strict_mode_and_says_which_page(tmp_path: Path) -> None:
    docs = dict(DOCS, **{"ghost.md": runbook(owner="ghost", title="Ghost", backup="dave")})
    mkdocs = MKDOCS.replace("      types:", "      publish_with_errors: true\n      types:")
    repo = make_repo(tmp_path / "repo", docs=docs, mkdocs=mkdocs + "strict: true\n")
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "docs/ghost.md:" in x)
    assert "[owner-unknown]" in line and "[backup-departed]" in line
    page = article(read(repo.path / "site", "ghost/index.html"))
    assert '<details class="nohero-findings">' in page and "<code>owner-unknown</code>" in page
    assert 'ghost <span class="nohero-flag">not in the roster</span>' in page
    assert 'nohero-status--unowned">Nobody owns this</span>' in page


def test_a_hash_in_a_file_name_is_part_of_the_name_in_every_generated_link(
    tmp_path: Path,
) -> None:
    """`#` starts an anchor in a URL but not in a file name: the owners and
    dashboard pages must link to `a#b.md`, not to page `a` at anchor `b.md`
    (and a name starting `##` once crashed the page generator)."""
    docs = dict(
        DOCS,
        **{
            "a#b.md": runbook(title="Hash inside"),
            "##[error].md": runbook(title="Hash first", reviewed="2025-01-01"),
        },
    )
    repo = make_repo(tmp_path / "repo", docs=docs, mkdocs=MKDOCS + "strict: true\n")
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    dashboard = read(repo.path / "site", "nohero/index.html")
    assert 'href="../%23%23%5Berror%5D/"' in dashboard
    owners = read(repo.path / "site", "nohero/people/alice/index.html")
    assert 'href="../../../a%23b/"' in owners
    assert (repo.path / "site" / "a#b" / "index.html").is_file()


def test_shallow_clone_builds_and_says_history_is_unavailable(tmp_path: Path) -> None:
    origin = make_repo(tmp_path / "origin")
    origin.commit(
        "second", files={"docs/extra.md": runbook(title="Extra")}, date="2026-02-01T10:00:00+00:00"
    )
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin.path}", str(clone)], check=True
    )
    result = mkdocs_build(clone)
    assert result.returncode == 0, result.stderr
    assert "fetch-depth: 0" in result.stderr
    page = article(read(clone / "site", "db-failover/index.html"))
    assert "History unavailable: this site was built from a shallow clone" in page


def test_explicit_nav_gets_a_knowledge_health_section(tmp_path: Path) -> None:
    mkdocs = MKDOCS + "nav:\n  - Home: index.md\n  - Failover: db-failover.md\n"
    repo = make_repo(tmp_path / "repo", mkdocs=mkdocs)
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    assert "nohero/people" not in result.stderr  # person pages are not 'missing from nav'
    home = read(repo.path / "site", "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    assert nav.index("Failover") < nav.index("Knowledge health")


def test_offline_plugin_works(tmp_path: Path) -> None:
    mkdocs = MKDOCS.replace("  - search\n", "  - search\n  - offline\n")
    repo = make_repo(tmp_path / "repo", mkdocs=mkdocs)
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    site = repo.path / "site"
    assert (site / "search" / "search_index.js").is_file()
    page = read(site, "db-failover.html")
    assert 'href="nohero/people/alice.html"' in page
    # Material's offline plugin would load its worker shim from unpkg.com: nohero ships it
    assert "unpkg.com" not in page and '<script src="nohero/iframe-worker-shim.js">' in page
    assert "IFrameWorker" in read(site, "nohero/iframe-worker-shim.js")
    for target in local_targets(site, site / "nohero" / "people" / "alice.html"):
        assert target.is_file(), target


def test_unknown_option_fails_the_build_clearly(tmp_path: Path) -> None:
    mkdocs = MKDOCS.replace("      types:", "      colour: blue\n      types:")
    repo = make_repo(tmp_path / "repo", mkdocs=mkdocs)
    result = mkdocs_build(repo.path)
    assert result.returncode != 0
    assert "plugins.nohero.colour is not a nohero option" in result.stderr


def test_disabled_plugin_builds_a_plain_site(tmp_path: Path) -> None:
    mkdocs = MKDOCS.replace("      types:", "      enabled: false\n      types:")
    repo = make_repo(tmp_path / "repo", mkdocs=mkdocs)
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    assert not (repo.path / "site" / "nohero").exists()
    assert "nohero-panel" not in read(repo.path / "site", "db-failover/index.html")


MERMAID_MKDOCS = MKDOCS.replace(
    "plugins:",
    "markdown_extensions:\n"
    "  - pymdownx.superfences:\n"
    "      custom_fences:\n"
    "        - name: mermaid\n"
    "          class: mermaid\n"
    "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    "plugins:",
    1,
)


def test_user_mermaid_diagrams_are_flagged_for_offline_readers(tmp_path: Path) -> None:
    """A user's Mermaid fence makes Material fetch mermaid.js from unpkg.com,
    so offline readers see its source: the build log says which pages, at INFO
    (a strict build still publishes), and says nothing once a local copy of
    mermaid.js is in extra_javascript (Material uses it instead)."""
    docs = {
        "arch.md": runbook(body="# Architecture\n\n```mermaid\ngraph LR\n  a --> b\n```\n"),
        "plain.md": runbook(body="# Plain\n\nNo diagram.\n"),
    }
    repo = make_repo(tmp_path / "repo", docs=docs, mkdocs=MERMAID_MKDOCS)
    result = mkdocs_build(repo.path, "--strict")
    assert result.returncode == 0, result.stderr
    flagged = [line for line in result.stderr.splitlines() if "Mermaid" in line]
    assert len(flagged) == 1 and flagged[0].startswith("INFO"), flagged
    assert "1 page(s) with Mermaid diagrams (arch.md) load mermaid.js from unpkg.com" in flagged[0]
    repo.write("mkdocs.yml", MERMAID_MKDOCS + "extra_javascript:\n  - js/mermaid.min.js\n")
    repo.write("docs/js/mermaid.min.js", "window.mermaid = {};\n")
    result = mkdocs_build(repo.path, "--strict")
    assert result.returncode == 0, result.stderr
    assert "Mermaid" not in result.stderr
