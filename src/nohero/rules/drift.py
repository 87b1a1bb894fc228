"""A path in covers changed in git after last_reviewed.

PLACEHOLDER (helper C fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "drift"
SEVERITY = Severity.WARNING
