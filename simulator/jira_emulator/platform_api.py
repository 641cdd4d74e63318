"""Jira platform REST endpoints (/rest/api/2 and /3): server, user, fields, search, changelogs.

Each handler takes the Site and the Request and returns the JSON body, or raises
HttpError. Limits mirror Jira Cloud: search/jql pages by opaque nextPageToken (no total),
bulkfetch takes at most 1000 issues and 10 field ids and pages histories by token.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.jira_emulator.changelog import embedded_changelog, history_list
from simulator.jira_emulator.jql import JqlError, JqlQuery, parse_jql
from simulator.jira_emulator.paging import decode_token, encode_token, fingerprint
from simulator.jira_emulator.render import FIELD_RENDERERS, issue_json, person
from simulator.jira_emulator.request import HttpError, Request
from simulator.jira_emulator.site import Site
from simulator.jira_format import offset_millis
from simulator.model import ESTIMATE_FIELD_ID, RANK_FIELD_ID, SPRINT_FIELD_ID, Issue

DEFAULT_SEARCH_RESULTS = 50
BULK_MAX_ISSUES = 1000
BULK_MAX_FIELDS = 10
BULK_MAX_HISTORIES = 1000
SEARCH_GONE = (
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
    "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"
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


def _custom_field(field_id: str, name: str, schema: dict) -> dict:
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


def fields(site: Site, request: Request) -> list[dict]:
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
        _custom_field(
            SPRINT_FIELD_ID,
            "Sprint",
            {"type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint"},
        ),
        _custom_field(
            ESTIMATE_FIELD_ID,
            "Story point estimate",
            {
                "type": "number",
                "custom": "com.atlassian.jira.plugin.system.customfieldtypes:jsw-story-points",
            },
        ),
        _custom_field(
            RANK_FIELD_ID,
            "Rank",
            {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-lexo-rank"},
        ),
    ]


@dataclass(frozen=True)
class _SearchArgs:
    jql: str
    fields: list[str] | None  # None: not given
    expand: list[str]
    max_results: int
    next_page_token: str | None
    start_at: int


def _as_list(value: object) -> list[str] | None:
    """A JSON body may give a list or a comma-separated string."""
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else value
    if not isinstance(parts, list):
        raise HttpError(400, f"Expected a list or a comma-separated string, got {value!r}.")
    return [str(part).strip() for part in parts if str(part).strip()]


def _search_args(site: Site, request: Request) -> _SearchArgs:
    """Search parameters from the query string (GET) or the JSON body (POST)."""
    if request.method == "POST":
        body = request.json()
        jql, token = body.get("jql") or "", body.get("nextPageToken")
        requested, expand = _as_list(body.get("fields")), _as_list(body.get("expand"))
        max_results = body.get("maxResults", DEFAULT_SEARCH_RESULTS)
        start_at = body.get("startAt", 0)
    else:
        jql, token = request.param("jql") or "", request.param("nextPageToken")
        requested, expand = request.list_param("fields"), request.list_param("expand")
        max_results = request.int_param("maxResults", DEFAULT_SEARCH_RESULTS)
        start_at = request.int_param("startAt", 0)
    for value in (max_results, start_at):
        if not isinstance(value, int) or value < 0:
            raise HttpError(400, "maxResults and startAt must be non-negative integers.")
    for name in requested or []:
        if name.startswith("*"):
            raise HttpError(
                400,
                f"fields={name} is not served by this emulator: list the fields you read "
                "(e.g. fields=summary,status,updated).",
            )
    return _SearchArgs(
        jql, requested, expand or [], min(max_results, site.search_page_size), token, start_at
    )


def _parsed(site: Site, jql: str) -> JqlQuery:
    try:
        return parse_jql(jql, site.org.time_zone)
    except JqlError as error:
        raise HttpError(400, str(error)) from None


def _issue(site: Site, issue: Issue, fields: list[str], expand: list[str]) -> dict:
    changelog = embedded_changelog(site, issue) if "changelog" in expand else None
    return issue_json(site, issue, fields, changelog)


def search_jql(site: Site, request: Request) -> dict:
    """Cloud's enhanced search: nextPageToken / isLast, no total, bounded JQL only."""
    args = _search_args(site, request)
    query = _parsed(site, args.jql)
    if not query.is_bounded:
        raise HttpError(
            400,
            "Unbounded JQL queries are not allowed here. Please add a search restriction to "
            "your query.",
        )
    token_query = fingerprint("search/jql", args.jql, args.fields, args.expand)
    offset = decode_token(args.next_page_token, token_query) if args.next_page_token else 0
    matches = site.search(query, fingerprint("jql", args.jql))
    end = offset + max(args.max_results, 1)  # a page of 0 would hand back the same token
    body: dict = {
        "issues": [
            _issue(site, issue, args.fields or [], args.expand) for issue in matches[offset:end]
        ],
    }
    if end < len(matches):
        body["nextPageToken"] = encode_token(end, token_query)
    body["isLast"] = end >= len(matches)
    return body


