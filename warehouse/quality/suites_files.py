"""Suites for exported files (surveys, launch checklists, outcome metrics), as code.

`*_ROWS` suites check the rows of a file before they land (frame_runner.validate_frame):
critical checks refuse the source's new files (a column the mapping names is missing, a column
that is mostly not numbers or dates: a wrong mapping); warning checks send the failing
rows to meta.quarantine with the check's `why` as the reason, and the rest land.
`FILE_STAGING_SUITES` guard the staging models built from raw (runner.validate), like every
other source's staging suites.
"""

from __future__ import annotations

from warehouse.quality.checks import (
    CRITICAL,
    WARNING,
    Check,
    Suite,
    between,
    not_before,
    not_null,
    unique,
)

SURVEY_HOURS = (
    "total_hours",
    "meeting_coordination_hours",
    "reporting_hours",
    "tool_research_hours",
    "process_design_hours",
)
HOURS_IN_A_WEEK = 168


def columns_present(kind: str) -> Check:
    """File level: every row carries what its file lacks (`missing_columns`), None if nothing;
    so one check over many files names the file that lacks a column."""
    return Check(
        "ExpectColumnValuesToBeNull",
        {"column": "missing_columns"},
        CRITICAL,
        f"the export lacks a column this source needs: name it under [sources.{kind}.columns]",
        "columns_present",
    )


def readable(field: str, what: str) -> Check:
    """Row level: a cell that is not blank must read as `what` (its text is kept otherwise)."""
    return Check(
        "ExpectColumnValuesToBeNull",
        {"column": f"{field}_unreadable"},
        WARNING,
        f"not {what}",
        "readable",
    )


def mostly_readable(field: str, what: str) -> Check:
    """File level: when most cells of a column are not `what`, the mapping is wrong."""
    return Check(
        "ExpectColumnValuesToBeNull",
        {"column": f"{field}_unreadable", "mostly": 0.5},
        CRITICAL,
        f"most cells are not {what}: does the mapping name the right column?",
        "mostly_readable",
    )


def _hours_checks() -> tuple[Check, ...]:
    checks: list[Check] = []
    for field in SURVEY_HOURS:
        checks += [
            mostly_readable(field, "a number of hours"),
            readable(field, "a number of hours"),
            between(
                field,
                0,
                HOURS_IN_A_WEEK,
                severity=WARNING,
                why=f"hours per week must be between 0 and {HOURS_IN_A_WEEK}",
            ),
        ]
    return tuple(checks)


SURVEY_ROWS = Suite(
    "files.survey_responses",
    "raw.survey_responses",
    (
        columns_present("surveys"),
        mostly_readable("submitted_at", "a date"),
        readable("submitted_at", "a date"),
        *_hours_checks(),
        Check(
            "ExpectColumnValuesToBeBetween",
            {"column": "total_hours", "min_value": 0, "strict_min": True},
            WARNING,
            "total hours worked must be above 0",
            "positive",
        ),
        Check(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {
                "column_A": "total_hours",
                "column_B": "overhead_hours",
                "or_equal": True,
                "ignore_row_if": "either_value_is_missing",
            },
            WARNING,
            "the overhead hours add up to more than the total hours worked",
            "overhead_within_total",
        ),
        Check(
            "ExpectColumnValuesToBeUnique",
            # respondent_wave numbers each (file, respondent, wave); null without a respondent
            # (two blank respondents are not the same person). One integer column: GX's
            # compound-column check on a million hashes costs seconds and half a gigabyte.
            {"column": "respondent_wave"},
            WARNING,
            "the same respondent answered twice in one wave",
            "unique",
        ),
    ),
)

LAUNCH_ROWS = Suite(
    "files.launches",
    "raw.launches",
    (
        columns_present("launches"),
        not_null("launch_id", severity=WARNING, why="the launch has no id"),
        not_null(
            "team",
            severity=WARNING,
            why="the launch names no team (set `team` on the source for a team's own folder)",
        ),
        unique("file_index", "launch_id", severity=WARNING, why="the launch id appears twice"),
        mostly_readable("planned_date", "a date"),
        readable("planned_date", "a date (a release name? give it a date under milestone_dates)"),
        readable("actual_date", "a date"),
        readable("adoption_target", "a number"),
        readable("adoption_actual", "a number"),
        between("adoption_target", 0, severity=WARNING, why="an adoption target is not negative"),
        between("adoption_actual", 0, severity=WARNING, why="adoption is not negative"),
        Check(
            "ExpectColumnValuesToBeNull",
            {"column": "conflict"},
            WARNING,
            "the rows of one launch disagree on its fields",
            "consistent",
        ),
    ),
)

