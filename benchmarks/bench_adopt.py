"""How long does `nohero adopt` take on a big knowledge base, next to `nohero report`?

Target (issue #10): adopt on 5,000 documents and 20,000 commits within 2x of
`nohero report --format json` on the same repository. Both are whole commands
run as subprocesses, cold (every nohero cache removed before each round),
interleaved so that the neighbours' load hits both alike; figures are medians.

adopt is timed as a dry run (the plan: every document parsed, history mined
once, the roster drafted, every edit computed and verified) and with --write
on a fresh copy. report needs a roster, so a people.yml is put in place for
its runs only (adopt drafts one when there is none, which is part of its cost).

The repository is generated once with `git fast-import` under --cache
(default /tmp/nohero-bench-adopt) and never committed here:
40 people (some with a second email, a GitHub noreply address or an
upper-case email), a bot, 5,000 Markdown documents in 24 service folders,
half without front matter, half with their own `title`/`tags`, a 400-file
bulk import, and 20,000 commits of edits.

    python benchmarks/bench_adopt.py [--runs 3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_commands import (  # noqa: E402 - a sibling script, not a package
    NOHERO,
    PEOPLE,
    SERVICES,
    FastImport,
    clear_caches,
    interleaved,
    load_line,
    roster,
    run_once,
    show,
)

DOCS = 5_000
COMMITS = 20_000
MKDOCS = """\
# The team's own site: adopt must add its plugin without touching the rest
site_name: !ENV [SITE_NAME, "Ops"]
docs_dir: docs
theme:
  name: material
plugins:
  - search
"""


def identity(rng: random.Random, person: str) -> tuple[str, str]:
    """One of a person's git identities: most commits by the main one."""
    roll = rng.random()
    if roll < 0.1:
        return person, f"{1000 + PEOPLE.index(person)}+{person}@users.noreply.github.com"
    if roll < 0.15:
        return person.title(), f"{person.upper()}@EXAMPLE.COM"
    return person.title(), f"{person}@example.com"


def page(i: int, rev: int) -> str:
    service = SERVICES[i % len(SERVICES)]
    body = f"# {service} procedure {i}\n\n1. Check the {service} dashboard (rev {rev}).\n"
    if i % 2:
        return body
    return f"---\ntitle: {service} procedure {i}\ntags: [{service}]\n---\n\n" + body


def build(root: Path, seed: int = 5) -> None:
    rng = random.Random(seed)
    fi = FastImport(root)
    clock = 1_600_000_000
    path = lambda i: f"docs/{SERVICES[i % len(SERVICES)]}/proc-{i:05d}.md"  # noqa: E731
    revs = [0] * DOCS
    fi.commit("Ops Team", "ops@example.com", clock, "site")
    fi.put("mkdocs.yml", MKDOCS)
    made = 0
    commits = 1
    while commits < COMMITS:
        clock += 3_600
        if made < DOCS - 400:  # documents appear over time, a few at once
            who, email = identity(rng, rng.choice(PEOPLE))
            fi.commit(who, email, clock, "add")
            for _ in range(rng.randint(1, 3)):
                if made < DOCS - 400:
                    fi.put(path(made), page(made, 0))
                    made += 1
        elif made < DOCS:  # the wiki import: 400 documents in one commit
            fi.commit("Porter", "porter@example.com", clock, "import the old wiki")
            while made < DOCS:
                fi.put(path(made), page(made, 0))
                made += 1
        elif rng.random() < 0.01:
            fi.commit("dependabot[bot]", "bot@users.noreply.github.com", clock, "bump")
            i = rng.randrange(made)
            revs[i] += 1
            fi.put(path(i), page(i, revs[i]))
        else:
            who, email = identity(rng, rng.choice(PEOPLE[: 10 + (commits * 30) // COMMITS]))
            fi.commit(who, email, clock, "edit")
            i = rng.randrange(made)
            revs[i] += 1
            fi.put(path(i), page(i, revs[i]))
        commits += 1
    fi.finish()


def repository(cache: Path) -> Path:
    repo = cache / f"adopt-{DOCS}-{COMMITS}"
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        print(f"generating {repo} ...", flush=True)
        build(repo)
    return repo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nohero-bench-adopt"))
    args = parser.parse_args()
    repo = repository(args.cache)
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()
    docs = sum(1 for _ in (repo / "docs").rglob("*.md"))
    print(f"adopt vs report: {docs} documents, {count} commits ({load_line()})", flush=True)
    people = repo / "people.yml"
    people.unlink(missing_ok=True)
    adopt = [NOHERO, "adopt", "--format", "json"]
    report = [NOHERO, "report", "--format", "json"]

    def run_report() -> object:
        people.write_text(roster(PEOPLE))
        try:
            return run_once(report, repo)
        finally:
            people.unlink()

    def run_write() -> object:
        copy = args.cache / "adopt-write"
        shutil.rmtree(copy, ignore_errors=True)
        subprocess.run(["git", "clone", "-q", str(repo), str(copy)], check=True)
        try:
            return run_once([*adopt, "--write"], copy)
        finally:
            shutil.rmtree(copy, ignore_errors=True)

    run_once(["git", "log", "--name-status", "-M", "HEAD"], repo)  # untimed: warm the OS cache
    figures = interleaved(
        args.runs,
        [
            ("nohero report --format json, cold", run_report),  # type: ignore[list-item]
            ("nohero adopt (dry run), cold", lambda: run_once(adopt, repo)),
            ("nohero adopt --write, fresh clone", run_write),  # type: ignore[list-item]
        ],
        before_each=lambda: clear_caches(repo),
    )
    labels = list(figures)
    show(figures, [(labels[1], labels[0], "<= 2x"), (labels[2], labels[0], "<= 2x")])
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NOHERO_TODAY", "2026-11-25")
    sys.exit(main())
