"""last_reviewed cannot be after today.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "review-in-future"
SEVERITY = Severity.ERROR
