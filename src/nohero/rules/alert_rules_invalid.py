"""A file matched by `plugins.nohero.alerts.rules` cannot be read as
Prometheus rules: invalid YAML, a Helm template (render it first), a symlink
out of the repository, a file over the size limit, a group or `annotations`
of the wrong shape -- or the globs match no file at all (the finding is then
on mkdocs.yml). The alerts in an unreadable file are not checked.

Files of other Kubernetes kinds (a Deployment next to the rules) are skipped
quietly, not reported.

Passes:

    groups:
      - name: payments
        rules:
          - alert: PaymentsDBDown
            expr: pg_up == 0

Fails (a Helm template; nohero reads the rendered rules):

    groups:
      - name: {{ .Release.Name }}
        rules:
        {{- include "payments.rules" . | nindent 8 }}
"""

from ..findings import Severity

ID = "alert-rules-invalid"
SEVERITY = Severity.WARNING
