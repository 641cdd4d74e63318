"""The emulator's route table: method + path template -> handler, per deployment.

Templates name path parameters in braces, as Atlassian's documentation does; they are
also the keys of `JiraEmulator.request_counts()`. Data Center serves only API v2 and has
no search/jql or bulkfetch; Cloud answers 410 on the retired /search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from simulator.jira_emulator import agile_api, platform_api
from simulator.jira_emulator.request import Request
from simulator.jira_emulator.site import CLOUD, DATACENTER, Site

Handler = Callable[[Site, Request], object]
BOTH = (CLOUD, DATACENTER)


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Handler
    deployments: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template) + "$")


def _platform(method: str, suffix: str, handler: Handler, deployments=BOTH) -> list[Route]:
    """The route under /rest/api/3 (Cloud only) and /rest/api/2."""
    return [
        Route(method, f"/rest/api/3{suffix}", handler, tuple(d for d in deployments if d == CLOUD)),
        Route(method, f"/rest/api/2{suffix}", handler, deployments),
    ]


def _routes() -> list[Route]:
    search = {CLOUD: platform_api.search_gone, DATACENTER: platform_api.search_classic}
    routes = [
        *_platform("GET", "/serverInfo", platform_api.server_info),
        *_platform("GET", "/myself", platform_api.myself),
        *_platform("GET", "/field", platform_api.fields),
        *_platform("GET", "/search/jql", platform_api.search_jql, (CLOUD,)),
        *_platform("POST", "/search/jql", platform_api.search_jql, (CLOUD,)),
        *_platform("POST", "/changelog/bulkfetch", platform_api.bulk_changelog, (CLOUD,)),
        *_platform("GET", "/issue/{issueIdOrKey}/changelog", platform_api.issue_changelog),
        Route("GET", "/rest/agile/1.0/board", agile_api.boards, BOTH),
        Route(
            "GET",
            "/rest/agile/1.0/board/{boardId}/configuration",
            agile_api.board_configuration,
            BOTH,
        ),
        Route("GET", "/rest/agile/1.0/board/{boardId}/sprint", agile_api.board_sprints, BOTH),
        Route(
            "GET",
            "/rest/greenhopper/1.0/rapid/charts/sprintreport",
            agile_api.sprint_report_chart,
            BOTH,
        ),
    ]
    for deployment, handler in search.items():
        for method in ("GET", "POST"):
            routes += _platform(method, "/search", handler, (deployment,))
    return routes


class Router:
    def __init__(self, deployment: str) -> None:
        self._routes = [
            (route, route.pattern) for route in _routes() if deployment in route.deployments
        ]

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route, pattern in self._routes:
            if route.method == method and (match := pattern.match(path)):
                return route, match.groupdict()
        return None
