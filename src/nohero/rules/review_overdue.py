"""last_reviewed plus the review interval is before today.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "review-overdue"
SEVERITY = Severity.WARNING
