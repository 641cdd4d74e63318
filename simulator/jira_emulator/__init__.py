"""A Jira REST emulator serving a simulated organisation on 127.0.0.1 (stdlib HTTP only).

    with JiraEmulator(org) as jira:
        client = JIRA(server=jira.url, basic_auth=(jira.email, jira.token))
        jira.faults.add(Fault("429", count=2, retry_after="seconds"))  # see faults.py

Modules: `server` (JiraEmulator) on `transport` (HTTP, auth, faults, request log);
`routes` maps paths to the handlers of `platform_api`, `search_api`, `changelog_api` and
`agile_api`; `render`/`changelog` define the payloads, `fragments` caches them as bytes;
`throughput` measures how fast it all serves.
"""

from simulator.jira_emulator.faults import Fault
from simulator.jira_emulator.server import JiraEmulator

__all__ = ["Fault", "JiraEmulator"]
