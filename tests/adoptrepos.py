"""Four realistic knowledge bases that predate nohero, with real multi-author
git histories, for the adoption tests: a Hugo tree (`type: docs`), a plain
MkDocs site with its own commented, tagged mkdocs.yml, a GOV.UK tech-docs
tree (`owner_slack`, `last_reviewed_on`, `review_in`), and a repository with
a bot and a 50-file bulk commit."""

from __future__ import annotations

from gitrepo import Repo

ALICE = "Alice Example <alice@example.com>"
ALICE_GH = "alice <1234+alice@users.noreply.github.com>"
BOB = "Bob Builder <bob@example.com>"
BOB_WORK = "Bob Builder <Bob@Corp.Example>"
CAROL = "Carol Smith <carol@example.com>"
DAVE = "Dave Gone <dave@example.com>"
BOT = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
DEPLOY_BOT = "deploybot <deploy@ci.example>"


def day(month: int, dom: int = 1, year: int = 2026) -> str:
    return f"{year}-{month:02d}-{dom:02d}T10:00:00+00:00"


MKDOCS_OWN = """\
# Our operations handbook -- do not reformat, the comments are documentation
site_name: !ENV [SITE_NAME, "Ops handbook"]
site_url: https://ops.example.com/
docs_dir: handbook   # not the default

theme:
  name: material
  features:
    - navigation.tabs   # tabs on top

markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format

plugins:
  - search:
      lang: en   # English only

extra:
  analytics: {provider: google, property: !ENV GA_ID}
"""


def mkdocs_site(repo: Repo) -> None:
    """A plain MkDocs site: docs under handbook/, its own mkdocs.yml, four authors,
    one of whom left in 2024, a .mailmap and a second email for bob."""
    repo.write(".mailmap", "Carol Smith <carol@example.com> <csmith@old.example>\n")
    repo.commit(
        "handbook",
        files={
            "mkdocs.yml": MKDOCS_OWN,
            "handbook/index.md": "# Ops handbook\n\nStart here.\n",
            "handbook/payments/db-failover.md": "# DB failover\n\n1. Promote the replica.\n",
            "handbook/payments/refunds.md": (
                "---\ntitle: Refunds stuck\ntags: [payments]\n---\n\n# Refunds\n\nRetry.\n"
            ),
            "handbook/search/reindex.md": "# Reindex\n\nRun the job.\n",
        },
        author=DAVE,
        date=day(1, 10, 2024),
    )
    repo.commit(
        "db",
        files={"handbook/payments/db-failover.md": "# DB failover\n\n1. Promote.\n2. Check lag.\n"},
        author=ALICE,
        date=day(2),
    )
    repo.commit(
        "db2",
        files={
            "handbook/payments/db-failover.md": "# DB failover\n\n1. Promote.\n2. Lag.\n3. DNS.\n"
        },
        author=ALICE_GH,
        date=day(3),
    )
    repo.commit(
        "refunds",
        files={
            "handbook/payments/refunds.md": (
                "---\ntitle: Refunds stuck\ntags: [payments]\n---\n\n# Refunds\n\nRetry twice.\n"
            )
        },
        author=BOB,
        date=day(4),
    )
    repo.commit(
        "reindex",
        files={"handbook/search/reindex.md": "# Reindex\n\nRun the job.\nWatch the lag.\n"},
        author="Carol Smith <csmith@old.example>",
        date=day(5),
    )
    repo.commit(
        "reindex2",
        files={"handbook/search/reindex.md": "# Reindex\n\nRun the job.\nWatch lag.\nDone.\n"},
        author=BOB_WORK,
        date=day(6),
    )


