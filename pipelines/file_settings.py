"""`[[sources.surveys]]`, `[[sources.launches]]`, `[[sources.outcomes]]` and `[costs]` in
maturity.toml: exported files dropped in a folder. Declared here, read by `pipelines.settings`;
every key has a description. Paths are globs relative to the config file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NAME = r"^[A-Za-z0-9_.-]+$"
JIRA_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
RESPONDENT_SALT_ENV = "MATURITY_RESPONDENT_SALT"
Encoding = Literal["auto", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
Delimiter = Literal["auto", ",", ";", "\t", "tab"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _FileSource(_Strict):
    name: Annotated[str, Field(min_length=1, pattern=NAME)] = Field(
        description="Short name of this source (unique among sources of its kind)."
    )
    paths: Annotated[list[str], Field(min_length=1)] = Field(
        description="Glob patterns of the export files, relative to the config file, "
        "e.g. 'exports/pm-time-*.csv'; ** matches any folder depth."
    )
    encoding: Encoding = Field(
        default="auto",
        description="auto: a byte-order mark, else UTF-16 by its zero bytes, else UTF-8, "
        "else cp1252 (Excel on Windows).",
    )
    delimiter: Delimiter = Field(
        default="auto", description="CSV delimiter; auto: the most frequent of , ; tab."
    )
    day_first: bool = Field(
        default=False,
        description="Read 03/04/2025 as 3 April (day first) rather than March 4; dates that "
        "only read one way are read that way regardless.",
    )
    sheet: str | None = Field(default=None, description="XLSX: the sheet to read (default: first).")

    @field_validator("delimiter")
    @classmethod
    def _tab(cls, value: str) -> str:
        return "\t" if value == "tab" else value


class SurveyColumns(_Strict):
    """The export's column (question text, column id or header) for each field."""

    respondent: str | None = Field(
        default=None,
        description="Who answered (e-mail, name or id): hashed before landing. Default: the "
        "tool's own column (Email Address, RecipientEmail, ResponseId, Respondent ID, #).",
    )
    team: str | None = Field(default=None, description="The respondent's team.")
    submitted_at: str | None = Field(
        default=None,
        description="When the response was submitted. Default: Timestamp, RecordedDate, "
        "End Date, Submit Date (UTC).",
    )
    wave: str | None = Field(
        default=None,
        description="The survey wave (baseline, re-survey...); without it, waves are bursts "
        "of answers separated by more than wave_gap_days.",
    )
    total_hours: str | None = Field(default=None, description="Hours worked in the week.")
    meeting_coordination_hours: str | None = Field(
        default=None, description="Hours per week coordinating meetings."
    )
    reporting_hours: str | None = Field(default=None, description="Hours per week on reporting.")
    tool_research_hours: str | None = Field(
        default=None, description="Hours per week researching tools."
    )
    process_design_hours: str | None = Field(
        default=None, description="Hours per week designing process."
    )


class SurveySourceSettings(_FileSource):
    format: Literal["auto", "google-forms", "typeform", "surveymonkey", "qualtrics", "generic"] = (
        Field(default="auto", description="The tool that exported the file; auto recognises it.")
    )
    columns: SurveyColumns = Field(default_factory=SurveyColumns)
    salt_env: str = Field(
        default=RESPONDENT_SALT_ENV,
        description="Environment variable holding the secret salt respondents are hashed with "
        "(secret; keep it the same between runs).",
    )
    wave_gap_days: int = Field(
        default=30, ge=1, description="Without a wave column: days without answers that end a wave."
    )


class LaunchColumns(_Strict):
    launch_id: str | None = Field(default=None, description="Launch id (default: id, key).")
    launch_name: str | None = Field(default=None, description="Launch name (name, title).")
    team: str | None = Field(default=None, description="Owning team.")
    planned_date: str | None = Field(default=None, description="Planned launch date.")
    actual_date: str | None = Field(default=None, description="Actual launch date.")
    adoption_target: str | None = Field(default=None, description="First-quarter adoption target.")
    adoption_actual: str | None = Field(default=None, description="First-quarter adoption reached.")
    item: str | None = Field(default=None, description="One row per item: the item's text.")
    is_done: str | None = Field(default=None, description="One row per item: done flag.")
    done_date: str | None = Field(default=None, description="One row per item: when it was done.")


class JiraLaunchFields(_Strict):
    """Which Jira field holds each launch fact (format = "jira"): a system field id (duedate,
    resolutiondate, components, project, labels) or a custom field id (customfield_10070)."""

    planned_date: str = Field(default="duedate", description="The planned launch date.")
    actual_date: str = Field(
        default="resolutiondate",
        description="The actual launch date (default: when the launch issue was resolved).",
    )
    team: str = Field(
        default="components",
        description="The owning team: components, project, labels or a custom field (select, "
        "text or Atlassian team); its value is matched to [[teams]] names and aliases.",
    )
    adoption_target: str | None = Field(
        default=None, description="Number field with the first-quarter adoption target."
    )
    adoption_actual: str | None = Field(
        default=None, description="Number field with the first-quarter adoption reached."
    )

    @field_validator("*")
    @classmethod
    def _field_id(cls, value: str | None) -> str | None:
        if value is not None and not JIRA_FIELD.match(value):
            raise ValueError(f"{value!r} is not a Jira field id (e.g. duedate, customfield_10070)")
        return value


