"""An emulated organisation synced over HTTP by `maturity run`: Jira's sprint reports (the
simulator computes them from its ground truth, independently of the product) agree with the
reconstruction on 100% of issues, and the reconstruction is the ground truth's report on every
board and started sprint, active ones included. A Data Center copy of the same organisation
(planned start and activatedDate differ) is landed without HTTP and agrees as well."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from pipelines.cli import main
from pipelines.demo import write_demo_config
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from tests.warehouse.sprint_support import outcomes, truth, warehouse_of

EMAIL_ENV, TOKEN_ENV = "AGREEMENT_JIRA_EMAIL", "AGREEMENT_JIRA_TOKEN"
NOW = datetime(2025, 6, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def org():
    return generate_organisation(11, now=NOW, teams=6, months=3)


@pytest.fixture(scope="module")
def synced(org, tmp_path_factory):
    folder = tmp_path_factory.mktemp("agreement")
    with JiraEmulator(org) as jira, pytest.MonkeyPatch.context() as env:
        config = write_demo_config(
            folder / "maturity.toml",
            jira_url=jira.url,
            teams=[(t.name, t.board_ids) for t in org.teams],
        )
        text = config.read_text().replace("MATURITY_DEMO_JIRA_EMAIL", EMAIL_ENV)
        config.write_text(text.replace("MATURITY_DEMO_JIRA_TOKEN", TOKEN_ENV))
        env.setenv(EMAIL_ENV, jira.email)
        env.setenv(TOKEN_ENV, jira.token)
        assert main(["run", "--config", str(config), "--as-of", NOW.date().isoformat()]) == 0
    con = duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def test_every_jira_sprint_report_agrees_with_the_reconstruction(synced):
    assert synced.execute("SELECT count(*) FROM marts.fct_sprint_reconciliation").fetchall() == [
        (0,)
    ]
    by_source = synced.execute(
        "SELECT state, figures_source, is_reconciled, count(*) FROM marts.fct_sprints"
        " GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    closed = sum(n for state, *_, n in by_source if state == "closed")
    assert closed > 30
    assert by_source == [
        ("active", "reconstructed", None, 6),
        ("closed", "jira_sprint_report", True, closed),
    ]
    compared = synced.execute(
        "SELECT count(*) FROM marts.fct_sprint_issues i JOIN marts.fct_sprints s"
        " USING (source_name, board_id, sprint_id)"
        " WHERE s.figures_source = 'jira_sprint_report' AND NOT i.is_subtask"
    ).fetchall()[0][0]
    assert compared > 500


def test_the_reconstruction_is_the_ground_truths_sprint_report(synced, org):
    assert outcomes(synced) == truth(org)


def test_data_center_agrees_too(org):
    con = warehouse_of(org, deployment="datacenter")
    assert outcomes(con) == truth(org)
    assert con.execute(
        "SELECT count(*) FROM marts.fct_sprints WHERE state = 'closed' AND NOT is_reconciled"
    ).fetchall() == [(0,)]
    activated = con.execute(
        "SELECT count(*) FROM raw.jira_sprints WHERE payload ->> '$.activatedDate'"
        " <> payload ->> '$.startDate'"
    ).fetchall()[0][0]
    assert activated > 0  # some sprints really started after their planned start
