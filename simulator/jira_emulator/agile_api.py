"""Jira Software endpoints: boards, board configuration, board sprints, the sprint report.

Boards and sprints page by startAt with at most 50 values, as /rest/agile/1.0 does. The
sprint report (undocumented greenhopper endpoint) is `simulator.sprint_report`'s body.
"""

from __future__ import annotations

from simulator.jira_emulator.render import agile_sprint
from simulator.jira_emulator.request import HttpError, Request
from simulator.jira_emulator.site import Site
from simulator.model import Board
from simulator.sprint_report import SprintReportUnavailable

AGILE_PAGE = 50
SPRINT_STATES = ("future", "active", "closed")
BOARD_NOT_FOUND = (
    "The requested board cannot be viewed because it either does not exist or you do not have "
    "permission to view it."
)


def agile_page(request: Request) -> tuple[int, int]:
    """(startAt, maxResults) of an agile listing, maxResults capped at 50."""
    start_at = request.int_param("startAt", 0)
    max_results = request.int_param("maxResults", AGILE_PAGE)
    if start_at < 0 or max_results < 0:
        raise HttpError(400, "startAt and maxResults must be non-negative.")
    return start_at, min(max_results, AGILE_PAGE)


def requested_states(request: Request) -> list[str]:
    """The sprint states a board's sprint listing asks for (all by default)."""
    states = request.list_param("state") or list(SPRINT_STATES)
    unknown = [state for state in states if state not in SPRINT_STATES]
    if unknown:
        raise HttpError(400, f"Invalid sprint state {unknown[0]!r}: use future, active or closed.")
    return states


def _board(site: Site, raw_id: str | None) -> Board:
    for board in site.org.boards:
        if str(board.id) == raw_id:
            return board
    raise HttpError(404, BOARD_NOT_FOUND)


def _location(site: Site, board: Board) -> dict:
    project = site.projects[board.project_key]
    return {
        "projectId": int(project.id),
        "displayName": f"{project.name} ({project.key})",
        "projectName": project.name,
        "projectKey": project.key,
        "projectTypeKey": "software",
        "name": f"{project.name} ({project.key})",
    }


def boards(site: Site, request: Request) -> dict:
    start_at, max_results = agile_page(request)
    wanted_type = request.param("type")
    listed = [b for b in site.org.boards if wanted_type in (None, "", "scrum")]
    page = listed[start_at : start_at + max_results]
    return {
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(listed),
        "isLast": start_at + max_results >= len(listed),
        "values": [
            {
                "id": board.id,
                "self": f"{site.base_url}/rest/agile/1.0/board/{board.id}",
                "name": board.name,
                "type": "scrum",
                "location": _location(site, board),
            }
            for board in page
        ],
    }


def board_configuration(site: Site, request: Request) -> dict:
    board = _board(site, request.path_params["boardId"])
    project = site.projects[board.project_key]
    return {
        "id": board.id,
        "name": board.name,
        "type": "scrum",
        "self": f"{site.base_url}/rest/agile/1.0/board/{board.id}/configuration",
        "location": {
            "type": "project",
            "key": project.key,
            "id": project.id,
            "self": f"{site.api_root}/project/{project.id}",
            "name": project.name,
        },
        "filter": {"id": str(board.filter_id), "self": f"{site.api_root}/filter/{board.filter_id}"},
        "columnConfig": {
            "columns": [
                {
                    "name": name,
                    "statuses": [
                        {"id": status_id, "self": f"{site.api_root}/status/{status_id}"}
                        for status_id in statuses
                    ],
                }
                for name, statuses in board.columns
            ],
            "constraintType": "issueCount",
        },
        "estimation": {
            "type": "field",
            "field": {"fieldId": board.estimate_field_id, "displayName": "Story point estimate"},
        },
        "ranking": {"rankCustomFieldId": 10019},
    }


def board_sprints(site: Site, request: Request) -> dict:
    board = _board(site, request.path_params["boardId"])
    start_at, max_results = agile_page(request)
    states = requested_states(request)
    listed = [site.org.sprints[s] for s in board.sprint_ids if site.org.sprints[s].state in states]
    page = listed[start_at : start_at + max_results]
    return {
        "maxResults": max_results,
        "startAt": start_at,
        "isLast": start_at + max_results >= len(listed),
        "values": [agile_sprint(site, sprint) for sprint in page],
    }


def sprint_report_chart(site: Site, request: Request) -> bytes:
    board_id, sprint_id = request.param("rapidViewId"), request.param("sprintId")
    if not board_id or not sprint_id:
        raise HttpError(400, "rapidViewId and sprintId are required.")
    board = _board(site, board_id)
    try:
        return site.sprint_report(board.id, request.int_param("sprintId", 0))
    except SprintReportUnavailable as error:
        raise HttpError(404, str(error)) from None
