"""Loading every configured file source: surveys, launch checklists, outcome metrics and
customer feedback.

Per source: find the files its globs match; skip every file whose content (SHA-256) this
source loaded before; read the new ones; validate their rows (Great Expectations, suites in
warehouse/quality/suites_files.py); then land, in one transaction, the accepted rows, the
quarantined ones and a raw.file_loads row per file. A file that cannot be read, or a critical
check that fails, stops that source's load with a report naming the file (and row): nothing
of it lands, the other sources go on. A file whose path was loaded before with other content
is a corrected version: staging reads only the newest version of each path.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from connectors.files.errors import FileRefusedError
from pipelines import file_feedback, file_launches, file_outcomes, file_surveys
from pipelines.file_rejects import Verdict, redacted
from pipelines.file_summary import summary_line
from pipelines.jira_launches import sync_jira_launch_source
from pipelines.settings import Settings
from warehouse.file_loads import (
    land_rows,
    loaded_paths,
    loaded_versions,
    quarantine_rows,
    record_file_load,
)
from warehouse.quality.store import store_outcomes, store_outcomes_apart
from warehouse.runs import utc_now

log = logging.getLogger("maturity.files")
try:
    _LIBC = ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
except OSError:  # not glibc (e.g. musl): nothing to trim
    _LIBC = None
BIG_FILE_BYTES = 20_000_000  # below this, giving memory back costs more than it saves
SPREADSHEETS = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls"}
KINDS = ("surveys", "launches", "outcomes", "feedback")
ADAPTERS = {
    "surveys": file_surveys,
    "launches": file_launches,
    "outcomes": file_outcomes,
    "feedback": file_feedback,
}
SALT_HELP = (
    "surveys not loaded: respondents are pseudonymised with a secret salt, and {env} is not "
    "set. Set it to a long random value, the same on every run, e.g. "
    "export {env}=$(python3 -c 'import secrets; print(secrets.token_hex(32))') "
    "(keep it with your other secrets; changing it re-keys every respondent)"
)


def sync_file_sources(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str
) -> dict[str, dict[str, dict]]:
    """{kind: {source name: summary}} for every configured file source."""
    found: dict[str, dict[str, dict]] = {}
    for kind in KINDS:
        for source in getattr(settings.sources, kind):
            if kind == "launches" and source.format == "jira":
                summary = sync_jira_launch_source(con, settings, source, run_id)
                log.info("%s", summary_line(kind, source.name, summary))
            else:
                summary = sync_file_source(con, settings, kind, source, run_id)
            found.setdefault(kind, {})[source.name] = summary
    return found


def sync_file_source(
    con: duckdb.DuckDBPyConnection, settings: Settings, kind: str, source, run_id: str
) -> dict:
    started = time.monotonic()
    summary = empty_summary()
    read = _reader(kind, source, summary)
    if read is None:
        return finish(kind, source.name, summary, started)
    base = settings.config_path.parent
    paths = discover(base, source.paths)
    if not paths:
        summary["status"] = "no files"
        summary["messages"].append(f"no file matches {source.paths} (relative to {base})")
        return finish(kind, source.name, summary, started)
    known = loaded_versions(con, kind, source.name)
    earlier_paths = loaded_paths(con, kind, source.name)
    reads, refusals = [], []
    for path in paths:
        summary["files"] += 1
        companion = file_launches.companion_of(path) if kind == "launches" else None
        data = path.read_bytes()
        extra = companion.read_bytes() if companion else None
        sha = hashlib.sha256(data + (b"\0" + extra if extra is not None else b"")).hexdigest()
        relative = _relative(path, base)
        if sha in known:
            summary["unchanged"] += 1
            continue
        try:
            export = read(data, path, extra)
        except FileRefusedError as err:
            refusals.append(f"{relative}: {err}")
            continue
        if export is None or getattr(export, "skipped", False):
            summary["ignored"] += 1
            continue
        summary["replaced"] += relative in earlier_paths
        size = len(data)
        reads.append(({"path": relative, "sha256": sha, "bytes": size}, export))
        del data
        if size > BIG_FILE_BYTES:
            _release_memory()  # the file's text and cells, once read into its frame
    return judge_and_land(con, kind, source, reads, refusals, summary, run_id, started)


def judge_and_land(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    source,
    reads: list,
    refusals: list[str],
    summary: dict,
    run_id: str,
    started: float,
) -> dict:
    """Validate the files read (`reads`: (file facts, export) pairs) and land them in one
    transaction, or refuse the source whole when any file could not be read (`refusals`)."""
    if refusals:
        return _refused(kind, source.name, summary, refusals, started)
    if not reads:
        summary["status"] = "up to date"
        return finish(kind, source.name, summary, started)
    adapter = ADAPTERS[kind]
    verdict: Verdict = adapter.judge(reads, source)
    big = sum(file["bytes"] for file, _ in reads) > BIG_FILE_BYTES
    if big:
        _release_memory()  # what validation made and dropped
    if verdict.refusals:
        store_outcomes_apart(con, run_id, redacted(verdict.outcomes))
        return _refused(kind, source.name, summary, verdict.refusals, started)
    counts = adapter.file_counts(verdict, reads)
    # What landing needs of each file; the exports' frames can go before DuckDB takes its share.
    files = [(file, _file_facts(export)) for file, export in reads]
    del reads
    _land(con, kind, source.name, run_id, files, verdict, counts)
    del verdict
    if big:
        _release_memory()
    summary["new"] = len(files)
    for c in counts:
        for key, value in c.items():
            summary[key] += value
    return finish(kind, source.name, summary, started)


def discover(base: Path, patterns: list[str]) -> list[Path]:
    """The files the globs match (relative to `base` unless absolute), sorted, each once."""
    found: set[Path] = set()
    for pattern in patterns:
        if Path(pattern).is_absolute():
            anchor = Path(Path(pattern).anchor)
            matches = anchor.glob(str(Path(pattern).relative_to(anchor)))
        else:
            matches = base.glob(pattern)
        found |= {p.resolve() for p in matches if p.is_file()}
    return sorted(found)


def _reader(kind: str, source, summary: dict) -> Callable | None:
    if kind == "surveys":
        salt = os.environ.get(source.salt_env)
        if not salt:
            summary["status"] = "skipped"
            summary["messages"].append(SALT_HELP.format(env=source.salt_env))
            return None
        return lambda data, path, _: (
            file_surveys.read_file(data, path.suffix, source, salt.encode("utf-8"))
            if path.suffix.lower() in SPREADSHEETS
            else None
        )
    if kind == "launches":
        return lambda data, path, extra: (
            file_launches.read_file(data, path, source, extra)
            if file_launches.reader_for(path, source)
            else None
        )
    if kind == "feedback":
        return lambda data, path, _: (
            file_feedback.read_file(data, path, source)
            if file_feedback.is_export(path, source)
            else None
        )
    return lambda data, path, _: (
        file_outcomes.read_file(data, path.suffix, source)
        if path.suffix.lower() in SPREADSHEETS
        else None
    )


def _file_facts(export) -> dict:
    return {
        "file_format": export.file_format,
        "layout": getattr(export, "survey_format", None) or getattr(export, "layout", ""),
        "encoding": export.encoding,
        "delimiter": export.delimiter,
        "header_rows": getattr(export, "header_rows", None),
        "column_map": export.labels,
    }


def _release_memory() -> None:
    """Give the memory of a large file back before the next source reads its own: Arrow's
    allocator keeps freed blocks for reuse otherwise, and two sources' peaks would add up."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)  # glibc keeps freed heap pages otherwise (pandas, numpy, DuckDB)


