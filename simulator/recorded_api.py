"""The endpoints `RecordedJira` answers, over a `RecordedSite` (see `simulator.recorded_jira`).

Issues, sprints and histories are served as the raw recorded text (UTF-8 bytes); only the
envelopes (paging, issueChangeLogs) and the synthesised resources are encoded here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from simulator.jira_emulator.agile_api import BOARD_NOT_FOUND, agile_page, requested_states
from simulator.jira_emulator.changelog_api import (
    ISSUE_NOT_FOUND,
    bulk_page,
    bulk_request,
    changelog_page,
)
from simulator.jira_emulator.paging import PageTokens
from simulator.jira_emulator.request import HttpError, Request, json_bytes
from simulator.jira_emulator.search_api import enhanced_search
from simulator.recorded_data import RecordedHistory, RecordedIssue, Recording

TIME_ZONE = "Asia/Shanghai"  # the recorded site's users' zone (their changelog offsets: +0800)
SPRINT_REPORT_UNAVAILABLE = "The sprint report is not available on this site."


@dataclass
class RecordedSite:
    recording: Recording
    base_url: str
    tokens: PageTokens
    boards: list[dict]  # synthesised board listing entries
    configurations: dict[int, dict]  # synthesised, by board id
    fields: bytes  # the field list body
    server_info: dict
    myself: dict
    search_page_size: int = 100
    changelog_page_size: int = 100
    issues_by_ref: dict[str, RecordedIssue] = field(init=False)

    def __post_init__(self) -> None:
        issues = self.recording.issues
        self.issues_by_ref = {i.key: i for i in issues} | {str(i.id): i for i in issues}

    def histories(self, ref: str) -> tuple[RecordedHistory, ...] | None:
        issue = self.issues_by_ref.get(ref)
        return self.recording.histories.get(str(issue.id) if issue else ref)


def server_info(site: RecordedSite, request: Request) -> dict:
    return site.server_info


def myself(site: RecordedSite, request: Request) -> dict:
    return site.myself


def fields(site: RecordedSite, request: Request) -> bytes:
    return site.fields


def boards(site: RecordedSite, request: Request) -> dict:
    start_at, max_results = agile_page(request)
    listed = site.boards if request.param("type") in (None, "", "scrum") else []
    return {
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(listed),
        "isLast": start_at + max_results >= len(listed),
        "values": listed[start_at : start_at + max_results],
    }


def board_configuration(site: RecordedSite, request: Request) -> dict:
    configuration = site.configurations.get(_board_id(request))
    if configuration is None:
        raise HttpError(404, BOARD_NOT_FOUND)
    return configuration


def board_sprints(site: RecordedSite, request: Request) -> bytes:
    board_id = _board_id(request)
    if board_id not in site.configurations:
        raise HttpError(404, BOARD_NOT_FOUND)
    start_at, max_results = agile_page(request)
    states = requested_states(request)
    sprints = site.recording.sprints.get(board_id, ())
    listed = [raw for raw in sprints if json.loads(raw)["state"] in states]
    head = {
        "maxResults": max_results,
        "startAt": start_at,
        "isLast": start_at + max_results >= len(listed),
    }
    page = ",".join(listed[start_at : start_at + max_results]).encode()
    return json_bytes(head)[:-1] + b',"values":[' + page + b"]}"


def sprint_report(site: RecordedSite, request: Request) -> dict:
    raise HttpError(404, SPRINT_REPORT_UNAVAILABLE)


def search_jql(site: RecordedSite, request: Request) -> bytes:
    return enhanced_search(
        request,
        page_size=site.search_page_size,
        tokens=site.tokens,
        time_zone=TIME_ZONE,
        find=lambda query, _: query.sorted([i for i in site.recording.issues if query.matches(i)]),
        render=_issues,
    )


def _issues(issues: Sequence[RecordedIssue], names: list[str], with_changelog: bool) -> bytes:
    """Each issue's recorded head and requested fields (those it has), text as recorded."""
    rendered = []
    for issue in issues:
        head = [f'"{name}":{raw}' for name, raw in issue.head.items()]
        chosen = [
            f"{json.dumps(n)}:{issue.fields[n]}" for n in dict.fromkeys(names) if n in issue.fields
        ]
        head.append('"fields":{' + ",".join(chosen) + "}")
        if with_changelog:
            head.append(f'"changelog":{issue.changelog}')
        rendered.append("{" + ",".join(head) + "}")
    return ",".join(rendered).encode()


def issue_changelog(site: RecordedSite, request: Request) -> bytes:
    histories = site.histories(request.path_params["issueIdOrKey"])
    if histories is None:
        raise HttpError(404, ISSUE_NOT_FOUND)
    raw = [history.raw.encode() for history in histories]
    return changelog_page(request, raw, f"{site.base_url}/rest/api/3", site.changelog_page_size)


def bulk_changelog(site: RecordedSite, request: Request) -> bytes:
    bulk = bulk_request(request, site.tokens)
    flat = []
    for ref in map(str, bulk.refs):
        issue = site.issues_by_ref.get(ref)
        for history in site.histories(ref) or ():
            if (text := history.only(bulk.field_ids)) is not None:
                flat.append((str(issue.id) if issue else ref, text.encode()))
    return bulk_page(bulk, flat, site.tokens)


def _board_id(request: Request) -> int:
    raw = request.path_params["boardId"]
    if not raw.isdigit():
        raise HttpError(404, BOARD_NOT_FOUND)
    return int(raw)
