"""`nohero check --format ...`: each module renders a `Report` (findings and, for
`needs = "report"` formats, the per-document data)."""
