"""A GitHub REST emulator serving the GitHub side of a simulated organisation on 127.0.0.1.

    gh = github_side(generate_organisation(seed=7))         # simulator.github_org
    with GithubEmulator(gh) as server:
        client = Github(base_url=server.url, auth=Auth.Token(server.token))
        server.faults.add(Fault("secondary", wait=1))      # see faults.py

Modules: `server` (HTTP, authentication, paging, ETags, rate limits, the request log),
`api` (the routes and their query semantics), `render` (GitHub's payload shapes),
`faults` (rate limits and errors on demand).
"""

from simulator.github_emulator.faults import Fault
from simulator.github_emulator.server import GithubEmulator

__all__ = ["Fault", "GithubEmulator"]
