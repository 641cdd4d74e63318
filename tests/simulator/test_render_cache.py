"""The emulator's cached JSON bytes say exactly what the readable renderers define."""

from __future__ import annotations

import json

import pytest

from simulator.jira_emulator.changelog import history_list
from simulator.jira_emulator.render import FIELD_RENDERERS, issue_json
from simulator.jira_emulator.site import CLOUD, DATACENTER, Site
from simulator.model import ESTIMATE_FIELD_ID, SPRINT_FIELD_ID, Organisation

pytestmark = pytest.mark.filterwarnings("error")

TRACKED = frozenset({SPRINT_FIELD_ID, "status", ESTIMATE_FIELD_ID})


def site_of(org: Organisation, deployment: str) -> Site:
    return Site(
        org,
        base_url="http://jira.invalid",
        deployment=deployment,
        account_email="sim@example.com",
        search_page_size=100,
        changelog_page_size=100,
    )


@pytest.mark.parametrize("deployment", [CLOUD, DATACENTER])
def test_cached_issues_and_histories_equal_their_definitions(org, deployment) -> None:
    site = site_of(org, deployment)
    sample = [i for i in org.issues if not i.is_deleted][::97]
    site.renders.warm(sample[:5])  # warmed and lazily rendered issues alike
    for fields in (["summary", "status", SPRINT_FIELD_ID], list(FIELD_RENDERERS), ["nope"]):
        page = json.loads(b"[" + site.renders.issues(sample, fields, changelog=False) + b"]")
        assert page == [issue_json(site, issue, fields) for issue in sample]
    for issue in sample:
        for wanted in (None, TRACKED, frozenset({"status"})):
            cached = [json.loads(h) for h in site.renders.histories(issue, wanted)]
            assert cached == history_list(site, issue, None if wanted is None else set(wanted))


def test_the_embedded_changelog_is_cloud_truncated_and_dc_complete(org) -> None:
    busy = max((i for i in org.issues if not i.is_deleted), key=lambda i: len(i.changes))
    for deployment in (CLOUD, DATACENTER):
        site = site_of(org, deployment)
        issue = json.loads(site.renders.issues([busy], ["summary"], changelog=True))
        histories = history_list(site, busy)
        expected = histories[::-1] if deployment == CLOUD else histories
        assert issue["changelog"]["histories"] == expected
        assert issue["changelog"]["total"] == len(histories)
