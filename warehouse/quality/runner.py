"""Validate warehouse tables with Great Expectations: DuckDB table -> DataFrame -> GX.

GX 1.x cannot validate DuckDB through SQL (every expectation errors inside GX), so each table is
read into pandas, only the columns its checks name, every row (nothing is sampled), and
validated in an ephemeral context (no `gx/` folder, no random ids on disk). GX is imported
here, lazily: importing it costs about two seconds, paid only by a run that validates.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.quality.checks import CRITICAL, Check, Suite
from warehouse.sql import read_sql

log = logging.getLogger("maturity.quality")
SAMPLE_SIZE = 5  # offending values kept per failed expectation
# Types pandas cannot hold exactly (HUGEINT would become a float and collide) are compared as text.
_AS_TEXT = ("HUGEINT", "UHUGEINT", "INTERVAL", "UUID")


@dataclass(frozen=True)
class Outcome:
    layer: str
    suite: Suite
    check: Check
    success: bool
    checked_at: datetime
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_pct: float | None = None
    sample: list = field(default_factory=list)
    error: str | None = None

    @property
    def is_critical_failure(self) -> bool:
        return not self.success and self.check.severity == CRITICAL

    def describe(self) -> str:
        what = f"{self.suite.table} {self.check.name}({', '.join(self.check.columns)})"
        if self.error:
            return f"{what}: could not be checked: {self.error}"
        if self.success:
            return f"{what}: ok"
        sample = ", ".join(_short(v) for v in self.sample[:3])
        return (
            f"{what}: {self.unexpected_count:,} of {self.element_count:,} rows fail "
            f"({self.check.why})" + (f"; e.g. {sample}" if sample else "")
        )


@dataclass
class QualityReport:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def critical_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.is_critical_failure]

    @property
    def warnings(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success and not o.is_critical_failure]

    def summary(self) -> dict:
        """What meta.runs.row_counts and the run's output say about data quality."""
        return {
            "expectations": len(self.outcomes),
            "failed_critical": len(self.critical_failures),
            "failed_warning": len(self.warnings),
            "seconds": round(self.seconds, 2),
            "failures": [o.describe() for o in self.critical_failures + self.warnings][:10],
        }


class DataQualityError(Exception):
    """A critical expectation failed: the run stops before the marts change (exit code 4)."""

    def __init__(self, report: QualityReport) -> None:
        failures = report.critical_failures
        lines = [f"  - {o.describe()}" for o in failures[:5]]
        if len(failures) > 5:
            lines.append(f"  - ... and {len(failures) - 5} more")
        super().__init__(
            f"data-quality check failed: {len(failures)} critical expectation(s); the marts "
            "were left as they were (rolled back). Every check of this run is in "
            "meta.expectation_results.\n" + "\n".join(lines)
        )
        self.report = report


def _short(value: object) -> str:
    text = json.dumps(value, default=str, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def _select(con: duckdb.DuckDBPyConnection, suite: Suite) -> tuple[str | None, set[str]]:
    schema, _, table = suite.table.partition(".")
    types = dict(
        con.execute(
            read_sql(Path(__file__).with_name("table_columns.sql")), [schema, table]
        ).fetchall()
    )
    if not types:
        return None, set()
    wanted = [c for c in suite.columns if c in types]
    # Identifiers come from the suites in this repository, never from input: quoting suffices.
    items = [
        f'CAST("{c}" AS VARCHAR) AS "{c}"' if types[c].startswith(_AS_TEXT) else f'"{c}"'
        for c in wanted
    ]
    return f'SELECT {", ".join(items) or "1 AS one"} FROM "{schema}"."{table}"', set(types)


def validate(
    con: duckdb.DuckDBPyConnection, suites: Sequence[Suite], *, layer: str
) -> QualityReport:
    """Run every suite on its whole table; never raises for a failed expectation."""
    started = time.perf_counter()
    gx, ProgressBarsConfig = import_gx()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # One dataframe asset for every table: each suite's frame arrives as a batch parameter.
    # (An asset, batch definition and validation definition per suite made GX re-serialise its
    # whole configuration each time: a quarter of the validation time.)
    whole = (
        context.data_sources.add_pandas(f"warehouse {layer}")
        .add_dataframe_asset("tables")
        .add_batch_definition_whole_dataframe("whole table")
    )
    report = QualityReport()
    for suite in suites:
        report.outcomes += _validate_suite(gx, whole, con, suite, layer)
    report.seconds = time.perf_counter() - started
    log.info(
        "data quality (%s): %d expectations, %d critical and %d warning failures, %.1f s",
        layer,
        len(report.outcomes),
        len(report.critical_failures),
        len(report.warnings),
        report.seconds,
    )
    return report


def import_gx():
    """GX 1.24 imports modules Python 3.11 deprecates (sre_constants): not ours to fix, and not
    worth a warning on every run."""
    # Never phone home from a nightly job (the user can still turn it on).
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
    # GX narrates every context it creates at INFO (and pins that logger to INFO itself).
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return gx, ProgressBarsConfig


def prefetch_gx() -> threading.Thread:
    """Start importing GX in the background (about 2 s of Python) while the caller builds the
    models (DuckDB, which releases the GIL): validation then finds it imported. Any failure
    is left for `validate`, which imports it again and reports it."""

    def load() -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        # A failure (e.g. a deprecation warning made an error, in tests) is validate's to report.
        with contextlib.suppress(Exception):
            import great_expectations  # noqa: F401

    thread = threading.Thread(target=load, name="import great_expectations", daemon=True)
    thread.start()
    return thread


def _validate_suite(gx, whole, con, suite: Suite, layer: str) -> list[Outcome]:
    now = datetime.now(UTC).replace(tzinfo=None)
    sql, present = _select(con, suite)
    if sql is None:
        return [Outcome(layer, suite, c, False, now, error="table missing") for c in suite.checks]
    runnable = [c for c in suite.checks if set(c.columns) <= present]
    outcomes = [
        Outcome(layer, suite, c, False, now, error="column missing")
        for c in suite.checks
        if c not in runnable
    ]
    if not runnable:
        return outcomes
    frame = con.execute(sql).df()
    expectations = [
        getattr(gx.expectations, c.expectation)(**c.arguments, meta={"check_id": c.check_id})
        for c in runnable
    ]
    gx_suite = gx.ExpectationSuite(name=suite.name, expectations=expectations)
    batch = whole.get_batch(batch_parameters={"dataframe": frame})
    # Most nights every expectation holds: ask GX for a yes or no first (about twice as fast),
    # and for counts and offending values only when something failed.
    result = batch.validate(gx_suite, result_format={"result_format": "BOOLEAN_ONLY"})
    if not result.success:
        result = batch.validate(
            gx_suite,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_SIZE},
        )
    by_id = {c.check_id: c for c in runnable}
    for r in result.results:
        check = by_id[r.expectation_config.meta["check_id"]]
        info = r.exception_info or {}
        raised = info.get("raised_exception")
        success = bool(r.success) and not raised
        found = r.result or {}
        outcomes.append(
            Outcome(
                layer,
                suite,
                check,
                success,
                now,
                element_count=found.get("element_count", len(frame)),
                unexpected_count=found.get("unexpected_count", 0 if success else None),
                unexpected_pct=found.get("unexpected_percent", 0.0 if success else None),
                sample=list(found.get("partial_unexpected_list") or [])[:SAMPLE_SIZE],
                error=(info.get("exception_message") or "GX raised an error") if raised else None,
            )
        )
    order = {c.check_id: i for i, c in enumerate(suite.checks)}
    return sorted(outcomes, key=lambda o: order[o.check.check_id])
