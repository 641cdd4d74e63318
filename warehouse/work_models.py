"""What the work-item models need of the config ([evidence] in maturity.toml): which issue types
and labels mark discovery work, retrospective action items and epics, as a small temporary
table (cfg_work_markers) so the staging SQL stays plain SQL."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd


@dataclass(frozen=True)
class WorkMarkers:
    discovery_issue_types: tuple[str, ...] = ("Discovery", "Spike")
    discovery_labels: tuple[str, ...] = ("discovery",)
    retro_action_issue_types: tuple[str, ...] = ()
    retro_action_labels: tuple[str, ...] = ("retro-action",)
    epic_issue_types: tuple[str, ...] = ("Epic",)

    def rows(self) -> list[tuple[str, str, str]]:
        """(kind, marker, value compared in lower case) for every configured marker."""
        pairs = (
            ("discovery", "issue_type", self.discovery_issue_types),
            ("discovery", "label", self.discovery_labels),
            ("retro_action", "issue_type", self.retro_action_issue_types),
            ("retro_action", "label", self.retro_action_labels),
            ("epic", "issue_type", self.epic_issue_types),
        )
        return sorted({(kind, marker, v.lower()) for kind, marker, vs in pairs for v in vs})


def register_work_markers(con: duckdb.DuckDBPyConnection, markers: WorkMarkers | None) -> None:
    frame = pd.DataFrame(
        (markers or WorkMarkers()).rows(), columns=["kind", "marker", "value_key"]
    ).astype("str")
    con.register("cfg_work_markers_frame", frame)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE cfg_work_markers AS SELECT * FROM cfg_work_markers_frame"
    )
    con.unregister("cfg_work_markers_frame")
