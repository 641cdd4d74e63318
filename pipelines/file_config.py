"""What the rest of a run needs of the file-source configuration: which rule-set sources wait
for a file source not configured, and the config the file-source models read."""

from __future__ import annotations

from pipelines.settings import Settings
from warehouse.file_models import (
    FileModelConfig,
    FileSourceConfig,
    JiraLaunchMapping,
    TeamSpelling,
)

# The rule-set catalogue's `source` of the indicators each kind of file source feeds.
CATALOGUE_SOURCES = {
    "surveys": ("pm_survey",),
    "launches": ("launches",),
    "outcomes": ("outcomes",),
    "feedback": ("feedback",),
}


def unconfigured_sources(settings: Settings) -> set[str]:
    """Catalogue sources (pm_survey, launches) with no file source configured: their criteria
    say which source they wait for ("no source configured"), not that evidence is missing."""
    configured = {kind for kind in CATALOGUE_SOURCES if getattr(settings.sources, kind)}
    if any(s.launch_docs_path is not None for s in settings.sources.github):
        configured.add("launches")
    return {
        source
        for kind, sources in CATALOGUE_SOURCES.items()
        if kind not in configured
        for source in sources
    }


def file_model_config(settings: Settings) -> FileModelConfig:
    """What the file-source models need of the config (warehouse.file_models)."""
    return FileModelConfig(
        sources=[
            FileSourceConfig("surveys", s.name, wave_gap_days=s.wave_gap_days)
            for s in settings.sources.surveys
        ]
        + [
            FileSourceConfig("launches", s.name, on_time_tolerance_days=s.on_time_tolerance_days)
            for s in settings.sources.launches
        ]
        # Launch documents kept in a GitHub repository land as a launch source of its name.
        + [
            FileSourceConfig("launches", s.name)
            for s in settings.sources.github
            if s.launch_docs_path is not None
        ]
        + [FileSourceConfig("outcomes", s.name) for s in settings.sources.outcomes]
        + [FileSourceConfig("feedback", s.name) for s in settings.sources.feedback],
        teams=[TeamSpelling(t.name, (t.name, *t.aliases), t.pm_headcount) for t in settings.teams],
        jira_launches=[
            JiraLaunchMapping(
                s.name,
                planned_date_field=s.fields.planned_date,
                actual_date_field=s.fields.actual_date,
                team_field=s.fields.team,
                adoption_target_field=s.fields.adoption_target,
                adoption_actual_field=s.fields.adoption_actual,
            )
            for s in settings.sources.launches
            if s.format == "jira"
        ],
        pm_hourly_rate=settings.costs.pm_hourly_rate,
        currency=settings.costs.currency,
        pm_headcount=settings.costs.pm_headcount,
        weeks_per_month=settings.costs.weeks_per_month,
    )
