"""`make bench` (reconstruction): sprint evidence for a large organisation, raw -> marts.

The organisation (issue 4's scale by default: 200,000 issues, about 3,000,000 changelog items,
5,000 sprints, 100 teams; `benchmarks.dense_org`) is rendered by the simulator straight into
raw.* as a Data Center sync would land it (every changelog item), with Jira's sprint report
for each closed sprint. That takes a few minutes once, on both cores; the raw warehouse is
kept in bench-out/cache/ and reused.

Measured, each in a fresh process that does only that work, each repeated (best and median
are reported, with the load average, since the 2 cores are shared and figures vary run to
run; a verdict is on the median):
- the first build, from a fresh copy of raw each time: `build_models` (parsing every raw
  payload, the replay, the reconciliation, every other model) plus every indicator, then the
  commit: what a new user, or a rebuild from scratch, waits for;
- nightly rebuilds (nothing new landed: parsing resumes at the watermark): the same work;
- the replay alone (the models from the typed changes to marts.fct_sprint_issues) against the
  baseline: a straightforward pandas/Python per-issue replay (`benchmarks.replay_baseline`)
  of the same staged tables, checked row for row against the reconstruction.
Targets (issue 4): the reconstruction plus all indicators in <= 5 s and < 1 GB, the commit
included: that is the nightly rebuild, which replays every sprint of every issue from the
typed history and recomputes every model. The first build does the same after parsing every
raw JSON payload once (1.4 GB at this scale), work a sync's data needs once per delivery, not
part of the reconstruction: its time is shown beside the target, its memory held to it. The
replay at least 30x faster than the baseline. Peak memory is the process's maximum resident
set (`getrusage`), which includes DuckDB's buffers: DuckDB runs inside the process.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from queue import Empty

CACHE_VERSION = 1
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 5.0, 1024.0, 30.0
REPLAY_MODELS = (
    "staging/jira_field_history.sql",
    "marts/fct_sprint_issues.sql",
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks --only reconstruction")
    add_arguments(parser)
    run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--boards", type=int, default=100, help="teams, one board each")
    parser.add_argument("--sprints-per-board", type=int, default=50)
    parser.add_argument("--issues-per-board", type=int, default=2000)
    parser.add_argument("--first-builds", type=int, default=2, help="each from a fresh raw copy")
    parser.add_argument("--nightly-runs", type=int, default=5)
    parser.add_argument("--baseline-runs", type=int, default=2, help="each takes 25-45 s")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--no-baseline", action="store_true", help="skip the slow baseline")
    parser.add_argument(
        "--memory-limit",
        help="DuckDB's memory_limit for the builds, e.g. 600MB (default: the warehouse's,"
        " as a run uses it)",
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
    first, nightly = [], []
    for _ in range(args.first_builds):  # every first build starts from raw alone
        shutil.copyfile(raw, work)
        first.append(_in_child(_measure_build, work, limit))
    nightly = [_in_child(_measure_build, work, limit) for _ in range(args.nightly_runs)]
    runs = [(f"first build {n} (parses all raw)", m) for n, m in enumerate(first, 1)]
    runs += [(f"nightly rebuild {n}", m) for n, m in enumerate(nightly, 1)]
    print(
        f"\n{'':30}{'load':>6}{'parse':>7}{'replay':>7}{'models':>7}{'indic.':>7}{'commit':>7}"
        f"{'total':>7}{'cpu s':>7}{'MB':>7}"
    )
    for name, m in runs:
        print(
            f"{name:30}{m['load']:>6.1f}{m['parse']:>7.2f}{m['replay']:>7.2f}{m['models']:>7.2f}"
            f"{m['indicators']:>7.2f}{m['commit']:>7.2f}{m['total']:>7.2f}{m['cpu']:>7.1f}"
            f"{m['peak_mb']:>7,.0f}"
        )
    print(
        "load: 1-minute load average at the end of the run (2 cores, shared); models: every"
        " model (parse and replay\nincluded); commit: COMMIT and closing the file (DuckDB"
        " checkpoints); total: models + indicators + commit,\nwhat a run waits for; cpu s: CPU"
        " seconds of all threads (models and indicators)"
    )
    print(f"\n{first[0]['summary']}")
    best_nightly = min(nightly or first, key=lambda m: m["total"])
    slowest = sorted(best_nightly["timings"].items(), key=lambda kv: -kv[1])[:4]
    print(
        "slowest models (best nightly run): "
        + ", ".join(f"{Path(k).stem} {v:.2f}s" for k, v in slowest)
    )
    for label, measured in (("first build", first), ("nightly rebuild", nightly)):
        if not measured:
            continue
        seconds = _spread([m["total"] for m in measured])
        if label == "first build":
            parsing = _spread([m["parse"] for m in measured])
            print(
                f"first build (no time target: parses the raw JSON once, then the rebuild):"
                f" {seconds}, of which parsing {parsing}; {_loads(measured)}"
            )
        else:
            _verdict(
                f"reconstruction + all indicators ({label}) <= {TARGET_SECONDS:.0f} s",
                _median([m["total"] for m in measured]) <= TARGET_SECONDS,
                f"{seconds}, models + all indicators + commit; {_loads(measured)}",
            )
        peak = max(m["peak_mb"] for m in measured)
        _verdict(
            f"{label} < {TARGET_MB:,.0f} MB",
            peak < TARGET_MB,
            f"highest peak resident set {peak:,.0f} MB, DuckDB included",
        )
    if args.no_baseline:
        return
    replayed = [m["replay"] for m in nightly or first]
    bases = [_in_child(_measure_baseline, work) for _ in range(args.baseline_runs)]
    base = _median([b["seconds"] for b in bases])
    print(
        "\nbaseline, a pandas/Python per-issue replay of the staged tables:"
        f" {_spread([b['seconds'] for b in bases])}, {bases[0]['peak_mb']:,.0f} MB;"
        f" {bases[0]['rows']:,} rows, {bases[0]['differing']} differ from the reconstruction;"
        f" {_loads(bases)}"
    )
    print(
        f"replay alone (same inputs, same outputs): {_spread(replayed)}; ratio"
        f" {base / _median(replayed):.0f}x on medians, {base / min(replayed):.0f}x on the best"
        f" replay; {base / _median([m['total'] for m in nightly or first]):.0f}x against the"
        " whole nightly rebuild"
    )
    _verdict(
        f"replay >= {TARGET_RATIO:.0f}x the baseline",
        base / _median(replayed) >= TARGET_RATIO,
        "median baseline / median replay",
    )


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _spread(seconds: list[float]) -> str:
    if len(seconds) == 1:
        return f"{seconds[0]:.2f} s (1 run)"
    return f"best {min(seconds):.2f} s, median {_median(seconds):.2f} s ({len(seconds)} runs)"


def _loads(runs: list[dict]) -> str:
    loads = [r["load"] for r in runs]
    return f"load average {min(loads):.1f}-{max(loads):.1f}"


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
        from benchmarks.dense_org import NOW
        from indicators.registry import compute_all
        from indicators.store import store_values
        from warehouse.connection import DEFAULT_MEMORY_LIMIT, open_warehouse
        from warehouse.transform import (
            JiraSourceConfig,
            TeamBoard,
            build_models,
            reconciliation_summary,
        )

        # Opened as a run opens it (UTC, checkpoint threshold, memory limit), so that what is
        # measured is what the pipeline does.
        con = open_warehouse(path, memory_limit=memory_limit or DEFAULT_MEMORY_LIMIT)
        con.execute("SET enable_progress_bar = false")
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
        con.close()  # a run closes the file: DuckDB checkpoints then
        commit = time.perf_counter() - committing
        queue.put(
            {
                "parse": timings.get("staging/jira_raw_parsed.sql", 0.0),
                "replay": sum(timings[m] for m in REPLAY_MODELS),
                "models": models,
                "indicators": indicators,
                "commit": commit,
                "total": models + indicators + commit,
                "load": os.getloadavg()[0],
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
            {
                "seconds": seconds,
                "rows": len(frame),
                "differing": differing,
                "peak_mb": _peak_mb(),
                "load": os.getloadavg()[0],
            }
        )
    except BaseException as error:
        queue.put(error)


def _dataset_size(path: Path, queue) -> None:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false")  # its bars would land in the report
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
