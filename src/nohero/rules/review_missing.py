"""Every document needs last_reviewed: the date of its last real review.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "review-missing"
SEVERITY = Severity.ERROR
