"""The sprint indicators on hand-made sprint figures: one team's seven closed sprints (the
window keeps the last six), a sprint shared by two of another team's boards, and every
indicator's definition written in its docstring."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd
import pytest

from indicators.registry import INDICATORS, SHARED_WINDOWS
from maturity.aggregations import aggregate
from warehouse.migrate import migrate
from warehouse.sql import read_sql

SPRINT_INDICATORS = [
    i
    for i in INDICATORS
    if i.id
    in {
        "sprint_predictability",
        "strict_sprint_predictability",
        "sprint_length_cv",
        "late_start_rate",
        "median_start_gap",
        "estimation_coverage",
        "scope_change_rate",
        "carryover_rate",
        "unplanned_work_share",
        "sprint_goal_rate",
    }
]

AS_OF = date(2024, 6, 1)
MONDAY = datetime(2024, 1, 1, 9)
# Per sprint of team Alpha (board 1), oldest first: committed, committed points, completed,
# completed points, completed committed, completed committed points, added, removed,
# not completed, goal, start gap in days after the previous completion.
ALPHA = [
    (9, 20.0, 9, 20.0, 9, 20.0, 0, 0, 0, "", 0),  # falls out of the window
    (10, 20.0, 8, 16.0, 7, 14.0, 2, 1, 3, "Ship it", 0),
    (10, 20.0, 9, 18.0, 8, 16.0, 1, 0, 2, "Ship it", 3),  # Monday -> Thursday
    (8, 16.0, 8, 16.0, 8, 16.0, 0, 0, 0, "", 0),
    (10, 20.0, 6, 12.0, 5, 10.0, 3, 2, 4, "Cut latency", 7),  # a week late
    (10, 20.0, 10, 20.0, 9, 18.0, 1, 1, 1, "Ship it", 0),
    (12, 24.0, 11, 22.0, 10, 20.0, 2, 0, 1, "Ship it", 0),
]


def sprint_rows() -> list[dict]:
    rows, start = [], MONDAY
    for number, (c, cp, d, dp, dc, dcp, a, r, nc, goal, gap) in enumerate(ALPHA, start=1):
        start += timedelta(days=gap)
        rows.append(row("Alpha", 1, number, start, c, cp, d, dp, dc, dcp, a, r, nc, goal))
        start += timedelta(days=14)
    # Team Beta: sprint 20 is listed by both of its boards (created on board 2).
    for board in (2, 3):
        rows.append(row("Beta", board, 20, MONDAY, 4, 0.0, 2, 0.0, 2, 0.0, 0, 0, 2, "Goal"))
    return rows


def row(team, board, sprint, start, c, cp, d, dp, dc, dcp, a, r, nc, goal) -> dict:
    return {
        "source_name": "sim", "board_id": board, "sprint_id": sprint, "team": team,
        "sprint_name": f"S{sprint}", "state": "closed", "started_at": start,
        "planned_end_at": start + timedelta(days=14), "completed_at": start + timedelta(days=14),
        "committed_issues": c, "committed_points": cp, "committed_estimated_issues": c,
        "added_issues": a, "added_points": 2.0 * a, "removed_issues": r,
        "removed_points": 2.0 * r, "completed_issues": d, "completed_points": dp,
        "completed_committed_issues": dc, "completed_committed_points": dcp,
        "not_completed_issues": nc, "completed_in_another_sprint_issues": 0,
        "reestimated_points_delta": 0.0,
        "predictability_pct": 100.0 * dp / cp if cp else None,
        "strict_predictability_pct": 100.0 * dcp / cp if cp else None,
        "is_provisional": False, "figures_source": "reconstructed", "is_reconciled": None,
        "sprint_goal": goal, "estimate_field_id": "customfield_10016",
    }  # fmt: skip


@pytest.fixture(scope="module")
def values():
    con = duckdb.connect()
    migrate(con)
    con.register("sprint_frame", pd.DataFrame(sprint_rows()))
    con.execute("INSERT INTO marts.fct_sprints BY NAME SELECT * FROM sprint_frame")
    con.execute(
        "CREATE TABLE staging.jira_sprints AS SELECT 'sim' AS source_name, 20::BIGINT AS"
        " sprint_id, 3::BIGINT AS origin_board_id"
    )
    con.execute(read_sql(SHARED_WINDOWS))
    found = {
        (v.entity, v.indicator_id): v for i in SPRINT_INDICATORS for v in i.compute(con, AS_OF)
    }
    con.close()
    return found


def window(index: int) -> list:
    return [sprint[index] for sprint in ALPHA[1:]]


def test_the_window_is_the_last_six_closed_sprints(values):
    v = values[("Alpha", "scope_change_rate")]
    assert (v.n_samples, v.evidence) == (6, ["2", "3", "4", "5", "6", "7"])
    assert v.window_start == date(2024, 1, 29)


def test_scope_change_rate(values):
    v = values[("Alpha", "scope_change_rate")]
    assert v.value == pytest.approx(100.0 * (9 + 4) / 60)
    assert v.extras["points_pct"] == pytest.approx(100.0 * 2 * 13 / 120)
    assert aggregate("ratio", v.samples) == pytest.approx(v.value)


def test_carryover_rate(values):
    v = values[("Alpha", "carryover_rate")]
    done, left = sum(window(2)), sum(window(8))
    assert v.value == pytest.approx(100.0 * left / (done + left))
    assert aggregate("ratio", v.samples) == pytest.approx(v.value)


def test_unplanned_work_share(values):
    v = values[("Alpha", "unplanned_work_share")]
    done, planned = sum(window(2)), sum(window(4))
    assert v.value == pytest.approx(100.0 * (done - planned) / done)
    assert aggregate("ratio", v.samples) == pytest.approx(v.value)


def test_sprint_goal_rate(values):
    v = values[("Alpha", "sprint_goal_rate")]
    assert v.value == pytest.approx(100.0 * 5 / 6)
    assert v.evidence == ["4"]  # the sprint without a goal
    assert aggregate("mean", v.samples) == pytest.approx(v.value)


def test_start_gaps(values):
    gap = values[("Alpha", "median_start_gap")]
    assert gap.samples == [0.0, 3.0, 0.0, 5.0, 0.0, 0.0]  # working days; a week is 5
    assert gap.value == 0.0 and gap.extras == {"max_gap_working_days": 5.0}
    late = values[("Alpha", "late_start_rate")]
    assert late.value == pytest.approx(100.0 * 2 / 6)
    assert late.extras["median_start_gap_working_days"] == gap.value


def test_predictability_median_and_iqr(values):
    v = values[("Alpha", "sprint_predictability")]
    ratios = [100.0 * dp / cp for cp, dp in zip(window(1), window(3), strict=True)]
    assert v.value == pytest.approx(aggregate("median", ratios))
    assert v.samples == pytest.approx(ratios)
    strict = values[("Alpha", "strict_sprint_predictability")]
    assert strict.value == pytest.approx(
        aggregate("median", [100.0 * a / b for a, b in zip(window(5), window(1), strict=True)])
    )


def test_a_team_that_does_not_estimate_is_measured_in_issues(values):
    v = values[("Beta", "sprint_predictability")]
    assert v.value == pytest.approx(50.0) and v.extras["share_in_points"] == 0.0


def test_a_sprint_shared_by_two_boards_of_a_team_counts_once(values):
    v = values[("Beta", "scope_change_rate")]
    assert v.n_samples == 1
    assert values[("Beta", "carryover_rate")].value == pytest.approx(50.0)


def test_every_sprint_indicator_is_registered():
    assert len(SPRINT_INDICATORS) == 10


@pytest.mark.parametrize("indicator", SPRINT_INDICATORS, ids=lambda i: i.id)
def test_every_indicator_is_defined_in_its_docstring(indicator):
    doc = importlib.import_module(f"indicators.{indicator.id}").__doc__
    for part in ("Formula:", "Grain:", "Unit:", "Inputs:", "Seed 001"):
        assert part in doc, f"{indicator.id}: the docstring lacks {part!r}"
    assert indicator.sql_path.read_text().startswith("-- Purpose:")