ITEM_ROWS = Suite(
    "files.launch_items",
    "raw.launch_items",
    (
        not_null("item_name", severity=WARNING, why="a checklist item has no text"),
        readable("is_done", "a done flag (x, yes, true, done or a date; blank, no, false)"),
        readable("done_date", "a date"),
    ),
)

OUTCOME_ROWS = Suite(
    "files.outcome_metrics",
    "raw.outcome_metrics",
    (
        columns_present("outcomes"),
        mostly_readable("metric_date", "a date"),
        readable("metric_date", "a date"),
        not_null("metric_date", severity=WARNING, why="the row has no date"),
        not_null("metric", severity=WARNING, why="the row names no metric"),
        mostly_readable("value", "a number"),
        readable("value", "a number"),
        not_null("value", severity=WARNING, why="the row has no value"),
        Check(
            "ExpectCompoundColumnsToBeUnique",
            {
                "column_list": ["file_index", "metric", "metric_date", "team_key"],
                "ignore_row_if": "never",
            },
            WARNING,
            "the same metric, date and team appear twice",
            "unique",
        ),
    ),
)

FEEDBACK_ROWS = Suite(
    "files.feedback_items",
    "raw.feedback_items",
    (
        columns_present("feedback"),
        not_null("feedback_id", severity=WARNING, why="the feedback item has no id"),
        unique("file_index", "feedback_id", severity=WARNING, why="the feedback id appears twice"),
        mostly_readable("received_date", "a date"),
        readable("received_date", "a date"),
        not_null("received_date", severity=WARNING, why="the feedback item has no date"),
        readable("jira_keys", "a list of Jira keys (e.g. PAY-12, PAY-40)"),
    ),
)

FILE_STAGING_SUITES: tuple[Suite, ...] = (
    Suite(
        "staging.file_versions",
        "staging.file_versions",
        (unique("source_kind", "source_name", "file_path", "file_sha256"), not_null("file_path")),
    ),
    Suite(
        "staging.survey_responses",
        "staging.survey_responses",
        (
            unique("source_name", "file_path", "row_number"),
            not_null("submitted_at"),
            between("overhead_hours", 0, HOURS_IN_A_WEEK, why="hours in a week"),
            not_before(
                "total_hours",
                "overhead_hours",
                why="overhead is part of the hours worked (checked at load)",
            ),
        ),
    ),
    Suite(
        "staging.launches",
        "staging.launches",
        (unique("source_name", "launch_id"), not_null("launch_id")),
    ),
    Suite(
        "staging.launch_items",
        "staging.launch_items",
        (unique("source_name", "launch_id", "item_position"),),
    ),
    Suite(
        "staging.jira_launch_snapshot",
        "staging.jira_launch_snapshot",
        (unique("source_name", "issue_id"), not_null("issue_key")),
    ),
    Suite(
        "staging.jira_launches",
        "staging.jira_launches",
        (
            unique("source_name", "launch_id"),
            not_null("issue_url"),
            Check(
                "ExpectColumnValuesToBeNull",
                {"column": "problem"},
                WARNING,
                "a launch in Jira holds a value that cannot be read (left out of the launch "
                "figures until fixed; the reason is in staging.jira_launches.problem)",
                "readable",
            ),
        ),
    ),
    Suite(
        "staging.jira_launch_items",
        "staging.jira_launch_items",
        (unique("source_name", "launch_id", "item_position"), not_null("item_name")),
    ),
    Suite(
        "staging.outcome_metrics",
        "staging.outcome_metrics",
        (unique("source_name", "metric", "metric_date", "team_key"), not_null("value")),
    ),
    Suite(
        "staging.feedback_items",
        "staging.feedback_items",
        (unique("source_name", "feedback_id"), not_null("received_date")),
    ),
)


def for_source(suite: Suite, source_name: str) -> Suite:
    """The suite under a name of its own per source: meta.expectation_results keys on it."""
    return Suite(f"{suite.name}[{source_name}]", suite.table, suite.checks)
