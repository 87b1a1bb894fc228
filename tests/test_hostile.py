"""Hostile input from a pull request, one test per way it used to get out
(issue #14). Each test fails on the code before the escaping layer, the
signed cache, bounded reads and the hardened workflows; the property test in
test_hostile_property.py covers the class."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.due import issue_body, plan_issues
from nohero.findings import Finding, Severity
from nohero.history import cache
from nohero.history.miner import load_history
from nohero.report import Report
from nohero.reporters import REPORTERS
from nohero.roster import load_roster

TODAY = "2026-11-25"
ATTR_NAME = "Mallory { onfocus=alert(1) autofocus }"
LINK_NAME = "[click](javascript:alert(2))"
LINK_FILE = "x) [y](javascript:alert(3).md"
TITLE = "DB <img src=x onerror=alert(4)>"
CI_OWNER = '"ghost\\n::add-mask::secret\\n::error file=x::pwned"'
ESC = "\x1b]0;owned\x07\x1b[2J"
# The body is the author's own Markdown, rendered by MkDocs as written (raw HTML
# included, see SECURITY.md); nohero's promise is about the values it takes.
BODY = "# Database\n\nCheck the dashboard.\n"

HOSTILE_PEOPLE = DEFAULT_PEOPLE.replace("name: Alice Example", f'name: "{ATTR_NAME}"').replace(
    "name: Bob Example", f'name: "{LINK_NAME}"'
)


class Tags(HTMLParser):
    """Every start tag's attributes in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(k, v or "") for k, v in attrs]


