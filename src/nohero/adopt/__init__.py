"""`nohero adopt`: bring an existing knowledge base under nohero in one command.

`locate` finds the docs and the foreign keys, `people` drafts the roster from
git history, `choose` proposes each document's missing keys, `files` the
configuration edits (`mkdocs_yml` for the byte-preserving plugin entry),
`plan` puts it together as a reviewable plan and `apply` writes it.
"""
