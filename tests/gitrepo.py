"""Real git repositories for tests: commits with fixed authors and dates.

No mocked git: every test that needs history builds one of these in a tmp dir.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from nohero.cli import main

DEFAULT_PEOPLE = """\
people:
  alice:
    name: Alice Example
    emails: [alice@example.com]
    github: alice-gh
  bob:
    name: Bob Example
    emails: [bob@example.com]
    github: bob-gh
  carol:
    name: Carol Example
    emails: [carol@example.com]
  dave:
    name: Dave Former
    emails: [dave@example.com]
    left: 2026-06-30
teams:
  payments:
    members: [alice, bob]
    github: corp/payments
"""

DEFAULT_MKDOCS = """\
site_name: Test KB
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - nohero:
      types:
        "": runbook
        escalation: escalation
        architecture: architecture
        notes: note
"""


def runbook(
    owner: str = "alice",
    backup: str = "bob",
    reviewed: str = "2026-10-01",
    service: str = "payments-api",
    title: str = "Payments DB failover",
    extra: str = "",
    body: str = "",
) -> str:
    """A valid runbook's text, with keyword overrides for the field under test."""
    lines = ["---", f"title: {title}", "type: runbook", f"service: {service}"]
    if owner:
        lines.append(f"owner: {owner}")
    if backup:
        lines.append(f"backup_owner: {backup}")
    if reviewed:
        lines.append(f"last_reviewed: {reviewed}")
    if extra:
        lines.extend(textwrap.dedent(extra).strip("\n").split("\n"))
    lines.append("---")
    lines.append(body or f"# {title}\n\n## Diagnosis\n\nCheck the dashboard.\n")
    return "\n".join(lines) + "\n"


class Repo:
    """A git repository in a folder, with helpers to write files and commit them."""

    def __init__(self, path: Path, init: bool = True) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        if init:
            self.git("init", "-q", "-b", "main")
            self.git("config", "user.name", "Test Runner")
            self.git("config", "user.email", "runner@example.com")
            self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        full_env.update({"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.path), "TZ": "UTC"})
        full_env.update(env or {})
        out = subprocess.run(
            ["git", *args], cwd=self.path, env=full_env, check=True, capture_output=True, text=True
        )
        return out.stdout

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")
        return target

    def commit(
        self,
        message: str = "change",
        files: dict[str, str | bytes] | None = None,
        author: str = "Alice Example <alice@example.com>",
        date: str = "2026-01-01T12:00:00+00:00",
        delete: list[str] | None = None,
        committer: str | None = None,
    ) -> str:
        """Write `files`, delete `delete`, stage everything and commit; return the sha."""
        for rel, text in (files or {}).items():
            self.write(rel, text)
        for rel in delete or []:
            self.git("rm", "-q", "-r", rel)
        self.git("add", "-A")
        name, email = author.rsplit(" <", 1)
        cname, cemail = (committer or author).rsplit(" <", 1)
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email.rstrip(">"),
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": cname,
            "GIT_COMMITTER_EMAIL": cemail.rstrip(">"),
            "GIT_COMMITTER_DATE": date,
        }
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()

    def cli(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        input: str | None = None,
        catch_exceptions: bool = False,
    ) -> Result:
        """Run `nohero ARGS` from this repository's folder, as a user would."""
        old = Path.cwd()
        os.chdir(self.path)
        try:
            return CliRunner().invoke(
                main, list(args), env=env, input=input, catch_exceptions=catch_exceptions
            )
        finally:
            os.chdir(old)

    def knowledge_base(
        self,
        docs: dict[str, str] | None = None,
        people: str = DEFAULT_PEOPLE,
        mkdocs: str = DEFAULT_MKDOCS,
    ) -> None:
        """Write mkdocs.yml, people.yml and docs (paths relative to docs/), uncommitted."""
        self.write("mkdocs.yml", mkdocs)
        self.write("people.yml", people)
        for rel, text in (docs or {}).items():
            self.write(f"docs/{rel}", text)
