"""Which Markdown files MkDocs publishes from docs_dir: the walk behind discovery.

MkDocs walks docs_dir following symlinked folders, so a folder linked into
docs/ is published and must be checked. nohero follows them too, with two
differences that keep it finite and inside the repository:

* Each real folder is walked once. A link to a folder already walked -- a
  loop such as `docs/all -> .`, or a second route to the same files -- is not
  entered again (MkDocs publishes copies, a loop until the OS refuses the
  path). Folders reached directly are walked before any link, so a document
  reachable both ways is found at its direct path; `also_published` records
  the other routes so the site can show the same panel there.
* A link whose target leaves the repository is not entered: it is returned
  as itself and `read_document` makes it a `file-unreadable` finding. Nothing
  outside the repository is read.
"""

from __future__ import annotations

import os

from .lazyclass import field, record

MARKDOWN_SUFFIXES = (".md", ".markdown")


@record
class DocsWalk:
    files: list[str] = field(default_factory=list)  # absolute, sorted like Paths
    # docs-relative folder of a link -> docs-relative folder already walked,
    # whose files MkDocs publishes a second time under the link
    also_published: dict[str, str] = field(default_factory=dict)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _docs_rel(path: str, docs_dir: str) -> str:
    return "" if path == docs_dir else os.path.relpath(path, docs_dir).replace(os.sep, "/")


def walk_docs(docs_dir: str, repo_root: str) -> DocsWalk:
    """Markdown files under `docs_dir`, following symlinked folders that stay
    inside `repo_root` (one walk per real folder, loops cut)."""
    walk = DocsWalk()
    root = os.path.realpath(repo_root)
    walked: dict[str, str] = {}  # real folder -> docs-relative folder it was walked at
    links: list[str] = []  # symlinked folders met, in walk order

    def descend(top: str) -> None:
        for folder, dirnames, filenames in os.walk(top):  # never follows links itself
            real = os.path.realpath(folder)
            if real in walked:
                dirnames[:] = []
                continue
            walked[real] = _docs_rel(folder, docs_dir)
            kept = []
            for name in sorted(dirnames):
                if name.startswith("."):
                    continue
                if os.path.islink(os.path.join(folder, name)):
                    links.append(os.path.join(folder, name))
                else:
                    kept.append(name)
            dirnames[:] = kept
            walk.files.extend(
                os.path.join(folder, name)
                for name in filenames
                if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith(".")
            )

    descend(docs_dir)
    for link in links:  # grows while linked folders are walked
        target = os.path.realpath(link)
        if not _inside(target, root):
            walk.files.append(link)  # read_document: outside the repository, not read
        elif target not in walked:
            descend(link)
        else:
            first, here = walked[target], _docs_rel(link, docs_dir)
            if not (first == "" or here.startswith(first + "/")):  # not a loop
                walk.also_published[here] = first
    walk.files.sort(key=lambda p: p.split(os.sep))  # the order of sorted Paths
    return walk
