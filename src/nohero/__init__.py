"""nohero: keep an organisation's operational knowledge honest.

The package is a library first. The CLI (`nohero.cli`) and the MkDocs plugin
(`nohero.plugin`) are thin faces over it, so that the answers never depend on
which face asked (and so the plugin can be replaced when the theme changes).
"""

__version__ = "0.1.0"
