"""`nohero due --format ...`: each module renders a `DueListing`."""
