"""The retrospective, discovery and feedback indicators on small hand-made marts, worked out by
hand: team Alpha's sprints, retro action items and epics, Gamma's work items by quarter, and
feedback items of Alpha and Delta (a team with no Jira board)."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd
import pytest

from indicators import (
    discovery_share,
    feedback_items_per_month,
    feedback_linked_epic_share,
    retro_action_rate,
    retro_actions_completed_30d,
)
from indicators.registry import SHARED_WINDOWS, indicator_ids
from maturity.aggregations import aggregate
from tests.indicators.test_sprint_indicators import row
from warehouse.migrate import migrate
from warehouse.sql import read_sql

AS_OF = date(2024, 5, 30)
WORK_INDICATORS = (
    retro_action_rate,
    retro_actions_completed_30d,
    discovery_share,
    feedback_items_per_month,
    feedback_linked_epic_share,
)
# Alpha's sprints close every two weeks from Monday 4 March; the 7th closes 3 days before the
# as-of date: too recent to judge its retrospective.
CLOSES = [datetime(2024, 3, 4, 9) + timedelta(days=14 * k) for k in range(7)]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Alpha's retro action items: (key, created, resolved).
RETRO_ACTIONS = [
    ("ALP-1", "2023-10-01 10:00", "2023-10-05 10:00"),  # before every window
    ("ALP-2", "2024-03-03 10:00", "2024-03-20 10:00"),  # the day before S1 closed: follows it
    ("ALP-3", "2024-03-24 10:00", "2024-05-10 10:00"),  # 6 days after S2: too late; done late
    ("ALP-4", "2024-04-03 10:00", None),  # follows S3; still open
    ("ALP-5", "2024-04-30 10:00", "2024-05-30 10:00"),  # follows S5; done on day 30
    ("ALP-6", "2024-04-30 11:00", "2024-04-30 12:00"),  # follows S5 too
    ("ALP-7", "2024-05-18 09:00", None),  # S6 + exactly 5 days: follows it; too new for 30d
    ("ALP-8", "2024-05-28 10:00", None),  # after S7, which is not judged yet
]
# Gamma's work items per quarter: (created, is_discovery, is_epic).
GAMMA = (
    [("2023-11-15", k == 0, False) for k in range(10)]  # Q4: 1 of 10
    + [("2024-02-15", k < 2, False) for k in range(8)]  # Q1: 2 of 8
    + [("2024-02-16", True, True)]  # an epic is no work item
    + [("2024-04-15", False, False)]  # the current quarter is not complete
)
# Alpha's epics: (key, status, resolved); ALP-150 is a story of ALP-101.
EPICS = [
    ("ALP-100", "done", "2024-01-10 10:00"),  # linked directly
    ("ALP-101", "done", "2024-03-01 10:00"),  # linked through its story
    ("ALP-102", "done", "2024-04-01 10:00"),  # linked only after the as-of date
    ("ALP-103", "done", "2024-05-01 10:00"),  # no feedback
    ("ALP-104", "indeterminate", None),  # not delivered
    ("ALP-105", "done", "2023-10-01 10:00"),  # delivered before the window
]
# (id, received, team, linked keys)
FEEDBACK = (
    [("F1", "2023-12-01", "Alpha", ["ALP-100"]), ("F2", "2024-01-05", None, ["ALP-150"])]
    + [("F3", "2024-06-15", "Alpha", ["ALP-102"]), ("F4", "2023-09-01", "Alpha", ["ALP-105"])]
    + [(f"A{m}", f"2023-{m}-10", "Alpha", []) for m in (11, 12)]  # Nov: 1, Dec: 2 with F1
    + [("A1", "2024-01-10", "Alpha", []), ("A3", "2024-03-10", "Alpha", [])]
    + [("A3b", "2024-03-11", "Alpha", []), ("A3c", "2024-03-12", "Alpha", [])]
    + [("A4", "2024-04-10", "Alpha", []), ("A5", "2024-05-10", "Alpha", [])]  # May: not yet
    + [(f"D{m}", f"2023-{m}-01", "Delta", []) for m in (11, 12)]
    + [(f"D{m}", f"2024-0{m}-28", "Delta", []) for m in (1, 2, 3, 4)]
)


def work_row(team, key, *, created, resolved=None, status=None, kind="story", epic=None):
    return {
        "team": team, "source_name": "sim", "issue_id": int(key.split("-")[1]) + 10_000 * len(team),
        "issue_key": key, "attributed_by": "project", "project_key": key.split("-")[0],
        "issue_type": {"epic": "Epic", "retro": "Task"}.get(kind, "Story"), "labels": [],
        "epic_key": epic, "is_discovery": kind == "discovery", "is_retro_action": kind == "retro",
        "is_epic": kind == "epic",
        "status_category": status or ("done" if resolved else "indeterminate"),
        "created_at": at(created) if isinstance(created, str) else created,
        "resolved_at": at(resolved) if resolved else None,
    }  # fmt: skip


def work_rows() -> list[dict]:
    rows = [work_row("Alpha", k, created=c, resolved=r, kind="retro") for k, c, r in RETRO_ACTIONS]
    rows.append(work_row("Alpha", "ALP-50", created="2024-03-19 10:00"))  # no retro action
    rows.append(work_row("Beta", "BET-1", created="2024-03-19 10:00", kind="retro"))
    for n, (created, is_discovery, is_epic) in enumerate(GAMMA, start=1):
        kind = "epic" if is_epic else "discovery" if is_discovery else "story"
        rows.append(work_row("Gamma", f"GAM-{n}", created=f"{created} 10:00", kind=kind))
    for key, status, resolved in EPICS:
        rows.append(
            work_row("Alpha", key, created="2023-09-01 10:00", resolved=resolved, kind="epic")
            | {"status_category": status}
        )
    rows.append(work_row("Alpha", "ALP-150", created="2024-01-02 10:00", epic="ALP-101"))
    return rows


def compute(con, module):
    return {v.entity: v for v in module.INDICATOR.compute(con, AS_OF)}


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    migrate(con)
    sprints = pd.DataFrame(
        [row("Alpha", 1, n, c - timedelta(days=14), *([10, 20.0] * 3), 0, 0, 0, "")
         for n, c in enumerate(CLOSES, start=1)]
    )  # fmt: skip
    con.register("sprint_frame", sprints)
    con.execute("INSERT INTO marts.fct_sprints BY NAME SELECT * FROM sprint_frame")
    con.execute("INSERT INTO marts.dim_teams VALUES ('Alpha', 'sim', 1, 'Alpha board')")
    con.execute(
        "CREATE TABLE staging.jira_sprints AS SELECT 'sim' AS source_name, 1::BIGINT AS"
        " sprint_id, 1::BIGINT AS origin_board_id"
    )
    con.register("work_frame", pd.DataFrame(work_rows()))
    con.execute("INSERT INTO marts.fct_work_items BY NAME SELECT * FROM work_frame")
    con.execute(read_sql(SHARED_WINDOWS))
    yield con
    con.close()


@pytest.fixture(scope="module")
def with_feedback(con):
    assert compute(con, feedback_items_per_month) == {}  # nothing loaded: no evidence yet
    assert compute(con, feedback_linked_epic_share) == {}
    for n, (fid, received, team, keys) in enumerate(FEEDBACK, start=2):
        con.execute(
            "INSERT INTO marts.fct_feedback_items VALUES ('fb', ?, ?, ?, ?, ?, 'f.csv', ?)",
            [fid, date.fromisoformat(received), team, team, keys, n],
        )
    return con


def test_retro_action_rate_judges_sprints_closed_five_days_before_the_as_of_date(con):
    v = compute(con, retro_action_rate)["Alpha"]
    assert (v.n_samples, v.evidence) == (6, ["1", "2", "3", "4", "5", "6"])
    assert v.samples == [100.0, 0.0, 100.0, 0.0, 100.0, 100.0]
    assert v.value == pytest.approx(400 / 6)
    assert v.extras == {"retro_action_items": 5.0, "sprints_followed": 4.0}
    assert (v.window_start, v.window_end) == (date(2024, 3, 4), date(2024, 5, 13))
    assert "Beta" not in compute(con, retro_action_rate)  # no sprints: no figure


def test_retro_actions_completed_30d_reads_items_that_had_their_30_days(con):
    v = compute(con, retro_actions_completed_30d)["Alpha"]
    assert (v.value, v.n_samples) == (60.0, 5)  # ALP-2, 5, 6 of ALP-2..6
    assert v.samples == [100.0, 0.0, 0.0, 100.0, 100.0]
    assert v.extras == {"completed_in_30_days": 3.0, "still_open": 1.0}
    assert v.evidence == ["ALP-3", "ALP-4"]
    assert (v.window_start, v.window_end) == (date(2024, 3, 3), date(2024, 4, 30))


def test_discovery_share_is_the_lowest_quarterly_share(con):
    v = compute(con, discovery_share)["Gamma"]
    assert (v.value, v.n_samples, v.samples) == (10.0, 2, [10.0, 25.0])
    assert v.evidence == ["2023-Q4: 1 of 10", "2024-Q1: 2 of 8"]
    assert v.extras == {"discovery_items": 3.0, "work_items": 18.0}
    assert (v.window_start, v.window_end) == (date(2023, 10, 1), date(2024, 3, 31))


def test_feedback_items_per_month_is_the_lowest_monthly_count(with_feedback):
    found = compute(with_feedback, feedback_items_per_month)
    alpha, delta = found["Alpha"], found["Delta"]
    assert (alpha.value, alpha.samples) == (0.0, [1.0, 2.0, 1.0, 0.0, 3.0, 1.0])
    assert alpha.evidence[3] == "2024-02: 0" and alpha.extras == {"feedback_items": 8.0}
    assert (delta.value, delta.n_samples) == (1.0, 6)
    assert (delta.window_start, delta.window_end) == (date(2023, 11, 1), date(2024, 4, 30))
    assert set(found) == {"Alpha", "Delta"}  # a blank team counts for no team


def test_feedback_linked_epic_share_follows_links_to_an_epic_and_its_stories(with_feedback):
    v = compute(with_feedback, feedback_linked_epic_share)["Alpha"]
    assert (v.value, v.n_samples, v.samples) == (50.0, 4, [100.0, 100.0, 0.0, 0.0])
    assert v.evidence == ["ALP-102", "ALP-103"] and v.extras == {"linked_epics": 2.0}
    assert (v.window_start, v.window_end) == (date(2024, 1, 10), date(2024, 5, 1))


def test_each_value_is_the_aggregate_of_its_samples(with_feedback):
    aggregations = {
        "retro_action_rate": "mean",
        "retro_actions_completed_30d": "mean",
        "discovery_share": "min",
        "feedback_items_per_month": "min",
        "feedback_linked_epic_share": "mean",
    }
    for module in WORK_INDICATORS:
        for v in module.INDICATOR.compute(with_feedback, AS_OF):
            assert aggregate(aggregations[v.indicator_id], v.samples) == pytest.approx(v.value)


@pytest.mark.parametrize("module", WORK_INDICATORS, ids=lambda m: m.__name__)
def test_every_work_indicator_is_registered_and_defined_in_its_docstring(module):
    assert module.INDICATOR.id in indicator_ids()
    doc = importlib.import_module(module.__name__).__doc__
    for part in ("Formula:", "Grain:", "Unit:", "Inputs:", "Seed 001"):
        assert part in doc, f"{module.__name__}: the docstring lacks {part!r}"
    assert module.INDICATOR.sql_path.read_text().startswith("-- Purpose:")
