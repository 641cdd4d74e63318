"""A simulated organisation served from a child process, so the parent's peak memory is the
pipeline's alone."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class ServedOrg:
    url: str
    email: str
    token: str
    teams: list[tuple[str, list[int]]]
    issues: int
    now: datetime
    requests: mp.Queue
    control: mp.Queue

    def request_counts(self) -> Counter:
        self.control.put("counts")
        return self.requests.get(timeout=60)


def _serve(seed: int, teams: int, months: int, now: datetime, out: mp.Queue, control: mp.Queue):
    from simulator.generate import generate_organisation
    from simulator.jira_emulator import JiraEmulator

    org = generate_organisation(seed=seed, now=now, teams=teams, months=months)
    with JiraEmulator(org) as jira:
        out.put(
            (
                jira.url,
                jira.email,
                jira.token,
                [(t.name, t.board_ids) for t in org.teams],
                len(org.issues),
            )
        )
        while (message := control.get()) != "stop":
            if message == "counts":
                out.put(jira.request_counts())


@contextmanager
def served_organisation(*, seed: int, teams: int, months: int) -> Iterator[ServedOrg]:
    now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    context = mp.get_context("spawn")
    out, control = context.Queue(), context.Queue()
    child = context.Process(target=_serve, args=(seed, teams, months, now, out, control))
    child.start()
    try:
        url, email, token, team_boards, issues = out.get(timeout=600)
        yield ServedOrg(url, email, token, team_boards, issues, now, out, control)
    finally:
        control.put("stop")
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
