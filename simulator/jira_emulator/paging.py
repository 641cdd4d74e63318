"""Opaque page tokens, as Jira Cloud's nextPageToken: an offset bound to one query.

A token is base64 of {"offset", "query"} where "query" fingerprints the request that
issued it; presenting it with a different query is a client bug and answers 400.
"""

from __future__ import annotations

import base64
import hashlib
import json

from simulator.jira_emulator.request import HttpError


def fingerprint(*parts: object) -> str:
    canonical = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_token(offset: int, query_fingerprint: str) -> str:
    raw = json.dumps({"offset": offset, "query": query_fingerprint}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, query_fingerprint: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        offset, issued_for = int(data["offset"]), data["query"]
    except (ValueError, KeyError, TypeError):
        raise HttpError(400, f"The nextPageToken {token!r} is invalid.") from None
    if issued_for != query_fingerprint or offset < 0:
        raise HttpError(400, "The nextPageToken was issued for a different query.")
    return offset
