"""A Markdown file under docs_dir could not be used as a document.

Binary data, bytes that are not UTF-8, files over the size limit
(`max_file_size_mb`, default 5), unreadable files and symlinks that point
outside the repository are reported here and skipped; every other document is
still checked. Nothing outside the repository is ever read.

Passes (UTF-8 text, with or without a BOM, LF or CRLF line ends):

    ---
    title: Café failover
    ---

Fails (a PNG renamed to `page.md`; the same text saved as Latin-1):

    \x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR...
    title: Caf\xe9 failover
"""

from ..findings import Severity

ID = "file-unreadable"
SEVERITY = Severity.ERROR