class LaunchSourceSettings(_FileSource):
    paths: list[str] = Field(
        default_factory=list,
        description="Glob patterns of the export files, relative to the config file, e.g. "
        "'exports/launches/*'; ** matches any folder depth. Not used with format = 'jira'.",
    )
    format: Literal["auto", "csv", "xlsx", "yaml", "markdown", "jira"] = Field(
        default="auto",
        description="auto: by file extension (.csv .tsv .txt, .xlsx, .yaml .yml, .md); jira: "
        "launch issues of a configured Jira source, their sub-tasks the checklist.",
    )
    jira_source: str | None = Field(
        default=None, description="format = 'jira': the [[sources.jira]] name to read from."
    )
    issue_type: Annotated[str, Field(min_length=1)] = Field(
        default="Launch", description="format = 'jira': the issue type of a launch."
    )
    projects: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list,
        description="format = 'jira': project keys to read launches from; empty: every project.",
    )
    jql: str | None = Field(
        default=None,
        description="format = 'jira': more JQL the launches must match, e.g. "
        "'labels = customer-facing' (no ORDER BY).",
    )
    fields: JiraLaunchFields = Field(
        default_factory=JiraLaunchFields,
        description="format = 'jira': the Jira field holding each launch fact.",
    )
    columns: LaunchColumns = Field(default_factory=LaunchColumns)
    team: str | None = Field(
        default=None,
        description="Team of launches that name none (a team's own folder of launch docs).",
    )
    on_time_tolerance_days: int = Field(
        default=0, ge=0, description="Days after the planned date a launch still counts on time."
    )
    milestone_dates: dict[str, date] = Field(
        default_factory=dict,
        description="Release names and their dates, e.g. v1_33 = 2025-04-23 (quote names with "
        'dots: "v1.33" = 2025-04-23), for launch documents planned by release (KEPs).',
    )

    @model_validator(mode="after")
    def _files_or_jira(self) -> LaunchSourceSettings:
        if self.format == "jira":
            if not self.jira_source:
                raise ValueError(
                    "format = 'jira' needs jira_source: the name of a [[sources.jira]] entry"
                )
            if self.jql and re.search(r"\border\s+by\b", self.jql, re.I):
                raise ValueError("jql: leave out ORDER BY (launches are read in creation order)")
        elif not self.paths:
            raise ValueError("paths: give at least one glob of export files")
        elif self.jira_source:
            raise ValueError("jira_source is read only with format = 'jira'")
        return self


class OutcomeColumns(_Strict):
    date: str | None = Field(default=None, description="Date (default: date, month, period).")
    metric: str | None = Field(default=None, description="Metric name (metric, name, kpi).")
    value: str | None = Field(default=None, description="Value (value, amount).")
    team: str | None = Field(default=None, description="Team; blank rows are organisation-wide.")


class OutcomeSourceSettings(_FileSource):
    columns: OutcomeColumns = Field(default_factory=OutcomeColumns)


class CostSettings(_Strict):
    pm_hourly_rate: float | None = Field(
        default=None, gt=0, description="Fully loaded hourly cost of a PM, for pm_time_value."
    )
    currency: Annotated[str, Field(min_length=1, max_length=8)] = Field(
        default="EUR", description="Currency of pm_hourly_rate, e.g. EUR, USD."
    )
    pm_headcount: int | None = Field(
        default=None,
        ge=1,
        description="PMs in the organisation; default: the sum of the teams' pm_headcount.",
    )
    weeks_per_month: float = Field(
        default=52 / 12, gt=0, description="Weeks in a month, turning weekly hours into monthly."
    )


def check_file_references(sources, teams) -> None:
    """Source names unique per kind (launch documents of a GitHub source count as a launch
    source of that name); Jira launches name a Jira source; team aliases name one team only."""
    for kind in ("surveys", "launches", "outcomes", "feedback"):
        names = [s.name for s in getattr(sources, kind)]
        if kind == "launches":
            names += [s.name for s in sources.github if s.launch_docs_path is not None]
        if len(names) != len(set(names)):
            raise ValueError(
                f"sources.{kind}: names must be unique, got {names}"
                + (" (a GitHub source with launch_docs_path counts)" if kind == "launches" else "")
            )
    jira = [s.name for s in sources.jira]
    for launch in sources.launches:
        if launch.jira_source and launch.jira_source not in jira:
            raise ValueError(
                f"sources.launches '{launch.name}': jira_source = '{launch.jira_source}', but "
                f"sources.jira has {jira or 'no entries'}"
            )
    seen: dict[str, str] = {}
    for team in teams:
        for alias in (team.name, *team.aliases):
            key = " ".join(alias.split()).casefold()
            if seen.get(key, team.name) != team.name:
                raise ValueError(
                    f"teams: '{alias}' names both '{seen[key]}' and '{team.name}'; "
                    "an alias must name one team"
                )
            seen[key] = team.name
