"""What the rest of a run needs of the file-source configuration: which rule-set sources wait
for a file source not configured, and the config the file-source models read."""

from __future__ import annotations

from pipelines.settings import Settings
from warehouse.file_models import FileModelConfig, FileSourceConfig, TeamSpelling

# The rule-set catalogue's `source` of the indicators each kind of file source feeds. The
# catalogue (productops-v1 2.0.1) files launch_success_rate under "outcomes", but it is computed
# from the launch export alone (first-quarter adoption targets and actuals are launch fields).
CATALOGUE_SOURCES = {
    "surveys": ("pm_survey",),
    "launches": ("launches", "outcomes"),
    "feedback": ("feedback",),
}


def unconfigured_sources(settings: Settings) -> set[str]:
    """Catalogue sources (pm_survey, launches) with no file source configured: their criteria
    say which source they wait for ("no source configured"), not that evidence is missing."""
    return {
        source
        for kind, sources in CATALOGUE_SOURCES.items()
        if not getattr(settings.sources, kind)
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
        + [FileSourceConfig("outcomes", s.name) for s in settings.sources.outcomes]
        + [FileSourceConfig("feedback", s.name) for s in settings.sources.feedback],
        teams=[TeamSpelling(t.name, (t.name, *t.aliases), t.pm_headcount) for t in settings.teams],
        pm_hourly_rate=settings.costs.pm_hourly_rate,
        currency=settings.costs.currency,
        pm_headcount=settings.costs.pm_headcount,
        weeks_per_month=settings.costs.weeks_per_month,
    )
