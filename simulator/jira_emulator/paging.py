"""Opaque page tokens, as Jira Cloud's nextPageToken: an offset bound to one query, that expires.

A token is base64 of {"offset", "query", "page", "epoch"}: "query" fingerprints the request
that issued it (presenting it with another query is a client bug: 400); "page" is the
emulator's page clock when it was issued and "epoch" the expiry generation. Real tokens
expire after a while; here expiry is deterministic and driven by tests through the fault
plan (`simulator.jira_emulator.faults`): `expire_all()` ends every token issued so far, and
`max_age_pages` ends a token once more than that many token-paged pages were served after it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading

from simulator.jira_emulator.request import HttpError

# Atlassian documents no wording for an expired token; this follows its errorMessages style.
EXPIRED_TOKEN = "The provided next page token is invalid or expired."


def fingerprint(*parts: object) -> str:
    canonical = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class PageTokens:
    """Issues and checks the tokens of every token-paged endpoint of one emulator."""

    def __init__(self) -> None:
        self.max_age_pages: int | None = None
        self._epoch = 0
        self._clock = 0  # pages served by token-paged endpoints
        self._lock = threading.Lock()

    def expire_all(self) -> None:
        with self._lock:
            self._epoch += 1

    def page_served(self, offset: int, query_fingerprint: str, *, more: bool) -> str | None:
        """Advance the page clock for one served page; the token of the next page if `more`."""
        with self._lock:
            self._clock += 1
            page, epoch = self._clock, self._epoch
        if not more:
            return None
        fields = {"offset": offset, "query": query_fingerprint, "page": page, "epoch": epoch}
        raw = json.dumps(fields, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def offset(self, token: str, query_fingerprint: str) -> int:
        """The offset a token points at; 400 when it is garbage, foreign or expired."""
        try:
            padded = token + "=" * (-len(token) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()))
            offset, issued_for = int(data["offset"]), data["query"]
            page, epoch = int(data["page"]), int(data["epoch"])
        except (ValueError, KeyError, TypeError):
            raise HttpError(400, f"The nextPageToken {token!r} is invalid.") from None
        if issued_for != query_fingerprint or offset < 0:
            raise HttpError(400, "The nextPageToken was issued for a different query.")
        with self._lock:
            age, current_epoch = self._clock - page, self._epoch
        too_old = self.max_age_pages is not None and age > self.max_age_pages
        if epoch != current_epoch or too_old:
            raise HttpError(400, EXPIRED_TOKEN, fault="expired-token")
        return offset
