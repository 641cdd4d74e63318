"""The data-quality gate of a derive transaction: staging checked right after the models are
built, the marts just before COMMIT. A critical failure raises `DataQualityError`; the caller
rolls back (the previous marts stay as they were) and records why with `record_apart`."""

from __future__ import annotations

import duckdb

from warehouse.quality.runner import DataQualityError, QualityReport, prefetch_gx, validate
from warehouse.quality.store import store_outcomes, store_outcomes_apart
from warehouse.quality.suites_files import FILE_STAGING_SUITES
from warehouse.quality.suites_github import GITHUB_STAGING_SUITES
from warehouse.quality.suites_jira import JIRA_STAGING_SUITES
from warehouse.quality.suites_marts import marts_suites

# Explicit registry (no registration by import): one tuple per source's staging models.
STAGING_SUITES = (*JIRA_STAGING_SUITES, *GITHUB_STAGING_SUITES, *FILE_STAGING_SUITES)


class QualityGate:
    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con, self.run_id = con, run_id
        self.report = QualityReport()
        prefetch_gx()  # overlaps the GX import with building the models

    def check_staging(self) -> None:
        self._check(validate(self.con, STAGING_SUITES, layer="staging"))

    def check_marts(self) -> None:
        self._check(validate(self.con, marts_suites(self.con), layer="marts"))

    def _check(self, found: QualityReport) -> None:
        self.report.outcomes += found.outcomes
        self.report.seconds += found.seconds
        if found.critical_failures:
            raise DataQualityError(self.report)

    def record(self) -> int:
        """Inside the derive transaction: the outcomes commit with the marts they describe."""
        return store_outcomes(self.con, self.run_id, self.report.outcomes)

    def record_apart(self) -> int:
        """After a rollback, in a transaction of its own."""
        return store_outcomes_apart(self.con, self.run_id, self.report.outcomes)
