"""Site build overhead of the nohero plugin.

Builds a repository of N valid runbooks with a few thousand commits of
history (through `git fast-import`, so setup takes seconds), then times
`mkdocs build` with and without the plugin (same mkdocs.yml otherwise) and
prints the times and ratios. Target: <= 1.3x at 600 and 5,000 pages,
with and without navigation.prune, cold and warm.

    python benchmarks/bench_site.py                   # 600 pages, 3000 commits
    python benchmarks/bench_site.py --pages 150 600 2000 --prune
    python benchmarks/bench_site.py --stale 0.8     # a neglected KB: 80% overdue
    python benchmarks/bench_site.py --pages 5000 --prune-only

Each figure is the median of --repeat interleaved rounds of (plain build,
cold build, warm build) while a neighbour keeps one core busy (--idle: none),
as wall-clock time and as CPU time (user + system of mkdocs and its git
children): on a shared machine the wall clock swings with the neighbours'
load, the CPU time far less, so both ratios are printed.
"Cold" has no nohero cache at all (a first CI build); "warm" is a second
build at the same HEAD.

Docs live in one folder per service (so navigation.prune has sections to
prune). A final review sweep leaves `--stale` of them overdue; each overdue
page carries a Material status icon in the navigation of every page, which is
the plugin's main per-page cost on big flat navigations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PEOPLE = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi"]
SERVICES = ["payments", "search", "checkout", "auth", "billing", "ledger", "cache", "mail"]
START = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
TODAY = "2026-11-25"


def roster() -> str:
    lines = ["people:"]
    for p in PEOPLE:
        lines += [f"  {p}:", f"    name: {p.title()} Example", f"    emails: [{p}@example.com]"]
    return "\n".join(lines) + "\n"


def mkdocs_yml(with_plugin: bool, prune: bool) -> str:
    text = "site_name: Bench KB\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
    if prune:
        text += "  features:\n    - navigation.prune\n"
    text += "plugins:\n  - search\n"
    if with_plugin:
        text += '  - nohero:\n      types:\n        "": runbook\n'
    return text


def doc(i: int, version: int, reviewed: str) -> str:
    owner = PEOPLE[i % len(PEOPLE)]
    backup = PEOPLE[(i + 1) % len(PEOPLE)]
    service = SERVICES[i % len(SERVICES)]
    steps = "\n".join(
        f"{n}. Step {n} of procedure {i}, revision {version}: check the {service} dashboard."
        for n in range(1, 8)
    )
    return (
        f"---\ntitle: Runbook {i}\ntype: runbook\nservice: {service}\nowner: {owner}\n"
        f"backup_owner: {backup}\nlast_reviewed: {reviewed}\n---\n"
        f"# Runbook {i}\n\n## Diagnosis\n\n{steps}\n\n## Mitigation\n\nFail over {service} {i}.\n"
    )


def doc_path(i: int) -> str:
    return f"docs/{SERVICES[i % len(SERVICES)]}/rb-{i:05d}.md"


def make_repo(root: Path, pages: int, commits: int, stale: float = 0.15, seed: int = 7) -> None:
    """One commit adding every doc, `commits - 2` commits touching 1-3 docs,
    then a review sweep that leaves a `stale` fraction overdue."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    versions = [0] * pages
    reviewed = ["2026-10-01"] * pages
    chunks: list[bytes] = []

    def blob(path: str, text: str) -> None:
        data = text.encode()
        chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    def commit(n: int, author: str, when: dt.datetime, message: str) -> None:
        stamp = f"{int(when.timestamp())} +0000"
        msg = message.encode()
        chunks.append(f"commit refs/heads/main\nmark :{n}\n".encode())
        chunks.append(f"author {author.title()} <{author}@example.com> {stamp}\n".encode())
        chunks.append(f"committer {author.title()} <{author}@example.com> {stamp}\n".encode())
        chunks.append(f"data {len(msg)}\n".encode() + msg + b"\n")
        if n > 1:
            chunks.append(f"from :{n - 1}\n".encode())

    commit(1, "alice", START, "initial knowledge base")
    blob("mkdocs.yml", mkdocs_yml(True, False))
    blob("people.yml", roster())
    for i in range(pages):
        blob(doc_path(i), doc(i, 0, reviewed[i]))
    span = (dt.datetime(2026, 11, 1, tzinfo=dt.UTC) - START).total_seconds()
    for n in range(2, commits):
        when = START + dt.timedelta(seconds=span * n / commits)
        author = rng.choice(PEOPLE)
        commit(n, author, when, f"edit {n}")
        for i in rng.sample(range(pages), k=min(pages, rng.randint(1, 3))):
            if rng.random() < 0.3:
                reviewed[i] = (when.date() - dt.timedelta(days=rng.randint(0, 20))).isoformat()
            else:
                versions[i] += 1
            blob(doc_path(i), doc(i, versions[i], reviewed[i]))
    commit(commits, "alice", dt.datetime(2026, 11, 2, tzinfo=dt.UTC), "quarterly review sweep")
    for i in range(pages):
        if rng.random() >= stale:
            blob(doc_path(i), doc(i, versions[i], "2026-11-02"))
        elif reviewed[i] >= "2026-08-01":
            blob(doc_path(i), doc(i, versions[i], "2026-06-01"))
    stream = b"".join(chunks) + b"done\n"
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=root, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


