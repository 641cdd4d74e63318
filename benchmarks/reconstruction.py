"""`make bench` (reconstruction): sprint evidence for a large organisation, raw -> marts.

The organisation (issue 4's scale by default: 200,000 issues, about 3,000,000 changelog items,
5,000 sprints, 100 teams; `benchmarks.dense_org`) is rendered by the simulator straight into
raw.* as a Data Center sync would land it (every changelog item), with Jira's sprint report
for each closed sprint. That takes a few minutes once, on both cores; the raw warehouse is
kept in bench-out/cache/ and reused.

Measured, each in a fresh process that does only that work:
- the first build: `build_models` (parsing every raw payload, the replay, the reconciliation)
  plus every indicator, then the commit;
- nightly rebuilds (nothing new landed: parsing resumes at the watermark), the figure the
  issue's target (<= 5 s, < 1 GB) is about: the sprint-evidence models plus every indicator
  (the commit, and the models of other sources, are shown apart);
- the baseline: a straightforward pandas/Python per-issue replay (`benchmarks.replay_baseline`)
  of the same staged tables, checked row for row against the reconstruction.
Seconds are wall clock on this machine (2 cores, shared: figures vary run to run; the best of
the nightly runs is reported with the others). Peak memory is the process's maximum resident
set (`getrusage`), which includes DuckDB's buffers: DuckDB runs inside the process.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path
from queue import Empty

CACHE_VERSION = 1
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 5.0, 1024.0, 30.0
REPLAY_MODELS = (
    "staging/jira_field_history.sql",
    "staging/jira_sprint_replay.sql",
    "marts/fct_sprint_issues.sql",
)
SPRINT_MODELS = (
    "staging/jira_raw_parsed.sql",
    "staging/jira_fields.sql",
    "staging/jira_boards.sql",
    "staging/jira_issues.sql",
    *REPLAY_MODELS,
    "marts/dim_teams.sql",
    "marts/fct_sprint_reconciliation.sql",
    "marts/fct_sprints.sql",
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks --only reconstruction")
    add_arguments(parser)
    run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--boards", type=int, default=100, help="teams, one board each")
    parser.add_argument("--sprints-per-board", type=int, default=50)
    parser.add_argument("--issues-per-board", type=int, default=2000)
    parser.add_argument("--nightly-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--no-baseline", action="store_true", help="skip the slow baseline")
    parser.add_argument(
        "--memory-limit",
        help="DuckDB's memory_limit for the builds, e.g. 600MB (default: DuckDB's)",
    )


def run(args: argparse.Namespace) -> None:
    shape = (args.boards, args.sprints_per_board, args.issues_per_board)
    raw = _cached_raw(args.out / "cache", shape)
    work = args.out / "reconstruction.duckdb"
    shutil.copyfile(raw, work)
    size = _in_child(_dataset_size, work)
    print(
        f"\nreconstruction: {size['issues']:,} issues, {size['histories']:,} changelog histories"
        f" ({size['items']:,} items), {size['sprints']:,} sprints ({size['reports']:,} with"
        f" Jira's sprint report), {size['teams']} teams"
    )
    limit = args.memory_limit
    runs = [("first build (parses all raw)", _in_child(_measure_build, work, limit))]
    runs += [
        (f"nightly rebuild {n}", _in_child(_measure_build, work, limit))
        for n in range(1, args.nightly_runs + 1)
    ]
    print(
        f"\n{'':30}{'sprint':>8}{'parse':>8}{'replay':>8}{'indic.':>8}{'= s':>8}"
        f"{'commit':>8}{'others':>8}{'cpu s':>8}{'MB':>7}"
    )
    for name, m in runs:
        print(
            f"{name:30}{m['sprint']:>8.2f}{m['parse']:>8.2f}{m['replay']:>8.2f}"
            f"{m['indicators']:>8.2f}{m['measured']:>8.2f}{m['commit']:>8.2f}"
            f"{m['other_models']:>8.2f}{m['cpu']:>8.1f}{m['peak_mb']:>7,.0f}"
        )
    print(
        "sprint: the sprint-evidence models (parse, staging, replay, reconciliation, marts);"
        " = s: sprint + indicators;\nothers: the other sources' models, not part of the target;"
        " cpu s: CPU seconds of all threads (models and indicators)"
    )
    nightly = min((m for _, m in runs[1:]), key=lambda m: m["measured"], default=runs[0][1])
    print(f"\n{runs[0][1]['summary']}")
    slowest = sorted(nightly["timings"].items(), key=lambda kv: -kv[1])[:4]
    print(
        "slowest models (best nightly run): "
        + ", ".join(f"{Path(k).stem} {v:.2f}s" for k, v in slowest)
    )
    _verdict(
        f"<= {TARGET_SECONDS:.0f} s",
        nightly["measured"] <= TARGET_SECONDS,
        f"{nightly['measured']:.2f} s nightly rebuild of the sprint evidence + all indicators;"
        f" {nightly['measured'] + nightly['commit']:.2f} s with the commit",
    )
    _verdict(
        f"< {TARGET_MB:,.0f} MB",
        nightly["peak_mb"] < TARGET_MB,
        f"{nightly['peak_mb']:,.0f} MB peak resident set, DuckDB included",
    )
    if args.no_baseline:
        return
    base = _in_child(_measure_baseline, work)
    whole = base["seconds"] / nightly["measured"]
    like = base["seconds"] / nightly["replay"]
    print(
        "\nbaseline, a pandas/Python per-issue replay of the staged tables:"
        f" {base['seconds']:.1f} s, {base['peak_mb']:,.0f} MB; {base['rows']:,} rows,"
        f" {base['differing']} differ from the reconstruction"
    )
    print(
        f"ratio: {like:.0f}x on the replay alone (same inputs, same outputs: "
        f"{nightly['replay']:.2f} s), {whole:.0f}x against the whole nightly rebuild with"
        f" indicators ({nightly['measured']:.2f} s)"
    )
    _verdict(f">= {TARGET_RATIO:.0f}x", like >= TARGET_RATIO, "replay alone against the baseline")


def _verdict(target: str, met: bool, detail: str) -> None:
    print(f"target {target}: {'met' if met else 'MISSED'} ({detail})")


def _in_child(function, *args):
    """`function(*args, queue)` in a fresh process; what it puts on the queue."""
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=function, args=(*args, queue))
    child.start()
    while True:
        try:
            result = queue.get(timeout=1)
            break
        except Empty:
            if not child.is_alive():
                message = f"{function.__name__} died (exit code {child.exitcode})"
                raise RuntimeError(message) from None
    child.join()
    if isinstance(result, BaseException):
        raise result
    return result


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure_build(path: Path, memory_limit: str | None, queue) -> None:
    try:
        import duckdb

        from benchmarks.dense_org import NOW
        from indicators.registry import compute_all
        from indicators.store import store_values
        from warehouse.migrate import migrate
        from warehouse.transform import (
            JiraSourceConfig,
            TeamBoard,
            build_models,
            reconciliation_summary,
        )

        con = duckdb.connect(str(path))
        con.execute("SET enable_progress_bar = false")
        if memory_limit:
            if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", memory_limit):
                raise ValueError(f"--memory-limit {memory_limit!r}: write e.g. 600MB or 1GB")
            con.execute(f"SET memory_limit = '{memory_limit}'")
        migrate(con)
        boards = con.execute("SELECT DISTINCT board_id FROM raw.jira_boards").fetchall()
        teams = [TeamBoard(f"Team {b}", "sim", b) for (b,) in boards]
        timings: dict[str, float] = {}
        con.execute("BEGIN TRANSACTION")
        started, cpu = time.perf_counter(), time.process_time()
        build_models(con, [JiraSourceConfig("sim", "auto")], teams, timings=timings)
        models = time.perf_counter() - started
        values = compute_all(con, NOW.date())
        store_values(con, values, NOW.date(), "bench")
        indicators = time.perf_counter() - started - models
        cpu = time.process_time() - cpu
        summary = reconciliation_summary(con)["line"]
        committing = time.perf_counter()
        con.execute("COMMIT")
        commit = time.perf_counter() - committing
        con.close()
        sprint = sum(timings.get(m, 0.0) for m in SPRINT_MODELS)
        queue.put(
            {
                "sprint": sprint,
                "parse": timings.get("staging/jira_raw_parsed.sql", 0.0),
                "replay": sum(timings[m] for m in REPLAY_MODELS),
                "indicators": indicators,
                "measured": sprint + indicators,
                "commit": commit,
                "other_models": models - sprint,
                "cpu": cpu,
                "timings": timings,
                "summary": summary,
                "peak_mb": _peak_mb(),
            }
        )
    except BaseException as error:  # reported by the parent
        queue.put(error)


def _measure_baseline(path: Path, queue) -> None:
    try:
        import duckdb

        from benchmarks.replay_baseline import replay

        con = duckdb.connect(str(path), read_only=True)
        con.execute("SET enable_progress_bar = false")
        started = time.perf_counter()
        frame = replay(con)
        seconds = time.perf_counter() - started
        con.register("baseline", frame)
        differing = con.execute(
            "SELECT count(*) FROM baseline b FULL JOIN marts.fct_sprint_issues f"
            " USING (board_id, sprint_id, issue_id)"
            " WHERE b.outcome IS DISTINCT FROM f.outcome"
            " OR b.points_at_start IS DISTINCT FROM f.points_at_start"
            " OR b.points_at_end IS DISTINCT FROM f.points_at_end"
        ).fetchall()[0][0]
        queue.put(
            {"seconds": seconds, "rows": len(frame), "differing": differing, "peak_mb": _peak_mb()}
        )
    except BaseException as error:
        queue.put(error)


def _dataset_size(path: Path, queue) -> None:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    sql = {
        "issues": "SELECT count(DISTINCT issue_id) FROM raw.jira_issues",
        "histories": "SELECT count(*) FROM raw.jira_changelogs",
        "items": "SELECT sum(json_array_length(payload, '$.items')) FROM raw.jira_changelogs",
        "sprints": "SELECT count(*) FROM raw.jira_sprints",
        "reports": "SELECT count(*) FROM raw.jira_sprint_reports WHERE http_status = 200",
        "teams": "SELECT count(*) FROM raw.jira_boards",
    }
    queue.put({name: con.execute(query).fetchall()[0][0] for name, query in sql.items()})
    con.close()


def _cached_raw(folder: Path, shape: tuple[int, int, int]) -> Path:
    """The raw warehouse for `shape`, rendered once by two workers and kept."""
    boards, sprints, issues = shape
    path = folder / f"dense-{boards}x{sprints}x{issues}-v{CACHE_VERSION}.duckdb"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    print(f"rendering {boards * issues:,} issues into raw.* (once; kept in {path}) ...")
    started = time.perf_counter()
    parts = Path(tempfile.mkdtemp(prefix="raw-parts-", dir=folder))
    halves = [range(0, boards // 2), range(boards // 2, boards)]
    context = mp.get_context("spawn")
    with context.Pool(2) as pool:
        pool.starmap(_render_part, [(parts, n, half, shape) for n, half in enumerate(halves)])
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    _in_child(_load_parts, partial, parts)
    partial.rename(path)
    shutil.rmtree(parts)
    print(f"rendered in {time.perf_counter() - started:.0f} s")
    return path


def _render_part(folder: Path, worker: int, indices: range, shape: tuple[int, int, int]) -> None:
    import pyarrow.parquet as pq

    from benchmarks.dense_org import dense_organisation
    from benchmarks.raw_org import raw_batches

    boards, sprints, issues = shape
    org = dense_organisation(
        boards=boards, sprints_per_board=sprints, issues_per_board=issues, board_indices=indices
    )
    batches = raw_batches(org, deployment="datacenter", with_source=worker == 0)
    for n, (table, batch) in enumerate(batches):
        pq.write_table(batch, folder / f"{table}.{worker}.{n:05d}.parquet")


def _load_parts(path: Path, parts: Path, queue) -> None:
    try:
        import duckdb

        from warehouse.migrate import migrate

        con = duckdb.connect(str(path))
        con.execute("SET enable_progress_bar = false")
        migrate(con)
        tables = sorted({p.name.split(".")[0] for p in parts.glob("*.parquet")})
        for table in tables:
            files = sorted(str(p) for p in parts.glob(f"{table}.*.parquet"))
            con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM read_parquet(?)", [files])
        con.close()
        queue.put(None)
    except BaseException as error:
        queue.put(error)


if __name__ == "__main__":
    main()
