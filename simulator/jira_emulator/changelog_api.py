"""Changelog endpoints: one issue's histories by startAt, many issues' by bulkfetch token.

Limits mirror Jira Cloud: GET /issue/{key}/changelog pages of at most 100 histories,
oldest first; POST /changelog/bulkfetch takes at most 1000 issues and 10 field ids and
pages by nextPageToken at most 1000 histories at a time. Histories come from the render
cache as JSON bytes (`fragments.RenderCache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from simulator.jira_emulator.paging import PageTokens, fingerprint
from simulator.jira_emulator.request import HttpError, Request, json_bytes
from simulator.jira_emulator.site import Site

BULK_MAX_ISSUES = 1000
BULK_MAX_FIELDS = 10
BULK_MAX_HISTORIES = 1000
ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it."


def changelog_page(
    request: Request, histories: Sequence[bytes], self_root: str, page_size: int
) -> bytes:
    """A page of one issue's histories (oldest first) by startAt, at most `page_size`."""
    id_or_key = request.path_params["issueIdOrKey"]
    start_at = max(request.int_param("startAt", 0), 0)
    max_results = min(max(request.int_param("maxResults", 100), 1), page_size)
    head = {
        "self": f"{self_root}/issue/{id_or_key}/changelog?maxResults={max_results}"
        f"&startAt={start_at}",
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(histories),
        "isLast": start_at + max_results >= len(histories),
    }
    page = b",".join(histories[start_at : start_at + max_results])
    return json_bytes(head)[:-1] + b',"values":[' + page + b"]}"


@dataclass(frozen=True)
class BulkRequest:
    refs: list  # issue ids or keys, as given
    field_ids: frozenset[str] | None  # None: every field
    max_results: int
    offset: int
    token_query: str


def bulk_request(request: Request, tokens: PageTokens) -> BulkRequest:
    """The checked body of a POST changelog/bulkfetch, its page token resolved."""
    body = request.json()
    refs = body.get("issueIdsOrKeys")
    if not isinstance(refs, list) or not refs or len(refs) > BULK_MAX_ISSUES:
        raise HttpError(400, f"issueIdsOrKeys must list 1 to {BULK_MAX_ISSUES} issue ids or keys.")
    field_ids = body.get("fieldIds")
    if field_ids is not None and (
        not isinstance(field_ids, list) or len(field_ids) > BULK_MAX_FIELDS
    ):
        raise HttpError(400, f"fieldIds must list at most {BULK_MAX_FIELDS} field ids.")
    max_results = body.get("maxResults", BULK_MAX_HISTORIES)
    if not isinstance(max_results, int) or max_results < 1:
        raise HttpError(400, "maxResults must be a positive integer.")
    token_query = fingerprint("bulkfetch", refs, field_ids)
    token = body.get("nextPageToken")
    offset = tokens.offset(token, token_query) if token else 0
    wanted = frozenset(field_ids) if field_ids else None
    return BulkRequest(refs, wanted, min(max_results, BULK_MAX_HISTORIES), offset, token_query)


def bulk_page(bulk: BulkRequest, flat: Sequence[tuple[str, bytes]], tokens: PageTokens) -> bytes:
    """One page of (issue id, history) pairs, grouped by issue, with the next page's token."""
    end = bulk.offset + bulk.max_results
    # groupby: consecutive histories of one issue make one entry (C-speed grouping: this
    # page is the emulator's hottest loop in a sync)
    entries = b",".join(
        b'{"issueId":"'
        + issue_id.encode()
        + b'","changeHistories":['
        + b",".join(map(itemgetter(1), histories))
        + b"]}"
        for issue_id, histories in groupby(flat[bulk.offset : end], key=itemgetter(0))
    )
    next_token = tokens.page_served(end, bulk.token_query, more=end < len(flat))
    tail = b',"nextPageToken":' + json_bytes(next_token) if next_token else b""
    return b'{"issueChangeLogs":[' + entries + b"]" + tail + b"}"


def issue_changelog(site: Site, request: Request) -> bytes:
    issue = site.issue(request.path_params["issueIdOrKey"])
    if issue is None:
        raise HttpError(404, ISSUE_NOT_FOUND)
    histories = site.renders.histories(issue)
    return changelog_page(request, histories, site.api_root, site.changelog_page_size)


def bulk_changelog(site: Site, request: Request) -> bytes:
    bulk = bulk_request(request, site.tokens)
    flat = site.memo(
        bulk.token_query,
        lambda: [
            (str(issue.id), history)
            for issue in filter(None, (site.issue(str(ref)) for ref in bulk.refs))
            for history in site.renders.histories(issue, bulk.field_ids)
        ],
    )
    return bulk_page(bulk, flat, site.tokens)
