"""A ready `jira` client for Cloud or Data Center, and errors that say what to fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from jira import JIRA, JIRAError

AGILE_BASE = "{server}/rest/agile/1.0/{path}"
GREENHOPPER_BASE = "{server}/rest/greenhopper/1.0/{path}"


class JiraSourceError(Exception):
    """A Jira request failed; the message names the URL and what to do, never a secret."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass(frozen=True)
class JiraConnection:
    client: JIRA
    base_url: str
    deployment: str  # "cloud" or "datacenter"

    @property
    def api_version(self) -> str:
        return "3" if self.deployment == "cloud" else "2"

    def get(self, path: str, params: dict | None = None, *, base: str | None = None) -> Any:
        """GET a platform-API path (or one under `base`), translating failures."""
        return self._call(path, params, base=base, use_post=False)

    def post(self, path: str, body: dict, *, base: str | None = None) -> Any:
        return self._call(path, body, base=base, use_post=True)

    def _call(self, path: str, params: dict | None, *, base: str | None, use_post: bool) -> Any:
        base = base or "{server}/rest/api/" + self.api_version + "/{path}"
        url = base.format(server=self.base_url, path=path)
        try:
            return self.client._get_json(path, params=params, base=base, use_post=use_post)
        except JIRAError as err:
            raise describe_http_failure(err.status_code, err.url or url) from None
        except requests.RequestException as err:
            raise JiraSourceError(
                f"{url}: no answer ({type(err).__name__}); check the url in maturity.toml and "
                "that the instance is reachable from this machine",
                url=url,
            ) from None
        except ValueError:
            raise JiraSourceError(
                f"{url}: the answer was not valid JSON (truncated or not Jira?); "
                "the sync stopped and the warehouse keeps its previous state",
                url=url,
            ) from None


def describe_http_failure(status: int | None, url: str) -> JiraSourceError:
    hints = {
        401: "authentication failed: check the e-mail and API token (Cloud) or the personal "
        "access token (Data Center) named by email_env / token_env",
        403: "the account may not read this: give it Browse Projects (and board) permission",
        404: "not found: check the url, the board ids and that the account can see them",
        410: "this endpoint is gone on Jira Cloud: the deployment may be set wrong",
    }
    hint = hints.get(status or 0, "Jira answered with an error")
    return JiraSourceError(f"{url}: HTTP {status}: {hint}", url=url, status=status)


def connect(
    url: str,
    *,
    token: str,
    email: str | None = None,
    deployment: str = "auto",
    timeout: float = 30.0,
) -> JiraConnection:
    """Authenticate and settle the deployment: Cloud uses e-mail + API token (basic auth),
    Data Center a personal access token (bearer). `auto` trusts serverInfo's deploymentType."""
    url = url.rstrip("/")
    use_basic = deployment == "cloud" or (deployment == "auto" and email)
    if use_basic and not email:
        raise JiraSourceError(f"{url}: Jira Cloud needs an e-mail: set email_env", url=url)
    auth: dict[str, Any] = {"basic_auth": (email, token)} if use_basic else {"token_auth": token}
    try:
        client = JIRA(
            server=url,
            options={"rest_api_version": "3" if use_basic else "2", "verify": True},
            timeout=timeout,
            max_retries=0,
            get_server_info=False,
            validate=False,
            **auth,
        )
    except JIRAError as err:
        raise describe_http_failure(err.status_code, err.url or url) from None
    probe = JiraConnection(
        client=client, base_url=url, deployment="cloud" if use_basic else "datacenter"
    )
    info = probe.get("serverInfo", base="{server}/rest/api/2/{path}")
    detected = "cloud" if str(info.get("deploymentType", "")).lower() == "cloud" else "datacenter"
    if deployment != "auto" and deployment != detected:
        raise JiraSourceError(
            f"{url}: maturity.toml says deployment = '{deployment}' but serverInfo reports "
            f"'{info.get('deploymentType')}'; set deployment = 'auto' or '{detected}'",
            url=url,
        )
    return JiraConnection(client=client, base_url=url, deployment=detected)
