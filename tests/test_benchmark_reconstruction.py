"""`make bench`'s reconstruction benchmark, on a tiny organisation, so that it keeps working:
raw rendered by two workers, a first build, a nightly rebuild and the baseline, which must
agree with the reconstruction row for row."""

from __future__ import annotations

import argparse

from benchmarks import reconstruction


def test_the_reconstruction_benchmark_runs_end_to_end(tmp_path, capsys):
    args = argparse.Namespace(
        boards=2, sprints_per_board=6, issues_per_board=150, first_builds=1, nightly_runs=1,
        baseline_runs=1, out=tmp_path,
        no_baseline=False, memory_limit="400MB",
    )  # fmt: skip
    reconstruction.run(args)
    out = capsys.readouterr().out
    assert "reconstruction: " in out and "sprints (10 with Jira's sprint report)" in out
    assert "first build 1 (parses all raw)" in out and "nightly rebuild 1" in out
    assert "target replay >= 30x the baseline: " in out
    assert "issues agree (100.0%)" in out
    assert "0 differ from the reconstruction" in out
    assert list((tmp_path / "cache").glob("dense-2x6x150-v*.duckdb"))
