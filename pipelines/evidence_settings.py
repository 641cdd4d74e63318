"""`[evidence]` in maturity.toml: how the organisation marks work in Jira, so the retrospective,
discovery and epic criteria can find it. Declared here, read by `pipelines.settings`. Issue
types and labels are compared case-insensitively; a marker list may be empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    from warehouse.work_models import WorkMarkers


class EvidenceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    discovery_issue_types: list[str] = Field(
        default_factory=lambda: ["Discovery", "Spike"],
        description="Issue types that are discovery work (discovery_share).",
    )
    discovery_labels: list[str] = Field(
        default_factory=lambda: ["discovery"],
        description="Labels that mark an issue of any type as discovery work.",
    )
    retro_action_issue_types: list[str] = Field(
        default_factory=list,
        description="Issue types that are retrospective action items (retro_action_rate, "
        "retro_actions_completed_30d).",
    )
    retro_action_labels: list[str] = Field(
        default_factory=lambda: ["retro-action"],
        description="Labels that mark an issue as a retrospective action item.",
    )
    epic_issue_types: list[str] = Field(
        default_factory=lambda: ["Epic"],
        description="Issue types that are epics (feedback_linked_epic_share): e.g. a localised "
        "name such as 'Épopée'.",
    )

    @field_validator("*")
    @classmethod
    def _no_blanks(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("issue types and labels must not be blank")
        return [v.strip() for v in values]

    def markers(self) -> WorkMarkers:
        """What the work-item models need (warehouse.work_models: imported here, when a run
        builds them, so that loading the config does not import pandas)."""
        from warehouse.work_models import WorkMarkers

        return WorkMarkers(
            discovery_issue_types=tuple(self.discovery_issue_types),
            discovery_labels=tuple(self.discovery_labels),
            retro_action_issue_types=tuple(self.retro_action_issue_types),
            retro_action_labels=tuple(self.retro_action_labels),
            epic_issue_types=tuple(self.epic_issue_types),
        )
