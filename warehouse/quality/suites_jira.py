"""Suites guarding every Jira staging model (warehouse/staging/jira_*.sql), checked right after
the models are built, inside the run's transaction.

Critical: what would make a sprint figure wrong without anyone noticing (a duplicate key counts
an issue twice; an unknown sprint state or status category, or a sprint completed before it
started, breaks the replay). Warning: what Jira itself allows and reports as entered (a negative
estimate, an issue resolved before it was created after an import): flagged, never blocking.
"""

from __future__ import annotations

from warehouse.quality.checks import WARNING, Suite, between, not_before, not_null, one_of, unique

SPRINT_STATES = ("future", "active", "closed")
# Jira's fixed status categories (statusCategory.key); "undefined" is "No Category".
STATUS_CATEGORIES = ("new", "indeterminate", "done", "undefined")
SPRINT_OUTCOMES = (
    "committed_completed",
    "committed_not_completed",
    "committed_removed",
    "added_completed",
    "added_not_completed",
    "added_removed",
    "completed_in_another_sprint",
)
ESTIMATE_WHY = (
    "Jira accepts a negative estimate and its sprint report sums it as entered; so do we, "
    "but it is almost always a typo"
)

JIRA_STAGING_SUITES: tuple[Suite, ...] = (
    Suite(
        "staging.jira_sources",
        "staging.jira_sources",
        (
            unique("source_name"),
            not_null(
                "sprint_field_id",
                severity=WARNING,
                why="without the Sprint field no issue can be placed in a sprint",
            ),
        ),
    ),
    Suite(
        "staging.jira_fields",
        "staging.jira_fields",
        (unique("source_name", "field_id"), not_null("field_id")),
    ),
    Suite(
        "staging.jira_tracked_fields",
        "staging.jira_tracked_fields",
        (unique("source_name", "field_key", "field_id"), not_null("field_id")),
    ),
    Suite("staging.jira_boards", "staging.jira_boards", (unique("source_name", "board_id"),)),
    Suite(
        "staging.jira_board_configs",
        "staging.jira_board_configs",
        (
            unique("source_name", "board_id", "valid_from"),
            not_before(
                "valid_to",
                "valid_from",
                why="a board configuration's validity must not end before it starts",
            ),
        ),
    ),
    Suite(
        "staging.jira_sprints",
        "staging.jira_sprints",
        (
            unique("source_name", "sprint_id"),
            one_of("state", SPRINT_STATES, why="the replay knows future, active and closed"),
            not_before(
                "completed_at",
                "started_at",
                why="the sprint window [start, completion] must not be inverted",
            ),
            not_before(
                "planned_end_at",
                "started_at",
                severity=WARNING,
                why="a sprint planned to end before it started distorts the cadence figures",
            ),
        ),
    ),
    Suite(
        "staging.jira_board_sprints",
        "staging.jira_board_sprints",
        (unique("source_name", "board_id", "sprint_id"),),
    ),
    Suite(
        "staging.jira_issue_payloads",
        "staging.jira_issue_payloads",
        (unique("source_name", "issue_id"), not_null("issue_key")),
    ),
    Suite(
        "staging.jira_issues",
        "staging.jira_issues",
        (
            unique("source_name", "issue_id"),
            unique("source_name", "issue_key", why="an issue key names one issue at a time"),
            not_null("created_at"),
            one_of(
                "status_category",
                STATUS_CATEGORIES,
                why="Jira's status categories are fixed: anything else is a parsing error",
            ),
            not_before(
                "resolved_at",
                "created_at",
                severity=WARNING,
                why="resolved before created happens only after imports; cycle times go negative",
            ),
        ),
    ),
    Suite(
        "staging.jira_issue_estimates",
        "staging.jira_issue_estimates",
        (
            unique("source_name", "issue_id", "field_id"),
            between("points", 0, severity=WARNING, why=ESTIMATE_WHY),
        ),
    ),
    Suite(
        "staging.jira_changelog_items",
        "staging.jira_changelog_items",
        (
            unique("source_name", "issue_id", "history_id", "item_seq"),
            not_null("changed_at", why="the replay orders every change by when it happened"),
        ),
    ),
    Suite(
        "staging.jira_field_changes",
        "staging.jira_field_changes",
        (
            unique("source_name", "issue_id", "history_id", "item_seq"),
            not_null("changed_at", why="the replay orders every change by when it happened"),
        ),
    ),
    Suite(
        "staging.jira_status_changes",
        "staging.jira_status_changes",
        (
            unique("source_name", "issue_id", "change_seq"),
            not_null("changed_at", why="the replay orders every change by when it happened"),
        ),
    ),
    Suite(
        "staging.jira_sprint_events",
        "staging.jira_sprint_events",
        (
            unique("source_name", "issue_id", "sprint_id", "event_key"),
            not_null("event_at", why="sprint entries and exits are replayed in time order"),
        ),
    ),
    Suite(
        "staging.jira_sprint_reports",
        "staging.jira_sprint_reports",
        (unique("source_name", "board_id", "sprint_id"),),
    ),
    Suite(
        "staging.jira_sprint_report_issues",
        "staging.jira_sprint_report_issues",
        (
            unique("source_name", "board_id", "sprint_id", "issue_id"),
            one_of("outcome", SPRINT_OUTCOMES, why="the sprint-report outcomes are a fixed set"),
            between("points_at_start", 0, severity=WARNING, why=ESTIMATE_WHY),
        ),
    ),
    Suite(
        "staging.raw_parse_watermarks",
        "staging.raw_parse_watermarks",
        (
            unique("raw_table", why="one parse watermark per raw table"),
            between("rows_seen", 0, why="a watermark counts rows: never negative"),
        ),
    ),
    Suite(
        "staging.jira_work_items",
        "staging.jira_work_items",
        (unique("source_name", "issue_id"), not_null("issue_key")),
    ),
    Suite(
        "staging.jira_work_markers",
        "staging.jira_work_markers",
        (
            unique("kind", "marker", "value_key"),
            one_of(
                "kind",
                ("discovery", "retro_action", "epic"),
                why="[evidence] marks discovery, retro actions and epics",
            ),
        ),
    ),
)
