"""The survey, launch and outcome indicators on small hand-made marts, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from indicators import (
    launch_adoption_hit_rate,
    launch_checklist_coverage,
    launch_on_time_rate,
    launch_readiness_rate,
    launch_success_rate,
    outcome_trend,
    pm_overhead_hours,
    pm_overhead_share,
    pm_time_value,
)
from warehouse.connection import open_warehouse
from warehouse.file_models import FileModelConfig, TeamSpelling, register_files
from warehouse.sql import read_sql
from warehouse.transform import HERE

AS_OF = date(2025, 6, 30)


@pytest.fixture
def con(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    register_files(
        con,
        FileModelConfig(
            teams=[TeamSpelling("Payments", ("Payments",), pm_headcount=4)],
            pm_hourly_rate=100.0,
            weeks_per_month=4.0,
        ),
    )
    con.execute(read_sql(HERE / "marts" / "dim_pm_costs.sql"))  # the costs, as a run writes them
    yield con
    con.close()


def answer(con, team, who, wave, when, total, overhead, complete=True, row=1):
    con.execute(
        "INSERT INTO marts.fct_survey_responses (source_name, team, respondent_hash, wave_number,"
        " wave_label, wave_start_date, submitted_at, total_hours, overhead_hours, overhead_pct,"
        " is_complete, file_path, row_number)"
        " VALUES ('s', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'f.csv', ?)",
        [team, who, wave, f"w{wave}", when, when, total, overhead, 100 * overhead / total,
         complete, row],
    )  # fmt: skip


def by_entity(values):
    return {(v.entity_type, v.entity): v for v in values}


def test_pm_overhead_share_and_hours_read_complete_answers_of_the_last_90_days(con):
    answer(con, "Payments", "a", 1, date(2025, 1, 10), 40, 20, row=1)  # too old
    answer(con, "Payments", "a", 2, date(2025, 6, 1), 40, 10, row=2)  # 25%
    answer(con, "Payments", "b", 2, date(2025, 6, 2), 50, 5, row=3)  # 10%
    answer(con, "Payments", "c", 2, date(2025, 6, 3), 40, 30, complete=False, row=4)
    answer(con, None, "d", 2, date(2025, 6, 3), 40, 30, row=5)  # team not configured
    share = by_entity(pm_overhead_share.INDICATOR.compute(con, AS_OF))[("team", "Payments")]
    assert (share.value, share.n_samples, share.samples) == (17.5, 2, [25.0, 10.0])
    assert share.extras == {"overhead_hours": 7.5, "respondents": 2.0}
    assert share.evidence == ["f.csv:2", "f.csv:3"]
    hours = by_entity(pm_overhead_hours.INDICATOR.compute(con, AS_OF))[("team", "Payments")]
    assert (hours.value, hours.unit, hours.extras["total_hours"]) == (7.5, "hours", 45.0)


def test_pm_time_value_is_the_overhead_saved_times_rate_headcount_and_weeks(con):
    answer(con, "Payments", "a", 1, date(2025, 1, 10), 40, 14, row=1)
    answer(con, "Payments", "b", 1, date(2025, 1, 11), 40, 10, row=2)  # baseline mean 12 h
    answer(con, "Payments", "a", 2, date(2025, 4, 10), 40, 6, row=3)  # latest mean 6 h
    answer(con, "Search", "x", 1, date(2025, 1, 10), 40, 8, row=4)  # one wave: nothing to compare
    answer(con, "Search", "y", 2, date(2025, 7, 10), 40, 2, row=5)  # after the as-of date
    found = by_entity(pm_time_value.INDICATOR.compute(con, AS_OF))
    payments = found[("team", "Payments")]
    # (12 - 6) hours x 100 per hour x 4 PMs (configured) x 4 weeks per month
    assert payments.value == 9600.0 and payments.unit == "money_per_month"
    assert payments.extras["hours_saved_per_pm_week"] == 6.0
    assert payments.evidence == ["w1", "w2"]
    assert found[("team", "Search")].value is None
    organisation = by_entity(pm_time_value.ORGANISATION_INDICATOR.compute(con, AS_OF))
    whole = organisation[("organisation", "organisation")]
    # Only Payments has two waves; headcount: Payments 4 + Search 1 respondent = 5.
    assert whole.value == 6.0 * 100 * 5 * 4 and whole.extras["teams_compared"] == 1.0


def launch(
    con,
    launch_id,
    planned,
    actual,
    *,
    items=(3, 3),
    target=100.0,
    reached=120.0,
    team="Payments",
    tolerance=0,
    source="l",
):
    total, by_launch = items
    late = None if actual is None or planned is None else (actual - planned).days
    on_time = None if late is None else late <= tolerance
    ready = None if actual is None else (total > 0 and by_launch == total)
    hit = (
        None
        if actual is None
        else (False if target is None else (None if reached is None else reached >= target))
    )
    due = None if actual is None else date.fromordinal(actual.toordinal() + 90)
    con.execute(
        "INSERT INTO marts.fct_launches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, 'f.yaml', 1)",
        [source, launch_id, launch_id, team, team, planned, actual, actual or planned,
         actual is not None, late, tolerance, on_time, total > 0, total, by_launch, by_launch,
         ready, target, reached, due, hit, on_time and ready and hit if None not in
         (on_time, ready, hit) else None],
    )  # fmt: skip


def test_launch_rates_as_of_a_date(con):
    d = date
    launch(con, "A", d(2025, 3, 1), d(2025, 3, 1))  # on time, ready, hit: a success
    launch(con, "B", d(2025, 4, 1), d(2025, 4, 9), items=(3, 2))  # late, not ready
    launch(con, "C", d(2025, 5, 1), d(2025, 5, 1), items=(0, 0), target=None, reached=None)
    launch(con, "D", d(2025, 6, 1), None)  # overdue: late already, not launched
    launch(con, "E", d(2025, 6, 20), d(2025, 6, 20), reached=None)  # adoption still open
    launch(con, "F", d(2025, 8, 1), None)  # planned after the as-of date
    values = {
        i.INDICATOR.id: by_entity(i.INDICATOR.compute(con, AS_OF))[("team", "Payments")]
        for i in (
            launch_checklist_coverage,
            launch_readiness_rate,
            launch_on_time_rate,
            launch_adoption_hit_rate,
            launch_success_rate,
        )
    }
    coverage = values["launch_checklist_coverage"]  # A B C D E in the last 180 days; C lacks one
    assert (coverage.value, coverage.n_samples) == (80.0, 5)
    assert values["launch_readiness_rate"].evidence == ["A", "B", "C", "E"]
    assert values["launch_readiness_rate"].value == 50.0  # A and E ready
    on_time = values["launch_on_time_rate"]  # A C E on time; B late; D overdue
    assert (on_time.value, on_time.n_samples, on_time.extras["gtm_ready_pct"]) == (60.0, 5, 50.0)
    hit = values["launch_adoption_hit_rate"]  # A B hit; C has no target; E still open
    assert (hit.value, hit.evidence) == (pytest.approx(200 / 3), ["A", "B", "C"])
    success = values["launch_success_rate"]
    assert (success.value, success.n_samples, success.evidence) == (
        pytest.approx(100 / 3), 3, ["A", "B", "C"])  # fmt: skip
    assert success.extras["yoy_change_points"] is None  # no launch the year before


def test_a_launch_kept_in_two_places_counts_once(con):
    d = date
    launch(con, "A", d(2025, 5, 1), d(2025, 5, 1), items=(3, 3))
    launch(con, "A", d(2025, 5, 1), d(2025, 5, 1), items=(0, 0), source="gh-docs")
    launch(con, "B", d(2025, 5, 2), d(2025, 5, 9), source="gh-docs")
    found = by_entity(launch_on_time_rate.INDICATOR.compute(con, AS_OF))[("team", "Payments")]
    assert (found.value, found.n_samples, found.evidence) == (50.0, 2, ["A", "B"])
    ready = by_entity(launch_readiness_rate.INDICATOR.compute(con, AS_OF))[("team", "Payments")]
    assert ready.value == 100.0  # A's record with the checklist is the one that counts


def test_launch_success_rate_year_over_year_and_for_the_organisation(con):
    d = date
    launch(con, "old-1", d(2024, 3, 1), d(2024, 3, 1))
    launch(con, "old-2", d(2024, 4, 1), d(2024, 4, 10))
    launch(con, "old-3", d(2024, 5, 1), d(2024, 5, 10))
    launch(con, "old-4", d(2024, 5, 2), d(2024, 5, 12))  # 25% the year before
    launch(con, "new-1", d(2025, 3, 1), d(2025, 3, 1))
    launch(con, "new-2", d(2025, 4, 1), d(2025, 4, 10), team="Search")  # 50% this year
    found = by_entity(launch_success_rate.INDICATOR.compute(con, AS_OF))
    assert found[("team", "Payments")].value == 100.0
    assert found[("team", "Payments")].extras["yoy_change_points"] == 75.0
    org = found[("organisation", "organisation")]
    assert (org.value, org.n_samples, org.extras["yoy_change_points"]) == (50.0, 2, 25.0)


def test_outcome_trend_per_metric_and_entity(con):
    rows = [
        ("NRR", date(2024, 7, 1), None, 100.0),
        ("NRR", date(2025, 1, 1), None, 104.0),
        ("NRR", date(2025, 6, 1), None, 105.0),
        ("AHT", date(2025, 1, 1), "Payments", 10.0),
        ("AHT", date(2025, 6, 1), "Payments", 8.0),
        ("AHT", date(2025, 6, 1), None, 9.0),  # one observation: no trend yet
    ]
    for row, (metric, day, team, value) in enumerate(rows, start=2):
        con.execute(
            "INSERT INTO marts.fct_outcome_metrics VALUES ('o', ?, ?, ?, ?, ?, 'o.csv', ?)",
            [metric, day, team, team, value, row],
        )
    found = {
        (v.entity_type, v.entity, v.indicator_id): v
        for v in outcome_trend.INDICATOR.compute(con, AS_OF)
    }
    nrr = found[("organisation", "organisation", "outcome_trend:NRR")]
    assert nrr.value == pytest.approx(5.0) and nrr.n_samples == 3  # 100 -> 105
    aht = found[("team", "Payments", "outcome_trend:AHT")]
    assert aht.value == pytest.approx(-20.0) and aht.extras["latest_value"] == 8.0
    assert found[("organisation", "organisation", "outcome_trend:AHT")].value is None
