"""`nohero whatif --format ...`: each module renders a `WhatIf`."""
