"""The built site in a real headless browser (Debian's chromium, driven by
Playwright): what an on-call reader actually sees and clicks."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_plugin import make_repo, mkdocs_build

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    if Path(CHROMIUM).is_file() and shutil.which(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    repo = make_repo(tmp_path_factory.mktemp("browser") / "repo")
    result = mkdocs_build(repo.path)
    assert result.returncode == 0, result.stderr
    with serve(repo.path / "site") as url:
        yield url


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site over HTTP on a free loopback port, for the duration."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_on_call_reader_journey(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = browser.new_page()
    try:
        # The overdue warning is visible right under the title.
        page.goto(site_url + "cache-flush/")
        warning = page.locator(".nohero-warning")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("Last reviewed 328 days ago")
        expect(page.locator(".nohero-panel")).to_contain_text("Carol Example")

        # Material's search finds a runbook by a word in its body.
        page.goto(site_url)
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("zanzibarctl", delay=20)  # Material listens for key events
        result = page.locator(".md-search-result__item").first
        expect(result).to_contain_text("Payments DB failover", timeout=15000)

        # An owner's page links to what they own: click through.
        page.goto(site_url + "db-failover/")
        page.locator(".nohero-line a", has_text="Alice Example").click()
        expect(page.locator("h1")).to_have_text("Alice Example")
        page.locator("article a", has_text="Payments DB failover").first.click()
        expect(page).to_have_url(site_url + "db-failover/")
        expect(page.locator(".nohero-panel")).to_be_visible()
    finally:
        page.close()
