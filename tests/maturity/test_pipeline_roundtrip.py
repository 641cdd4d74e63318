"""The rules layer inside the real pipeline: a small simulated organisation synced over HTTP
from the Jira emulator, assessed on three dates (one with an indicator that fails), then
explained, emitted as JSON, reproduced under its pinned rule set, and its transitions read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from indicators.base import Indicator
from indicators.registry import INDICATORS, compute_all, indicator_ids
from indicators.store import load_values
from maturity.aggregations import aggregate, statistic
from maturity.reproduce import reproduce_date
from maturity.ruleset import load_ruleset
from pipelines.cli import main
from pipelines.demo import DEMO_EMAIL_ENV, DEMO_TOKEN_ENV, write_demo_config
from pipelines.steps import compute_indicators
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator

NOW = datetime(2026, 6, 1, tzinfo=UTC)
TODAY, EARLY, LATER = (
    NOW.date(),
    (NOW - timedelta(days=100)).date(),
    (NOW + timedelta(days=1)).date(),
)
BROKEN = ("late_start_rate", "retro_actions_completed_30d")
OVERRIDES = """
[assessment]
stability_resamples = 60

[[overrides]]
team = "Onboarding"
criterion = "predictable_delivery"
reason = "platform team: commits to run work, not to sprint scope"
expires = 2099-12-31
approved_by = "Head of Product"

[[overrides]]
team = "Payments"
criterion = "consistent_sprint_cadence"
reason = "reorganisation"
expires = 2020-01-01
approved_by = "VP Product"
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    org = generate_organisation(seed=11, now=NOW, teams=3, months=5)
    bad_sql = folder / "broken_indicator.sql"
    bad_sql.write_text("SELECT nope AS entity FROM marts.fct_sprints")
    # late_start_rate blocks every team at level 3 together with other criteria;
    # retro_actions_completed_30d alone holds Onboarding's ceiling at 4.
    broken = tuple(
        Indicator(i.id, i.unit, bad_sql, i.description) if i.id in BROKEN else i for i in INDICATORS
    )
    with JiraEmulator(org) as jira, pytest.MonkeyPatch.context() as patch:
        config = write_demo_config(
            folder / "maturity.toml",
            jira_url=jira.url,
            teams=[(t.name, t.board_ids) for t in org.teams],
        )
        config.write_text(config.read_text() + OVERRIDES)
        patch.setenv(DEMO_EMAIL_ENV, jira.email)
        patch.setenv(DEMO_TOKEN_ENV, jira.token)
        codes = [main(["run", "--config", str(config), "--as-of", str(TODAY)])]
        codes.append(main(["assess", "--config", str(config), "--as-of", str(EARLY)]))
        patch.setattr("pipelines.steps.INDICATORS", broken)
        codes.append(main(["assess", "--config", str(config), "--as-of", str(LATER)]))
    assert codes == [0, 0, 0]
    return config, folder / "warehouse.duckdb"


