"""The GitHub indicators against the truth of the simulated organisation: synced over HTTP
with the real PyGithub client, derived by the pipeline, compared with what the simulator knows
it wrote (pages and their commits, the dictionary, releases, labelled experiments)."""

from __future__ import annotations

import itertools
import statistics
from datetime import date, timedelta

import pytest

from indicators.store import load_values
from maturity.aggregations import aggregate
from pipelines.settings import load_settings
from pipelines.steps import load_configured_ruleset
from simulator.github_emulator import GithubEmulator
from simulator.github_org import PROCESSES
from tests.connectors.github_fixtures import NOW, TOKEN_ENV, assess, github_org, query, sync
from tests.connectors.github_fixtures import write_config as github_config
from warehouse.connection import open_warehouse

AS_OF = NOW.date()
GITHUB_INDICATORS = (
    "documented_process_count",
    "playbook_freshness_days",
    "metrics_framework_present",
    "release_cadence_cv",
    "experiments_per_quarter",
)


def synced(folder, gh, monkeypatch, *, extra: str = ""):
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = github_config(folder, server.url, gh, extra=extra)
        sync(config)
    return config


def values(config, as_of: date = AS_OF) -> dict[tuple[str, str], object]:
    con = open_warehouse(load_settings(config).warehouse_path, read_only=True)
    try:
        found = load_values(con, as_of)
    finally:
        con.close()
    return {(v.entity, v.indicator_id): v for v in found if v.indicator_id in GITHUB_INDICATORS}


def results(config, criterion: str, as_of: date = AS_OF) -> dict[str, tuple]:
    rows = query(
        config.parent / "warehouse.duckdb",
        "SELECT entity, status, message FROM marts.fct_criterion_results"
        " WHERE criterion_id = ? AND as_of_date = ?",
        [criterion, as_of],
    )
    return {entity: (status, message) for entity, status, message in rows}


@pytest.fixture(scope="module")
def defined(tmp_path_factory):
    """A Level 3 organisation, synced once and assessed as of NOW."""
    gh = github_org()
    folder = tmp_path_factory.mktemp("defined")
    with pytest.MonkeyPatch.context() as mp:
        config = synced(folder, gh, mp)
        assess(config)
    return gh, config


def test_the_playbook_documents_all_seven_processes_and_they_are_current(defined):
    _, config = defined
    found = values(config)[("organisation", "documented_process_count")]
    assert found.entity_type == "organisation" and found.unit == "count"
    assert (found.value, found.n_samples) == (7.0, 7)
    assert found.evidence == [pid for pid, _ in PROCESSES]
    assert found.extras == {"documented_processes": 7.0}
    assert results(config, "processes_documented")["organisation"][0] == "pass"
    # Five processes by their page's name, two by a heading of the shared page.
    matched = dict(
        query(
            config.parent / "warehouse.duckdb",
            "SELECT process_id, matched_by FROM marts.fct_playbook_processes",
        )
    )
    assert matched["qbr_prep"] == "heading" and matched["retrospective"] == "heading"
    assert matched["sprint_planning"] == "file_name+heading"


def test_playbook_freshness_is_the_age_of_the_stalest_process(defined):
    gh, config = defined
    repo = gh.repo(gh.playbook_repo)
    page = {"retrospective": "rituals", "qbr_prep": "rituals"}
    ages = [
        (
            AS_OF
            - repo.commits_touching(f"playbook/{page.get(pid, pid.replace('_', '-'))}.md")[
                0
            ].at.date()
        ).days
        for pid, _ in PROCESSES
    ]
    found = values(config)[("organisation", "playbook_freshness_days")]
    assert (found.value, found.n_samples, found.unit) == (max(ages), 7, "days")
    assert found.samples == [float(a) for a in ages]
    assert found.extras["newest_days"] == min(ages)


def test_the_metrics_dictionary_names_a_north_star_and_its_drivers(defined):
    _, config = defined
    found = values(config)[("organisation", "metrics_framework_present")]
    assert (found.value, found.n_samples, found.unit) == (1.0, 1, "flag")
    assert found.extras["has_north_star"] == 1 and found.extras["drivers_count"] == 4
    assert found.evidence == ["acme/product-playbook:metrics/dictionary.yaml"]
    assert results(config, "metrics_framework")["organisation"][0] == "pass"
    row = query(
        config.parent / "warehouse.duckdb",
        "SELECT north_star, drivers_count, format FROM marts.fct_metrics_dictionary",
    )
    assert row == [("Weekly active teams", 4, "yaml")]


def test_experiments_per_quarter_count_the_labelled_issues_and_pull_requests(defined):
    gh, config = defined
    quarters = (date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1))  # the two complete ones
    found = values(config)
    for team, repos in gh.team_repos.items():
        truth = [
            sum(
                1
                for r in repos
                for i in gh.repo(r).issues.values()
                if set(i.labels) & set(gh.experiment_labels) and start <= i.created_at.date() < end
            )
            for start, end in itertools.pairwise(quarters)
        ]
        value = found[(team, "experiments_per_quarter")]
        assert value.samples == [float(x) for x in truth], team
        assert value.value == pytest.approx(statistics.fmean(truth)), team
        assert (value.window_start, value.window_end) == (date(2024, 10, 1), date(2025, 3, 31))
    statuses = {t: s for t, (s, _) in results(config, "experimentation_operational").items()}
    # Managed and Optimizing teams run A/B tests; the others do not, or rarely.
    assert statuses == {
        "Payments": "fail",
        "Search": "fail",
        "Onboarding": "fail",
        "Billing": "pass",
        "Mobile": "pass",
        "Platform": "fail",
    }


