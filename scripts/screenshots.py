"""Regenerate the site screenshots in docs/screenshots/ from this repository's
own knowledge base (Kestrel Tickets), as an on-call reader would see it.

    python scripts/screenshots.py [--today 2026-12-16]

Builds the site with `mkdocs build` (today pinned, so the pictures only change
when the product does), serves it on 127.0.0.1, and drives Debian's chromium
through Playwright with every non-local request blocked: a runbook on a
desktop and on a 390x844 phone, the escalation paths, an escalation
document on a phone in dark mode, and the dashboard.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
SHOTS = [
    # (file, page, viewport, full page, colour scheme)
    ("runbook-desktop.png", "payments/payments-db-failover/", (1280, 860), False, "default"),
    ("runbook-phone.png", "payments/payments-db-failover/", (390, 844), False, "default"),
    ("escalation.png", "nohero/escalations/", (1280, 1400), False, "default"),
    # The escalation document itself, at 3 a.m.: a phone in dark mode.
    ("escalation-phone-dark.png", "escalation/payments/", (390, 844), False, "slate"),
    ("dashboard.png", "nohero/", (1280, 1600), False, "default"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build(site: Path, today: str) -> None:
    env = {**os.environ, "NOHERO_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def shoot(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, path, (width, height), full, scheme in SHOTS:
                phone = width < 500
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    device_scale_factor=2 if phone else 1,
                    is_mobile=phone,
                )
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_() if route.request.url.startswith(base) else route.abort()
                    ),
                )
                page = context.new_page()
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if scheme != "default":  # Material's own switch, as the toggle does it
                    page.evaluate(
                        "s => document.body.setAttribute('data-md-color-scheme', s)", scheme
                    )
                page.screenshot(path=str(OUT / name), full_page=full)
                print(f"wrote {OUT.relative_to(ROOT) / name}")
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2026-12-16", help="the date the site is built as of")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nohero-shots-") as tmp:
        site = Path(tmp) / "site"
        build(site, args.today)
        shoot(site)


if __name__ == "__main__":
    main()
