"""Launch docs kept as Markdown in a GitHub repository feed the launch-checklist reader: over
HTTP against the GitHub emulator with real PyGithub, into fct_launches beside other sources."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipelines.cli import main
from simulator.github_emulator import GithubEmulator
from simulator.launch_exports import launches_of
from tests.connectors.github_fixtures import NOW, TEAMS, TOKEN_ENV, github_org, query, write_config

AS_OF = NOW.date().isoformat()


@pytest.fixture
def gh():
    return github_org()


def truth(gh) -> list[tuple]:
    """The launches the docs were written from: each team's launches of the last year."""
    found = []
    for index, (team, level) in enumerate(TEAMS):
        for launch in launches_of(team, level, index, gh.now.date()):
            if (gh.now.date() - launch.planned).days <= 365:
                checklist = launch.checklist or []
                found.append(
                    (
                        launch.launch_id,
                        team,
                        launch.planned,
                        launch.actual,
                        len(checklist),
                        sum(done for _, done, _ in checklist),
                        f"{gh.playbook_repo}:{gh.launch_docs_path}/{team.lower()}/"
                        f"{launch.launch_id}.md",
                    )
                )
    return sorted(found)


def test_launch_docs_in_a_repository_reach_fct_launches_with_their_source_named(
    gh, tmp_path, monkeypatch, capsys
):
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(tmp_path, server.url, gh)
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        # A second sync finds every document unchanged: nothing is read or landed twice.
        assert main(["sync", "--config", str(config)]) == 0
    warehouse = tmp_path / "warehouse.duckdb"
    found = query(
        warehouse,
        "SELECT launch_id, team, planned_date, actual_date, items_total, items_done, file_path"
        " FROM marts.fct_launches WHERE source_name = 'gh' ORDER BY ALL",
    )
    assert found == truth(gh) and len(found) > 20
    loads = query(
        warehouse,
        "SELECT count(*), count(DISTINCT file_sha256) FROM raw.file_loads"
        " WHERE source_kind = 'launches' AND source_name = 'gh'",
    )
    assert loads == [(len(found), len(found))]
    out = capsys.readouterr().out
    assert f"launches gh: up to date; {len(found)} files (0 new, {len(found)} unchanged)" in out
    # The launch indicators read them: every team has a checklist coverage.
    coverage = query(
        warehouse,
        "SELECT count(DISTINCT entity) FROM marts.fct_indicator_values"
        " WHERE indicator_id = 'launch_checklist_coverage' AND entity_type = 'team'"
        " AND value IS NOT NULL",
    )
    assert coverage == [(len(TEAMS),)]


def test_a_changed_doc_replaces_its_version_and_a_broken_one_is_named(
    gh, tmp_path, monkeypatch, capsys
):
    repo = gh.repo(gh.playbook_repo)
    path = next(p for p in repo.files() if p.startswith(f"{gh.launch_docs_path}/"))
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(tmp_path, server.url, gh, extra="full_visit_days = 0")
        assert main(["sync", "--config", str(config)]) == 0
        text = repo.files()[path]
        repo.push(gh.now + timedelta(hours=1), {path: text.replace("- [ ]", "- [x]")}, "Tick")
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        broken = "---\nid: X-1\nteam: Search\n# never closed\n"
        repo.push(gh.now + timedelta(hours=2), {path: broken}, "Break the front matter")
        code = main(["sync", "--config", str(config)])
    warehouse = tmp_path / "warehouse.duckdb"
    launch_id = path.rsplit("/", 1)[1].removesuffix(".md")
    items = query(
        warehouse,
        "SELECT items_total, items_done FROM marts.fct_launches WHERE launch_id = ?",
        [launch_id],
    )[0]
    assert items[0] == items[1]  # the ticked version is the one the marts read
    assert code == 4  # a source refused for its data, named below; nothing of it landed
    out = capsys.readouterr().out
    assert f"{gh.playbook_repo}:{path}: front matter opened with '---' is never closed" in out
    assert f"fix the document in {gh.playbook_repo}" in out
    refused = query(
        warehouse,
        "SELECT count(*) FROM raw.file_loads WHERE source_name = 'gh' AND run_id ="
        " (SELECT max(run_id) FROM meta.runs)",
    )
    assert refused == [(0,)]
