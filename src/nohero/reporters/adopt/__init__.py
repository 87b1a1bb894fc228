"""`nohero adopt --format ...`: each module renders the adoption `Plan`."""