@dataclass
class Timing:
    wall: float  # seconds on the clock: what a user waits, at the mercy of the neighbours
    cpu: float  # user + system seconds of mkdocs and its git children: the work done


def timed_build(root: Path, config: str) -> Timing:
    env = {**os.environ, "NOHERO_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", "site-out"],
        check=False,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed ({config}):\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu)


def clear_caches(root: Path) -> None:
    """Every nohero cache: the history cache and the parsed-document cache
    (in the git dir), so the next build is a first CI build."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / ".git" / "nohero", ignore_errors=True)


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def bench(pages: int, commits: int, prune: bool, repeat: int, stale: float) -> None:
    """`repeat` rounds of (plain, cold, warm) builds, interleaved so that the
    neighbours' load hits all three alike; each figure is the median."""
    with tempfile.TemporaryDirectory(prefix="nohero-bench-") as tmp:
        root = Path(tmp) / "kb"
        t0 = time.perf_counter()
        make_repo(root, pages, commits, stale)
        setup = time.perf_counter() - t0
        (root / "without.yml").write_text(mkdocs_yml(False, prune), encoding="utf-8")
        (root / "with.yml").write_text(mkdocs_yml(True, prune), encoding="utf-8")
        timed_build(root, "without.yml")  # untimed: warm the OS file cache and bytecode first
        before = load_line()
        plain: list[Timing] = []
        cold: list[Timing] = []
        warm: list[Timing] = []
        for _ in range(repeat):
            plain.append(timed_build(root, "without.yml"))
            clear_caches(root)
            cold.append(timed_build(root, "with.yml"))  # history mined, documents parsed
            warm.append(timed_build(root, "with.yml"))  # same HEAD, caches present
            print(
                f"    round {len(plain)}: "
                + "  ".join(
                    f"{name} {t.wall:.1f}s wall {t.cpu:.1f}s cpu"
                    for name, t in (("without", plain[-1]), ("cold", cold[-1]), ("warm", warm[-1]))
                ),
                flush=True,
            )
        label = "prune" if prune else "no prune"
        print(
            f"{pages:>6} pages {commits:>6} commits {stale:4.0%} stale [{label:>8}]  "
            f"setup {setup:5.1f}s  [{before} -> {load_line()}]",
            flush=True,
        )
        for what in ("wall", "cpu"):
            p, c, w = (statistics.median(getattr(t, what) for t in x) for x in (plain, cold, warm))
            print(
                f"    {what:>4}: without {p:7.2f}s  with, cold {c:7.2f}s ({c / p:4.2f}x)  "
                f"with, warm {w:7.2f}s ({w / p:4.2f}x)",
                flush=True,
            )


def busy_neighbour(seconds: int) -> subprocess.Popen[bytes]:
    """One core kept busy (bounded), as on a CI runner with neighbours."""
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"
    return subprocess.Popen([sys.executable, "-c", code])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[600])
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--prune", action="store_true", help="also time with navigation.prune")
    parser.add_argument(
        "--prune-only",
        action="store_true",
        help="only with navigation.prune (a flat 2,000-page nav without it takes minutes a build)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="median of N rounds")
    parser.add_argument("--stale", type=float, default=0.15, help="fraction of docs left overdue")
    parser.add_argument("--idle", action="store_true", help="no busy neighbour core")
    args = parser.parse_args()
    print(
        f"mkdocs build, median of {args.repeat} interleaved rounds; "
        f"machine: {os.cpu_count()} cores"
        + ("" if args.idle else "; one core kept busy by a neighbour"),
        flush=True,
    )
    neighbour = None if args.idle else busy_neighbour(4 * 3600)
    try:
        for pages in args.pages:
            if not args.prune_only:
                bench(pages, args.commits, False, args.repeat, args.stale)
            if args.prune or args.prune_only:
                bench(pages, args.commits, True, args.repeat, args.stale)
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()


if __name__ == "__main__":
    main()