def rows(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_each_indicators_samples_give_back_its_value(warehouse):
    _, path = warehouse
    ruleset = load_ruleset("productops-v1", indicator_ids())
    con = duckdb.connect(str(path), read_only=True)
    try:
        values = [v for v in load_values(con, TODAY) if v.indicator_id in ruleset.indicators]
    finally:
        con.close()
    # This warehouse is synced from Jira only: every Jira indicator carries its samples.
    jira = {i for i in ruleset.available if ruleset.spec(i).source == "jira"}
    assert {v.indicator_id for v in values if v.samples} == jira
    for v in values:
        spec = ruleset.spec(v.indicator_id)
        assert aggregate(spec.aggregation, v.samples) == pytest.approx(v.value, abs=1e-9), v
        if "iqr" in v.extras:
            assert statistic("iqr", v.samples) == pytest.approx(v.extras["iqr"], abs=1e-9), v


def test_indicators_computed_one_by_one_equal_the_registrys_compute_all(warehouse):
    _, path = warehouse
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert compute_indicators(con, TODAY) == compute_all(con, TODAY)
    finally:
        con.close()


def test_a_stored_assessment_is_reproduced_under_its_pinned_rule_set(warehouse):
    _, path = warehouse
    con = duckdb.connect(str(path), read_only=True)
    try:
        for as_of in (TODAY, EARLY, LATER):
            found = reproduce_date(
                con,
                as_of=as_of,
                ruleset_id="productops-v1",
                known_indicators=indicator_ids(),
                min_confidence=0.6,
            )
            assert len(found) == 4
            assert {r.stored.entity: r.differences for r in found} == {
                r.stored.entity: [] for r in found
            }
            assert all(r.recomputed.stability == r.stored.stability for r in found)
    finally:
        con.close()
    stored = rows(path, "SELECT ruleset_id, ruleset_version, content FROM marts.dim_rulesets")
    assert [(i, v) for i, v, _ in stored] == [("productops-v1", "2.1.0")]


def test_overrides_keep_the_raw_and_the_adjusted_level(warehouse):
    _, path = warehouse
    level = rows(
        path,
        "SELECT level_proven, level_ceiling, level_proven_raw, level_ceiling_raw,"
        " overrides_applied FROM marts.fct_maturity_assessments"
        " WHERE entity = 'Onboarding' AND as_of_date = ?",
        [TODAY],
    )
    # predictable_delivery fails raw (n/a for this team); company_wide_learning caps it at 4.
    assert level == [(1, 4, 1, 3, 1)]
    criterion = rows(
        path,
        "SELECT status, raw_status, status_reason, override_state, override_approved_by"
        " FROM marts.fct_criterion_results WHERE entity = 'Onboarding' AND as_of_date = ?"
        " AND criterion_id = 'predictable_delivery'",
        [TODAY],
    )
    assert criterion == [("not_applicable", "fail", "override", "applied", "Head of Product")]


def test_explain_says_the_level_why_and_what_next(warehouse, capsys):
    config, _ = warehouse
    assert main(["explain", "Payments", "--config", str(config), "--as-of", str(TODAY)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Payments: level 1 Ad-Hoc (proven), ceiling 1 Ad-Hoc")
    assert "Next steps to level 2 Emerging (0 of 3 Emerging criteria met)" in out
    assert "To fix (furthest from its threshold first):" in out
    assert "1. consistent_sprint_cadence: sprint length varies by" in out
    assert "evidence: sprints " in out and "what to do: Agree one sprint length" in out
    assert "pm_overhead_below_30: no source configured: needs a PM time-use survey" in out
    assert "level stability (60 resamples of the evidence): proven Ad-Hoc (p = 1.00)" in out
    assert "the override of 'consistent_sprint_cadence' for Payments expired on 2020-01-01" in out


def test_explain_defaults_to_the_latest_date_and_explains_the_organisation(warehouse, capsys):
    config, _ = warehouse
    assert main(["explain", "organisation", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The organisation: level 1 Ad-Hoc (proven)")
    assert f"as of {LATER}" in out and "teams: 3 (100% with evidence" in out
    why, next_steps = out.split("Next steps to level 2 Emerging")
    assert "processes_documented: no source configured" in why
    assert "processes_documented" not in next_steps  # a level-3 criterion: not next
    assert "2 more team(s) must get there" in next_steps


def test_explain_names_what_is_missing_instead_of_failing(warehouse, capsys):
    config, _ = warehouse
    assert main(["explain", "Nobody", "--config", str(config)]) == 2
    assert "no team 'Nobody' in [[teams]]" in capsys.readouterr().err
    assert main(["explain", "Payments", "--config", str(config), "--as-of", "2020-01-01"]) == 2
    err = capsys.readouterr().err
    assert "no assessment of Payments as of 2020-01-01" in err
    assert "maturity assess --as-of 2020-01-01" in err and "Traceback" not in err


def test_assess_json_is_the_same_explanation_under_a_versioned_schema(warehouse, capsys):
    config, _ = warehouse
    assert main(["assess", "--json", "--config", str(config), "--as-of", str(TODAY)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "prodops-maturity/assessment-run/v1"
    assert [t["entity"] for t in document["teams"]] == ["Onboarding", "Payments", "Search"]
    payments = document["teams"][1]
    assert payments["schema"] == "prodops-maturity/assessment/v1"
    assert payments["level"] == {
        "proven": 1,
        "proven_name": "Ad-Hoc",
        "ceiling": 1,
        "ceiling_name": "Ad-Hoc",
        "proven_without_overrides": 1,
        "ceiling_without_overrides": 1,
    }
    fix = payments["next_level"]["to_fix"][0]
    assert fix["id"] == "consistent_sprint_cadence" and fix["evidence_ids"]
    assert document["organisation"]["organisation"]["teams_total"] == 3
    assert payments["stability"]["proven"]["1"] == 1.0


def test_a_failing_indicator_is_an_error_not_a_failed_run(warehouse):
    _, path = warehouse
    statuses = rows(
        path,
        "SELECT entity, status, message FROM marts.fct_criterion_results"
        " WHERE as_of_date = ? AND criterion_id = 'planning_without_delays' ORDER BY entity",
        [LATER],
    )
    assert {s for _, s, _ in statuses} == {"error"}
    assert "late_start_rate failed to compute (BinderException" in statuses[0][2]
    others = rows(
        path,
        "SELECT DISTINCT status FROM marts.fct_criterion_results WHERE as_of_date = ?"
        " AND criterion_id = 'consistent_sprint_cadence'",
        [LATER],
    )
    assert others and {s for (s,) in others} <= {"pass", "fail", "not_applicable"}
    runs = rows(
        path,
        "SELECT status, row_counts->>'indicators_failed' FROM meta.runs"
        " WHERE parameters->>'as_of' = ?",
        [str(LATER)],
    )
    assert runs == [("succeeded", "2")]


def test_level_changes_are_listed_with_their_cause(warehouse):
    _, path = warehouse
    found = rows(
        path,
        "SELECT entity, previous_as_of_date, as_of_date, level_ceiling_before,"
        " level_ceiling_after, direction, cause, changed_criteria"
        " FROM marts.fct_level_transitions WHERE scope = 'team' ORDER BY entity, as_of_date",
    )
    by_key = {(e, d): rest for e, _, d, *rest in found}
    # 100 days back the teams had too few sprints: the ceiling fell as evidence arrived.
    ceiling_before, ceiling_after, direction, cause, changed = by_key[("Payments", TODAY)]
    assert (ceiling_before, ceiling_after, direction, cause) == (5, 1, "down", "evidence")
    assert "consistent_sprint_cadence: insufficient -> fail" in changed
    # The failing indicator no longer blocks Onboarding's ceiling: an indicator change.
    onboarding = by_key[("Onboarding", LATER)]
    assert tuple(onboarding[:2]) == (4, 5)
    assert onboarding[3] == "indicator" and "company_wide_learning: fail -> error" in onboarding[4]
