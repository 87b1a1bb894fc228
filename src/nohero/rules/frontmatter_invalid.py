"""Front matter must be valid YAML and a mapping.

The checker reports this from the document model (the file is parsed once);
no other rule runs on a file whose front matter cannot be read.

Passes:

    ---
    owner: alice
    ---

Fails (a list, and unclosed quotes):

    ---
    - owner: alice
    title: "Payments
    ---
"""

from ..findings import Severity

ID = "frontmatter-invalid"
SEVERITY = Severity.ERROR
