"""What the emulator serves: the organisation plus the indexes and settings it needs.

Built once when the emulator starts (linear in the number of issues), then read by the
request threads. Mutable parts: a small cache of query results, the render cache and the
sprint reports' bytes (all safe to share), the page tokens, and board configurations changed
through the emulator (`JiraEmulator.set_board_columns`, which forgets the sprint reports).
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.jira_emulator.fragments import RenderCache
from simulator.jira_emulator.jql import JqlQuery
from simulator.jira_emulator.paging import PageTokens
from simulator.jira_emulator.request import json_bytes
from simulator.model import Issue, Organisation
from simulator.sprint_report import issues_by_sprint, sprint_report

CLOUD, DATACENTER = "cloud", "datacenter"
MAX_RESULT_WINDOW = 10_000  # Data Center's search platform limit on startAt + maxResults
_CACHED_RESULTS = 32  # a few boards synced in parallel, each a search and a bulkfetch


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
    max_result_window: int = MAX_RESULT_WINDOW
    tokens: PageTokens = field(default_factory=PageTokens)
    api_root: str = field(init=False)  # where nested `self` links point: v3 Cloud, v2 DC
    issues_by_key: dict[str, Issue] = field(init=False)
    issues_by_id: dict[str, Issue] = field(init=False)
    issues_by_project: dict[str, list[Issue]] = field(init=False)
    subtasks_by_parent: dict[str, list[Issue]] = field(init=False)
    sprint_candidates: dict[int, list[Issue]] = field(init=False)
    projects: dict[str, Project] = field(init=False)
    renders: RenderCache = field(init=False)
    _memo: OrderedDict[str, list] = field(init=False, default_factory=OrderedDict)
    # (board id, sprint id) -> the sprint report's JSON: computing one replays every issue
    # of the sprint (~8 ms), and a sync asks for each closed sprint's.
    sprint_reports: dict[tuple[int, int], bytes] = field(init=False, default_factory=dict)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.api_root = f"{self.base_url}/rest/api/{3 if self.is_cloud else 2}"
        visible = [issue for issue in self.org.issues if not issue.is_deleted]
        self.issues_by_key = {issue.key: issue for issue in visible}
        self.issues_by_id = {str(issue.id): issue for issue in visible}
        self.issues_by_project = defaultdict(list)
        self.subtasks_by_parent = defaultdict(list)
        for issue in visible:
            self.issues_by_project[issue.project_key.upper()].append(issue)
            if issue.parent_key:
                self.subtasks_by_parent[issue.parent_key].append(issue)
        self.sprint_candidates = issues_by_sprint(visible)
        self.projects = self._projects()
        self.renders = RenderCache(self)

    @property
    def is_cloud(self) -> bool:
        return self.deployment == CLOUD

    def issue(self, id_or_key: str) -> Issue | None:
        return self.issues_by_key.get(id_or_key) or self.issues_by_id.get(id_or_key)

    def subtasks_of(self, key: str) -> list[Issue]:
        return [i for i in self.subtasks_by_parent.get(key, ()) if i.is_subtask]

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

    def sprint_report(self, board_id: int, sprint_id: int) -> bytes:
        """The board's report of the sprint (raises SprintReportUnavailable), computed once."""
        data = self.sprint_reports.get((board_id, sprint_id))
        if data is None:
            issues = self.sprint_candidates.get(sprint_id, [])
            data = json_bytes(sprint_report(self.org, board_id, sprint_id, issues=issues))
            self.sprint_reports[(board_id, sprint_id)] = data
        return data

    def warm_sprint_reports(self) -> None:
        """Compute every closed sprint's report on each board listing it, ahead of requests."""
        for board in self.org.boards:
            for sprint_id in board.sprint_ids:
                if self.org.sprints[sprint_id].state == "closed":
                    self.sprint_report(board.id, sprint_id)

    def search(self, query: JqlQuery, query_fingerprint: str) -> list[Issue]:
        """Matching issues in the query's order; a project condition narrows the scan to
        those projects' issues, so a sync of many boards does not rescan the whole site."""

        def compute() -> list[Issue]:
            if query.projects is None:
                candidates = self.issues_by_key.values()
            else:
                by_project = self.issues_by_project
                candidates = [i for key in query.projects for i in by_project.get(key, [])]
            return query.sorted([issue for issue in candidates if query.matches(issue)])

        return self.memo(query_fingerprint, compute)

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
