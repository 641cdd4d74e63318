"""`maturity report`: one self-contained HTML file a product-ops lead can show leadership.

Opens offline: inline CSS and SVG charts, no script, no font or file fetched (a Content
Security Policy forbids it, too). Reads only the marts. Every string from a source or the
config is escaped: an issue summary may contain HTML.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.settings import Settings


def write_report(settings: Settings, out: Path, *, as_of: date | None = None) -> Path:
    from pipelines.report.data import load_report_data
    from pipelines.report.page import render

    html = render(load_report_data(settings, as_of))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Write beside, then rename: a reader never opens a half-written report.
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(out)
    return out
