"""A ready PyGithub client for github.com or GitHub Enterprise, polite and honest about failures.

Every request has a timeout; rate limits and server errors are retried with bounded waits
(retry.py); when X-RateLimit-Remaining falls to `reserve`, the client waits for the reset
before asking again rather than running into the limit. 401 and 403 fail naming the token's
environment variable and what it needs, never its value; a repository that is not there is
reported by name.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from github import Auth, Github, GithubException
from github.GithubException import (
    BadCredentialsException,
    RateLimitExceededExceedsMaxWait,
    RateLimitExceededException,
)
from github.GithubObject import GithubObject

from connectors.github.errors import GithubSourceError
from connectors.github.retry import BoundedGithubRetry, WaitStats

TRANSIENT_ERRORS = (requests.RequestException,)  # no answer: refused, timed out, cut off
NEEDED_ACCESS = (
    "read access to its contents, issues, pull requests and metadata (fine-grained token), "
    "or the repo scope (classic token), authorised for SSO where the organisation enforces it"
)


@dataclass
class GithubConnection:
    client: Github
    base_url: str
    token_hint: str  # e.g. "the token in GITHUB_TOKEN": what to check, never the token
    waits: WaitStats
    reserve: int = 10
    max_wait_seconds: float = 900.0
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0  # API calls made (each retry is counted in waits.retries)
    not_modified: int = 0  # conditional requests answered 304 (free of rate limit on GitHub)
    _wrapped: bool = field(default=False, repr=False)

    @property
    def requester(self):
        return self.client.requester

    def repo(self, full_name: str):
        # Lazy: no request until a list or a file of the repository is read.
        return self.client.get_repo(full_name)

    def get_json(self, path: str, *, etag: str | None = None, params: dict | None = None):
        """(status, headers, parsed body) of a GET; with `etag`, a conditional request whose
        304 answer costs no rate limit. Errors are left to the caller (status >= 400)."""
        headers = {"If-None-Match": etag} if etag else None
        status, answer_headers, body = self.requester.requestJson(
            "GET", path, parameters=params, headers=headers
        )
        data = None
        if body:
            try:
                data = json.loads(body)
            except ValueError:
                raise GithubSourceError(
                    f"{self.base_url}{path}: the answer was not JSON (is base_url the API root, "
                    "e.g. https://ghe.example.com/api/v3?)"
                ) from None
        return status, answer_headers, data

    def raise_for_status(self, status: int, headers: dict, data) -> None:
        """PyGithub's own exception for an error answer of `get_json` (see describe_failure)."""
        if status >= 400:
            raise self.requester.createException(status, headers, data or {})

    def watch(self) -> None:
        """Count every API call and pause before the primary limit runs out. PyGithub has no
        hook for this, so the requester's one JSON entry point is wrapped, on this instance
        only (every list page, file and object completion goes through it)."""
        if self._wrapped:
            return
        requester, original = self.requester, self.requester.requestJson

        def counted(*args: Any, **kwargs: Any):
            status, headers, body = original(*args, **kwargs)
            self.requests += 1
            self.not_modified += status == 304
            self._pause_before_the_limit(headers)
            return status, headers, body

        requester.requestJson = counted
        self._wrapped = True

    def _pause_before_the_limit(self, headers: dict) -> None:
        remaining, reset = headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset")
        if remaining is None or reset is None or int(float(remaining)) > self.reserve:
            return
        wait = max(0.0, float(reset) - time.time()) + 1
        if wait > self.max_wait_seconds:
            raise rate_limit_error(self.base_url, float(reset), self.max_wait_seconds)
        self.waits.waited(wait, rate_limit=True)
        self.sleep(wait)


def payload(obj: GithubObject) -> dict:
    """The JSON object GitHub delivered for `obj`. PyGithub's `raw_data` on an element of a
    list first re-reads the element from its own URL (one request per element), which is
    never needed here: the list page already holds the fields the warehouse keeps."""
    return obj._rawData


