"""A Jira REST emulator serving a simulated organisation on 127.0.0.1 (stdlib HTTP only).

with JiraEmulator(org) as jira:
    client = JIRA(server=jira.url, basic_auth=(jira.email, jira.token))
"""

from simulator.jira_emulator.server import JiraEmulator

__all__ = ["JiraEmulator"]
