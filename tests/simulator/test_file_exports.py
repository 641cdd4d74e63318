"""The simulated organisation's exported files: they load as real exports do (the designed
typo and unfinished response aside) and their evidence sits on each team's side of the rule
thresholds: what `make demo` relies on to prove levels above 1."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from indicators import (
    launch_checklist_coverage,
    launch_on_time_rate,
    launch_success_rate,
    pm_overhead_share,
    pm_time_value,
)
from pipelines.demo_files import write_demo_exports
from pipelines.file_config import file_model_config
from simulator.generate import generate_organisation
from tests.pipelines.file_support import SALT_ENV, sync
from warehouse.transform import build_models


@pytest.fixture(scope="module")
def org():
    return generate_organisation(seed=3, teams=6, now=datetime(2025, 6, 30, tzinfo=UTC), months=2)


def test_the_simulated_exports_load_and_match_each_teams_level(tmp_path, org, monkeypatch):
    from pipelines.settings import load_settings

    monkeypatch.setenv(SALT_ENV, "sim-salt")
    files, team_lines = write_demo_exports(org, tmp_path)
    lines = ['[warehouse]\npath = "w.duckdb"', files]
    for team in org.teams:
        lines += ["[[teams]]", f'name = "{team.name}"', *team_lines[team.name]]
    (tmp_path / "maturity.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = load_settings(tmp_path / "maturity.toml")
    found, con = sync(settings)
    surveys = found["surveys"]["pm-time"]
    assert (surveys["rows_quarantined"], surveys["rows_incomplete"]) == (1, 1)  # typo, unfinished
    launches, outcomes = found["launches"]["launches"], found["outcomes"]["finance"]
    assert launches["status"] == "loaded" and launches["rows_quarantined"] == 0
    assert launches["items_quarantined"] == 0 and outcomes["rows_quarantined"] == 0
    build_models(con, sources=[], team_boards=[], files=file_model_config(settings))
    as_of = org.now.date()

    def value(module, team, indicator="INDICATOR", scope="team"):
        values = getattr(module, indicator).compute(con, as_of)
        return next(v for v in values if (v.entity_type, v.entity) == (scope, team))

    for team in org.teams:
        level = team.true_level
        overhead = value(pm_overhead_share, team.name)
        assert overhead.n_samples >= 3
        assert (overhead.value > 30) == (level == 1), (team.name, overhead.value)
        assert (overhead.value <= 10) == (level == 5), (team.name, overhead.value)
        assert value(pm_time_value, team.name).value > 0
        coverage = value(launch_checklist_coverage, team.name)
        assert coverage.n_samples >= 3 and (coverage.value >= 80) == (level >= 3)
        on_time = value(launch_on_time_rate, team.name)
        gtm = on_time.value >= 80 and on_time.extras["gtm_ready_pct"] >= 90
        assert gtm == (level >= 4), (team.name, on_time.value, on_time.extras)
    best = value(launch_success_rate, "Mobile")  # level 5: succeeding, and more than last year
    assert best.value >= 70 and best.extras["yoy_change_points"] >= 1
    con.close()
