"""Properties of the sprint reconstruction over random event histories (hypothesis).

Random organisations (one or two boards, closed and active sprints, a sprint shared across
boards, boards with different Done columns) get random histories: Sprint field changes, status
changes and estimate changes, many of them exactly on a sprint's start or completion instant
and several at one instant. Then:
- the reconstruction equals the simulator's independent sprint report, issue by issue, so
  every issue that was ever in a sprint gets exactly one outcome;
- committed = committed_completed + committed_not_completed + committed_removed, in issues
  and in points at the start;
- the replay never depends on the order raw rows arrived in, nor on redeliveries;
- parsing raw incrementally (a partial sync, then a full one) gives what a rebuild from
  scratch gives.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.raw_org import land_organisation
from simulator.model import Organisation
from simulator.scenarios import ScenarioBuilder, at
from tests.warehouse.sprint_support import (
    REVIEW_IS_DONE,
    build,
    empty_warehouse,
    outcomes,
    table,
    truth,
)

STATUSES = ("To Do", "In Progress", "In Review", "Done")
POINTS = (None, 1.0, 2.0, 3.0, 5.0, 8.0)
RAW_TABLES = (
    "jira_server_info",
    "jira_fields",
    "jira_boards",
    "jira_board_configurations",
    "jira_sprints",
    "jira_issues",
    "jira_changelogs",
    "jira_sprint_reports",
)
SETTINGS = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def sprint_window(index: int) -> tuple[datetime, datetime]:
    return at(14 * index, 9), at(14 * index + 13, 17)


@st.composite
def plans(draw):
    """A random organisation as plain data (so that hypothesis can shrink it)."""
    sprints = draw(st.integers(1, 3))
    has_active = draw(st.booleans())
    second_board = draw(st.sampled_from(["none", "own", "shared"]))
    now = at(14 * sprints + (5 if has_active else 1))
    starts = [sprint_window(i)[0] for i in range(sprints)]
    ends = [sprint_window(i)[1] for i in range(sprints)]
    instants = sorted({*starts, *ends, *(t + timedelta(seconds=1) for t in ends)})
    pool = st.one_of(
        st.sampled_from(instants),
        st.integers(-3 * 24, int((now - at(0)).total_seconds() // 3600) - 1).map(
            lambda h: at(0, h)
        ),
    )
    sprint_ids = list(range(1, sprints + 1 + (1 if second_board == "own" else 0)))
    event = st.one_of(
        st.tuples(st.just("add"), st.sampled_from(sprint_ids)),
        st.tuples(st.just("remove"), st.sampled_from(sprint_ids)),
        st.tuples(st.just("set"), st.lists(st.sampled_from(sprint_ids), max_size=3, unique=True)),
        st.tuples(st.just("status"), st.sampled_from(STATUSES)),
        st.tuples(st.just("status"), st.sampled_from(STATUSES)),
        st.tuples(st.just("estimate"), st.sampled_from(POINTS)),
    )
    issue = st.fixed_dictionaries(
        {
            "created": pool,
            "subtask": st.booleans(),
            "status": st.sampled_from(STATUSES),
            "estimate": st.sampled_from(POINTS),
            "sprints": st.lists(st.sampled_from(sprint_ids), max_size=2, unique=True),
            "events": st.lists(st.tuples(pool, event), max_size=8),
        }
    )
    return {
        "sprints": sprints,
        "has_active": has_active,
        "second_board": second_board,
        "now": now,
        "issues": draw(st.lists(issue, min_size=1, max_size=8)),
    }


def organisation(plan: dict) -> Organisation:
    b = ScenarioBuilder(now=plan["now"])
    pay = b.board("PAY")
    for index in range(plan["sprints"]):
        start, end = sprint_window(index)
        is_active = plan["has_active"] and index == plan["sprints"] - 1
        b.sprint(pay, start=start, complete=None if is_active else end)
    if plan["second_board"] != "none":
        ops = b.board("OPS", columns=REVIEW_IS_DONE)
        if plan["second_board"] == "own":
            b.sprint(ops, start=at(3, 9), complete=at(17, 9))
        else:
            ops.sprint_ids.append(1)
    for spec in plan["issues"]:
        created = spec["created"]
        issue = b.issue(
            "PAY",
            created=created,
            issue_type="Sub-task" if spec["subtask"] else "Story",
            status=spec["status"],
            estimate=spec["estimate"],
            sprints=tuple(spec["sprints"]),
        )
        for when, (kind, arg) in sorted(spec["events"], key=lambda e: e[0]):
            if when < created or when > plan["now"]:
                continue
            if kind == "add":
                issue.add_sprint(when, arg)
            elif kind == "remove":
                issue.remove_sprint(when, arg)
            elif kind == "set":
                issue.sprints(when, *arg)
            elif kind == "status":
                issue.status(when, arg)
            else:
                issue.estimate(when, arg)
    return b.build()


def marts(con: duckdb.DuckDBPyConnection) -> tuple[list, list]:
    """Both marts, but when a board configuration was first seen (it depends on sync dates)."""
    issues = table(con, "SELECT * FROM marts.fct_sprint_issues ORDER BY ALL")
    sprints = table(
        con, "SELECT * EXCLUDE (board_config_valid_from) FROM marts.fct_sprints ORDER BY ALL"
    )
    return issues, sprints


@settings(SETTINGS, max_examples=25)
@given(plans())
def test_the_reconstruction_is_the_sprint_report_of_the_ground_truth(plan):
    org = organisation(plan)
    con = empty_warehouse()
    land_organisation(con, org, with_reports=False)
    build(con, org)
    assert outcomes(con) == truth(org)  # so exactly one outcome for every issue ever in it
    rows = table(
        con,
        "SELECT s.committed_issues, s.committed_points,"
        " count(i.issue_id) FILTER (WHERE i.outcome IN ('committed_completed',"
        "   'committed_not_completed', 'committed_removed')),"
        " coalesce(sum(coalesce(i.points_at_start, 0)) FILTER (WHERE i.outcome IN"
        "   ('committed_completed', 'committed_not_completed', 'committed_removed')), 0)"
        " FROM marts.fct_sprints s LEFT JOIN marts.fct_sprint_issues i"
        "   ON i.board_id = s.board_id AND i.sprint_id = s.sprint_id AND NOT i.is_subtask"
        " GROUP BY s.board_id, s.sprint_id, s.committed_issues, s.committed_points",
    )
    for committed, points, by_outcome, points_by_outcome in rows:
        assert committed == by_outcome
        assert abs(points - points_by_outcome) < 1e-9


@SETTINGS
@given(plans(), st.integers(0, 2**32 - 1))
def test_the_replay_never_depends_on_row_order_or_redelivery(plan, seed):
    org = organisation(plan)
    reference = empty_warehouse()
    land_organisation(reference, org)
    build(reference, org)

    shuffled = empty_warehouse()
    land_organisation(shuffled, org)
    rng = random.Random(seed)
    for name in RAW_TABLES:
        rows = shuffled.execute(f"SELECT * FROM raw.{name}").fetchall()
        # Redelivered identical copies, an hour earlier (a later one would move "now"), except
        # board configurations, whose first sighting dates a configuration.
        again = [r for r in rows if rng.random() < 0.5 and name != "jira_board_configurations"]
        rows = rows + [(r[0], "again", r[2] - timedelta(hours=1), *r[3:]) for r in again]
        rng.shuffle(rows)
        shuffled.execute(f"DELETE FROM raw.{name}")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            shuffled.executemany(f"INSERT INTO raw.{name} VALUES ({marks})", rows)
    build(shuffled, org)
    assert marts(shuffled) == marts(reference)


@SETTINGS
@given(plans(), st.floats(0.0, 1.0))
def test_incremental_parsing_gives_what_a_rebuild_from_scratch_gives(plan, share):
    org = organisation(plan)
    reference = empty_warehouse()
    land_organisation(reference, org)
    build(reference, org)

    nightly = empty_warehouse()
    land_organisation(nightly, org, loaded_at=org.now - timedelta(days=1))
    # the first sync saw only part of the changelog
    nightly.execute(
        "DELETE FROM raw.jira_changelogs WHERE hash(history_id) % 1000 >= ?", [int(share * 1000)]
    )
    build(nightly, org)
    land_organisation(nightly, org)  # the next sync: everything again, later
    build(nightly, org)
    assert marts(nightly) == marts(reference)
