"""A Markdown file under docs_dir could not be used as a document.

Binary data, bytes that are not UTF-8, files over the size limit
(`max_file_size_mb`, default 5), unreadable files and symlinks that point
outside the repository are reported here and skipped; every other document is
still checked. Nothing outside the repository is ever read.

Passes: a UTF-8 Markdown file. Fails: a PNG renamed to `page.md`.
"""

from ..findings import Severity

ID = "file-unreadable"
SEVERITY = Severity.ERROR
