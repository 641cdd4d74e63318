"""A ready `jira` client for Cloud or Data Center, polite and honest about failures.

Every request has a timeout; 429/502/503/504, timeouts and dropped connections are retried
with jittered backoff (see retry.py); at most `max_concurrency` requests are in flight per
host; 401/403 fail at once naming the credential to check (never its value); a malformed
answer fails with its URL.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from jira import JIRA, JIRAError

from connectors.jira.retry import RETRY_STATUSES, RetryPolicy

AGILE_BASE = "{server}/rest/agile/1.0/{path}"
GREENHOPPER_BASE = "{server}/rest/greenhopper/1.0/{path}"
TRANSIENT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)


class JiraSourceError(Exception):
    """A Jira request failed; the message names the URL and what to do, never a secret."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass
class RequestStats:
    requests: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, *, retry: bool = False, waited: float = 0.0) -> None:
        with self._lock:
            self.requests += 1
            self.retries += retry
            self.waited_seconds += waited


@dataclass
class JiraConnection:
    client: JIRA
    base_url: str
    deployment: str  # "cloud" or "datacenter"
    credential_hint: str = "the configured credentials"
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_concurrency: int = 4
    sleep: Callable[[float], None] = time.sleep
    stats: RequestStats = field(default_factory=RequestStats)

    def __post_init__(self) -> None:
        self._gate = threading.BoundedSemaphore(self.max_concurrency)
        self._stopped = threading.Event()

    def stop(self) -> None:
        """The sync ended (done or failed): read-ahead threads still waiting to retry give
        up at once instead of retrying on into whatever the process does next."""
        self._stopped.set()

    @property
    def api_version(self) -> str:
        return "3" if self.deployment == "cloud" else "2"

    def get(self, path: str, params: dict | None = None, *, base: str | None = None) -> Any:
        return self.request("GET", path, params=params, base=base)

    def post(self, path: str, body: dict, *, base: str | None = None) -> Any:
        return self.request("POST", path, json_body=body, base=base)

    def get_text(self, path: str, params: dict | None = None, *, base: str | None = None) -> str:
        """The answer's JSON text as delivered, unparsed (see post_text)."""
        return self.request("GET", path, params=params, base=base, as_text=True)

    def post_text(self, path: str, body: dict, *, base: str | None = None) -> str:
        """The answer's JSON text as delivered, unparsed: for pages that land whole and are
        parsed where it is cheapest (see history_pages.py)."""
        return self.request("POST", path, json_body=body, base=base, as_text=True)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict | None = None,
        json_body: dict | None = None,
        base: str | None = None,
        as_text: bool = False,
    ) -> Any:
        url = self._url(path, base)
        session = self.client._session
        for attempt in range(1, self.retry.max_attempts + 1):
            if attempt > 1 and self._stopped.is_set():
                raise JiraSourceError(f"{url}: not retried, the sync has stopped", url=url)
            is_last = attempt == self.retry.max_attempts
            try:
                with self._gate:
                    response = session.request(method, url, params=params, json=json_body)
            except TRANSIENT_ERRORS as err:
                self.stats.count(retry=attempt > 1)
                if is_last:
                    raise JiraSourceError(
                        f"{url}: no complete answer after {attempt} tries ({type(err).__name__});"
                        " check the url and the network; the warehouse keeps its previous state",
                        url=url,
                    ) from None
                self._wait(attempt, None)
                continue
            except JIRAError as err:  # the jira session raises for every status >= 400
                if err.response is None:
                    raise JiraSourceError(f"{url}: no answer", url=url) from None
                response = err.response
            self.stats.count(retry=attempt > 1)
            if response.status_code in RETRY_STATUSES and not is_last:
                self._wait(attempt, response.headers)
                continue
            if response.status_code >= 400:
                raise describe_http_failure(response.status_code, url, self.credential_hint)
            try:
                # JSON is UTF-8 (RFC 8259): decoding directly skips requests' charset guess.
                return response.content.decode("utf-8") if as_text else response.json()
            except ValueError:
                raise not_json(url) from None
        raise AssertionError("unreachable")

    def post_page(self, path: str, body: dict) -> tuple[Any, str]:
        """The answer parsed, and its text as delivered (to land whole, unencoded)."""
        text = self.post_text(path, body)
        try:
            return json.loads(text), text
        except ValueError:
            raise not_json(self._url(path, None)) from None

    def _url(self, path: str, base: str | None) -> str:
        base = base or "{server}/rest/api/" + self.api_version + "/{path}"
        return base.format(server=self.base_url, path=path)

    def _wait(self, attempt: int, headers) -> None:
        seconds = self.retry.delay(attempt, headers)
        self.stats.waited_seconds += seconds
        if self.sleep is time.sleep:
            self._stopped.wait(seconds)  # the same wait, cut short when the sync stops
        else:
            self.sleep(seconds)


