"""End to end over HTTP: a simulated organisation on the Jira emulator (Cloud, where epics are
parents, and Data Center, where they are an Epic Link field) with its exported files, run by
`maturity run`. Retro actions, discovery work and epics are read from the synced issues exactly
as the simulator made them, the feedback export lands, the five criteria they feed evaluate,
and every team is proven at the level it was generated at."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from pipelines.cli import main
from pipelines.demo import DEMO_EMAIL_ENV, DEMO_GITHUB_TOKEN_ENV, DEMO_TOKEN_ENV, write_demo_setup
from pipelines.file_settings import RESPONDENT_SALT_ENV
from simulator.generate import generate_organisation
from simulator.github_emulator import GithubEmulator
from simulator.github_org import github_side
from simulator.jira_emulator import JiraEmulator

NOW = datetime(2026, 6, 1, tzinfo=UTC)
NEW_CRITERIA = (
    "retrospective_cadence",
    "formal_discovery",
    "feedback_captured",
    "feedback_loop_end_to_end",
    "company_wide_learning",
)


@pytest.fixture(scope="module", params=["cloud", "datacenter"])
def run(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"evidence-{request.param}")
    org = generate_organisation(seed=5, now=NOW, teams=5, months=7)
    gh = github_side(org)
    with (
        pytest.MonkeyPatch.context() as patch,
        JiraEmulator(org, deployment=request.param) as jira,
        GithubEmulator(gh) as github,
    ):
        patch.setenv(RESPONDENT_SALT_ENV, "e2e-salt")
        config = write_demo_setup(folder, org, jira_url=jira.url, gh=gh, github_url=github.url)
        # Data Center is read with a personal access token, named as such in the config.
        text = config.read_text().replace('deployment = "auto"', f'deployment = "{request.param}"')
        config.write_text(text)
        patch.setenv(DEMO_EMAIL_ENV, jira.email)
        patch.setenv(DEMO_TOKEN_ENV, jira.token)
        patch.setenv(DEMO_GITHUB_TOKEN_ENV, github.token)
        assert main(["run", "--config", str(config), "--as-of", str(NOW.date())]) == 0
    con = duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True)
    yield org, con
    con.close()


def keys(con, sql):
    return {r[0] if len(r) == 1 else tuple(r) for r in con.execute(sql).fetchall()}


def test_work_items_are_read_as_the_simulator_made_them(run):
    org, con = run
    live = [i for i in org.issues if not i.is_deleted and not i.is_subtask]
    by_key = {i.key: i for i in org.issues}
    assert keys(con, "SELECT issue_key FROM marts.fct_work_items WHERE is_retro_action") == {
        i.key for i in live if "retro-action" in i.labels
    }
    assert keys(con, "SELECT issue_key FROM marts.fct_work_items WHERE is_discovery") == {
        i.key for i in live if "discovery" in i.labels
    }
    # staging.jira_work_items is a view: it still answers between runs (this connection is not
    # the run's), with the markers the run read.
    assert keys(con, "SELECT issue_key FROM staging.jira_work_items WHERE is_retro_action") == {
        i.key for i in live if "retro-action" in i.labels
    }
    # The story -> epic links: the parent on Cloud, the Epic Link field on Data Center.
    assert keys(
        con, "SELECT issue_key, epic_key FROM marts.fct_work_items WHERE epic_key IS NOT NULL"
    ) == {
        (i.key, i.parent_key)
        for i in live
        if i.parent_key and by_key[i.parent_key].issue_type == "Epic"
    }
    # Every team's epics and retro actions sit in no sprint: attributed by the board's project.
    assert keys(
        con,
        "SELECT DISTINCT attributed_by FROM marts.fct_work_items WHERE is_epic OR is_retro_action",
    ) == {"project"}
    assert keys(con, "SELECT DISTINCT team FROM marts.fct_work_items") == {
        t.name for t in org.teams
    }


def test_the_feedback_export_lands_with_its_links(run):
    org, con = run
    loaded = con.execute(
        "SELECT count(*), count(team), count(*) FILTER (WHERE len(jira_keys) > 0)"
        " FROM marts.fct_feedback_items"
    ).fetchall()
    linked = sum(1 for f in org.feedback if f.linked)
    assert loaded == [(len(org.feedback), len(org.feedback), linked)]


def test_the_new_criteria_evaluate_and_every_team_is_at_its_true_level(run):
    org, con = run
    found = con.execute(
        "SELECT entity, criterion_id, status, status_reason FROM marts.fct_criterion_results"
        " WHERE scope = 'team' AND criterion_id IN " + str(NEW_CRITERIA)
    ).fetchall()
    assert len(found) == len(org.teams) * len(NEW_CRITERIA)
    assert not [r for r in found if r[3] == "no_source"]  # every source is configured
    # From Defined on a team leaves enough of each trace for a verdict; below, an Ad-Hoc team
    # may have no retro action at all (no evidence), an Emerging one too few.
    level = {t.name: t.true_level for t in org.teams}
    assert {r[2] for r in found if level[r[0]] >= 3} == {"pass", "fail"}
    levels = dict(
        con.execute(
            "SELECT entity, level_proven FROM marts.fct_maturity_assessments WHERE scope = 'team'"
        ).fetchall()
    )
    assert levels == level
