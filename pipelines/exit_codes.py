"""Exit codes for schedulers, and which failure gets which: the CLI returns them, meta.runs
records them (exit_code), the README documents them."""

from __future__ import annotations

from connectors.github.errors import GithubSourceError
from connectors.jira.client import JiraSourceError
from maturity.ruleset import RulesetError
from pipelines.settings import ConfigError
from warehouse.connection import WarehouseBusyError
from warehouse.quality.runner import DataQualityError

EXIT_OK, EXIT_ERROR, EXIT_CONFIG, EXIT_SOURCE, EXIT_DATA_QUALITY, EXIT_BUSY = 0, 1, 2, 3, 4, 5

EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (ConfigError, EXIT_CONFIG),
    (RulesetError, EXIT_CONFIG),
    (JiraSourceError, EXIT_SOURCE),
    (GithubSourceError, EXIT_SOURCE),
    (DataQualityError, EXIT_DATA_QUALITY),
    (WarehouseBusyError, EXIT_BUSY),
)


def exit_code_for(err: BaseException) -> int:
    """The documented exit code of a failure; 1 for anything unexpected (a bug)."""
    return next((code for kind, code in EXIT_CODES if isinstance(err, kind)), EXIT_ERROR)


def exit_code_for_sync(sync_counts: dict) -> int:
    """A run that went on past a refused file source still says so: 4 when a file source was
    refused (data quality), 2 when one could not be read for want of configuration (the
    respondent salt), else 0. The CLI returns it and meta.runs records it."""
    files = sync_counts.get("files", {})
    statuses = {s["status"] for sources in files.values() for s in sources.values()}
    if "refused" in statuses:
        return EXIT_DATA_QUALITY
    return EXIT_CONFIG if "skipped" in statuses else EXIT_OK
