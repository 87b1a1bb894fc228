"""`nohero report --trend monthly --format ...`: each module renders a `Trend`."""