def _land(con, kind, source_name, run_id, files, verdict: Verdict, counts) -> None:
    loaded_at = utc_now()
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in verdict.accepted.items():
            land_rows(con, table, rows, source_name=source_name, run_id=run_id, loaded_at=loaded_at)
        quarantine_rows(con, verdict.quarantine, run_id=run_id, at=loaded_at)
        for (file, facts), count in zip(files, counts, strict=True):
            _check_reconciled(file["path"], count)
            record_file_load(
                con,
                {
                    "source_kind": kind,
                    "source_name": source_name,
                    "run_id": run_id,
                    "loaded_at": loaded_at,
                    "file_path": file["path"],
                    "file_sha256": file["sha256"],
                    "file_bytes": file["bytes"],
                    **facts,
                    "rows_incomplete": 0,
                    "items_read": 0,
                    "items_loaded": 0,
                    "items_quarantined": 0,
                    **count,
                },
            )
        store_outcomes(con, run_id, redacted(verdict.outcomes))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _check_reconciled(path: str, c: dict) -> None:
    # A bug guard, never a data problem: every row read is either loaded or quarantined.
    for what in ("rows", "items"):
        read, loaded, bad = (c.get(f"{what}_{k}", 0) for k in ("read", "loaded", "quarantined"))
        if read != loaded + bad:
            raise RuntimeError(f"{path}: {what} read {read} != loaded {loaded} + quarantined {bad}")


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def empty_summary() -> dict:
    return {
        "status": "loaded",
        "files": 0,
        "new": 0,
        "unchanged": 0,
        "replaced": 0,
        "ignored": 0,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_quarantined": 0,
        "rows_incomplete": 0,
        "items_read": 0,
        "items_loaded": 0,
        "items_quarantined": 0,
        "messages": [],
    }


def _refused(kind, name, summary: dict, reasons: list[str], started: float) -> dict:
    summary["status"] = "refused"
    summary["messages"] += reasons
    for reason in reasons:
        log.error("%s %s: refused, nothing of this source loaded: %s", kind, name, reason)
    return finish(kind, name, summary, started)


def finish(kind: str, name: str, summary: dict, started: float) -> dict:
    summary["seconds"] = round(time.monotonic() - started, 2)
    log.info("%s", summary_line(kind, name, summary))
    return summary