def test_release_cadence_is_regular_for_the_higher_levels(defined):
    gh, config = defined
    found = values(config)
    start = AS_OF - timedelta(days=179)
    for team, repos in gh.team_repos.items():
        repo = gh.repo(repos[0])
        if repo.releases:
            dates = sorted(
                r.published_at for r in repo.releases if r.published_at and not r.prerelease
            )
        else:  # tags only: dated by their commit
            dates = sorted(repo.commit(t.commit_sha).at for t in repo.tags)
        # GitHub dates to the second.
        dates = [d.replace(microsecond=0) for d in dates if start <= d.date() <= AS_OF]
        intervals = [(b - a).total_seconds() / 86400 for a, b in itertools.pairwise(dates)]
        value = found[(team, "release_cadence_cv")]
        truth = statistics.pstdev(intervals) / statistics.fmean(intervals)
        assert value.value == pytest.approx(truth, rel=1e-9), team
        assert value.n_samples == len(intervals)
    cv = {team: found[(team, "release_cadence_cv")].value for team in gh.team_repos}
    assert cv["Payments"] > 0.3 > max(cv["Billing"], cv["Mobile"], cv["Onboarding"])


def test_each_indicators_samples_give_back_its_value(defined):
    _, config = defined
    ruleset = load_configured_ruleset(load_settings(config))
    found = values(config)
    assert {i for _, i in found} == set(GITHUB_INDICATORS)
    for value in found.values():
        spec = ruleset.spec(value.indicator_id)
        assert value.unit == spec.unit
        assert aggregate(spec.aggregation, value.samples) == pytest.approx(value.value), value


def test_a_backfill_sees_the_playbook_as_it_was(defined):
    gh, config = defined
    earlier = AS_OF - timedelta(days=120)
    assess(config, earlier)
    found = values(config, earlier)[("organisation", "documented_process_count")]
    repo = gh.repo(gh.playbook_repo)
    page = {"retrospective": "rituals", "qbr_prep": "rituals"}
    current = 0
    for pid, _ in PROCESSES:
        path = f"playbook/{page.get(pid, pid.replace('_', '-'))}.md"
        seen = [c.at.date() for c in repo.commits_touching(path) if c.at.date() <= earlier]
        current += bool(seen) and (earlier - max(seen)).days < 180
    assert found.value == current and found.n_samples == 7
    assert found.window_end == earlier


def test_launch_documents_are_landed_for_the_launch_checklist_reader(defined):
    gh, config = defined
    rows = query(
        config.parent / "warehouse.duckdb",
        "SELECT path, markdown FROM staging.github_launch_documents ORDER BY path",
    )
    files = gh.repo(gh.playbook_repo).files()
    expected = sorted((p, t) for p, t in files.items() if p.startswith("launches/"))
    assert rows == expected and len(rows) > 20  # each team's launches of the last year
    assert all("## Launch readiness checklist" in markdown for _, markdown in rows)


def test_an_emerging_organisation_has_a_partial_stale_playbook_and_no_driver_tree(
    tmp_path, monkeypatch
):
    gh = github_org(organisation_level=2)
    config = synced(tmp_path, gh, monkeypatch)
    assess(config)
    found = values(config)
    documented = found[("organisation", "documented_process_count")]
    assert (documented.value, documented.extras["documented_processes"]) == (2.0, 3.0)
    framework = found[("organisation", "metrics_framework_present")]
    assert framework.value == 0.0 and framework.extras["drivers_count"] == 0
    assert framework.extras["has_north_star"] == 1
    assert results(config, "processes_documented")["organisation"][0] == "fail"
    assert results(config, "metrics_framework")["organisation"][0] == "fail"


def test_an_empty_playbook_fails_its_criteria_rather_than_lacking_evidence(tmp_path, monkeypatch):
    gh = github_org(organisation_level=1)  # a README, no playbook folder, no dictionary
    config = synced(tmp_path, gh, monkeypatch)
    assess(config)
    found = values(config)
    documented = found[("organisation", "documented_process_count")]
    assert (documented.value, documented.n_samples, documented.evidence) == (0.0, 7, [])
    assert ("organisation", "playbook_freshness_days") not in found  # nothing to date
    assert found[("organisation", "metrics_framework_present")].value == 0.0
    status, message = results(config, "processes_documented")["organisation"]
    assert status == "fail" and message.startswith("0 of the 7 canonical processes")
    assert results(config, "metrics_framework")["organisation"][0] == "fail"
    present = query(
        tmp_path / "warehouse.duckdb", "SELECT is_present FROM marts.fct_metrics_dictionary"
    )
    assert present == [(False,)]


def test_process_patterns_are_configurable(tmp_path, monkeypatch):
    gh = github_org()
    extra = "\n".join(
        [
            "[sources.github.process_patterns.qbr_prep]",
            'heading = ""',  # never by heading: the shared page's "QBR prep" no longer counts
            "[sources.github.process_patterns.retrospective]",
            'heading = "^team rituals$"',  # the shared page's title stands for it instead
        ]
    )
    config = synced(tmp_path, gh, monkeypatch, extra=extra)
    assess(config)
    documented = values(config)[("organisation", "documented_process_count")]
    assert documented.value == 6.0 and "qbr_prep" not in documented.evidence
    headings = query(
        tmp_path / "warehouse.duckdb",
        "SELECT matched_headings FROM marts.fct_playbook_processes"
        " WHERE process_id = 'retrospective'",
    )
    assert headings == [(["Team rituals"],)]
