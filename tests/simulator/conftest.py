"""Shared fixtures: one generated organisation, served by one emulator, read by one client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from jira import JIRA

from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from simulator.model import Organisation

# A Monday in summer time: Europe/Berlin offsets differ between sprints (+0100 / +0200).
NOW = datetime(2025, 6, 2, tzinfo=UTC)


@pytest.fixture(scope="session")
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def org() -> Organisation:
    return generate_organisation(7, now=NOW)


@pytest.fixture(scope="session")
def emulator(org: Organisation) -> Iterator[JiraEmulator]:
    with JiraEmulator(org, search_page_size=100) as running:
        yield running


@pytest.fixture(scope="session")
def client(emulator: JiraEmulator) -> Iterator[JIRA]:
    jira = JIRA(
        server=emulator.url,
        basic_auth=(emulator.email, emulator.token),
        options={"rest_api_version": "3"},
    )
    yield jira
    jira.close()
