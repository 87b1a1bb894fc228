"""`nohero serve` notices an edited alert rule file: the Alerts page and the
runbook's 'Alerts that lead here' show the renamed alert after the rebuild
(MkDocs watches only docs_dir and mkdocs.yml; the plugin watches the rule
files, and its memo of the last build keys on them)."""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from alertkb import TODAY
from faketime import start_serve
from test_alerts import ONE, write_kb


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def _eventually(check: Callable[[], bool], tries: int = 300) -> bool:
    """Polls with honest sleeps (no timed waits: they never end under faketime)."""
    for _ in range(tries):
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(shutil.which("nohero") is None, reason="needs the console script")
def test_serve_rebuilds_alert_pages_when_a_rule_file_changes(tmp_path: Path) -> None:
    repo = write_kb(tmp_path, {"db.yaml": ONE}, "      publish_with_errors: true\n")
    output, base = start_serve(repo.path, TODAY)
    try:
        assert output.wait_for("Serving on"), str(output)
        assert _eventually(lambda: "DBDown" in _get(base + "nohero/alerts/")), str(output)
        assert "DBDown" in _get(base + "runbooks/db/")
        time.sleep(0.5)
        rules = repo.path / "monitoring/db.yaml"
        rules.write_text(ONE.replace("DBDown", "DatabaseDown"), encoding="utf-8")
        assert output.wait_for("Building documentation", 2), str(output)
        assert _eventually(lambda: "DatabaseDown" in _get(base + "nohero/alerts/")), str(output)
        runbook = _get(base + "runbooks/db/")
        assert "Alerts that lead here" in runbook
        assert "DatabaseDown" in runbook and "DBDown" not in runbook
    finally:
        output.stop()
