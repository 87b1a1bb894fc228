"""An escalation level names nobody known, or the path reaches fewer than two active people.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "escalation-broken"
SEVERITY = Severity.ERROR
