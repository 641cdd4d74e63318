"""Validate a DataFrame about to land (rows of an exported file) with Great Expectations, and
name every row that fails: the row-level twin of `runner.validate`, which checks whole tables.

Each outcome is the runner's `Outcome` (so `store.store_outcomes` writes it to
meta.expectation_results like any other); in addition every failing row comes back with its
id (the frame's `row_id` column), the check and the offending value, for meta.quarantine.
Critical checks decide whether the file may land at all; warning checks send rows to
quarantine and let the rest land.

Checks that look at one row at a time run on slices of CHUNK_ROWS rows and their outcomes are
summed: GX materialises a few copies of what it validates, and two million checklist items at
once would cost more memory than the whole load is allowed. Checks across rows (uniqueness)
run once on the whole frame, on their own columns only.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from warehouse.quality.checks import Check, Suite
from warehouse.quality.runner import SAMPLE_SIZE, Outcome, import_gx

log = logging.getLogger("maturity.quality")
ROW_ID = "row_id"
FILE_INDEX = "file_index"  # tells the files of one batch apart; never the value reported
CHUNK_ROWS = 100_000
ACROSS_ROWS = ("ExpectColumnValuesToBeUnique", "ExpectCompoundColumnsToBeUnique")
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": [ROW_ID],
    "return_unexpected_index_query": False,
    "partial_unexpected_count": SAMPLE_SIZE,
}


@dataclass
class FrameReport:
    outcomes: list[Outcome] = field(default_factory=list)
    # One row per failing row and check: row_id, check_id, value.
    failures: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=[ROW_ID, "check_id", "value"])
    )
    seconds: float = 0.0

    @property
    def critical_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.is_critical_failure]


@dataclass
class _Tally:
    """One check's results summed over the slices it ran on."""

    check: Check
    elements: int = 0
    unexpected: int = 0
    sample: list = field(default_factory=list)
    error: str | None = None
    gx_success: bool = True


def validate_frame(frame: pd.DataFrame, suite: Suite, *, layer: str = "staging") -> FrameReport:
    """Run the suite on the frame (every row); never raises for a failed expectation."""
    started = time.perf_counter()
    gx, ProgressBarsConfig = import_gx()
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    now = datetime.now(UTC).replace(tzinfo=None)
    present = set(frame.columns)
    runnable = [c for c in suite.checks if set(c.columns) <= present]
    report = FrameReport(
        outcomes=[
            Outcome(layer, suite, c, False, now, error="column missing")
            for c in suite.checks
            if c not in runnable
        ]
    )
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(f"files {suite.name}")
    tallies = {c.check_id: _Tally(c) for c in runnable}
    failures: list[pd.DataFrame] = []
    across = [c for c in runnable if c.expectation in ACROSS_ROWS]
    local = [c for c in runnable if c.expectation not in ACROSS_ROWS]
    batches = [(across, frame, "whole")] if across else []
    batches += [
        (local, frame.iloc[start : start + CHUNK_ROWS], f"rows {start}")
        for start in range(0, max(len(frame), 1), CHUNK_ROWS)
        if local
    ]
    try:
        for index, (checks, rows, label) in enumerate(batches):
            columns = [c for c in dict.fromkeys([ROW_ID, *_columns(checks)]) if c in present]
            name = f"{suite.name} {index}"
            expectations = [
                getattr(gx.expectations, c.expectation)(
                    **c.arguments, meta={"check_id": c.check_id}
                )
                for c in checks
            ]
            gx_suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
            batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(label)
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=batch, suite=gx_suite)
            )
            result = definition.run(
                batch_parameters={"dataframe": rows[columns]}, result_format=RESULT_FORMAT
            )
            for r in result.results:
                failures += _tally(tallies[r.expectation_config.meta["check_id"]], r, len(rows))
    finally:
        _forget_context()
    report.outcomes += [_outcome(t, layer, suite, now) for t in tallies.values()]
    if failures:
        report.failures = pd.concat(failures, ignore_index=True)
    order = {c.check_id: i for i, c in enumerate(suite.checks)}
    report.outcomes.sort(key=lambda o: order[o.check.check_id])
    report.seconds = time.perf_counter() - started
    log.debug("%s: %d expectations in %.2f s", suite.name, len(report.outcomes), report.seconds)
    return report


def _columns(checks: list[Check]) -> list[str]:
    return [column for check in checks for column in check.columns]


def _tally(tally: _Tally, r, rows: int) -> list[pd.DataFrame]:
    info = r.exception_info or {}
    if info.get("raised_exception"):
        tally.error = tally.error or info.get("exception_message") or "GX raised an error"
    tally.gx_success &= bool(r.success)
    tally.elements += r.result.get("element_count", rows) or 0
    tally.unexpected += r.result.get("unexpected_count") or 0
    room = SAMPLE_SIZE - len(tally.sample)
    tally.sample += list(r.result.get("partial_unexpected_list") or [])[:room]
    found = r.result.get("unexpected_index_list") or []
    if not found or not isinstance(found[0], dict):
        return []
    found = pd.DataFrame(found)
    value = next((c for c in tally.check.columns if c in found and c != FILE_INDEX), None)
    return [
        pd.DataFrame(
            {
                ROW_ID: found[ROW_ID].astype("int64"),
                "check_id": tally.check.check_id,
                "value": found[value] if value else None,
            }
        )
    ]


def _outcome(t: _Tally, layer: str, suite: Suite, now: datetime) -> Outcome:
    pct = 100.0 * t.unexpected / t.elements if t.elements else 0.0
    mostly = t.check.arguments.get("mostly")
    # Summed over slices, a `mostly` check holds on the whole frame's share, not each slice's.
    success = (pct <= 100.0 * (1 - mostly)) if mostly is not None else t.gx_success
    return Outcome(
        layer,
        suite,
        t.check,
        success and t.error is None,
        now,
        element_count=t.elements,
        unexpected_count=t.unexpected,
        unexpected_pct=pct,
        sample=t.sample,
        error=t.error,
    )


def _forget_context() -> None:
    """GX keeps the last context it made (and with it the DataFrame it validated) in a
    module-level project manager; letting go of it frees a million rows at once rather than
    at the next validation."""
    from great_expectations.data_context.data_context.context_factory import project_manager

    project_manager.set_project(None)
