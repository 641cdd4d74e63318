"""A run killed with SIGKILL at any point (mid-sync, mid-derive, at the commit)
leaves the warehouse at its last good state, and the next run completes.

`maturity run` runs as a child process against the Jira emulator; the test reads its log and
kills it the moment it reaches a stage (the emulator answers slowly, so the sync kill lands
while pages are being fetched and committed)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from pipelines.cli import main
from simulator.jira_emulator import Fault
from tests.pipelines.ops_support import (
    AS_OF,
    REPO,
    duplicate_keys,
    fingerprint,
    query,
    served,
    small_org,
)

# (log line that marks the stage, seconds to wait after it, extra arguments)
KILL_POINTS = (
    ("sync: every source", 1.0, ["--full"]),  # pages landing, each with its cursor
    # Inside the derive transaction: persisted staging and marts being rewritten.
    ("derive: building staging and marts", 0.3, []),
    ("derive: committing", 0.0, []),  # the marts validated, COMMIT under way (or just done)
)


def _run_and_kill(config, marker: str, delay: float, extra: list[str]) -> None:
    argv = ["run", "--config", str(config), "--as-of", AS_OF, *extra]
    child = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *argv],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in child.stderr:
            lines.put(line)
        lines.put(None)  # the child ended

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + 120
    try:
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                pytest.fail(f"the run ended before logging {marker!r}:\n{''.join(seen[-20:])}")
            seen.append(line)
            if marker in line:
                break
        time.sleep(delay)
    except queue.Empty:
        pytest.fail(f"the run never logged {marker!r}:\n{''.join(seen[-20:])}")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the run ended before the kill at {marker!r}"


def test_a_killed_run_leaves_the_last_good_marts_and_the_next_run_completes(tmp_path):
    with served(small_org(), tmp_path) as (config, jira):
        path = tmp_path / "warehouse.duckdb"
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        good, good_content = fingerprint(path, include_lineage=True), fingerprint(path)

        jira.faults.add(Fault("slow", delay=0.05, count=None))
        for marker, delay, extra in KILL_POINTS:
            _run_and_kill(config, marker, delay, extra)
            after = fingerprint(path, include_lineage=True)
            if marker != "derive: committing":
                assert after == good, f"marts changed by a run killed at {marker!r}"
            else:  # killed around COMMIT: all of the new marts or none of them
                assert after == good or fingerprint(path) == good_content
            assert set(duplicate_keys(path).values()) == {0}
            last = query(path, "SELECT status FROM meta.runs ORDER BY started_at DESC LIMIT 1")
            assert last == [("running",)]  # the ledger shows it never finished
        jira.faults.clear()
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0

    assert fingerprint(path) == good_content  # the same data gives the same marts
    assert set(duplicate_keys(path).values()) == {0}
    statuses = query(path, "SELECT status, count(*) FROM meta.runs GROUP BY 1 ORDER BY 1")
    assert statuses == [("abandoned", len(KILL_POINTS)), ("succeeded", 2)]
