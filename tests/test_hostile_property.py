"""The class, not the list: generated hostile strings through every input
field (front matter values, roster names/ids/handles, file names, git author
names/emails, commit messages) into every output channel, each of which must
stay inert. First the escaping layer channel by channel, then whole runs of
nohero on real repositories."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, Repo
from nohero.config import load_config
from nohero.escape import (
    codeowners_pattern,
    hidden_marker,
    html_text,
    link_target,
    md_inert,
    md_link,
    md_text,
    terminal,
    utf8_clean,
    utf8_text,
    valid_handle,
    workflow_command,
    xml_text,
)
from nohero.site import SiteLayout, SiteRenderer, build_site_model
from nohero.site.analysis import analyse
from nohero.site.pages import generated_pages
from nohero.site.render import fill_slots

FRAGMENTS = [
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x9b2J",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\udcff",
    "::error::x",
    "::add-mask::s",
    "##[error]",
    "@alice",
    "@org/team",
    "#12",
    "owner/repo#3",
    "GH-1",
    "https://evil.example",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "{ onfocus=alert(1) autofocus }",
    "{: .x }",
    "[x](javascript:alert(1))",
    "![i](x)",
    "`",
    "*",
    "_",
    "~~",
    "|",
    "-->",
    "<!--",
    "\\",
    "&amp;",
    "&#64;",
    "%0A",
    "* @mallory",
    " ",
    "- ",
    "1. ",
    "# ",
    "> ",
    "===",
    ":",
    ")",
    "(",
    "'",
    '"',
    "é",
    "日本",
]
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=8
).map("".join)

ALLOWED_TAGS = {"h1", "p", "table", "thead", "tbody", "tr", "th", "td", "br"}
MD = ["attr_list", "tables", "def_list", "toc", "md_in_html"]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(k, v or "") for k, v in attrs]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def inert_line(text: str) -> bool:
    """No control, format, surrogate or line-break character."""
    return all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in text)


def plain(value: str) -> str:
    """What a reader should see: the value on one line, controls as spaces."""
    text = re.sub("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]", " ", value)
    return " ".join(utf8_text(text).split())


# -- the layer, channel by channel -------------------------------------------


@given(hostile)
def test_terminal_channel(value: str) -> None:
    out = terminal(value)
    assert inert_line(out) and "\x1b" not in out
    assert not out.lstrip().startswith(("::", "##"))


@given(hostile, hostile, hostile)
def test_github_command_channel(path: str, title: str, message: str) -> None:
    line = workflow_command("error", [("file", path), ("title", title)], message)
    assert inert_line(line)
    head, _, _ = line[2:].partition("::")
    command, _, props = head.partition(" ")
    assert command == "error"
    assert [p.split("=", 1)[0] for p in props.split(",")] == ["file", "title"]


@given(hostile)
def test_html_channel(value: str) -> None:
    out = html_text(value)
    assert not set("<>\"'") & set(out) and html.unescape(out) == value


@settings(max_examples=150)
@given(hostile)
def test_markdown_channel_is_text_in_heading_paragraph_and_table(value: str) -> None:
    text = md_text(value)
    page = markdown.markdown(f"# {text}\n\n{text}\n\n| a |\n|---|\n| {text} |\n", extensions=MD)
    tags = parsed(page)
    assert {t for t, _ in tags.tags} <= ALLOWED_TAGS, page
    for tag, attrs in tags.tags:
        assert [k for k, _ in attrs] in ([], ["id"]) and (tag == "h1" or not attrs), page
    assert [t for t, _ in tags.tags].count("td") == 1  # no column break
    if plain(value):
        paragraph = page.split("<p>", 1)[1].split("</p>", 1)[0]
        assert html.unescape(paragraph) == plain(value), page


@settings(max_examples=150)
@given(hostile)
def test_issue_channel_mentions_and_references_nothing(value: str) -> None:
    page = markdown.markdown(md_inert(value), extensions=MD)
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert not re.search(r"@[A-Za-z0-9]", shown), shown
    assert not re.search(r"#\d|GH-\d|://", shown, re.I), shown
    assert shown.replace("\u200b", "") == plain(value)


@given(hostile, hostile)
def test_link_channel(text: str, target: str) -> None:
    href = link_target(target)
    assert not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href) and not href.startswith("//")
    assert re.fullmatch(r"[A-Za-z0-9_.~/%#-]*", href), href
    tags = parsed(markdown.markdown(md_link(text, target), extensions=MD)).tags
    assert [t for t, _ in tags] == ["p", "a"] and tags[1][1] == [("href", href)]
    path, _, anchor = href.partition("#")
    decoded, expected = unquote(path), utf8_text(target).partition("#")[0]
    # the path comes back as written, except that an absolute one ('/x', '//host')
    # is made relative ('./x'): it must never leave the site
    assert decoded == expected or (
        expected.startswith("/") and decoded == "./" + expected.lstrip("/")
    )


@given(hostile)
def test_hidden_marker_channel(value: str) -> None:
    out = hidden_marker(value)
    assert "-->" not in out and "--!>" not in out and "\n" not in out
    assert unquote(out) == utf8_text(value)


@given(hostile, hostile)
def test_codeowners_channel(path: str, handle: str) -> None:
    pattern = codeowners_pattern(path)
    if pattern is not None:
        assert re.split(r"(?<!\\) ", pattern) == [pattern]  # one token
        assert pattern.isprintable() and pattern.startswith("/")
    if valid_handle(handle):
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_./-]*", handle)


@given(st.dictionaries(hostile, st.lists(hostile, max_size=3), max_size=3))
def test_structured_channels(data: dict[str, list[str]]) -> None:
    json.dumps(utf8_clean(data), ensure_ascii=False).encode("utf-8")
    root = ET.Element("r", {"a": xml_text(" ".join(data))})
    root.text = xml_text(" ".join(v for vs in data.values() for v in vs))
    ET.fromstring(ET.tostring(root, encoding="unicode").encode("utf-8"))


# -- whole runs: every input field into every output -------------------------

no_nul = hostile.map(lambda s: s.replace("\x00", ""))
yaml_safe = no_nul.map(lambda s: re.sub("[\ud800-\udfff]", "", s))
file_name = hostile.map(lambda s: re.sub("[/\x00]", "", s)[:60] or "x").map(lambda s: s + ".md")
# git refuses a name of only punctuation ("crud"), so each starts with a letter
git_text = yaml_safe.map(lambda s: "A" + re.sub("[<>\n\r]", "", s).strip())


def write_repo(root: Path, fields: dict[str, str]) -> Repo:
    repo = Repo(root)
    person = fields["person_id"] or "p"
    people = {
        "people": {
            person: {
                "name": fields["name"],
                "emails": ["owner@example.com"],
                "github": fields["github"],
            },
            "bob": {"name": "Bob", "emails": ["bob@example.com"]},
        }
    }
    repo.write("people.yml", yaml.safe_dump(people, allow_unicode=True))
    repo.write("mkdocs.yml", DEFAULT_MKDOCS)
    front = {
        "title": fields["title"],
        "type": "runbook",
        "service": fields["service"],
        "owner": person,
        "backup_owner": fields["backup"],
        "last_reviewed": "2026-01-01",
    }
    doc = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n# Runbook\n\nText.\n"
    (repo.path / "docs").mkdir(exist_ok=True)
    (repo.path / "docs" / fields["file"]).write_bytes(doc.encode("utf-8"))
    env = {
        "GIT_AUTHOR_NAME": fields["author"],
        "GIT_AUTHOR_EMAIL": fields["email"],
        "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
    }
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", fields["message"], env=env)
    return repo


def assert_terminal_text(out: str, where: str) -> None:
    for line in out.split("\n"):
        assert inert_line(line), (where, line)
        assert not line.lstrip().startswith(("::", "##[")), (where, line)


def assert_markdown_inert(page_md: str, handles: set[str], where: str) -> None:
    page = markdown.markdown(page_md, extensions=MD)
    tags = parsed(page)
    for tag, attrs in tags.tags:
        assert tag not in ("script", "img", "iframe", "a"), (where, page)
        assert all(k in ("style", "id") for k, _ in attrs), (where, tag, attrs)
    shown = html.unescape("".join(tags.text))
    for mention in re.findall(r"(?<![\w\u200b])@([A-Za-z0-9][\w/.-]*)", shown):
        assert mention in handles, (where, mention)


@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.fixed_dictionaries(
        {
            "person_id": yaml_safe.map(lambda s: s.strip()),
            "name": yaml_safe,
            "github": yaml_safe,
            "title": yaml_safe,
            "service": yaml_safe,
            "backup": yaml_safe,
            "file": file_name,
            "author": git_text,
            "email": git_text,
            "message": no_nul.map(lambda s: s.strip() or "x"),
        }
    )
)
def test_every_field_into_every_output(tmp_path_factory: pytest.TempPathFactory, fields) -> None:  # type: ignore[no-untyped-def]
    repo = write_repo(tmp_path_factory.mktemp("prop") / "repo", fields)
    handles = (
        {fields["github"].lstrip("@")} if valid_handle(fields["github"].lstrip("@")) else set()
    )
    today = "--today=2026-11-25"
    for fmt in ("text", "github", "markdown", "json", "sarif", "junit"):
        run = repo.cli("check", "--format", fmt, today)
        assert run.exit_code in (0, 1, 2), run.output
        data = run.stdout_bytes.decode("utf-8")  # strict: always valid UTF-8
        assert_terminal_text(run.stderr, f"check {fmt} stderr")
        if fmt == "text":
            assert_terminal_text(data, "check text")
        elif fmt == "github":
            for line in data.splitlines():
                assert inert_line(line), line
                if line.startswith("::"):
                    assert re.match(r"::(error|warning|notice) file=[^,:]*,line=\d+,title=", line)
                else:
                    assert not line.lstrip().startswith(("::", "##["))
        elif fmt == "markdown":
            assert_markdown_inert(data, set(), "check markdown")
        elif fmt == "junit":
            ET.fromstring(run.stdout_bytes)
        else:
            json.loads(data)
    if run.exit_code == 2:
        return  # the roster or config was refused (said on stderr): nothing else runs
    for args in (("due",), ("report",), ("codeowners", "--check"), ("whatif", "--away", "bob")):
        run = repo.cli(*args, today)
        assert_terminal_text(run.output, " ".join(args))
    for args in (("due", "--format", "markdown"), ("report", "--format", "markdown")):
        run = repo.cli(*args, today)
        assert_markdown_inert(run.stdout, handles, " ".join(args))
    plan = repo.cli("due", "--plan-issues", "-", today, input="[]")
    for action in json.loads(plan.stdout):
        assert_markdown_inert(action["body"], handles, "issue body")
        assert action["body"].count("-->") == 1
    repo.cli("codeowners", today)
    owners = (repo.path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    for line in owners.splitlines():
        if line and not line.startswith("#"):
            path, *who = re.split(r"(?<!\\) ", line)
            assert path.startswith("/") and who and all(valid_handle(w[1:]) for w in who)
    config = load_config(None, repo.path)
    analysis = analyse(config, dt.date(2026, 11, 25))
    model = build_site_model(
        analysis.report, analysis.kb.roster, analysis.today, SiteLayout(), None
    )
    for page in generated_pages(model, SiteRenderer()):
        html = fill_slots(markdown.markdown(page.content, extensions=MD), page.slots)
        rendered = parsed(html)
        for tag, attrs in rendered.tags:
            assert tag not in ("script", "img", "iframe"), (page.src_uri, tag)
            for key, value in attrs:
                assert not key.startswith("on") and key != "autofocus", (page.src_uri, key)
                if key in ("href", "src"):
                    assert not re.match(r"\s*(?!https?:|mailto:|tel:)[A-Za-z][\w+.-]*:", value)