def hugo_tree(repo: Repo) -> None:
    """A Hugo site: content/ with `type: docs`, `weight`, `lastmod` (not a
    review), `_index.md` pages, one TOML front matter page; no mkdocs.yml."""
    repo.write("config.toml", 'baseURL = "https://docs.example.com/"\ntitle = "Docs"\n')
    repo.write("themes/docsy/README.md", "# Theme\n")  # Markdown that is not the knowledge base
    repo.commit(
        "hugo site",
        files={
            "content/_index.md": "---\ntitle: Docs\ntype: docs\n---\n\nWelcome.\n",
            "content/runbooks/_index.md": "---\ntitle: Runbooks\ntype: docs\nweight: 10\n---\n",
            "content/runbooks/payments/restart.md": (
                "---\ntitle: Restart payments\ntype: docs\nweight: 20\n"
                "lastmod: 2026-11-30\n---\n\n## Steps\n\n1. Drain.\n"
            ),
            "content/runbooks/search/reindex.md": (
                "---\r\ntitle: Reindex search\r\ntype: docs\r\n---\r\n\r\nRun it.\r\n"
            ),
            "content/adr/0001-queues.md": (
                "\ufeff---\ntitle: Use queues\ntype: docs\n---\n\nWe use queues.\n"
            ),
            "content/legacy.md": '+++\ntitle = "Legacy"\n+++\n\nOld page.\n',
        },
        author=ALICE,
        date=day(1),
    )
    repo.commit(
        "restart",
        files={
            "content/runbooks/payments/restart.md": (
                "---\ntitle: Restart payments\ntype: docs\nweight: 20\n"
                "lastmod: 2026-11-30\n---\n\n## Steps\n\n1. Drain.\n2. Restart.\n"
            )
        },
        author=BOB,
        date=day(2),
    )
    repo.commit(
        "reindex",
        files={
            "content/runbooks/search/reindex.md": (
                "---\r\ntitle: Reindex search\r\ntype: docs\r\n---\r\n\r\nRun it.\r\nCheck.\r\n"
            )
        },
        author=CAROL,
        date=day(3),
    )
    repo.commit(
        "adr",
        files={
            "content/adr/0001-queues.md": (
                "\ufeff---\ntitle: Use queues\ntype: docs\n---\n\nWe use queues.\nAnd retries.\n"
            )
        },
        author=CAROL,
        date=day(4),
    )


def tech_docs_page(title: str, owner: str, reviewed: str, review_in: str, body: str) -> str:
    return (
        f"---\ntitle: {title}\nowner_slack: '{owner}'\nlast_reviewed_on: {reviewed}\n"
        f"review_in: {review_in}\n---\n\n# {title}\n\n{body}\n"
    )


def tech_docs(repo: Repo) -> None:
    """A GOV.UK tech-docs style tree: owner_slack, last_reviewed_on, review_in,
    one `type: learn` page; docs/ without mkdocs.yml."""
    repo.commit(
        "tech docs",
        files={
            "docs/index.md": "---\ntitle: Team manual\ntype: learn\n---\n\nRead me.\n",
            "docs/runbooks/deploy.md": tech_docs_page(
                "Deploy", "@alice", "2026-08-31", "6 months", "Run the pipeline."
            ),
            "docs/runbooks/rollback.md": tech_docs_page(
                "Rollback", "#platform-team", "2026-01-31", "1 month", "Revert."
            ),
            "docs/runbooks/certs.md": "---\ntitle: Rotate certs\n---\n\n# Certs\n\nRotate.\n",
        },
        author=ALICE,
        date=day(1),
    )
    repo.commit(
        "rollback",
        files={
            "docs/runbooks/rollback.md": tech_docs_page(
                "Rollback", "#platform-team", "2026-01-31", "1 month", "Revert, then tell people."
            )
        },
        author=BOB,
        date=day(2),
    )
    repo.commit(
        "certs",
        files={
            "docs/runbooks/certs.md": "---\ntitle: Rotate certs\n---\n\n# Certs\n\nRotate yearly.\n"
        },
        author=CAROL,
        date=day(3),
    )


def bulk_import(repo: Repo, count: int = 50) -> None:
    """A runbooks/ folder: a few hand-written runbooks, then a 50-file bulk
    import by one person, a bot touching docs, and real edits afterwards."""
    repo.commit(
        "first",
        files={
            "runbooks/payments/db.md": "# DB\n\nFail over.\n",
            "runbooks/payments/queue.md": "# Queue\n\nDrain.\n",
        },
        author=ALICE,
        date=day(1),
    )
    repo.commit(
        "db",
        files={"runbooks/payments/db.md": "# DB\n\nFail over.\nCheck.\n"},
        author=BOB,
        date=day(2),
    )
    ported = {
        f"runbooks/legacy/page-{i:02d}.md": f"# Legacy {i}\n\nStep {i}.\n" for i in range(count)
    }
    repo.commit(
        "port the wiki",
        files=ported,
        author=DAVE.replace("Dave Gone", "Porter Pete").replace("dave@", "pete@"),
        date=day(3),
    )
    repo.commit(
        "bump",
        files={"runbooks/payments/queue.md": "# Queue\n\nDrain v2.\n"},
        author=BOT,
        date=day(4),
    )
    repo.commit(
        "deploy",
        files={"runbooks/legacy/page-01.md": "# Legacy 1\n\nStep 1 (auto).\n"},
        author=DEPLOY_BOT,
        date=day(5),
    )
    for i, who in ((2, ALICE), (3, CAROL), (4, BOB), (5, CAROL)):
        repo.commit(
            f"edit {i}",
            files={f"runbooks/legacy/page-{i:02d}.md": f"# Legacy {i}\n\nStep {i}, rewritten.\n"},
            author=who,
            date=day(5 + i // 2),
        )
