"""Jira platform REST endpoints (/rest/api/2 and /3) about the site: server, user, fields.

Each handler takes the Site and the Request and returns the JSON body, or raises
HttpError. Search is in `search_api`, changelogs in `changelog_api`.
"""

from __future__ import annotations

from simulator.jira_emulator.render import person
from simulator.jira_emulator.request import Request
from simulator.jira_emulator.site import Site
from simulator.jira_format import offset_millis
from simulator.model import (
    ADOPTION_ACTUAL_FIELD_ID,
    ADOPTION_TARGET_FIELD_ID,
    EPIC_LINK_FIELD_ID,
    ESTIMATE_FIELD_ID,
    RANK_FIELD_ID,
    SPRINT_FIELD_ID,
)


def server_info(site: Site, request: Request) -> dict:
    cloud = site.is_cloud
    return {
        "baseUrl": site.base_url,
        "version": "1001.0.0-SNAPSHOT" if cloud else "9.12.2",
        "versionNumbers": [1001, 0, 0] if cloud else [9, 12, 2],
        "deploymentType": "Cloud" if cloud else "Server",
        "buildNumber": 100284 if cloud else 9120002,
        "buildDate": "2025-01-06T00:00:00.000+0000",
        "serverTime": offset_millis(site.org.now, site.org.time_zone),
        "scmInfo": "0" * 40,
        "serverTitle": "Jira",
    }


def myself(site: Site, request: Request) -> dict:
    return {
        **person(site, 0),
        "emailAddress": site.account_email,
        "timeZone": site.org.time_zone,
        "locale": "en_US",
    }


def _system_field(field_id: str, name: str, schema: dict | None) -> dict:
    body = {
        "id": field_id,
        "key": field_id,
        "name": name,
        "custom": False,
        "orderable": True,
        "navigable": True,
        "searchable": True,
        "clauseNames": [field_id],
    }
    if schema is not None:
        body["schema"] = {**schema, "system": field_id}
    return body


def custom_field(field_id: str, name: str, schema: dict) -> dict:
    number = int(field_id.rsplit("_", 1)[1])
    return {
        "id": field_id,
        "key": field_id,
        "name": name,
        "untranslatedName": name,
        "custom": True,
        "orderable": True,
        "navigable": True,
        "searchable": True,
        "clauseNames": [f"cf[{number}]", name],
        "schema": {**schema, "customId": number},
    }


def system_fields() -> list[dict]:
    """The system fields a sprint-metrics sync reads, as /field describes them."""
    return [
        _system_field("summary", "Summary", {"type": "string"}),
        _system_field("status", "Status", {"type": "status"}),
        _system_field("issuetype", "Issue Type", {"type": "issuetype"}),
        _system_field("project", "Project", {"type": "project"}),
        _system_field("created", "Created", {"type": "datetime"}),
        _system_field("updated", "Updated", {"type": "datetime"}),
        _system_field("resolutiondate", "Resolved", {"type": "datetime"}),
        _system_field("parent", "Parent", None),
        _system_field("labels", "Labels", {"type": "array", "items": "string"}),
        _system_field("duedate", "Due date", {"type": "date"}),
        _system_field("components", "Component/s", {"type": "array", "items": "component"}),
        _system_field("subtasks", "Sub-tasks", {"type": "array", "items": "issuelinks"}),
    ]


NUMBER_SCHEMA = {
    "type": "number",
    "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float",
}


SPRINT_SCHEMA = {"type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint"}


EPIC_LINK_SCHEMA = {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-epic-link"}


def fields(site: Site, request: Request) -> list[dict]:
    # Data Center links issues to epics through the Epic Link field; Cloud has none (parent).
    epic_link = (
        [] if site.is_cloud else [custom_field(EPIC_LINK_FIELD_ID, "Epic Link", EPIC_LINK_SCHEMA)]
    )
    return [
        *system_fields(),
        custom_field(SPRINT_FIELD_ID, "Sprint", SPRINT_SCHEMA),
        custom_field(
            ESTIMATE_FIELD_ID,
            "Story point estimate",
            {
                "type": "number",
                "custom": "com.atlassian.jira.plugin.system.customfieldtypes:jsw-story-points",
            },
        ),
        custom_field(ADOPTION_TARGET_FIELD_ID, "Adoption target (Q1)", NUMBER_SCHEMA),
        custom_field(ADOPTION_ACTUAL_FIELD_ID, "Adoption actual (Q1)", NUMBER_SCHEMA),
        custom_field(
            RANK_FIELD_ID,
            "Rank",
            {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-lexo-rank"},
        ),
        *epic_link,
    ]
