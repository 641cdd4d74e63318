"""The demo's exported files: the simulated organisation's PM time-use surveys, launch
checklists, outcome metrics and customer feedback, written where an analyst would drop them
(demo/exports/), and the maturity.toml lines that read them. Imports the simulator only when
called."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pipelines.file_settings import RESPONDENT_SALT_ENV

# A generic column mapping fits both survey tools the demo exports from: the question text is
# the Google Forms header and Qualtrics' second header row.
SURVEY_COLUMNS = {
    "team": "Which team are you on?",
    "total_hours": "Hours worked this week",
    "meeting_coordination_hours": "Hours coordinating meetings",
    "reporting_hours": "Hours on reporting",
    "tool_research_hours": "Hours researching tools",
    "process_design_hours": "Hours designing process",
}


def write_demo_exports(org, out_dir: Path) -> tuple[str, dict[str, list[str]]]:
    """Write the files; return the config's file-source lines and each team's extra lines."""
    from simulator.feedback_exports import write_feedback
    from simulator.launch_exports import write_launches, write_outcomes
    from simulator.survey_exports import PMS_PER_TEAM, write_surveys

    exports = Path(out_dir) / "exports"
    write_surveys(org, exports)
    write_launches(org, exports / "launches")
    write_outcomes(org, exports / "outcomes.csv")
    write_feedback(org, exports / "feedback.csv")
    # Like the emulators' credentials, the salt reaches the pipeline by environment only.
    os.environ.setdefault(RESPONDENT_SALT_ENV, secrets.token_hex(32))
    lines = [
        "",
        "[[sources.surveys]]",
        'name = "pm-time"',
        'paths = ["exports/pm-time-*.csv"]',
        'format = "auto"',
        "[sources.surveys.columns]",
        *(f'{key} = "{value}"' for key, value in SURVEY_COLUMNS.items()),
        "",
        "[[sources.launches]]",
        'name = "launches"',
        'paths = ["exports/launches/**/*"]',
        'format = "auto"',
        "on_time_tolerance_days = 0",
        "",
        "[[sources.outcomes]]",
        'name = "finance"',
        'paths = ["exports/outcomes.csv"]',
        "",
        "[[sources.feedback]]",
        'name = "feedback"',
        'paths = ["exports/feedback.csv"]',
        "",
        "[costs]",
        "pm_hourly_rate = 95",
        'currency = "EUR"',
    ]
    teams = {
        t.name: [f'aliases = ["{t.name} team"]', f"pm_headcount = {PMS_PER_TEAM}"]
        for t in org.teams
    }
    return "\n".join(lines), teams
