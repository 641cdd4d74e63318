"""How fast the emulator serves a sync: `python -m simulator.jira_emulator.throughput`.

The emulator runs in a child process, as in `benchmarks.emulated_org`, so that client and
server do not share a GIL; one lean keep-alive client (http.client, far cheaper than
requests) walks every board's project the way a Cloud sync does: search/jql pages of 100
issues, each followed by the bulkfetch of their tracked fields' histories. Two passes:
"cold" (the first sync: every rendering is computed; with --prerender, at start instead)
and "warm" (the same requests again, served from the render cache). The client times
only the round trips, not its own JSON parsing.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import multiprocessing as mp
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

FIELDS = ["summary", "issuetype", "status", "project", "parent", "labels", "created"]
FIELDS += ["updated", "resolutiondate", "customfield_10020", "customfield_10016"]
TRACKED = ["customfield_10020", "status", "customfield_10016"]


@dataclass
class Tally:
    requests: int = 0
    seconds: float = 0.0


def _serve(teams: int, prerender: bool, out: mp.Queue, stop: mp.Event) -> None:
    from simulator.generate import generate_organisation
    from simulator.jira_emulator import JiraEmulator

    org = generate_organisation(7, now=datetime(2025, 6, 2, tzinfo=UTC), teams=teams)
    started = time.perf_counter()
    with JiraEmulator(org, prerender=prerender) as jira:
        keys = [board.project_key for board in org.boards]
        out.put((jira.url, jira.email, jira.token, keys, time.perf_counter() - started))
        stop.wait()


class _Client:
    def __init__(self, url: str, email: str, token: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port)
        credentials = base64.b64encode(f"{email}:{token}".encode()).decode()
        self.headers = {"Authorization": f"Basic {credentials}", "Content-Type": "application/json"}

    def post(self, path: str, body: dict, tally: Tally) -> dict:
        started = time.perf_counter()
        self.connection.request("POST", path, body=json.dumps(body), headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        tally.seconds += time.perf_counter() - started
        tally.requests += 1
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {data[:200]!r}")
        return json.loads(data)


def _sync(client: _Client, keys: list[str]) -> tuple[int, int, Tally, Tally]:
    """Every issue of every project, and its histories: (issues, items, search, bulkfetch)."""
    issues = items = 0
    search, bulk = Tally(), Tally()
    for key in keys:
        query = {
            "jql": f"project = {key} ORDER BY created, key",
            "fields": FIELDS,
            "maxResults": 100,
        }
        while True:
            page = client.post("/rest/api/3/search/jql", query, search)
            ids = [issue["id"] for issue in page["issues"]]
            issues += len(ids)
            request = {"issueIdsOrKeys": ids, "fieldIds": TRACKED, "maxResults": 1000}
            while True:
                logs = client.post("/rest/api/3/changelog/bulkfetch", request, bulk)
                for log in logs["issueChangeLogs"]:
                    items += sum(len(history["items"]) for history in log["changeHistories"])
                if "nextPageToken" not in logs:
                    break
                request["nextPageToken"] = logs["nextPageToken"]
            if page["isLast"]:
                break
            query["nextPageToken"] = page["nextPageToken"]
    return issues, items, search, bulk


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m simulator.jira_emulator.throughput")
    parser.add_argument("--teams", type=int, default=40, help="40 teams ~ 52,000 issues")
    parser.add_argument("--prerender", action="store_true", help="render everything at start")
    args = parser.parse_args()
    context = mp.get_context("spawn")
    out, stop = context.Queue(), context.Event()
    child = context.Process(target=_serve, args=(args.teams, args.prerender, out, stop))
    child.start()
    try:
        url, email, token, keys, startup = out.get(timeout=900)
        print(f"{args.teams} teams; emulator start() {startup:.1f} s (prerender={args.prerender})")
        client = _Client(url, email, token)
        for label in ("cold", "warm"):
            issues, items, search, bulk = _sync(client, keys)
            both = search.seconds + bulk.seconds
            print(
                f"{label}: {issues:,} issues, {items / issues:.1f} tracked items each | "
                f"search/jql {search.requests / search.seconds:,.0f} req/s "
                f"{issues / search.seconds:,.0f} issues/s | "
                f"bulkfetch {bulk.requests / bulk.seconds:,.0f} req/s "
                f"{issues / bulk.seconds:,.0f} issues/s {items / bulk.seconds:,.0f} items/s | "
                f"both {issues / both:,.0f} issues/s"
            )
    finally:
        stop.set()
        child.join(timeout=30)


if __name__ == "__main__":
    main()
