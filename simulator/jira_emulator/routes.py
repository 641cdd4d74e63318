"""The emulator's route table: method + path template -> handler, per deployment.

Templates name path parameters in braces, as Atlassian's documentation does; they are
also the keys of `request_counts()` and what a `Fault(path=...)` names. Data Center
serves only API v2 and has no search/jql or bulkfetch; Cloud answers 410 on the retired
/search. A handler returns a JSON-able value or ready JSON bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.jira_emulator import agile_api, changelog_api, platform_api, search_api
from simulator.jira_emulator.request import Request
from simulator.jira_emulator.site import CLOUD, DATACENTER

# Takes the site the server was built with (a `Site`, or recorded data) and the request.
Handler = Callable[[Any, Request], object]
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


def platform(method: str, suffix: str, handler: Handler, deployments=BOTH) -> list[Route]:
    """The route under /rest/api/3 (Cloud only) and /rest/api/2."""
    return [
        Route(method, f"/rest/api/3{suffix}", handler, tuple(d for d in deployments if d == CLOUD)),
        Route(method, f"/rest/api/2{suffix}", handler, deployments),
    ]


def emulator_routes(deployment: str) -> list[Route]:
    """Every route a simulated organisation answers on one deployment type."""
    search = {CLOUD: search_api.search_gone, DATACENTER: search_api.search_classic}
    routes = [
        *platform("GET", "/serverInfo", platform_api.server_info),
        *platform("GET", "/myself", platform_api.myself),
        *platform("GET", "/field", platform_api.fields),
        *platform("GET", "/search/jql", search_api.search_jql, (CLOUD,)),
        *platform("POST", "/search/jql", search_api.search_jql, (CLOUD,)),
        *platform("POST", "/changelog/bulkfetch", changelog_api.bulk_changelog, (CLOUD,)),
        *platform("GET", "/issue/{issueIdOrKey}/changelog", changelog_api.issue_changelog),
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
    for method in ("GET", "POST"):
        routes += platform(method, "/search", search[deployment], (deployment,))
    return [route for route in routes if deployment in route.deployments]


class Router:
    def __init__(self, routes: list[Route]) -> None:
        self._routes = [(route, route.pattern) for route in routes]

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route, pattern in self._routes:
            if route.method == method and (match := pattern.match(path)):
                return route, match.groupdict()
        return None
