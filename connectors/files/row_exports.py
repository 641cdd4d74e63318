"""What the readers of spreadsheet exports share: finding an export's columns by header (the
configured header, else the field's usual spellings, compared with case and inner spaces
ignored), and the export as read when each row is one record (outcome metrics, feedback)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from connectors.files.errors import FileRefusedError


@dataclass(frozen=True)
class RowExport:
    file_format: str  # csv or xlsx
    frame: pd.DataFrame  # record_row, the fields, and `<field>_unreadable` texts
    encoding: str | None = None
    delimiter: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # field -> the export's header
    missing: dict[str, str] = field(default_factory=dict)  # needed field -> what was looked for
    available: list[str] = field(default_factory=list)  # every header of the export
    rows_read: int = 0

    @classmethod
    def read_from(
        cls, grid, header: list[str], frame: pd.DataFrame, found: dict, missing: dict, **more
    ):
        """The export of `frame`, read from `grid` whose header row is `header`; `found` maps
        each field to its column index. `more`: the fields a subclass adds."""
        return cls(
            file_format=grid.file_format,
            frame=frame,
            encoding=grid.encoding,
            delimiter=grid.delimiter,
            labels={name: header[i] for name, i in found.items()},
            missing=missing,
            available=[h for h in header if h],
            rows_read=len(frame),
            **more,
        )


def loose(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def resolve_columns(
    header: list[str],
    columns: Mapping[str, str | None],
    aliases: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> tuple[dict[str, int], dict[str, str]]:
    """({field: column index}, {required field not found: what was looked for}). A header
    that names two columns is refused: which one is meant cannot be guessed."""
    keys = [loose(h) for h in header]
    found: dict[str, int] = {}
    missing: dict[str, str] = {}
    for name, spellings in aliases.items():
        wanted = columns.get(name)
        for candidate in (wanted,) if wanted else spellings:
            hits = [i for i, key in enumerate(keys) if key == loose(candidate)]
            if len(hits) > 1:
                raise FileRefusedError(
                    f"'{candidate}' names {len(hits)} columns; keep one", column=candidate
                )
            if hits and hits[0] not in found.values():
                found[name] = hits[0]
                break
        else:
            if name in required:
                missing[name] = (
                    f"'{wanted}'" if wanted else " or ".join(f"'{c}'" for c in spellings[:3])
                )
    return found, missing
