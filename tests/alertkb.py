"""A realistic knowledge base with Prometheus rules, for the alert tests.

tests/alerts/ holds the rule files: a kube-prometheus-style set of
PrometheusRule manifests (next to a Deployment, a ConfigMap and a
kustomization that must be skipped) and a plain Prometheus rules file. The
runbooks below are laid out like the prometheus-operator runbooks site, with
a few renames: a runbook renamed away from its alert's URL, an alert renamed
away from a runbook's `alerts:` list, a runbook never written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from gitrepo import DEFAULT_PEOPLE, Repo, runbook

RULES_DATA = Path(__file__).parent / "alerts"
TODAY = "2026-11-25"

ALERTS_MKDOCS = """\
site_name: Ops docs
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - nohero:
      types:
        "": runbook
      alerts:
        rules: [monitoring/**/*.yaml, monitoring/**/*.yml]
        runbook_base_url:
          - https://runbooks.prometheus-operator.dev
          - https://runbooks.example.com/
          - https://github.com/acme/ops-docs/blob/main/docs/
"""

RUNBOOKS = {
    "docs/runbooks/kubernetes/KubePodCrashLooping.md": runbook(
        title="Pod crash looping", service="kubernetes"
    ),
    # owner has left: alerts that lead here are unowned
    "docs/runbooks/kubernetes/KubePodNotReady.md": runbook(
        title="Pod not ready", service="kubernetes", owner="dave", backup="carol"
    ),
    # review overdue (runbooks: 90 days)
    "docs/runbooks/kubernetes/KubeDeploymentReplicasMismatch.md": runbook(
        title="Replicas mismatch", service="kubernetes", reviewed="2026-05-01"
    ),
    # renamed from kubeapierrorbudgetburn.md: the alert's URL is now broken
    "docs/runbooks/kubernetes/kube-api-error-budget-burn.md": runbook(
        title="API error budget burn", service="kubernetes"
    ),
    "docs/runbooks/node/NodeFilesystemSpaceFillingUp.md": runbook(
        title="Filesystem filling up", service="node"
    ),
    # its alert was renamed NodeFilesystemOutOfSpace; the URL still leads here
    "docs/runbooks/node/NodeFilesystemAlmostOutOfSpace.md": runbook(
        title="Filesystem almost out of space",
        service="node",
        extra="alerts: [NodeFilesystemAlmostOutOfSpace]",
    ),
    "docs/runbooks/alertmanager/AlertmanagerFailedReload.md": runbook(
        title="Alertmanager failed reload", service="alertmanager"
    ),
    "docs/runbooks/general/watchdog/index.md": runbook(title="Watchdog", service="alertmanager"),
    # no alert leads to these two
    "docs/runbooks/etcd/etcdMembersDown.md": runbook(title="etcd members down", service="etcd"),
    "docs/runbooks/general/InfoInhibitor.md": runbook(title="Info inhibitor", service="alerting"),
    "docs/runbooks/payments/db-down.md": runbook(title="Payments DB down"),
    # lists an alert that has no runbook_url
    "docs/runbooks/payments/queue.md": runbook(
        title="Payments queue stuck", extra="alerts: [PaymentsQueueStuck]"
    ),
    "docs/runbooks/payments/latency.md": runbook(title="Payments latency"),
    "docs/index.md": "# Ops docs\n\nStart here.\n",
}


def alert_repo(path: Path) -> Repo:
    """The knowledge base, committed, with the rule files under monitoring/."""
    repo = Repo(path)
    files: dict[str, str | bytes] = {
        "mkdocs.yml": ALERTS_MKDOCS,
        "people.yml": DEFAULT_PEOPLE,
        **RUNBOOKS,
    }
    for source in sorted(RULES_DATA.rglob("*")):
        if source.is_file():
            files[f"monitoring/{source.relative_to(RULES_DATA).as_posix()}"] = source.read_bytes()
    files["docs/index.md"] = (
        "---\ntype: note\nowner: alice\nlast_reviewed: 2026-10-01\n---\n# Ops\n"
    )
    repo.commit("knowledge base and rules", files=files, date="2026-10-01T12:00:00+00:00")
    return repo


def copy_rules(target: Path) -> None:
    shutil.copytree(RULES_DATA, target, dirs_exist_ok=True)