def build_site(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOHERO_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Repo(tmp_path_factory.mktemp("hostile") / "repo")
    repo.knowledge_base(
        {"db.md": runbook(title=TITLE, body=BODY), LINK_FILE: runbook(title="Linked")},
        people=HOSTILE_PEOPLE,
    )
    repo.commit("docs", date="2026-01-02T10:00:00+00:00")
    result = build_site(repo)
    assert result.returncode == 0, result.stderr
    return repo.path / "site"


def test_roster_names_and_titles_add_no_attribute_or_element(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    person = next(p for p in pages if "people" in p.parts and "alice" in p.parent.name)
    assert "onfocus=alert(1)" in person.read_text(encoding="utf-8")  # shown as text
    for page in pages:
        tags = Tags()
        tags.feed(page.read_text(encoding="utf-8"))
        names = {k for k, _ in tags.attrs}
        assert not names & {"onfocus", "autofocus", "onerror"}, page


def test_links_from_names_and_file_names_never_get_a_scheme(site: Path) -> None:
    for page in site.rglob("*.html"):
        tags = Tags()
        tags.feed(page.read_text(encoding="utf-8"))
        for key, value in tags.attrs:
            if key in ("href", "src"):
                assert not re.match(r"\s*javascript:", value, re.I), (page, value)


def test_build_log_has_no_workflow_command(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.knowledge_base({"db.md": runbook(owner=CI_OWNER)})
    repo.commit("docs", date="2026-01-02T10:00:00+00:00")
    for run in (
        repo.cli("build", "--today", TODAY),
        build_site(repo),
    ):
        stderr = run.stderr if isinstance(run.stderr, str) else ""
        output = stderr + (getattr(run, "output", "") or getattr(run, "stdout", ""))
        assert "ghost" in output  # the finding was printed
        for line in output.splitlines():
            assert not line.lstrip().startswith("::"), line


def test_github_summary_line_cannot_start_a_command() -> None:
    finding = Finding("roster\n::stop-commands::tok", 1, "roster-invalid", Severity.ERROR, "bad")
    report = Report(dt_today(), [], [], [], [finding])
    text = REPORTERS["github"]().render(report).text
    assert [line for line in text.splitlines() if line.startswith("::")] == [text.splitlines()[0]]
    assert text.splitlines()[0].startswith("::error ")


def dt_today():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


def test_issue_body_mentions_only_the_owner_and_keeps_its_marker() -> None:
    owner = {
        "id": "ops --> <b>x</b>",
        "name": "@org/everyone see owner/repo#1",
        "github": "alice-gh",
        "docs": [
            {
                "path": "docs/a|b\n| x |.md",
                "title": "@mallory #12 [x](javascript:1)",
                "status": "overdue",
                "days_overdue": 3,
                "backup_owner": "@evil",
            }
        ],
    }
    listing = {"owners": [owner], "within_days": 14, "today": TODAY}
    body = issue_body(owner, listing)
    mentions = re.findall(r"(?<![\w&])@([A-Za-z0-9][\w-]*(?:/[\w.-]+)?)", body)
    assert mentions == ["alice-gh"]
    assert not re.search(r"(?<![\\\w&])#\d", body) and "repo#1" not in body
    assert "<b>" not in body and not re.search(r"(?<!\\)\]\(javascript", body)
    assert body.count("-->") == 1  # only the marker's own end
    table = [line for line in body.splitlines() if line.startswith("| ")]
    assert len(table) == 3 and all(len(re.findall(r"(?<!\\)\|", r)) == 6 for r in table)
    # the marker still finds this owner's issue, so it is edited, not reopened
    plan = plan_issues(listing, [{"number": 7, "title": "old", "body": body}])
    assert [a["action"] for a in plan] == ["edit"] and plan[0]["number"] == 7


def test_markdown_report_mentions_nobody(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner='"@org/everyone"', title="see owner/repo#9")})
    out = repo.cli("check", "--format", "markdown", "--today", TODAY).output
    assert "@org/everyone" not in out and "@&#8203;org/everyone" in out


def test_codeowners_github_value_cannot_add_a_rule(repo: Repo) -> None:
    people = DEFAULT_PEOPLE.replace("github: alice-gh", 'github: "alice-gh\\n* @mallory"')
    repo.knowledge_base({"db.md": runbook()}, people=people)
    repo.commit("kb")
    repo.cli("codeowners", "--today", TODAY)
    text = (repo.path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@mallory" not in text and "\n*" not in text
    check = repo.cli("check", "--format", "json", "--today", TODAY)
    rules = {f["rule"] for f in json.loads(check.output)["findings"]}
    assert "roster-invalid" in rules


def test_codeowners_skips_a_path_it_cannot_express_with_a_warning(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(), "a\tb.md": runbook()})
    repo.commit("kb")
    result = repo.cli("codeowners", "--today", TODAY)
    text = (repo.path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/docs/db.md" in text and "a\tb" not in text
    assert "a\\tb.md: CODEOWNERS cannot name this path exactly" in result.stderr


def _mined_authors(repo: Repo) -> dict[str, int]:
    config = load_config(cwd=repo.path)
    history = load_history(config, load_roster(config.roster_path))
    return dict(history.docs["docs/db.md"].authors)


def test_committed_history_cache_is_not_trusted(tmp_path: Path) -> None:
    attacker = Repo(tmp_path / "attacker")
    attacker.knowledge_base({"db.md": runbook()})
    attacker.commit("kb", author="Carol Example <carol@example.com>")
    assert _mined_authors(attacker) == {"carol": 1}
    # forge: every commit by alice, signed with the attacker's own key
    cache_file = attacker.path / ".cache" / "nohero" / cache.FILE_NAME
    raw = gzip.decompress(cache_file.read_bytes())
    forged = raw.replace(b"carol@example.com", b"alice@example.com")
    body = b"{" + forged[forged.index(b",") + 1 :]
    key = cache.secret(attacker.path / ".git")
    assert key is not None
    mac = cache._sign(key, body).encode()
    cache_file.write_bytes(gzip.compress(b'{"mac":"' + mac + b'",' + body[1:]))
    assert _mined_authors(attacker) == {"alice": 1}  # the attacker fooled only himself
    attacker.git("add", "-f", ".cache/nohero/history.json.gz")
    attacker.commit("add a cache", author="Carol Example <carol@example.com>")
    victim = Repo(tmp_path / "victim", init=False)
    subprocess.run(
        ["git", "clone", "-q", str(attacker.path), str(victim.path)],
        check=True,
        capture_output=True,
    )
    assert (victim.path / ".cache" / "nohero" / cache.FILE_NAME).is_file()
    assert _mined_authors(victim) == {"carol": 1}


def test_blame_ignore_revs_symlink_to_dev_zero_is_skipped_and_said(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit("kb")
    os.symlink("/dev/zero", repo.path / ".git-blame-ignore-revs")
    result = repo.cli("check", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert ".git-blame-ignore-revs was not read" in result.output + result.stderr


@pytest.mark.parametrize("name", ["people.yml", "mkdocs.yml"])
def test_settings_file_that_is_a_device_or_huge_is_refused(repo: Repo, name: str) -> None:
    repo.knowledge_base({"db.md": runbook()})
    (repo.path / name).unlink()
    os.symlink("/dev/zero", repo.path / name)
    zero = repo.cli("check", "-f", "mkdocs.yml", "--today", TODAY)
    assert zero.exit_code == 2  # refused, not read forever
    (repo.path / name).unlink()
    repo.write(name, f"# {'x' * 100}\n" * 50_000)  # 5 MB of comments
    huge = repo.cli("check", "-f", "mkdocs.yml", "--today", TODAY)
    assert huge.exit_code == 2
    assert f"{name} was not read: it is larger than 4 MB" in huge.stderr


def test_commands_print_no_escape_sequence(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(title=f'"T{ESC}"', reviewed="2026-01-01")})
    repo.commit("kb", author=f"Alice{ESC} <alice{ESC}@example.com>")
    repo.commit("again", files={"docs/db.md": runbook(title=f'"T{ESC}"', reviewed="2026-01-02")})
    runs = {
        "due": repo.cli("due", "--today", TODAY),
        "report": repo.cli("report", "--today", TODAY),
        "codeowners": repo.cli("codeowners", "--check", "--today", TODAY),
        "show": repo.cli("show", "docs/db.md", "--at", TODAY),
        "build": repo.cli("build", "--today", TODAY),
        "check": repo.cli("check", "--today", TODAY),
    }
    for name, run in runs.items():
        out = run.output + run.stderr
        if name != "show":  # show prints the file's bytes when piped, as git show does
            assert "\x1b" not in out and "\x07" not in out, name
        assert "\x1b" not in run.stderr, name


def test_non_utf8_file_name_gives_valid_json_sarif_and_junit(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    (repo.path / "docs" / "caf\udce9.md").write_text(runbook(owner="nobody"), encoding="utf-8")
    for fmt in ("json", "sarif", "junit"):
        result = repo.cli("check", "--format", fmt, "--today", TODAY)
        assert result.exit_code in (0, 1), result.output
        data = result.stdout_bytes
        text = data.decode("utf-8")  # strict: valid UTF-8
        if fmt == "junit":
            ET.fromstring(data)
        else:
            json.loads(text)
        assert "caf" in text
