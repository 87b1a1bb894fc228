"""`nohero handover --format ...`: each module renders a `Handover`."""
