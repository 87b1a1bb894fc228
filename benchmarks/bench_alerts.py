"""What do alerts add to `nohero check`?

Target: 10,000 alerts against 5,000 runbooks add at most 20% to `nohero
check` -- the same knowledge base, one mkdocs.yml without and one with
`plugins.nohero.alerts`, each run as the whole command a user types
(`nohero check -f ...`, a subprocess: start-up, config, roster, history,
documents, rule files, rules, output).

    python benchmarks/bench_alerts.py                  # 5,000 runbooks, 10,000 alerts
    python benchmarks/bench_alerts.py --docs 2000 --alerts 4000 --runs 5 --idle

The rule files are kube-prometheus-style PrometheusRule manifests, 500
alerts each, with multi-line expressions and annotations; nine in ten
alerts link to a runbook, the rest have no runbook_url or a broken one.
Each figure is the median of --runs runs (wall time, and the commands' own
CPU time, which the neighbours' load does not inflate), without and with alerts
interleaved (so the neighbours' load hits both alike), cold (every nohero
cache removed before each run: a fresh CI clone) and warm (a second run on
the same files: a developer's machine, pre-commit, a CI that keeps
.git/nohero). Like bench_commands.py, a busy neighbour keeps one of the
machine's cores at 100% the whole time (--idle: none). The repository is
generated once and kept under --cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import SERVICES, TODAY, generate  # noqa: E402
from bench_commands import (  # noqa: E402
    ENV,
    NOHERO,
    Run,
    busy_neighbour,
    clear_caches,
    interleaved,
    load_line,
    run_once,
    show,
)

ALERTS = """
    - alert: {name}
      annotations:
        description: '{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} of {service} is failing.'
        summary: {service} is failing ({i})
{url}      expr: |
        sum by (namespace, pod) (
          rate(http_requests_total{{job="{service}", code=~"5.."}}[5m])
        ) / sum by (namespace, pod) (rate(http_requests_total{{job="{service}"}}[5m])) > 0.02
      for: 15m
      labels:
        severity: {severity}
        team: platform
"""


def runbook_url(docs: int, i: int) -> str:
    doc = i % docs
    service = SERVICES[doc % len(SERVICES)]
    if i % 20 == 7:
        return ""  # no runbook_url
    if i % 20 == 13:
        return f"        runbook_url: https://runbooks.example.com/gone/{i}/\n"
    path = f"{service}/group{doc // 500:03d}/runbook-{doc:05d}"
    return f"        runbook_url: https://runbooks.example.com/{path}/\n"


def generate_rules(root: Path, docs: int, alerts: int, per_file: int = 500) -> None:
    folder = root / "monitoring" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, alerts, per_file):
        body = [
            "apiVersion: monitoring.coreos.com/v1",
            "kind: PrometheusRule",
            f"metadata:\n  name: rules-{start // per_file:03d}\n  namespace: monitoring",
            "spec:\n  groups:\n  - name: generated\n    rules:",
        ]
        for i in range(start, min(start + per_file, alerts)):
            service = SERVICES[i % len(SERVICES)]
            body.append(
                ALERTS.format(
                    name=f"Alert{i:05d}",
                    service=service,
                    i=i,
                    url=runbook_url(docs, i),
                    severity="critical" if i % 3 == 0 else "warning",
                ).rstrip("\n")
            )
        (folder / f"rules-{start // per_file:03d}.yaml").write_text(
            "\n".join(body) + "\n", encoding="utf-8"
        )


ALERTS_CONFIG = (
    "      alerts:\n        rules: [monitoring/**/*.yaml]\n"
    "        runbook_base_url: https://runbooks.example.com/\n"
)
GENERATOR_VERSION = "1"


def build_repo(root: Path, docs: int, alerts: int) -> None:
    """The knowledge base, its rule files and two mkdocs.yml, in one commit."""
    root.mkdir(parents=True)
    generate(root, docs)
    generate_rules(root, docs, alerts)
    plain = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs-alerts.yml").write_text(plain + ALERTS_CONFIG, encoding="utf-8")
    env = {
        **ENV,
        "GIT_AUTHOR_DATE": "2026-11-20T12:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-20T12:00:00Z",
    }
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "bench"], cwd=root, check=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=5_000, help="runbooks (default 5000)")
    parser.add_argument("--alerts", type=int, default=10_000, help="alerts (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="median of this many (default 3)")
    parser.add_argument("--idle", action="store_true", help="do not keep a core busy")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nohero-bench-repos"))
    args = parser.parse_args()

    name = f"alerts-{args.docs}-{args.alerts}-v{GENERATOR_VERSION}"
    repo = args.cache / name
    if not (repo / "mkdocs-alerts.yml").exists():
        shutil.rmtree(repo, ignore_errors=True)
        build_repo(repo, args.docs, args.alerts)
    files = -(-args.alerts // 500)
    print(
        f"{args.docs} runbooks, {args.alerts} alerts in {files} rule files "
        f"({sum(f.stat().st_size for f in (repo / 'monitoring').rglob('*.yaml')) / 1e6:.1f} MB); "
        f"median of {args.runs}; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
        f"nohero: {NOHERO}"
    )
    print(f"before: {load_line()}", flush=True)
    base = [NOHERO, "check", "--today", TODAY.isoformat()]
    plain = [*base, "-f", "mkdocs.yml"]
    alerts = [*base, "-f", "mkdocs-alerts.yml"]
    neighbour = None if args.idle else busy_neighbour(3600)
    if neighbour is not None:
        print("a busy neighbour keeps one core at 100% (python -c 'while 1: pass', bounded)")
    try:
        run_once(plain, repo, ok=(0, 1))  # untimed: OS file cache and bytecode warm
        run_once(alerts, repo, ok=(0, 1))
        for temperature in ("cold", "warm"):
            steps = [
                (f"check without alerts, {temperature}", lambda: run_once(plain, repo, ok=(0, 1))),
                (f"check with alerts, {temperature}", lambda: run_once(alerts, repo, ok=(0, 1))),
            ]
            if temperature == "cold":
                steps = [(label, _cold(step, repo)) for label, step in steps]
            figures = interleaved(args.runs, steps, before_each=None)
            without, with_alerts = figures.values()
            ratio = with_alerts.median / without.median
            show(figures, [(with_alerts.label, without.label, "<= 1.20x")])
            verdict = "within" if ratio <= 1.2 else "OVER"
            print(f"  {temperature}: alerts add {(ratio - 1) * 100:+.0f}% -> {verdict} the target")
            cpu_without = statistics.median(r.cpu for r in without.runs)
            cpu_with = statistics.median(r.cpu for r in with_alerts.runs)
            print(
                f"  {temperature}, CPU seconds (user + sys, median): {cpu_without:.2f} without, "
                f"{cpu_with:.2f} with alerts: {(cpu_with / cpu_without - 1) * 100:+.0f}%"
            )
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()
    print(f"after: {load_line()}")
    return 0


def _cold(step: Callable[[], Run], repo: Path) -> Callable[[], Run]:
    def run() -> Run:
        clear_caches(repo)
        return step()

    return run


if __name__ == "__main__":
    sys.exit(main())
