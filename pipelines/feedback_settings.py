"""`[[sources.feedback]]` in maturity.toml: a customer-feedback export (a feedback tool, a
support desk, a spreadsheet the team keeps), one row per feedback item. Declared here, read by
`pipelines.settings`; paths are globs relative to the config file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.file_settings import _FileSource, _Strict


class FeedbackColumns(_Strict):
    """The export's header for each field, when it is not one of the usual spellings."""

    feedback_id: str | None = Field(
        default=None, description="Feedback item id (default: id, feedback id, key, ticket)."
    )
    received_date: str | None = Field(
        default=None,
        description="When the feedback was received (default: date, received, created).",
    )
    team: str | None = Field(
        default=None, description="Team it is for, as [[teams]] names or aliases it (team)."
    )
    jira_keys: str | None = Field(
        default=None,
        description="Jira keys it is linked to, epic or issue, separated by commas or spaces "
        "(default: jira keys, jira key, jira, epic, linked issues). Optional column.",
    )


class FeedbackSourceSettings(_FileSource):
    format: Literal["auto", "csv", "xlsx"] = Field(
        default="auto",
        description="auto: by file extension (.csv .tsv .txt as CSV, .xlsx); csv or xlsx read "
        "every matched file that way.",
    )
    columns: FeedbackColumns = Field(default_factory=FeedbackColumns)
