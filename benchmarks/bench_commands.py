"""Speed as a user feels it: whole commands, cold and warm, next to their floor.

Every figure is a whole command run as a subprocess (interpreter start-up,
imports, config, roster, history, output), timed next to the least any tool
must do for the same answer, measured in the same run and interleaved with
it so that the neighbours' load hits both sides alike:

- check: `nohero check` (history present) on 10,000 runbooks in one commit,
  next to reading + libyaml-parsing every front matter;
- report: `nohero report --format json` on ~23,000 commits, ~7,400 docs in
  docs_dir and ~38,000 Markdown files in the tree, next to one
  `git log --name-status -M` pass;
- site: `mkdocs build` with the plugin on 600 runbooks and 2,000 commits,
  next to the same build without the plugin;
- start: `nohero --help` and `nohero check ONE.md` (a pre-commit run), next
  to `python -c pass`.

"Cold" means no nohero cache (history cache and parsed-document cache both
removed); "warm" means a second run at the same HEAD. Each figure is the
median of --runs runs; each run's peak RSS comes from `wait4`, so it is that
process's own.

    python benchmarks/bench_commands.py                     # everything, one core kept busy
    python benchmarks/bench_commands.py --only check start  # some scenarios
    python benchmarks/bench_commands.py --idle              # no busy neighbour

The generated repositories are written with `git fast-import` (seconds, not
minutes) and kept under --cache (default /tmp/nohero-bench-repos) so that
re-runs skip generation; they are never part of this repository.

nohero runs as a user installed it: from a venv under /tmp (--venv) that
`benchvenv` creates with `python -m venv` and fills with a non-editable
`pip install` of this checkout, reused while the checkout is unchanged. Every
floor (`python -c pass`, the libyaml parse, `mkdocs build` without the
plugin) runs with that venv's interpreter too, so both sides of a ratio pay
the same interpreter start-up.

The busy neighbour is `python -c 'while 1: pass'` with a deadline, started
before the first measurement and killed when the script ends, so one of the
two cores of a CI runner is taken the whole time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_check  # noqa: E402 - sibling scripts, not a package
import bench_site  # noqa: E402
import benchvenv  # noqa: E402

TODAY = "2026-11-25"
CHECKOUT = HERE.parent
# The venv's interpreter and console script: set by main() (benchvenv).
PYTHON = sys.executable
NOHERO = "nohero"
# Bytecode is used, as after `pip install` (which compiles it); no PYTHONPATH
# to a working tree: the venv's interpreter runs the installed package.
ENV = {
    **benchvenv.clean_env(),
    "NO_COLOR": "1",
    "NOHERO_TODAY": TODAY,
    "NO_MKDOCS_2_WARNING": "1",
    "GIT_CONFIG_NOSYSTEM": "1",
}
GENERATOR_VERSION = "3"  # bump when a generator changes: cached repos are rebuilt

FLOOR_PARSE = bench_check.FLOOR  # read + libyaml-parse every front matter


# --- measuring --------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # the command's own user + sys seconds: steadier than wall time when shared


def run_once(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    """One subprocess: wall time and its own peak RSS (from wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode()[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


@dataclass
class Figure:
    label: str
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r.peak_mb for r in self.runs)


def interleaved(
    runs: int, steps: list[tuple[str, Callable[[], Run]]], before_each: Callable[[], None] | None
) -> dict[str, Figure]:
    """Run every step once per round, `runs` rounds, so load shifts hit all."""
    figures = {label: Figure(label, []) for label, _ in steps}
    for _ in range(runs):
        if before_each is not None:
            before_each()
        for label, step in steps:
            figures[label].runs.append(step())
    return figures


def show(figures: dict[str, Figure], pairs: list[tuple[str, str, str]]) -> None:
    for figure in figures.values():
        spread = ", ".join(f"{r.seconds:.2f}" for r in figure.runs)
        print(
            f"  {figure.label:<44} median {figure.median:7.3f} s   cpu {figure.cpu:7.3f} s"
            f"   peak {figure.peak:6.0f} MB"
            f"   runs [{spread}]"
        )
    for top, bottom, target in pairs:
        ratio = figures[top].median / figures[bottom].median
        print(f"  ratio {top} / {bottom}: {ratio:5.2f}x   (target {target})")
    sys.stdout.flush()


def git_dir(repo: Path) -> Path:
    out = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def clear_caches(repo: Path) -> None:
    """Remove every nohero cache, wherever this version keeps it."""
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    shutil.rmtree(git_dir(repo) / "nohero", ignore_errors=True)


# --- repositories -------------------------------------------------------------


class FastImport:
    """A `git fast-import` stream written straight into the process."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=ENV)
        self.root = root
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE, env=ENV
        )
        assert self.proc.stdin is not None
        self.out = self.proc.stdin
        self.mark = 0

    def commit(self, who: str, email: str, when: int, message: str) -> None:
        self.mark += 1
        msg = message.encode()
        head = f"commit refs/heads/main\nmark :{self.mark}\n"
        head += f"author {who} <{email}> {when} +0000\ncommitter {who} <{email}> {when} +0000\n"
        self.out.write(head.encode() + f"data {len(msg)}\n".encode() + msg + b"\n")
        if self.mark > 1:
            self.out.write(f"from :{self.mark - 1}\n".encode())

    def put(self, path: str, data: str | bytes) -> None:
        raw = data.encode() if isinstance(data, str) else data
        self.out.write(f"M 100644 inline {path}\ndata {len(raw)}\n".encode() + raw + b"\n")

    def delete(self, path: str) -> None:
        self.out.write(f"D {path}\n".encode())

    def rename(self, old: str, new: str) -> None:
        self.out.write(f'R "{old}" "{new}"\n'.encode())

    def finish(self) -> None:
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise SystemExit("git fast-import failed")
        subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=self.root, check=True)


PEOPLE = [f"person{i:02d}" for i in range(40)]
SERVICES = [f"svc{i:02d}" for i in range(24)]


def roster(people: list[str]) -> str:
    lines = ["people:"]
    for pid in people:
        lines += [f"  {pid}:", f"    name: {pid.title()}", f"    emails: [{pid}@example.com]"]
    lines += ["teams:", "  platform:", f"    members: [{', '.join(people[:5])}]"]
    return "\n".join(lines) + "\n"


MKDOCS = (
    "site_name: Bench\ndocs_dir: docs\nplugins:\n  - nohero:\n      types:\n        '': runbook\n"
)

BODY = """
# {title}

## Symptoms

- Alert `{service}-error-rate` fires: 5xx above 2% for 5 minutes.
- Dashboards show latency p99 above 800 ms on `{service}`.

## Diagnosis

1. Open the {service} dashboard and check the error budget panel.
2. Run `kubectl -n {service} get pods` and look for restarts.
3. Check the last deploy (revision {rev}).

## Mitigation

- Roll back: `deploy rollback {service} --to previous`.
- Scale out: `kubectl -n {service} scale deploy/{service} --replicas=12`.
"""


def runbook(i: int, reviewed: str, rev: int = 0) -> str:
    service = SERVICES[i % len(SERVICES)]
    owner, backup = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 7) % len(PEOPLE)]
    title = f"{service} incident {i}"
    return (
        f"---\ntitle: {title}\ntype: runbook\nservice: {service}\nowner: {owner}\n"
        f"backup_owner: {backup}\nlast_reviewed: {reviewed}\nreview_every: 90d\n"
        f"covers: [services/{service}/**]\ntags: [{service}, incident]\n---\n"
        + BODY.format(title=title, service=service, rev=rev)
    )


def build_check_repo(root: Path, n: int = 10_000) -> None:
    """n valid runbooks in one commit (every review recent: a clean check)."""
    today = dt.date.fromisoformat(TODAY)
    fi = FastImport(root)
    fi.commit("Person00", "person00@example.com", 1_764_000_000, "knowledge base")
    fi.put("mkdocs.yml", MKDOCS)
    fi.put("people.yml", roster(PEOPLE))
    for i in range(n):
        reviewed = (today - dt.timedelta(days=i % 60)).isoformat()
        service = SERVICES[i % len(SERVICES)]
        fi.put(f"docs/{service}/group{i // 500:03d}/runbook-{i:05d}.md", runbook(i, reviewed))
    fi.finish()


RUNBOOK_EVERY = 8  # in the report repo: one docs_dir page in 8 has front matter
LANGS = ["de", "fr", "es", "it", "pt_BR", "nl", "ko", "zh"]
PLATFORMS = ["common", "linux", "osx", "windows", "android", "sunos"]


def page(i: int, rev: int, lang: str | None = None) -> str:
    """A tldr-like page without front matter (translations, READMEs)."""
    words = f"command{i}" if lang is None else f"command{i} ({lang})"
    lines = [f"# {words}\n", f"> Does thing {i}, revision {rev}.\n"]
    lines += [f"- Example {k}:\n\n`{words} --flag{k} {{{{path}}}}`\n" for k in range(4)]
    return "\n".join(lines)


def build_report_repo(
    root: Path, commits: int = 23_000, docs: int = 7_400, pages: int = 30_600, seed: int = 11
) -> None:
    """A tldr-pages-sized history: `docs` pages in docs_dir, like tldr's
    English pages without front matter except every RUNBOOK_EVERY-th, a
    runbook with front matter (reviews, rewrites, renames); `pages` Markdown
    pages outside docs_dir (translations, edited a lot); code under services/."""
    rng = random.Random(seed)
    fi = FastImport(root)
    clock = 1_500_000_000
    authors = PEOPLE[:30]
    docs_live: dict[int, list[int]] = {}  # doc -> [review counter, body rev, folder]
    pages_live: dict[int, int] = {}  # page -> revision
    doc_path = lambda d: f"docs/{SERVICES[docs_live[d][2]]}/rb-{d:05d}.md"  # noqa: E731

    def page_path(p: int) -> str:
        platform = PLATFORMS[p // len(LANGS) % len(PLATFORMS)]
        return f"pages.{LANGS[p % len(LANGS)]}/{platform}/cmd-{p:05d}.md"

    def text_of(d: int, when: str, rev: int = 0) -> str:
        return runbook(d, when, rev) if d % RUNBOOK_EVERY == 0 else page(d, rev)

    def reviewed(counter: int) -> str:
        day = dt.date(2024, 1, 1) + dt.timedelta(days=counter * 11 % 700)
        return day.isoformat()

    def stamp(message: str) -> None:
        nonlocal clock
        clock += rng.randint(300, 3000)
        who = rng.choice(authors)
        email = f"{who}@example.com" if rng.random() > 0.1 else f"{who.upper()}@Example.com"
        if rng.random() < 0.02:
            who, email = "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"
        fi.commit(who, email, clock, message)

    stamp("setup")
    fi.put("mkdocs.yml", MKDOCS)
    fi.put("people.yml", roster(PEOPLE))
    made = 1
    next_doc = next_page = 0
    while next_doc < docs or next_page < pages:  # import in batches of 50
        stamp("import pages")
        for _ in range(25):
            if next_doc < docs:
                docs_live[next_doc] = [next_doc, 0, next_doc % len(SERVICES)]
                fi.put(doc_path(next_doc), text_of(next_doc, reviewed(next_doc)))
                next_doc += 1
        for _ in range(100):
            if next_page < pages:
                pages_live[next_page] = 0
                fi.put(page_path(next_page), page(next_page, 0, LANGS[next_page % len(LANGS)]))
                next_page += 1
        made += 1
    while made < commits:
        stamp(f"change {made}")
        roll = rng.random()
        if roll < 0.45:  # translations: the bulk of a tldr-like history
            for _ in range(rng.randint(1, 3)):
                p = rng.randrange(next_page)
                if p in pages_live:
                    pages_live[p] += 1
                    fi.put(page_path(p), page(p, pages_live[p], LANGS[p % len(LANGS)]))
        elif roll < 0.62:  # review bumps
            for _ in range(rng.randint(1, 4)):
                d = rng.randrange(next_doc)
                if d in docs_live:
                    docs_live[d][0] += 1
                    fi.put(doc_path(d), text_of(d, reviewed(docs_live[d][0]), docs_live[d][1]))
        elif roll < 0.80:  # rewrites
            d = rng.randrange(next_doc)
            if d in docs_live:
                docs_live[d][1] += 1
                fi.put(doc_path(d), text_of(d, reviewed(docs_live[d][0]), docs_live[d][1]))
        elif roll < 0.93:  # code
            for _ in range(rng.randint(1, 4)):
                svc = rng.choice(SERVICES)
                fi.put(f"services/{svc}/mod{rng.randrange(20)}.py", f"VALUE = {made}\n")
        elif roll < 0.96:  # move a doc to another service folder
            d = rng.randrange(next_doc)
            if d in docs_live:
                old = doc_path(d)
                docs_live[d][2] = rng.randrange(len(SERVICES))
                if doc_path(d) != old:
                    fi.rename(old, doc_path(d))
        elif roll < 0.98:  # delete a translation
            p = rng.randrange(next_page)
            if p in pages_live:
                fi.delete(page_path(p))
                del pages_live[p]
        else:  # a new doc
            docs_live[next_doc] = [next_doc, 0, next_doc % len(SERVICES)]
            fi.put(doc_path(next_doc), text_of(next_doc, reviewed(next_doc)))
            next_doc += 1
        made += 1
    fi.finish()


def build_site_repo(root: Path) -> None:
    bench_site.make_repo(root, 600, 2000)
    (root / "without.yml").write_text(bench_site.mkdocs_yml(False, False), encoding="utf-8")
    (root / "with.yml").write_text(bench_site.mkdocs_yml(True, False), encoding="utf-8")
    exclude = git_dir(root) / "info" / "exclude"
    with exclude.open("a", encoding="utf-8") as fh:
        fh.write("without.yml\nwith.yml\nsite-out/\n")


def repository(cache: Path, name: str, builder: Callable[[Path], None]) -> Path:
    """The generated repo `name`, built once and kept under `cache`."""
    root = cache / f"{name}-v{GENERATOR_VERSION}"
    if not (root / ".git" / "nohero-bench-complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        start = time.perf_counter()
        builder(root)
        (root / ".git" / "nohero-bench-complete").write_text("ok\n", encoding="utf-8")
        print(f"  generated {root} in {time.perf_counter() - start:.1f} s", flush=True)
    return root


def describe(repo: Path, docs_dir: str = "docs") -> str:
    def count(*args: str) -> int:
        out = subprocess.run(args, cwd=repo, capture_output=True, text=True, check=True).stdout
        return out.count("\n")

    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = count("git", "ls-files", "*.md")
    in_docs = count("git", "ls-files", f"{docs_dir}/*.md")
    return f"{commits} commits, {in_docs} Markdown files in docs_dir, {tree} in the tree"


# --- scenarios ------------------------------------------------------------------


def scenario_check(cache: Path, runs: int) -> None:
    repo = repository(cache, "check-10000", build_check_repo)
    print(f"check: {describe(repo)}", flush=True)
    floor = [PYTHON, "-c", FLOOR_PARSE, str(repo / "docs")]
    check = [NOHERO, "check", "--format", "text"]
    run_once(check, repo)  # untimed: OS file cache and bytecode warm, like a second CI step
    figures = interleaved(
        runs,
        [
            ("floor: read + libyaml-parse every front matter", lambda: run_once(floor, repo)),
            ("nohero check, cold (no nohero cache)", lambda: run_once(check, repo)),
            ("nohero check, warm (same HEAD)", lambda: run_once(check, repo)),
            (
                "nohero check --format github, warm",
                lambda: run_once([*check[:2], "--format", "github"], repo),
            ),
        ],
        before_each=lambda: clear_caches(repo),
    )
    labels = list(figures)
    show(figures, [(labels[1], labels[0], "<= 2x"), (labels[2], labels[0], "<= 2x")])


def scenario_report(cache: Path, runs: int) -> None:
    repo = repository(cache, "report-23000", build_report_repo)
    print(f"report: {describe(repo)}", flush=True)
    floor = ["git", "log", "--name-status", "-M", "HEAD"]
    report = [NOHERO, "report", "--format", "json"]
    run_once(floor, repo)  # untimed: pack files into the OS cache
    figures = interleaved(
        runs,
        [
            ("floor: git log --name-status -M", lambda: run_once(floor, repo)),
            ("nohero report --format json, cold", lambda: run_once(report, repo)),
            ("nohero report --format json, warm", lambda: run_once(report, repo)),
        ],
        before_each=lambda: clear_caches(repo),
    )
    labels = list(figures)
    show(figures, [(labels[1], labels[0], "<= 1.5x"), (labels[2], labels[1], "<= 0.1x")])


def scenario_site(cache: Path, runs: int) -> None:
    repo = repository(cache, "site-600", build_site_repo)
    print(f"site: {describe(repo)}", flush=True)

    def build(config: str) -> Run:
        cmd = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", "site-out"]
        return run_once(cmd, repo)

    build("without.yml")  # untimed: OS file cache and bytecode
    build("with.yml")  # untimed: the history cache, as on any build after the first
    figures = interleaved(
        runs,
        [
            ("mkdocs build without the plugin", lambda: build("without.yml")),
            ("mkdocs build with the plugin (warm cache)", lambda: build("with.yml")),
        ],
        before_each=None,
    )
    labels = list(figures)
    show(figures, [(labels[1], labels[0], "<= 1.1x")])


def scenario_start(cache: Path, runs: int) -> None:
    repo = repository(cache, "check-10000", build_check_repo)
    one = subprocess.run(
        ["git", "ls-files", "docs"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split("\n", 1)[0]
    print(f"start: one-file check of {one} in the 10,000-runbook repo", flush=True)
    check = [NOHERO, "check", "--only-documents", one]  # what the pre-commit hook runs
    run_once(check, repo)  # warm history cache, as pre-commit would find it
    figures = interleaved(
        runs * 3,
        [
            ("python -c pass", lambda: run_once([PYTHON, "-c", "pass"], repo)),
            ("nohero --help", lambda: run_once([NOHERO, "--help"], repo)),
            ("nohero check ONE.md (pre-commit)", lambda: run_once(check, repo)),
        ],
        before_each=None,
    )
    show(figures, [])
    base = figures["python -c pass"].median
    for label in ("nohero --help", "nohero check ONE.md (pre-commit)"):
        extra = figures[label].median - base
        took = figures[label].median * 1000
        cpu = figures[label].cpu * 1000
        print(f"  {label}: {took:.0f} ms, {cpu:.0f} ms CPU ({extra * 1000:+.0f} ms over python)")


SCENARIOS = {
    "start": scenario_start,
    "check": scenario_check,
    "report": scenario_report,
    "site": scenario_site,
}


def busy_neighbour(seconds: int) -> subprocess.Popen[bytes]:
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"
    return subprocess.Popen([sys.executable, "-c", code])


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="+", choices=sorted(SCENARIOS), default=list(SCENARIOS))
    parser.add_argument("--runs", type=int, default=3, help="median of this many (default 3)")
    parser.add_argument("--idle", action="store_true", help="do not keep a core busy")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nohero-bench-repos"))
    parser.add_argument(
        "--venv",
        type=Path,
        default=Path("/tmp/nohero-bench-venv"),
        help="where nohero is pip-installed from this checkout (kept while it is unchanged)",
    )
    args = parser.parse_args()
    global PYTHON, NOHERO
    venv = benchvenv.nohero_venv(CHECKOUT, args.venv)
    PYTHON, NOHERO = venv.python, venv.nohero
    print(
        f"{os.cpu_count()} CPUs, "
        f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}\n"
        f"interpreter for nohero and every floor: {PYTHON}\n  {venv.describe()}"
    )
    print(f"before: {load_line()}", flush=True)
    neighbour = None if args.idle else busy_neighbour(3600)
    if neighbour is not None:
        print("a busy neighbour keeps one core at 100% (python -c 'while 1: pass', bounded)")
    try:
        for name in args.only:
            SCENARIOS[name](args.cache, args.runs)
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()
    print(f"after: {load_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
