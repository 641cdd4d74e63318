"""The GitHub emulator speaks what PyGithub expects (base_url on loopback, Link pages, base64
contents, conditional requests, rate-limit headers), and the simulated GitHub side of an
organisation leaves the traces of each team's level."""

from __future__ import annotations

import base64
import json
import statistics
import urllib.request
from datetime import UTC, datetime
from itertools import pairwise
from urllib.error import HTTPError

import pytest
from github import Auth, Github, GithubException

from simulator.generate import generate_organisation
from simulator.github_emulator import Fault, GithubEmulator
from simulator.github_org import LEVEL2_PROCESSES, PROCESSES, generate_github, github_side

NOW = datetime(2025, 6, 2, tzinfo=UTC)
TEAMS = (
    ("Payments", 1),
    ("Search", 2),
    ("Onboarding", 3),
    ("Billing", 4),
    ("Mobile", 5),
    ("Platform", 3),
)


@pytest.fixture(scope="module")
def gh():
    return generate_github(TEAMS, seed=3, now=NOW)


@pytest.fixture(scope="module")
def server(gh):
    with GithubEmulator(gh) as running:
        yield running


def client(server, per_page: int = 100, token: str | None = None) -> Github:
    return Github(
        base_url=server.url,
        auth=Auth.Token(token or server.token),
        per_page=per_page,
        seconds_between_requests=None,
        retry=None,
        lazy=True,
    )


