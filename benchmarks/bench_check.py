"""How fast is `nohero check` next to the floor?

The floor is the least any checker must do: read every file and parse its
front matter with libyaml's C loader, in one Python process. The target is
`nohero check` within 3x of it on 10,000 runbooks.

    python benchmarks/bench_check.py            # 10,000 runbooks
    python benchmarks/bench_check.py --n 2000 --runs 5

Prints the floor, check in-process (the function the CLI calls) and check as
a subprocess (the installed console script, interpreter start-up included),
each best of --runs, and the ratios. The subprocess figures are compared with
the floor run as a subprocess too, so start-up is on both sides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 25)
SERVICES = [
    "payments-api",
    "checkout",
    "search",
    "identity",
    "notifications",
    "ledger",
    "storefront",
    "gateway",
]
PEOPLE = [f"person{i:02d}" for i in range(40)]

FLOOR = r"""
import os, sys, yaml
from yaml import CSafeLoader
count = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if not name.endswith(".md"):
            continue
        with open(os.path.join(folder, name), "rb") as handle:
            text = handle.read().decode("utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end != -1:
                yaml.load(text[4:end], Loader=CSafeLoader)
                count += 1
print(count)
"""

BODY = """
# {title}

## Symptoms

- Alert `{service}-error-rate` fires: 5xx above 2% for 5 minutes.
- Dashboards show latency p99 above 800 ms on `{service}`.

## Diagnosis

1. Open the {service} dashboard and check the error budget panel.
2. Run `kubectl -n {service} get pods` and look for restarts.
3. Check the last deploy: `git log -1 --format=%cd deploy/{service}`.

## Mitigation

- Roll back: `deploy rollback {service} --to previous`.
- Scale out: `kubectl -n {service} scale deploy/{service} --replicas=12`.

## Communication

> We are investigating elevated errors on {service}. Next update in 30 minutes.
"""


def generate(root: Path, n: int) -> None:
    docs = root / "docs"
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: docs\n"
        "plugins:\n  - nohero:\n      types:\n        '': runbook\n",
        encoding="utf-8",
    )
    people = ["people:"]
    for pid in PEOPLE:
        people += [f"  {pid}:", f"    name: {pid.title()}", f"    emails: [{pid}@example.com]"]
    people += ["teams:", "  platform:", f"    members: [{', '.join(PEOPLE[:5])}]"]
    (root / "people.yml").write_text("\n".join(people) + "\n", encoding="utf-8")
    for i in range(n):
        service = SERVICES[i % len(SERVICES)]
        owner, backup = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 7) % len(PEOPLE)]
        reviewed = TODAY - dt.timedelta(days=i % 60)
        title = f"{service} incident {i}"
        folder = docs / service / f"group{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = (
            f"---\ntitle: {title}\ntype: runbook\nservice: {service}\nowner: {owner}\n"
            f"backup_owner: {backup}\nlast_reviewed: {reviewed.isoformat()}\nreview_every: 90d\n"
            f"covers: [services/{service}/**]\ntags: [{service}, incident]\n---\n"
            + BODY.format(title=title, service=service)
        )
        (folder / f"runbook-{i:05d}.md").write_text(text, encoding="utf-8")


def best(runs: int, func) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="number of runbooks (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated knowledge base")
    args = parser.parse_args()

    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        print("warning: PyYAML without libyaml; the floor and nohero both use the slow loader")

    from nohero.config import load_config
    from nohero.pipeline import analyse
    from nohero.reporters import reporters_for

    REPORTERS = reporters_for("check")

    root = Path(tempfile.mkdtemp(prefix="nohero-bench-"))
    try:
        generate(root, args.n)
        docs = str(root / "docs")
        floor_code = compile(
            FLOOR.replace("sys.argv[1]", "DOCS").replace("print(count)", ""), "floor", "exec"
        )

        def floor() -> None:
            exec(floor_code, {"DOCS": docs})  # noqa: S102 - our own benchmark code

        def check() -> int:
            config = load_config(cwd=root)
            result = analyse(config, TODAY, history="off")
            REPORTERS["text"]().render(result.report, color=False)
            return len(result.report.docs), len(result.findings)  # type: ignore[return-value]

        floor_s, _ = best(args.runs, floor)
        check_s, (docs_seen, findings) = best(args.runs, check)  # type: ignore[misc]
        assert docs_seen == args.n, docs_seen
        assert findings == 0, f"{findings} findings on valid runbooks"

        script = shutil.which("nohero")
        env = {**os.environ, "NO_COLOR": "1"}
        cmd = [script or "nohero", "check", "--today", TODAY.isoformat(), "--no-history"]

        def check_subprocess() -> None:
            done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

        def floor_subprocess() -> None:
            subprocess.run([sys.executable, "-c", FLOOR, docs], check=True, capture_output=True)

        sub_floor_s, _ = best(args.runs, floor_subprocess)
        sub_check_s, _ = best(args.runs, check_subprocess)

        ratio, sub_ratio = check_s / floor_s, sub_check_s / sub_floor_s
        cpus, python = os.cpu_count(), sys.version.split()[0]
        print(f"{args.n} runbooks, best of {args.runs}, {cpus} CPUs, Python {python}")
        print(f"  floor (read + CSafeLoader), in-process : {floor_s:7.3f} s")
        print(f"  nohero check, in-process              : {check_s:7.3f} s   ratio {ratio:4.2f}x")
        print(f"  floor as a subprocess                 : {sub_floor_s:7.3f} s")
        print(
            f"  nohero check as a subprocess          : {sub_check_s:7.3f} s"
            f"   ratio {sub_ratio:4.2f}x"
        )
        verdict = "within" if ratio <= 3 else "OVER"
        print(f"  target: check within 3x of the floor -> {verdict} ({ratio:.2f}x in-process)")
    finally:
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