def connect(
    base_url: str,
    *,
    token: str,
    token_hint: str,
    timeout: int = 30,
    per_page: int = 100,
    min_seconds_between_requests: float = 0.25,
    max_wait_seconds: float = 900.0,
    secondary_wait_seconds: float = 60.0,
    reserve: int = 10,
    retries: int = 5,
    sleep: Callable[[float], None] = time.sleep,
) -> GithubConnection:
    """A client for `base_url` (https://api.github.com, or https://HOST/api/v3)."""
    waits = WaitStats()
    retry = BoundedGithubRetry(
        total=retries,
        backoff_factor=1.0,
        backoff_max=30.0,
        secondary_rate_wait=secondary_wait_seconds,
        max_rate_limit_wait=max_wait_seconds,
        sleep=sleep,
        stats=waits,
    )
    client = Github(
        base_url=base_url.rstrip("/"),
        auth=Auth.Token(token),
        timeout=timeout,
        per_page=per_page,
        retry=retry,
        seconds_between_requests=min_seconds_between_requests or None,
        lazy=True,
    )
    conn = GithubConnection(
        client=client,
        base_url=base_url.rstrip("/"),
        token_hint=token_hint,
        waits=waits,
        reserve=reserve,
        max_wait_seconds=max_wait_seconds,
        sleep=sleep,
    )
    conn.watch()
    return conn


def rate_limit_error(base_url: str, reset_epoch: float, max_wait: float) -> GithubSourceError:
    reset = datetime.fromtimestamp(reset_epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return GithubSourceError(
        f"{base_url}: the API rate limit is (nearly) spent until {reset}, longer than "
        f"max_rate_limit_wait_seconds ({max_wait:.0f} s); the sync stopped and the next run "
        "resumes where it stopped",
        status=403,
    )


def describe_failure(err: Exception, conn: GithubConnection, *, repo: str, what: str = ""):
    """The GithubSourceError for an exception met while reading `repo` (`what`: a path)."""
    where = f"{repo}{f' ({what})' if what else ''}"
    if isinstance(err, GithubSourceError):
        return err
    if isinstance(err, RateLimitExceededExceedsMaxWait):
        reset = (err.headers or {}).get("X-RateLimit-Reset") or (err.headers or {}).get(
            "x-ratelimit-reset"
        )
        wait = err.wait or conn.max_wait_seconds
        epoch = float(reset) if reset else time.time() + wait
        return rate_limit_error(conn.base_url, epoch, conn.max_wait_seconds)
    if isinstance(err, BadCredentialsException) or getattr(err, "status", None) == 401:
        return GithubSourceError(
            f"{conn.base_url}: HTTP 401 bad credentials while reading {where}: check "
            f"{conn.token_hint} (expired, revoked, or for another GitHub instance?)",
            repo=repo,
            status=401,
        )
    if isinstance(err, RateLimitExceededException):
        return GithubSourceError(
            f"{conn.base_url}: still rate limited after every retry while reading {where}; "
            "the next run resumes where this one stopped",
            repo=repo,
            status=err.status,
        )
    if isinstance(err, GithubException) and err.status == 403:
        message = (err.data or {}).get("message", "") if isinstance(err.data, dict) else ""
        return GithubSourceError(
            f"{where}: HTTP 403 {message or 'forbidden'}: {conn.token_hint} needs {NEEDED_ACCESS}",
            repo=repo,
            status=403,
        )
    if isinstance(err, GithubException) and err.status == 404:
        return GithubSourceError(
            f"{where}: HTTP 404 not found: check the repository name in maturity.toml and "
            f"that {conn.token_hint} can see it",
            repo=repo,
            status=404,
        )
    if isinstance(err, GithubException):
        return GithubSourceError(
            f"{where}: HTTP {err.status} from {conn.base_url} after every retry; try again "
            "later (the warehouse keeps its previous state)",
            repo=repo,
            status=err.status,
        )
    if isinstance(err, TRANSIENT_ERRORS):
        return GithubSourceError(
            f"{conn.base_url}: no answer while reading {where} after every retry "
            f"({type(err).__name__}); check base_url and the network",
            repo=repo,
        )
    raise err
