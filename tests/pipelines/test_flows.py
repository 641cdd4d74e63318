"""The Prefect `nightly` flow really runs (against a temporary Prefect server) and does the
same work as `maturity run`: sync over HTTP, marts, indicators, a level per team; run twice it
leaves the same marts; the `backfill` flow assesses every month end of a window."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from pipelines.demo import DEMO_EMAIL_ENV, DEMO_TOKEN_ENV, write_demo_config
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from tests.pipelines.ops_support import fingerprint

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


def test_nightly_flow_assesses_every_team(prefect_server, tmp_path, monkeypatch):
    from pipelines.flows import backfill, nightly

    org = generate_organisation(seed=3, now=datetime(2026, 6, 1, tzinfo=UTC), teams=2, months=4)
    with JiraEmulator(org) as jira:
        config = write_demo_config(
            tmp_path / "maturity.toml",
            jira_url=jira.url,
            teams=[(t.name, t.board_ids) for t in org.teams],
        )
        with config.open("a") as text:  # BI tools reading files get a fresh export nightly
            text.write('\n[schedule]\nexport_dir = "bi"\n')
        monkeypatch.setenv(DEMO_EMAIL_ENV, jira.email)
        monkeypatch.setenv(DEMO_TOKEN_ENV, jira.token)
        result = nightly(config_path=str(config), as_of="2026-06-01")
        first = fingerprint(tmp_path / "warehouse.duckdb")
        again = nightly(config_path=str(config), as_of="2026-06-01")
        second = fingerprint(tmp_path / "warehouse.duckdb")
        filled = backfill(config_path=str(config), start="2026-03-01", end="2026-05-31")

    assert result["fct_maturity_assessments"] == 3  # two teams and the organisation
    assert result["data_quality"]["failed_critical"] == 0
    assert again["run_id"] != result["run_id"] and second == first  # idempotent
    assert filled["as_of_dates"] == ["2026-03-31", "2026-04-30", "2026-05-31"]
    assert filled["fct_maturity_assessments"] == 9
    assert (tmp_path / "bi" / "fct_sprints.parquet").exists()
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    try:
        runs = con.execute("SELECT kind, status FROM meta.runs ORDER BY started_at").fetchall()
        teams = con.execute(
            "SELECT entity FROM marts.fct_maturity_assessments WHERE scope = 'team'"
            " AND as_of_date = DATE '2026-06-01' ORDER BY entity"
        ).fetchall()
        sprints = con.execute("SELECT count(*) FROM marts.fct_sprints").fetchall()[0][0]
    finally:
        con.close()
    assert runs == [
        ("nightly", "succeeded"),
        ("nightly", "succeeded"),
        ("backfill-flow", "succeeded"),
    ]
    assert [t[0] for t in teams] == sorted(t.name for t in org.teams)
    assert sprints > 0
