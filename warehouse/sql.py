"""Reading the .sql files that sit beside the Python that runs them."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def read_sql(path: Path) -> str:
    return path.read_text(encoding="utf-8")
