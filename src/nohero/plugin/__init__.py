"""The `nohero` MkDocs plugin: a thin adapter over `nohero.site`."""
