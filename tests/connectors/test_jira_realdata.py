"""Real Jira Cloud responses (Apache DevLake's recorded fixtures), served over HTTP and synced
end to end: everything lands, and the real data's quirks are handled."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.cli import main
from simulator.recorded_jira import RecordedJira
from tests.connectors.jira_fixtures import EMAIL_ENV, TOKEN_ENV, query, write_config

# CI checks out ../shared beside the clone; this file is tests/connectors/ in the clone.
RAW = Path(__file__).resolve().parents[2].parent / "shared/realdata/devlake-jira/raw_tables"
TRACKED = {"customfield_10020", "status", "customfield_10024"}

pytestmark = pytest.mark.skipif(
    not RAW.is_dir(), reason=f"the recorded Jira responses are not at {RAW} (../shared)"
)


def recorded(name: str) -> list[dict]:
    csv.field_size_limit(1 << 30)
    with (RAW / name).open(encoding="utf-8", newline="") as handle:
        return [json.loads(row["data"]) for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    folder = tmp_path_factory.mktemp("realdata")
    with RecordedJira(RAW) as jira, pytest.MonkeyPatch.context() as env:
        env.setenv(EMAIL_ENV, jira.email)
        env.setenv(TOKEN_ENV, jira.token)
        config = write_config(
            folder, [("merico", jira.url)], [("EE", ["merico:8"]), ("K5", ["merico:93"])]
        )
        assert main(["run", "--config", str(config), "--as-of", "2022-06-23"]) == 0
    return folder / "warehouse.duckdb"


def test_every_issue_sprint_and_tracked_history_lands(synced):
    issues = recorded("_raw_jira_api_issues.csv")
    sprints = recorded("_raw_jira_api_sprints.csv")
    histories = {
        (int(i["id"]), int(h["id"]))
        for i in issues
        for h in i["changelog"]["histories"]
        if any(item.get("fieldId") in TRACKED for item in h["items"])
    }
    assert query(synced, "SELECT count(DISTINCT issue_key) FROM raw.jira_issues") == [(33,)]
    board_sprints = query(synced, "SELECT sprint_id FROM raw.jira_sprints WHERE board_id = 8")
    assert sorted(s for (s,) in board_sprints) == sorted(s["id"] for s in sprints)
    landed = set(query(synced, "SELECT issue_id, history_id FROM raw.jira_changelogs"))
    assert landed == histories


def test_changelog_times_with_offsets_are_normalised_to_utc(synced):
    history = next(
        h
        for i in recorded("_raw_jira_api_issues.csv")
        for h in i["changelog"]["histories"]
        if any(item.get("fieldId") in TRACKED for item in h["items"])
    )
    local = datetime.strptime(history["created"], "%Y-%m-%dT%H:%M:%S.%f%z")
    assert local.utcoffset().total_seconds() == 8 * 3600  # "+0800", as recorded
    rows = query(
        synced,
        "SELECT DISTINCT changed_at FROM staging.jira_changelog_items WHERE history_id = ?",
        [int(history["id"])],
    )
    assert rows == [(local.astimezone(UTC).replace(tzinfo=None),)]
    sprint_starts = query(synced, "SELECT started_at FROM staging.jira_sprints WHERE sprint_id = 7")
    assert sprint_starts == [(datetime(2020, 6, 12, 0, 38, 51, 882000),)]  # "…882Z" stays UTC


def test_sprints_are_keyed_by_id_although_renamed_since(synced):
    names = {s["id"]: s["name"] for s in recorded("_raw_jira_api_sprints.csv")}
    renamed = [
        (i["key"], int(item["to"].split(",")[-1]))
        for i in recorded("_raw_jira_api_issues.csv")
        for h in i["changelog"]["histories"]
        for item in h["items"]
        if item["field"] == "Sprint"
        and item["to"]
        and int(item["to"].split(",")[-1]) in names
        and item["toString"].split(", ")[-1] != names[int(item["to"].split(",")[-1])]
    ]
    assert renamed, "the recording has sprints renamed since their changelog items"
    listed = set(query(synced, "SELECT issue_key, sprint_id FROM marts.fct_sprint_issues"))
    assert set(renamed) <= listed


def test_subtasks_without_sprint_history_are_listed_never_counted(synced):
    subtasks = query(
        synced,
        "SELECT count(*) FROM marts.fct_sprint_issues WHERE sprint_id = 7 AND is_subtask",
    )[0][0]
    assert subtasks == 12
    counted = query(
        synced,
        "SELECT committed_issues + added_issues + completed_in_another_sprint_issues"
        " FROM marts.fct_sprints WHERE sprint_id = 7 AND board_id = 8",
    )[0][0]
    listed = query(
        synced,
        "SELECT count(*) FROM marts.fct_sprint_issues"
        " WHERE sprint_id = 7 AND board_id = 8 AND NOT is_subtask",
    )[0][0]
    assert counted == listed


def test_the_board_estimation_field_is_used_for_points(synced):
    points = query(
        synced,
        "SELECT issue_key, points_at_start FROM marts.fct_sprint_issues"
        " WHERE points_at_start IS NOT NULL ORDER BY 1",
    )
    assert points and all(key.startswith("EE-") for key, _ in points)
    field = query(synced, "SELECT DISTINCT estimate_field_id FROM marts.fct_sprints")
    assert field == [("customfield_10024",)]
