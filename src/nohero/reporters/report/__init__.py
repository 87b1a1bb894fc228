"""`nohero report --format ...`: each module renders a `ReportForPeriod` (the
report, and the period its 'reviewed' and 'risks reduced' figures cover)."""
