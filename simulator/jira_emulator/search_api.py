"""Issue search: Cloud's /search/jql (token-paged) and Data Center's /search (startAt/total).

Cloud's enhanced search pages by opaque nextPageToken and gives no total; the old
/rest/api/{2,3}/search answers 410 there. Data Center's search pages by startAt, counts
`total` (`maxResults=0` asks for the count alone), and refuses to look past its search
platform's result window (`Site.max_result_window`, 10,000 by default): a connector must
split large syncs into `created` windows. Pages are joined from cached JSON fragments.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.jira_emulator.jql import JqlError, JqlQuery, parse_jql
from simulator.jira_emulator.paging import PageTokens, fingerprint
from simulator.jira_emulator.render import FIELD_RENDERERS
from simulator.jira_emulator.request import HttpError, Request, json_bytes
from simulator.jira_emulator.site import Site

DEFAULT_SEARCH_RESULTS = 50
SEARCH_GONE = (
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
    "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"
)


@dataclass(frozen=True)
class SearchArgs:
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


def search_args(request: Request, page_size: int) -> SearchArgs:
    """Search parameters from the query string (GET) or the JSON body (POST); maxResults
    is capped at `page_size`, as Jira caps it silently."""
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
    return SearchArgs(jql, requested, expand or [], min(max_results, page_size), token, start_at)


def parsed(jql: str, time_zone: str) -> JqlQuery:
    try:
        return parse_jql(jql, time_zone)
    except JqlError as error:
        raise HttpError(400, str(error)) from None


# find(query, query fingerprint) -> matches in order; render(issues, fields, with changelog)
Finder = Callable[[JqlQuery, str], Sequence]
Renderer = Callable[[Sequence, list[str], bool], bytes]


def enhanced_search(
    request: Request,
    *,
    page_size: int,
    tokens: PageTokens,
    time_zone: str,
    find: Finder,
    render: Renderer,
) -> bytes:
    """Cloud's search/jql over any collection of issues: nextPageToken / isLast, no total,
    bounded JQL only. Shared by the emulator and the recorded site."""
    args = search_args(request, page_size)
    query = parsed(args.jql, time_zone)
    if not query.is_bounded:
        raise HttpError(
            400,
            "Unbounded JQL queries are not allowed here. Please add a search restriction to "
            "your query.",
        )
    token_query = fingerprint("search/jql", args.jql, args.fields, args.expand)
    offset = tokens.offset(args.next_page_token, token_query) if args.next_page_token else 0
    matches = find(query, fingerprint("jql", args.jql))
    end = offset + max(args.max_results, 1)  # a page of 0 would hand back the same token
    token = tokens.page_served(end, token_query, more=end < len(matches))
    page = render(matches[offset:end], args.fields or [], "changelog" in args.expand)
    tail = {"nextPageToken": token, "isLast": False} if token else {"isLast": True}
    return b'{"issues":[' + page + b"]," + json_bytes(tail)[1:]


def search_jql(site: Site, request: Request) -> bytes:
    return enhanced_search(
        request,
        page_size=site.search_page_size,
        tokens=site.tokens,
        time_zone=site.org.time_zone,
        find=site.search,
        render=lambda issues, fields, changelog: site.renders.issues(
            issues, fields, changelog=changelog
        ),
    )


def search_gone(site: Site, request: Request) -> dict:
    raise HttpError(410, SEARCH_GONE)


def search_classic(site: Site, request: Request) -> bytes:
    """Data Center's search: startAt / maxResults / total; navigable fields by default."""
    args = search_args(request, site.search_page_size)
    if args.start_at + args.max_results > site.max_result_window:
        raise _window_exceeded(site, args)
    matches = site.search(parsed(args.jql, site.org.time_zone), fingerprint("jql", args.jql))
    chosen = list(FIELD_RENDERERS) if args.fields is None else args.fields
    page = matches[args.start_at : args.start_at + args.max_results]
    head = {
        "expand": "schema,names",
        "startAt": args.start_at,
        "maxResults": args.max_results,
        "total": len(matches),
    }
    issues = site.renders.issues(page, chosen, changelog="changelog" in args.expand)
    return json_bytes(head)[:-1] + b',"issues":[' + issues + b"]}"


def _window_exceeded(site: Site, args: SearchArgs) -> HttpError:
    """Jira DC's answer past the search platform limit: a 500 in its generic error shape
    (Atlassian KB "Handling JQL REST API searching exceeding max_result_window in Jira")."""
    requested, limit = args.start_at + args.max_results, site.max_result_window
    message = (
        f"Search limit exceeded. We couldn't complete your search because it requests "
        f"{requested:,} results which exceeded the search platform limit of {limit:,}. Try "
        "refining your query or contact your Jira administrator. Repeating the same search may "
        "not work."
    )
    digest = hashlib.sha256(f"{args.jql}/{args.start_at}".encode()).hexdigest()
    referral = uuid.UUID(hex=digest[:32])
    trace = f"Please contact your admin passing attached Log's referral number: {referral}"
    body = {"message": message, "status-code": 500, "stack-trace": trace}
    return HttpError(500, message, body=body)
