"""A field has the wrong type or value, checked against the JSON Schema of the document's type.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "schema"
SEVERITY = Severity.ERROR