def search_gone(site: Site, request: Request) -> dict:
    raise HttpError(410, SEARCH_GONE)


def search_classic(site: Site, request: Request) -> dict:
    """Data Center's search: startAt / maxResults / total; navigable fields by default."""
    args = _search_args(site, request)
    matches = site.search(_parsed(site, args.jql), fingerprint("jql", args.jql))
    chosen = list(FIELD_RENDERERS) if args.fields is None else args.fields
    page = matches[args.start_at : args.start_at + args.max_results]
    return {
        "expand": "schema,names",
        "startAt": args.start_at,
        "maxResults": args.max_results,
        "total": len(matches),
        "issues": [_issue(site, issue, chosen, args.expand) for issue in page],
    }


def issue_changelog(site: Site, request: Request) -> dict:
    """One issue's histories, oldest first, in pages of at most changelog_page_size."""
    id_or_key = request.path_params["issueIdOrKey"]
    issue = site.issue(id_or_key)
    if issue is None:
        raise HttpError(404, "Issue does not exist or you do not have permission to see it.")
    start_at = max(request.int_param("startAt", 0), 0)
    max_results = min(max(request.int_param("maxResults", 100), 1), site.changelog_page_size)
    histories = history_list(site, issue)
    return {
        "self": f"{site.api_root}/issue/{id_or_key}/changelog?maxResults={max_results}"
        f"&startAt={start_at}",
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(histories),
        "isLast": start_at + max_results >= len(histories),
        "values": histories[start_at : start_at + max_results],
    }


def bulk_changelog(site: Site, request: Request) -> dict:
    """POST changelog/bulkfetch: histories of many issues, paged by history count."""
    body = request.json()
    ids = body.get("issueIdsOrKeys")
    if not isinstance(ids, list) or not ids or len(ids) > BULK_MAX_ISSUES:
        raise HttpError(400, f"issueIdsOrKeys must list 1 to {BULK_MAX_ISSUES} issue ids or keys.")
    field_ids = body.get("fieldIds")
    if field_ids is not None and (
        not isinstance(field_ids, list) or len(field_ids) > BULK_MAX_FIELDS
    ):
        raise HttpError(400, f"fieldIds must list at most {BULK_MAX_FIELDS} field ids.")
    max_results = body.get("maxResults", BULK_MAX_HISTORIES)
    if not isinstance(max_results, int) or max_results < 1:
        raise HttpError(400, "maxResults must be a positive integer.")
    max_results = min(max_results, BULK_MAX_HISTORIES)
    token_query = fingerprint("bulkfetch", ids, field_ids)
    token = body.get("nextPageToken")
    offset = decode_token(token, token_query) if token else 0
    wanted = set(field_ids) if field_ids else None
    flat = site.memo(
        token_query,
        lambda: [
            (str(issue.id), history)
            for issue in filter(None, (site.issue(str(id_or_key)) for id_or_key in ids))
            for history in history_list(site, issue, wanted)
        ],
    )
    page = flat[offset : offset + max_results]
    logs: list[dict] = []
    for issue_id, history in page:
        if not logs or logs[-1]["issueId"] != issue_id:
            logs.append({"issueId": issue_id, "changeHistories": []})
        logs[-1]["changeHistories"].append(history)
    response: dict = {"issueChangeLogs": logs}
    if offset + max_results < len(flat):
        response["nextPageToken"] = encode_token(offset + max_results, token_query)
    return response
