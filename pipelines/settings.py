"""`maturity.toml`: read once, validated, passed down.

Every key is declared here with its meaning; an unknown key or a wrong type is an
error naming the key and the file. Secrets never live in the file: it names the
environment variables that hold them, and `secret()` reads them at the point of use.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipelines.evidence_settings import EvidenceSettings
from pipelines.feedback_settings import FeedbackSourceSettings
from pipelines.file_settings import (
    CostSettings,
    LaunchSourceSettings,
    OutcomeSourceSettings,
    SurveySourceSettings,
    check_file_references,
)
from pipelines.github_settings import GithubSourceSettings, check_github_references, repo_ref
from pipelines.schedule_settings import ScheduleSettings
from warehouse.connection import DEFAULT_MEMORY_LIMIT, MEMORY_LIMIT_PATTERN

DEFAULT_CONFIG_NAME = "maturity.toml"


class ConfigError(Exception):
    """The configuration is wrong; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WarehouseSettings(_Strict):
    path: Path = Field(
        default=Path("warehouse.duckdb"),
        description="The DuckDB file; relative paths are relative to the config file.",
    )
    memory_limit: Annotated[str, Field(pattern=MEMORY_LIMIT_PATTERN)] = Field(
        default=DEFAULT_MEMORY_LIMIT,
        description="DuckDB's memory cap, e.g. 800MB or 4GB; past it DuckDB spills to disk "
        "(slower, never fails for lack of memory). Raise it for organisations far above "
        "200,000 issues.",
    )


