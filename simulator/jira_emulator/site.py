"""What the emulator serves: the organisation plus the indexes and settings it needs.

Built once when the emulator starts (linear in the number of issues), then read by the
request threads; the only mutable part is a small result cache, guarded by a lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.jira_emulator.jql import JqlQuery
from simulator.model import Issue, Organisation
from simulator.sprint_report import issues_by_sprint

CLOUD, DATACENTER = "cloud", "datacenter"
_CACHED_RESULTS = 8


@dataclass(frozen=True)
class Project:
    id: str
    key: str
    name: str


@dataclass
class Site:
    org: Organisation
    base_url: str
    deployment: str
    account_email: str
    search_page_size: int
    changelog_page_size: int
    issues_by_key: dict[str, Issue] = field(init=False)
    issues_by_id: dict[str, Issue] = field(init=False)
    sprint_candidates: dict[int, list[Issue]] = field(init=False)
    projects: dict[str, Project] = field(init=False)
    _memo: OrderedDict[str, list] = field(init=False, default_factory=OrderedDict)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        visible = [issue for issue in self.org.issues if not issue.is_deleted]
        self.issues_by_key = {issue.key: issue for issue in visible}
        self.issues_by_id = {str(issue.id): issue for issue in visible}
        self.sprint_candidates = issues_by_sprint(visible)
        self.projects = self._projects()

    @property
    def is_cloud(self) -> bool:
        return self.deployment == CLOUD

    @property
    def api_root(self) -> str:
        """Where nested `self` links point: Cloud answers in v3, Data Center in v2."""
        return f"{self.base_url}/rest/api/{3 if self.is_cloud else 2}"

    def issue(self, id_or_key: str) -> Issue | None:
        return self.issues_by_key.get(id_or_key) or self.issues_by_id.get(id_or_key)

    def memo(self, key: str, compute: Callable[[], list]) -> list:
        """`compute()` cached under `key` (a query fingerprint): later pages of the same
        query are slices of one result, so paging through a query stays linear."""
        with self._lock:
            cached = self._memo.get(key)
            if cached is not None:
                self._memo.move_to_end(key)
                return cached
        result = compute()
        with self._lock:
            self._memo[key] = result
            while len(self._memo) > _CACHED_RESULTS:
                self._memo.popitem(last=False)
        return result

    def search(self, query: JqlQuery, query_fingerprint: str) -> list[Issue]:
        """Matching issues in the query's order."""
        return self.memo(
            query_fingerprint,
            lambda: query.sorted([i for i in self.issues_by_key.values() if query.matches(i)]),
        )

    def _projects(self) -> dict[str, Project]:
        """One project per board (named after its team), then any other issue's project."""
        team_of_board = {b: team.name for team in self.org.teams for b in team.board_ids}
        projects: dict[str, Project] = {}
        for board in self.org.boards:
            name = team_of_board.get(board.id, board.project_key)
            projects.setdefault(board.project_key, Project("", board.project_key, name))
        for issue in self.org.issues:
            projects.setdefault(
                issue.project_key, Project("", issue.project_key, issue.project_key)
            )
        return {
            key: Project(str(10000 + index), key, project.name)
            for index, (key, project) in enumerate(projects.items())
        }
