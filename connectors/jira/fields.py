"""Which Jira fields hold the sprint and the estimate, discovered from `/field`."""

from __future__ import annotations

SPRINT_SCHEMA = "com.pyxis.greenhopper.jira:gh-sprint"
STORY_POINTS_SCHEMA = "com.atlassian.jira.plugin.system.customfieldtypes:jsw-story-points"
# Data Center links an issue to its epic through this field; Cloud uses `parent` instead.
EPIC_LINK_SCHEMA = "com.pyxis.greenhopper.jira:gh-epic-link"
# Company-managed projects often carry a plain number field with one of these names.
ESTIMATE_FIELD_NAMES = ("story points", "story point estimate")

# System fields the models read; custom ones are added once discovered.
BASE_ISSUE_FIELDS = (
    "summary",
    "issuetype",
    "status",
    "project",
    "parent",
    "labels",
    "created",
    "updated",
    "resolutiondate",
)


def sprint_field_id(fields: list[dict]) -> str | None:
    for field in fields:
        if (field.get("schema") or {}).get("custom") == SPRINT_SCHEMA:
            return field["id"]
    return None


def estimate_field_ids(fields: list[dict]) -> list[str]:
    """Every field that can hold story points, the Jira Software estimate type first."""
    typed = [
        f["id"] for f in fields if (f.get("schema") or {}).get("custom") == STORY_POINTS_SCHEMA
    ]
    named = [
        f["id"]
        for f in fields
        if str(f.get("name", "")).strip().lower() in ESTIMATE_FIELD_NAMES
        and (f.get("schema") or {}).get("type") == "number"
        and f["id"] not in typed
    ]
    return typed + named


def epic_link_field_ids(fields: list[dict]) -> list[str]:
    """The Epic Link field, where the instance has one (Data Center; none on Cloud)."""
    return [f["id"] for f in fields if (f.get("schema") or {}).get("custom") == EPIC_LINK_SCHEMA]