class JiraSourceSettings(_Strict):
    name: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")] = Field(
        description="Short name of this Jira instance; teams refer to boards as 'name:board_id'."
    )
    url: str = Field(description="Base URL, e.g. https://acme.atlassian.net")
    deployment: Literal["auto", "cloud", "datacenter"] = Field(
        default="auto", description="auto reads deploymentType from /rest/api/2/serverInfo."
    )
    email_env: str | None = Field(
        default="JIRA_EMAIL",
        description="Environment variable holding the account e-mail (Cloud basic auth).",
    )
    token_env: str = Field(
        default="JIRA_API_TOKEN",
        description="Environment variable holding the Cloud API token or the Data Center "
        "personal access token (secret).",
    )
    boards: list[int] = Field(
        default_factory=list, description="Board ids; empty: every scrum board."
    )
    estimate_field: str = Field(
        default="auto",
        description="'auto' (the board's estimation field) or a field id, e.g. customfield_10016.",
    )
    page_size: int = Field(default=100, ge=1, le=5000, description="Issues per search page.")
    timeout_seconds: float = Field(default=30.0, gt=0, description="Timeout of every request.")
    max_concurrency: int = Field(
        default=4, ge=1, le=32, description="Requests in flight at once to this instance."
    )
    max_retries: int = Field(
        default=5, ge=0, le=20, description="Retries of a busy or failed request before giving up."
    )
    max_result_window: int = Field(
        default=10_000,
        ge=100,
        description="Data Center's search result limit (jira.search.views.default.max); "
        "larger queries are split into created-date windows.",
    )
    backoff_seconds: float = Field(
        default=1.0, gt=0, description="First retry delay; it doubles (with jitter) each retry."
    )
    deleted_sweep_days: int = Field(
        default=7,
        ge=0,
        description="How often (days) to look for issues deleted in Jira; 0: every sync.",
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")


class SourcesSettings(_Strict):
    jira: list[JiraSourceSettings] = Field(default_factory=list)
    github: list[GithubSourceSettings] = Field(
        default_factory=list, description="GitHub instances (pipelines/github_settings.py)."
    )
    surveys: list[SurveySourceSettings] = Field(
        default_factory=list, description="PM time-use survey exports (pipelines/file_settings.py)."
    )
    launches: list[LaunchSourceSettings] = Field(
        default_factory=list, description="Launch checklist exports (pipelines/file_settings.py)."
    )
    outcomes: list[OutcomeSourceSettings] = Field(
        default_factory=list, description="Outcome metric exports (pipelines/file_settings.py)."
    )
    feedback: list[FeedbackSourceSettings] = Field(
        default_factory=list,
        description="Customer-feedback exports (pipelines/feedback_settings.py).",
    )


class TeamSettings(_Strict):
    name: Annotated[str, Field(min_length=1)]
    jira_boards: list[str] = Field(
        default_factory=list, description="Boards of this team as 'source name:board id'."
    )
    github_repos: list[str] = Field(
        default_factory=list,
        description="Repositories of this team as 'source name:owner/repo', e.g. 'gh:acme/api'.",
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="How exports spell this team (survey answers, launch files), e.g. "
        "['Payments team', 'PAY']; matched case-insensitively, like the name itself.",
    )
    pm_headcount: int | None = Field(
        default=None, ge=1, description="PMs in this team, for pm_time_value."
    )

    @field_validator("jira_boards")
    @classmethod
    def _source_and_board(cls, values: list[str]) -> list[str]:
        for value in values:
            source, sep, board = value.rpartition(":")
            if not sep or not source or not board.isdigit():
                raise ValueError(f"{value!r} must look like 'source:board_id', e.g. 'acme:12'")
        return values

    @field_validator("github_repos")
    @classmethod
    def _source_and_repo(cls, values: list[str]) -> list[str]:
        for value in values:
            repo_ref(value)
        return values

    def board_refs(self) -> list[tuple[str, int]]:
        return [(s, int(b)) for s, _, b in (v.rpartition(":") for v in self.jira_boards)]

    def repo_refs(self) -> list[tuple[str, str]]:
        return [repo_ref(value) for value in self.github_repos]


class AssessmentSettings(_Strict):
    ruleset: str = Field(
        default="productops-v1", description="Rule set shipped in maturity/rulesets."
    )
    min_confidence: float = Field(
        default=0.6, ge=0, le=1, description="Below this confidence a level is reported as unclear."
    )
    stability_resamples: int = Field(
        default=200,
        ge=0,
        le=10_000,
        description="Bootstrap resamples of the evidence for level stability; 0 turns it off.",
    )
    stability_seed: int = Field(
        default=0, description="Seed of the resampling: the same seed gives the same probabilities."
    )


class OverrideSettings(_Strict):
    """A criterion declared not applicable to one team; never a pass. Expired ones are ignored
    with a warning."""

    team: Annotated[str, Field(min_length=1)] = Field(description="Team name, as in [[teams]].")
    criterion: Annotated[str, Field(min_length=1)] = Field(
        description="Criterion id in the rule set, e.g. planning_without_delays."
    )
    reason: Annotated[str, Field(min_length=1)] = Field(description="Why it does not apply.")
    expires: date = Field(description="Last day the override holds (YYYY-MM-DD, unquoted).")
    approved_by: Annotated[str, Field(min_length=1)] = Field(description="Who approved it.")


class Settings(_Strict):
    warehouse: WarehouseSettings = Field(default_factory=WarehouseSettings)
    sources: SourcesSettings = Field(default_factory=SourcesSettings)
    teams: list[TeamSettings] = Field(default_factory=list)
    assessment: AssessmentSettings = Field(default_factory=AssessmentSettings)
    overrides: list[OverrideSettings] = Field(default_factory=list)
    costs: CostSettings = Field(default_factory=CostSettings)
    evidence: EvidenceSettings = Field(
        default_factory=EvidenceSettings,
        description="How work is marked in Jira: discovery, retro actions, epics "
        "(pipelines/evidence_settings.py).",
    )
    schedule: ScheduleSettings = Field(
        default_factory=ScheduleSettings,
        description="When `maturity serve` runs the nightly flow (pipelines/schedule_settings.py).",
    )
    # Where the file was read from: relative paths in it are relative to its folder.
    config_path: Path = Field(default=Path(DEFAULT_CONFIG_NAME), exclude=True)

    @model_validator(mode="after")
    def _references_resolve(self) -> Settings:
        names = [s.name for s in self.sources.jira]
        if len(names) != len(set(names)):
            raise ValueError(f"sources.jira: names must be unique, got {names}")
        team_names = [t.name for t in self.teams]
        if len(team_names) != len(set(team_names)):
            raise ValueError(f"teams: names must be unique, got {team_names}")
        for team in self.teams:
            for source, _ in team.board_refs():
                if source not in names:
                    raise ValueError(
                        f"teams '{team.name}': jira_boards names source '{source}', "
                        f"but sources.jira has {names or 'no entries'}"
                    )
        check_github_references(self.sources.github, self.teams)
        check_file_references(self.sources, self.teams)
        for index, override in enumerate(self.overrides):
            if override.team not in team_names:
                raise ValueError(
                    f"overrides[{index}]: team '{override.team}' is not in [[teams]] "
                    f"({team_names or 'none configured'})"
                )
        return self

    @property
    def warehouse_path(self) -> Path:
        path = self.warehouse.path
        return path if path.is_absolute() else self.config_path.parent / path

    def jira_source(self, name: str) -> JiraSourceSettings:
        return next(s for s in self.sources.jira if s.name == name)


def load_settings(path: Path | str) -> Settings:
    """Read and validate the TOML file; every problem becomes one readable ConfigError."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file. Write one (see README, 'Configure') or pass --config PATH."
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    try:
        return Settings.model_validate({**data, "config_path": path.resolve()})
    except ValidationError as err:
        raise ConfigError(f"{path}: " + "; ".join(_describe(e) for e in err.errors())) from None


def _describe(error: dict) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"unknown key '{key}' (check its spelling against the README)"
    return f"key '{key}': {error['msg']}"


def secret(env_name: str, *, purpose: str) -> str:
    """The value of a secret's environment variable; the error names the variable, never a value."""
    value = os.environ.get(env_name)
    if not value:
        raise ConfigError(f"environment variable {env_name} is not set: it must hold {purpose}")
    return value


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{text!r} is not a date: use YYYY-MM-DD") from None
