"""JiraEmulator: a simulated organisation served over HTTP in Jira's REST dialect.

    with JiraEmulator(org) as jira:          # or jira = JiraEmulator(org).start(); jira.stop()
        JIRA(server=jira.url, basic_auth=(jira.email, jira.token))

The HTTP side (authentication, fault injection through `jira.faults`, the request log) is
`transport.EmulatedJira`'s. Between two syncs a test may remap a board's columns with
`set_board_columns`; the organisation is otherwise read-only while served, because issue
and history renderings are cached (`fragments.RenderCache`).
"""

from __future__ import annotations

from datetime import datetime

from simulator.jira_emulator.routes import Route, emulator_routes
from simulator.jira_emulator.site import CLOUD, DATACENTER, MAX_RESULT_WINDOW, Site
from simulator.jira_emulator.transport import EmulatedJira
from simulator.model import Columns, Organisation


class JiraEmulator(EmulatedJira):
    def __init__(
        self,
        org: Organisation,
        *,
        deployment: str = CLOUD,
        email: str = "sim@example.com",
        token: str = "sim-token",
        search_page_size: int = 100,
        changelog_page_size: int = 100,
        max_result_window: int = MAX_RESULT_WINDOW,
        prerender: bool = False,
    ) -> None:
        """`max_result_window`: Data Center's limit on startAt + maxResults (tests make it
        small to exercise date windows cheaply). `prerender`: render every issue field and
        history, and every closed sprint's report, at start(), so that even the first sync
        is served from cache (benchmarks)."""
        if deployment not in (CLOUD, DATACENTER):
            raise ValueError(f"deployment must be {CLOUD!r} or {DATACENTER!r}, not {deployment!r}")
        if max_result_window < 1:
            raise ValueError(f"max_result_window must be positive, not {max_result_window}")
        super().__init__(deployment=deployment, email=email, token=token)
        self.org = org
        self.search_page_size = search_page_size
        self.changelog_page_size = changelog_page_size
        self.max_result_window = max_result_window
        self.prerender = prerender

    def set_board_columns(
        self, board_id: int, columns: Columns, *, at: datetime | None = None
    ) -> None:
        """Remap a board's columns from `at` (default: the organisation's now) on.

        /configuration serves the new mapping from the next request; the old one stays in
        the board's history, so sprint reports of sprints completed before `at` keep it.
        Changes the organisation in place.
        """
        self.org.board(board_id).reconfigure(at or self.org.now, columns)
        if self._site is not None:
            self._site.sprint_reports.clear()  # computed with the old mapping

    def _routes(self) -> list[Route]:
        return emulator_routes(self.deployment)

    def _build_site(self, base_url: str) -> Site:
        site = Site(
            self.org,
            base_url=base_url,
            deployment=self.deployment,
            account_email=self.email,
            search_page_size=self.search_page_size,
            changelog_page_size=self.changelog_page_size,
            max_result_window=self.max_result_window,
            tokens=self.tokens,
        )
        if self.prerender:
            site.renders.warm(site.issues_by_key.values())
            site.warm_sprint_reports()
        return site
