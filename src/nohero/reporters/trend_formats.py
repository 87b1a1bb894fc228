"""Name -> renderer for trends (`nohero report --trend monthly --format ...`)."""

from __future__ import annotations

from collections.abc import Callable

from ..trend import Trend
from . import trend_json, trend_markdown, trend_svg, trend_text

TREND_FORMATS: dict[str, Callable[[Trend], str]] = {
    "text": trend_text.render,
    "json": trend_json.render,
    "markdown": trend_markdown.render,
    "svg": trend_svg.render,
}
