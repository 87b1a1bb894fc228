"""Alerts on the site, in a real build and a real browser: a runbook page
lists the alerts that lead to it, the Alerts page lists every alert with its
runbook's state, and search finds a runbook by an alert's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from alertkb import TODAY, alert_repo
from test_browser import require_chromium, serve
from test_plugin import mkdocs_build

CRASH = "runbooks/kubernetes/KubePodCrashLooping/"


@pytest.fixture(scope="module")
def alert_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    repo = alert_repo(tmp_path_factory.mktemp("alerts") / "ops")
    text = (repo.path / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write(
        "mkdocs.yml", text.replace("      types:", "      publish_with_errors: true\n      types:")
    )
    result = mkdocs_build(repo.path, today=TODAY)
    assert result.returncode == 0, result.stderr
    with serve(repo.path / "site") as url:
        yield url, repo


def test_built_pages_carry_the_alerts(alert_site) -> None:  # type: ignore[no-untyped-def]
    _, repo = alert_site
    site = repo.path / "site"
    crash = (site / CRASH / "index.html").read_text(encoding="utf-8")
    assert "Alerts that lead here" in crash and "KubePodCrashLooping" in crash
    assert "CrashLoopBackOff" in crash  # the expression, inside <details>
    assert "<details" in crash
    # every alert of the URL and of the front matter, once per definition
    latency = (site / "runbooks/payments/latency/index.html").read_text(encoding="utf-8")
    assert latency.count('<tr class="nohero-alert">') == 1
    unreached = (site / "runbooks/etcd/etcdMembersDown/index.html").read_text(encoding="utf-8")
    assert "Alerts that lead here" not in unreached
    page = (site / "nohero/alerts/index.html").read_text(encoding="utf-8")
    for name in ("KubeJobFailed", "PaymentsQueueStuck", "PaymentsErrorBudgetBurn", "Watchdog"):
        assert name in page
    assert "broken link: no such runbook" in page and "no runbook_url" in page
    # who should act: the same owner the report groups the alert under -- the
    # `team: payments` label the roster knows, not the runbook's owner (alice)
    report = repo.cli("report", "--today", TODAY).output
    payments = report[report.index("\n  payments\n") : report.index("\n  no owner\n")]
    assert "PaymentsQueueStuck" in payments
    for name in ("PaymentsQueueStuck", "PaymentsDBDown"):
        row = next(r for r in page.split("<tr>") if f"<td>{name}</td>" in r)
        assert ">payments</a>" in row and "Alice Example" not in row, row
    db_row = next(r for r in page.split("<tr>") if "<td>KubePodNotReady</td>" in r)
    assert "Dave Former" in db_row  # no team label: the runbook's owner


def test_runbook_page_lists_its_alerts_in_a_browser(browser, alert_site) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    require_chromium()
    url, _ = alert_site
    page = browser.new_page()
    try:
        page.goto(url + "runbooks/node/NodeFilesystemAlmostOutOfSpace/")
        section = page.locator("section.nohero-alerts")
        expect(section).to_be_visible()
        row = section.locator("tr.nohero-alert")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("NodeFilesystemOutOfSpace")
        expect(row).to_contain_text("critical")
        expect(row).to_contain_text("30m")
        expect(row).to_contain_text("Filesystem has less than 5% space left.")
        expression = row.locator("details pre")
        expect(expression).to_be_hidden()  # folded away until asked for
        row.locator("details summary").click()
        expect(expression).to_be_visible()
        expect(expression).to_contain_text("node_filesystem_avail_bytes")

        # The generated Alerts page: every alert, its runbook and that runbook's state.
        page.goto(url + "nohero/alerts/")
        table_row = page.locator("tr", has_text="KubePodNotReady")
        expect(table_row).to_contain_text("Pod not ready")
        expect(table_row).to_contain_text("Dave Former")
        mismatch = page.locator("tr", has_text="KubeDeploymentReplicasMismatch")
        expect(mismatch).to_contain_text("overdue")  # the runbook's state
        mismatch.locator("a", has_text="Replicas mismatch").click()
        expect(page.locator("section.nohero-alerts")).to_contain_text(
            "KubeDeploymentReplicasMismatch"
        )

        # Search finds the runbook by the alert's name.
        page.goto(url)
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("AlertmanagerFailedReload", delay=20)
        result = page.locator(".md-search-result__item").first
        expect(result).to_contain_text("Alertmanager failed reload", timeout=15000)
    finally:
        page.close()