def get(server, path: str, headers: dict | None = None):
    request = urllib.request.Request(
        server.url + path, headers={"Authorization": f"token {server.token}", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_lists_come_in_link_header_pages(gh, server):
    repo = gh.team_repos["Billing"][0]
    server.reset_log()
    issues = list(client(server, per_page=25).get_repo(repo).get_issues(state="all"))
    assert len(issues) == len(gh.repo(repo).issues)
    assert server.request_counts()["/repos/{owner}/{repo}/issues"] == -(-len(issues) // 25)
    status, headers, _ = get(server, f"/repos/{repo}/issues?state=all&per_page=25")
    assert status == 200 and 'rel="next"' in headers["Link"] and 'rel="last"' in headers["Link"]


def test_issues_and_pulls_filter_and_sort_as_github_does(gh, server):
    repo = gh.repo(gh.team_repos["Mobile"][0])
    api = client(server).get_repo(repo.full_name)
    since = datetime(2025, 3, 1, tzinfo=UTC)
    changed = list(api.get_issues(state="all", since=since, sort="updated", direction="asc"))
    assert [i.number for i in changed] == [
        i.number
        for i in sorted(repo.issues.values(), key=lambda i: (i.updated_at, i.number))
        if i.updated_at >= since
    ]
    labelled = list(api.get_issues(state="all", labels=["experiment"]))
    assert labelled and all("experiment" in [x.name for x in i.labels] for i in labelled)
    pulls = list(api.get_pulls(state="all", sort="updated", direction="desc"))
    assert len(pulls) == sum(i.is_pull for i in repo.issues.values())
    assert [p.updated_at for p in pulls] == sorted((p.updated_at for p in pulls), reverse=True)


def test_contents_folders_files_and_their_history(gh, server):
    api = client(server).get_repo(gh.playbook_repo)
    listing = api.get_contents("playbook")
    assert sorted(c.path for c in listing) == sorted(
        p for p in gh.repo(gh.playbook_repo).files() if p.startswith("playbook/")
    )
    page = api.get_contents("playbook/rituals.md")
    assert page.encoding == "base64" and b"## QBR prep" in page.decoded_content
    commits = list(api.get_commits(path="playbook/rituals.md"))
    assert len(commits) == 2 and commits[0].commit.author.date > commits[1].commit.author.date
    root = api.get_contents("")
    assert {c.type for c in root} == {"dir", "file"}
    with pytest.raises(GithubException) as err:
        api.get_contents("no/such/file.md")
    assert err.value.status == 404


def test_conditional_requests_answer_304_without_charging_the_rate_limit(gh, server):
    path = f"/repos/{gh.playbook_repo}/events?per_page=1"
    status, headers, body = get(server, path)
    assert status == 200 and json.loads(body)[0]["type"] == "PushEvent"
    used = int(headers["X-RateLimit-Used"])
    status, again, body = get(server, path, {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"") and int(again["X-RateLimit-Used"]) == used


def test_authentication_rate_limits_and_deleted_repositories(gh, server):
    with pytest.raises(GithubException) as err:
        list(client(server, token="wrong").get_repo(gh.playbook_repo).get_releases())
    assert err.value.status == 401
    server.faults.add(Fault("secondary", wait=7))
    status, headers, body = get(server, f"/repos/{gh.playbook_repo}")
    assert (status, headers["Retry-After"]) == (403, "7")
    assert json.loads(body)["message"].startswith("You have exceeded a secondary rate limit")
    server.faults.add(Fault("primary", wait=60))
    status, headers, _ = get(server, f"/repos/{gh.playbook_repo}")
    assert status == 403 and headers["X-RateLimit-Remaining"] == "0"
    assert int(headers["X-RateLimit-Reset"]) >= datetime.now(UTC).timestamp() + 59
    repo = gh.team_repos["Search"][0]
    gh.repo(repo).is_deleted = True
    try:
        assert get(server, f"/repos/{repo}/events")[0] == 404
    finally:
        gh.repo(repo).is_deleted = False


def test_a_github_enterprise_prefix(gh):
    with GithubEmulator(gh, prefix="/api/v3") as enterprise:
        assert client(enterprise).get_repo(gh.playbook_repo).get_contents("README.md").sha
        request = urllib.request.Request(
            enterprise.origin + f"/repos/{gh.playbook_repo}",
            headers={"Authorization": f"token {enterprise.token}"},
        )
        with pytest.raises(HTTPError):  # outside the prefix: not the API
            urllib.request.urlopen(request, timeout=10)


# -- the simulated organisation's GitHub side ------------------------------------------------


def test_the_playbook_follows_the_organisations_level():
    defined = generate_github(TEAMS, seed=3, now=NOW)  # 4 of 6 teams at level 3+: Defined
    assert defined.level == 3 and defined.documented_processes == tuple(p for p, _ in PROCESSES)
    dictionary = defined.repo(defined.playbook_repo).files()[defined.metrics_dictionary_path]
    assert "north_star:" in dictionary and "drivers:" in dictionary
    emerging = generate_github(TEAMS, seed=3, now=NOW, organisation_level=2)
    assert emerging.documented_processes == LEVEL2_PROCESSES
    assert emerging.metrics_dictionary_path.endswith(".md")
    adhoc = generate_github(TEAMS, seed=3, now=NOW, organisation_level=1)
    assert adhoc.documented_processes == ()
    # An empty playbook; the teams' launch docs beside it are no part of it.
    files = adhoc.repo(adhoc.playbook_repo).files()
    assert {p for p in files if not p.startswith(f"{adhoc.launch_docs_path}/")} == {"README.md"}


def test_experiments_and_release_regularity_follow_each_teams_level(gh):
    def experiments(team):
        repo = gh.repo(gh.team_repos[team][0])
        return sum(bool(set(i.labels) & set(gh.experiment_labels)) for i in repo.issues.values())

    def release_cv(team):
        repo = gh.repo(gh.team_repos[team][0])
        dates = sorted(r.published_at for r in repo.releases if not r.prerelease)
        gaps = [(b - a).days for a, b in pairwise(dates)]
        return statistics.pstdev(gaps) / statistics.fmean(gaps)

    assert experiments("Payments") == 0 and experiments("Mobile") >= 4 * 3
    assert experiments("Billing") > experiments("Onboarding") > experiments("Search")
    assert not gh.repo(gh.team_repos["Payments"][0]).releases  # level 1 only tags
    assert release_cv("Mobile") < release_cv("Onboarding") < release_cv("Search")


def test_the_github_side_is_deterministic_and_matches_the_generated_teams():
    org = generate_organisation(seed=5, now=NOW, teams=3, months=2)
    first, second = github_side(org), github_side(org)
    assert list(first.team_repos) == [t.name for t in org.teams]
    for name, repo in first.repos.items():
        twin = second.repos[name]
        assert [c.sha for c in repo.commits] == [c.sha for c in twin.commits]
        assert [(i.number, i.labels, i.updated_at) for i in repo.issues.values()] == [
            (i.number, i.labels, i.updated_at) for i in twin.issues.values()
        ]


def test_file_contents_round_trip_through_base64(gh, server):
    status, _, body = get(server, f"/repos/{gh.playbook_repo}/contents/README.md")
    payload = json.loads(body)
    assert status == 200 and payload["content"].endswith("\n")
    decoded = base64.b64decode(payload["content"].replace("\n", "")).decode()
    assert decoded == gh.repo(gh.playbook_repo).files()["README.md"]
