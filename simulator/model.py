"""The simulated organisation as plain data: the ground truth the emulators serve.

Everything here is *truth*: what really happened, event by event. The emulators render
it in the shapes Atlassian documents; the sprint report in `simulator.sprint_report`
computes Jira's figures from it directly. Nothing in the product imports this module.

Times are timezone-aware UTC datetimes. An issue's tracked fields (sprint membership,
status, estimate) start at their `initial_*` value when the issue is created and change
only through `changes`, which are kept in chronological order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

SPRINT_FIELD_ID = "customfield_10020"
# Number fields a launch issue carries: its first-quarter adoption target and what it reached.
ADOPTION_TARGET_FIELD_ID = "customfield_10070"
ADOPTION_ACTUAL_FIELD_ID = "customfield_10071"
ESTIMATE_FIELD_ID = "customfield_10016"
RANK_FIELD_ID = "customfield_10019"
EPIC_LINK_FIELD_ID = "customfield_10014"  # Data Center's Epic Link; Cloud uses `parent`

# The tracked fields an issue's history can change.
SPRINT = "sprint"
STATUS = "status"
ESTIMATE = "estimate"
TRACKED_FIELDS = (SPRINT, STATUS, ESTIMATE)


@dataclass(frozen=True)
class Status:
    id: str
    name: str
    category: str  # Jira's statusCategory key: "new", "indeterminate" or "done"


DEFAULT_STATUSES = (
    Status("10000", "To Do", "new"),
    Status("10001", "In Progress", "indeterminate"),
    Status("10002", "In Review", "indeterminate"),
    Status("10003", "Done", "done"),
)


@dataclass(frozen=True)
class Change:
    """One change of one tracked field, as it happened.

    `before`/`after`: for SPRINT a tuple of sprint ids (in the order Jira shows them),
    for STATUS a status id, for ESTIMATE a float or None.
    """

    at: datetime
    field: str
    before: object
    after: object


@dataclass
class Issue:
    id: int
    key: str
    project_key: str
    issue_type: str  # "Story", "Bug", "Task", "Sub-task", "Epic" or "Launch"
    summary: str
    created_at: datetime
    initial_status: str
    initial_sprints: tuple[int, ...] = ()
    initial_estimate: float | None = None
    changes: list[Change] = field(default_factory=list)
    parent_key: str | None = None
    labels: tuple[str, ...] = ()
    is_deleted: bool = False
    # Launch issues only (simulator.launch_issues): the planned date, the owning team as a
    # component, and custom field values by field id.
    due_date: date | None = None
    components: tuple[str, ...] = ()
    custom_values: dict[str, object] = field(default_factory=dict)

    @property
    def is_subtask(self) -> bool:
        return self.issue_type == "Sub-task"

    def initial_value(self, field_name: str) -> object:
        return {
            SPRINT: self.initial_sprints,
            STATUS: self.initial_status,
            ESTIMATE: self.initial_estimate,
        }[field_name]

    def value_at(self, field_name: str, at: datetime) -> object:
        """The field's value after every change made at or before `at`."""
        value = self.initial_value(field_name)
        for change in self.changes:
            if change.at > at:
                break
            if change.field == field_name:
                value = change.after
        return value

    def current(self, field_name: str) -> object:
        value = self.initial_value(field_name)
        for change in self.changes:
            if change.field == field_name:
                value = change.after
        return value

    @property
    def updated_at(self) -> datetime:
        return self.changes[-1].at if self.changes else self.created_at


@dataclass
class Sprint:
    id: int
    name: str
    origin_board_id: int
    state: str  # "future", "active" or "closed"
    start_at: datetime | None = None
    end_at: datetime | None = None  # planned end
    complete_at: datetime | None = None
    activated_at: datetime | None = None  # Data Center's actual start, when it differs
    goal: str = ""

    @property
    def actual_start_at(self) -> datetime | None:
        return self.activated_at or self.start_at


Columns = list[tuple[str, tuple[str, ...]]]


@dataclass
class Board:
    id: int
    name: str
    project_key: str
    # Columns left to right: (column name, status ids mapped to it). Jira's Done column
    # is the last column that has statuses.
    columns: Columns
    # Every sprint the board lists, its own and those shared from other boards (a shared
    # sprint keeps its origin_board_id).
    sprint_ids: list[int] = field(default_factory=list)
    estimate_field_id: str = ESTIMATE_FIELD_ID
    filter_id: int = 0
    # Configurations replaced by `reconfigure`, oldest first: (in effect until, columns).
    former_columns: list[tuple[datetime, Columns]] = field(default_factory=list)

    def columns_at(self, at: datetime) -> Columns:
        """The column mapping in effect at `at` (a reconfiguration applies from its instant)."""
        for until, columns in self.former_columns:
            if at < until:
                return columns
        return self.columns

    def done_status_ids_at(self, at: datetime) -> tuple[str, ...]:
        """The statuses of the Done column (the last column with statuses) in effect at `at`."""
        with_statuses = [statuses for _, statuses in self.columns_at(at) if statuses]
        return with_statuses[-1] if with_statuses else ()

    def reconfigure(self, at: datetime, columns: Columns) -> None:
        """Map the columns anew from `at` on, keeping the old mapping for earlier instants."""
        if self.former_columns and at < self.former_columns[-1][0]:
            raise ValueError(
                f"board {self.id}: a reconfiguration at {at} would precede the one at "
                f"{self.former_columns[-1][0]}; reconfigure in chronological order"
            )
        self.former_columns.append((at, self.columns))
        self.columns = list(columns)


@dataclass
class Team:
    name: str
    board_ids: list[int]
    true_level: int  # 1..5: the maturity level the team was generated at
    profile: str = ""


@dataclass
class Organisation:
    name: str
    now: datetime
    teams: list[Team]
    boards: list[Board]
    sprints: dict[int, Sprint]
    issues: list[Issue]
    statuses: tuple[Status, ...] = DEFAULT_STATUSES
    time_zone: str = "Europe/Berlin"  # the account's zone: JQL dates and changelog offsets
    seed: int = 0
    # Customer-feedback items (simulator.work_evidence.FeedbackItem), for the feedback export.
    feedback: list = field(default_factory=list)

    def board(self, board_id: int) -> Board:
        return next(b for b in self.boards if b.id == board_id)

    def status(self, status_id: str) -> Status:
        return self._statuses_by_id[status_id]

    @cached_property
    def _statuses_by_id(self) -> dict[str, Status]:
        """Built on first use: every rendered status and changelog item looks one up."""
        return {status.id: status for status in self.statuses}
