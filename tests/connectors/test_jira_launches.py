"""Launch checklists kept in Jira (format = "jira"), over HTTP against the emulator with the
real `jira` client: launch issues and their sub-tasks land as delivered, stage into the same
shape as file launches, and every launch indicator reads them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.cli import main
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from simulator.launch_exports import write_launches
from simulator.launch_issues import add_launch_issues
from simulator.model import ADOPTION_ACTUAL_FIELD_ID, ADOPTION_TARGET_FIELD_ID
from tests.connectors.jira_fixtures import EMAIL_ENV, TOKEN_ENV, query, write_config

NOW = datetime(2026, 3, 2, tzinfo=UTC)
AS_OF = "2026-03-02"
FACTS = (
    "SELECT team, planned_date, actual_date, items_total, items_done, items_done_by_launch,"
    " adoption_target, adoption_actual, is_on_time, is_gtm_ready, is_adoption_hit"
    " FROM marts.fct_launches WHERE source_name = ? ORDER BY ALL"
)


@pytest.fixture(scope="module")
def org():
    org = generate_organisation(seed=11, now=NOW, teams=2, months=3)
    org.launches = add_launch_issues(org)  # the truth, for the assertions
    return org


def launch_source(name: str = "jira-launches", extra: str = "") -> str:
    return "\n".join(
        [
            "",
            "[[sources.launches]]",
            f'name = "{name}"',
            'format = "jira"',
            'jira_source = "acme"',
            'projects = ["LCH"]',
            extra,
            "[sources.launches.fields]",
            f'adoption_target = "{ADOPTION_TARGET_FIELD_ID}"',
            f'adoption_actual = "{ADOPTION_ACTUAL_FIELD_ID}"',
        ]
    )


def configure(tmp_path, jira, org, monkeypatch, *, extra: str = "", deployment: str = "cloud"):
    monkeypatch.setenv(EMAIL_ENV, jira.email)
    monkeypatch.setenv(TOKEN_ENV, jira.token)
    teams = [(t.name, [f"acme:{b}" for b in t.board_ids]) for t in org.teams]
    source_extra = 'deployment = "datacenter"' if deployment == "datacenter" else ""
    path = write_config(tmp_path, [("acme", jira.url)], teams, extra=source_extra)
    # [[sources.launches]] after [[teams]]: TOML arrays of tables may come in any order.
    path.write_text(path.read_text() + (extra or launch_source()) + "\n")
    return path


def test_launches_and_their_sub_tasks_land_and_reach_the_launch_indicators(
    org, tmp_path, monkeypatch, capsys
):
    with JiraEmulator(org, search_page_size=20) as jira:
        config = configure(tmp_path, jira, org, monkeypatch)
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        counts = jira.request_counts()
        token, url = jira.token, jira.url
    warehouse = tmp_path / "warehouse.duckdb"
    truth = org.launches
    items = sum(len(launch.checklist or []) for launch in truth)
    # As delivered: every launch issue and sub-task, one snapshot, with the source's name.
    landed = query(
        warehouse,
        "SELECT count(*) FILTER (WHERE parent_key IS NULL), count(*) FILTER (WHERE parent_key"
        " IS NOT NULL), any_value(source_name) FROM raw.jira_launch_issues",
    )[0]
    assert landed == (len(truth), items, "jira-launches")
    assert query(warehouse, "SELECT launches, subtasks FROM raw.jira_launch_loads") == [
        (len(truth), items)
    ]
    # Cloud's token-paged search only, never the removed /search.
    assert "/rest/api/3/search/jql" in counts and "/rest/api/3/search" not in counts
    # Staged like a file launch: dates, team (from the component), items, adoption.
    expected = sorted(
        (
            launch.team,
            launch.planned,
            launch.actual,
            len(launch.checklist or []),
            sum(done for _, done, _ in launch.checklist or []),
            launch.adoption_target,
            launch.adoption_actual,
        )
        for launch in truth
    )
    found = query(
        warehouse,
        "SELECT team, planned_date, actual_date, items_total, items_done, adoption_target,"
        " adoption_actual FROM marts.fct_launches WHERE source_name = 'jira-launches'"
        " ORDER BY ALL",
    )
    assert found == expected
    link = query(warehouse, "SELECT file_path FROM marts.fct_launches WHERE launch_id = 'LCH-1'")[
        0
    ][0]
    assert link == f"{url}/browse/LCH-1"
    # Every launch indicator has a value for both teams, from these launches alone.
    indicators = query(
        warehouse,
        "SELECT DISTINCT indicator_id FROM marts.fct_indicator_values"
        " WHERE indicator_id LIKE 'launch%' AND entity_type = 'team' AND value IS NOT NULL",
    )
    assert {i for (i,) in indicators} >= {
        "launch_checklist_coverage",
        "launch_on_time_rate",
        "launch_readiness_rate",
    }
    output = capsys.readouterr()
    assert "launches jira-launches: loaded" in output.out
    assert token not in output.out + output.err


def test_jira_launches_equal_the_same_launches_exported_as_files(org, tmp_path, monkeypatch):
    write_launches(org, tmp_path / "exports" / "launches")
    files = "\n".join(
        [
            "",
            "[[sources.launches]]",
            'name = "files"',
            'paths = ["exports/launches/**/*"]',
            "day_first = true",
        ]
    )
    with JiraEmulator(org, deployment="datacenter", search_page_size=15) as jira:
        config = configure(
            tmp_path,
            jira,
            org,
            monkeypatch,
            deployment="datacenter",
            extra=launch_source() + files,
        )
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        counts = jira.request_counts()
    assert "/rest/api/2/search" in counts  # Data Center's startAt paging
    warehouse = tmp_path / "warehouse.duckdb"
    from_jira = query(warehouse, FACTS, ["jira-launches"])
    assert from_jira == query(warehouse, FACTS, ["files"])
    assert len(from_jira) == len(org.launches)


def test_a_launch_with_an_unreadable_value_is_named_and_left_out_whole(
    org, tmp_path, monkeypatch, capsys
):
    launch = next(i for i in org.issues if i.issue_type == "Launch")
    before = dict(launch.custom_values)
    launch.custom_values[ADOPTION_TARGET_FIELD_ID] = "lots"
    try:
        with JiraEmulator(org) as jira:
            config = configure(tmp_path, jira, org, monkeypatch)
            assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
            url = jira.url
    finally:
        launch.custom_values.clear()
        launch.custom_values.update(before)
    out = capsys.readouterr().out
    assert f"{launch.key} ({url}/browse/{launch.key}): {ADOPTION_TARGET_FIELD_ID}" in out
    assert "holds 'lots', not a non-negative number: correct it in Jira" in out
    warehouse = tmp_path / "warehouse.duckdb"
    left_out = query(
        warehouse,
        "SELECT count(*) FROM marts.fct_launches WHERE launch_id = ?",
        [launch.key],
    )[0][0]
    items_left = query(
        warehouse,
        "SELECT count(*) FROM marts.fct_launch_items WHERE launch_id = ?",
        [launch.key],
    )[0][0]
    assert (left_out, items_left) == (0, 0)
    problem = query(
        warehouse, "SELECT problem FROM staging.jira_launches WHERE launch_id = ?", [launch.key]
    )[0][0]
    assert problem == f"{ADOPTION_TARGET_FIELD_ID} holds 'lots', not a number"
    others = query(warehouse, "SELECT count(*) FROM marts.fct_launches")[0][0]
    assert others == len(org.launches) - 1


def test_a_misspelt_field_or_source_stops_with_the_key_named(org, tmp_path, monkeypatch, capsys):
    with JiraEmulator(org) as jira:
        bad_field = launch_source().replace(ADOPTION_ACTUAL_FIELD_ID, "customfield_99999")
        config = configure(tmp_path, jira, org, monkeypatch, extra=bad_field)
        assert main(["sync", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "fields.adoption_actual = 'customfield_99999' is not a field" in err
    # Nothing of the launch source landed.
    assert query(tmp_path / "warehouse.duckdb", "SELECT count(*) FROM raw.jira_launch_issues") == [
        (0,)
    ]
    config.write_text(config.read_text().replace('jira_source = "acme"', 'jira_source = "acm"'))
    assert main(["sync", "--config", str(config)]) == 2
    assert "jira_source = 'acm', but sources.jira has ['acme']" in capsys.readouterr().err


def test_a_second_sync_replaces_the_snapshot(org, tmp_path, monkeypatch):
    with JiraEmulator(org) as jira:
        config = configure(tmp_path, jira, org, monkeypatch)
        assert main(["sync", "--config", str(config)]) == 0
        assert main(["sync", "--config", str(config)]) == 0
        narrowed = launch_source(extra='jql = "issuekey in (LCH-1)"')
        config = configure(tmp_path, jira, org, monkeypatch, extra=narrowed)
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
    warehouse = tmp_path / "warehouse.duckdb"
    assert query(warehouse, "SELECT count(*) FROM raw.jira_launch_loads") == [(3,)]
    # Raw keeps every snapshot; the marts read the newest: the query now matches one launch.
    assert query(warehouse, "SELECT launch_id FROM marts.fct_launches") == [("LCH-1",)]