def not_json(url: str) -> JiraSourceError:
    return JiraSourceError(
        f"{url}: the answer was not valid JSON (truncated, or not Jira?); the sync "
        "stopped and the warehouse keeps its previous good state",
        url=url,
    )


def describe_http_failure(status: int, url: str, credential_hint: str) -> JiraSourceError:
    hints = {
        400: "Jira refused the request (bad query or expired page token)",
        401: f"authentication failed: check {credential_hint}",
        403: f"forbidden: the account behind {credential_hint} lacks permission (Browse "
        "Projects, board access) or the token lacks scope",
        404: "not found: check the url, the board ids and that the account can see them",
        410: "this endpoint is gone on Jira Cloud: check deployment in maturity.toml",
    }
    if status in RETRY_STATUSES:
        hint = "Jira kept answering busy or failing after every retry; try again later"
    else:
        hint = hints.get(status, "Jira answered with an error")
    return JiraSourceError(f"{url}: HTTP {status}: {hint}", url=url, status=status)


def connect(
    url: str,
    *,
    token: str,
    email: str | None = None,
    deployment: str = "auto",
    timeout: float = 30.0,
    credential_hint: str = "the configured credentials",
    max_concurrency: int = 4,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> JiraConnection:
    """Authenticate and settle the deployment. Cloud: e-mail + API token (basic auth); Data
    Center: a personal access token (bearer). `auto` trusts serverInfo's deploymentType."""
    url = url.rstrip("/")
    use_basic = deployment == "cloud" or (deployment == "auto" and bool(email))
    if use_basic and not email:
        raise JiraSourceError(f"{url}: Jira Cloud needs an account e-mail: set email_env", url=url)
    auth: dict[str, Any] = {"basic_auth": (email, token)} if use_basic else {"token_auth": token}
    client = JIRA(
        server=url,
        options={"rest_api_version": "3" if use_basic else "2"},
        timeout=timeout,
        max_retries=0,
        get_server_info=False,
        validate=False,
        **auth,
    )
    conn = JiraConnection(
        client=client,
        base_url=url,
        deployment="cloud" if use_basic else "datacenter",
        credential_hint=credential_hint,
        retry=retry or RetryPolicy(),
        max_concurrency=max_concurrency,
        sleep=sleep,
    )
    info = conn.get("serverInfo", base="{server}/rest/api/2/{path}")
    detected = "cloud" if str(info.get("deploymentType", "")).lower() == "cloud" else "datacenter"
    if deployment not in ("auto", detected):
        raise JiraSourceError(
            f"{url}: maturity.toml says deployment = '{deployment}' but serverInfo reports "
            f"'{info.get('deploymentType')}'; set deployment = 'auto' or '{detected}'",
            url=url,
        )
    if detected == "cloud" and not use_basic:
        raise JiraSourceError(
            f"{url} is Jira Cloud, which needs the account e-mail with the API token: "
            "set email_env in maturity.toml and that variable in the environment",
            url=url,
        )
    conn.deployment = detected
    return conn
