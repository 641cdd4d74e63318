"""`[schedule]` in maturity.toml: when `maturity serve` runs the nightly flow.

Declared here, read by `pipelines.settings`; every key has a description. Checked when the file
is read (five cron fields, a known IANA time zone) so that `maturity serve` never registers a
schedule Prefect would reject later.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

# One cron field: numbers, names (MON, JAN), ranges, lists, steps and wildcards.
_CRON_FIELD = re.compile(r"^[A-Za-z0-9*?/,\-LW#]+$")


class ScheduleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cron: str = Field(
        default="15 2 * * *",
        description="When the nightly run starts: a five-field cron expression (minute hour "
        "day-of-month month day-of-week), read in `timezone`.",
    )
    timezone: str = Field(
        default="UTC",
        description="IANA time zone the cron expression is read in, e.g. Europe/Berlin "
        "(daylight saving time is followed).",
    )
    deployment: str = Field(
        default="maturity-nightly",
        min_length=1,
        description="Name of the nightly deployment in Prefect (its UI lists it under the flow "
        "'nightly').",
    )

    export_dir: Path | None = Field(
        default=None,
        description="If set, every nightly flow run ends by writing the Parquet export of the "
        "marts here (relative to this file), for BI tools that read files, not the warehouse.",
    )

    @field_validator("cron")
    @classmethod
    def _five_fields(cls, value: str) -> str:
        fields = value.split()
        if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
            raise ValueError(
                f"{value!r} is not a five-field cron expression (minute hour day-of-month "
                "month day-of-week), e.g. '15 2 * * *' for 02:15 every day"
            )
        return " ".join(fields)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA time zone, e.g. 'Europe/Berlin' or 'UTC'"
            ) from None
        return value
