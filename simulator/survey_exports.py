"""PM time-use surveys of a simulated organisation, written as the tools export them.

Three waves, as seed 001 runs them (survey, re-survey after 90 days) plus a pulse: a baseline
survey 160 days before `now` exported from Google Forms (one header row, "2025/01/10 10:15:32
AM GMT+1" timestamps), a pulse 65 days before `now` (Google Forms again), and the re-survey 20
days before `now` exported from Qualtrics (three header rows: ids, question text, ImportIds; one
unfinished response). Each team's overhead share sits clearly on its level's side of the rule
thresholds (level 1 above 30%, levels 2-4 at most 30%, level 5 at most 10%), and the baseline
is higher by a few points per level: the time Product Ops gave back.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.model import Organisation

PMS_PER_TEAM = 4
# Overhead share of the hours worked in the latest wave, and the improvement on the baseline.
LATEST_OVERHEAD_PCT = {1: 38.0, 2: 24.0, 3: 18.0, 4: 13.0, 5: 7.0}
IMPROVEMENT_POINTS = {1: 1.0, 2: 6.0, 3: 9.0, 4: 11.0, 5: 14.0}
# Share of the overhead in each category: meetings, reporting, tool research, process design.
CATEGORY_SPLIT = (0.4, 0.3, 0.15, 0.15)
QUESTIONS = {
    "team": "Which team are you on?",
    "total_hours": "Hours worked this week",
    "meeting_coordination_hours": "Hours coordinating meetings",
    "reporting_hours": "Hours on reporting",
    "tool_research_hours": "Hours researching tools",
    "process_design_hours": "Hours designing process",
}
# The pulse wave keeps a survey within 90 days of any as-of date of the last two months (the
# validity bench assesses a few weeks back too); the baseline lies outside those windows.
BASELINE_DAYS_AGO, PULSE_DAYS_AGO, LATEST_DAYS_AGO = 160, 65, 20


def respondent(team: str, number: int) -> str:
    return f"pm{number}.{team.lower().replace(' ', '-')}@sim.example"


def answers(org: Organisation, *, days_ago: int, baseline: bool) -> list[dict]:
    """One answer per PM of every team, deterministic for the organisation's seed."""
    rows = []
    for index, team in enumerate(org.teams):
        rng = random.Random(f"{org.seed}/survey/{index}/{days_ago}")
        share = LATEST_OVERHEAD_PCT[team.true_level] + (
            IMPROVEMENT_POINTS[team.true_level] if baseline else 0.0
        )
        for number in range(1, PMS_PER_TEAM + 1):
            total = float(rng.choice([38, 40, 40, 42, 45]))
            overhead = total * (share + rng.uniform(-1.5, 1.5)) / 100
            parts = [round(overhead * s * 2) / 2 for s in CATEGORY_SPLIT]  # half hours
            when = org.now - timedelta(days=days_ago, hours=rng.randint(0, 72))
            # Teams write their name their own way now and then: configured aliases catch it.
            spelled = team.name if number != 2 else f"{team.name} team"
            rows.append(
                {
                    "respondent": respondent(team.name, number),
                    "team": spelled,
                    "submitted_at": when,
                    "total_hours": total,
                    **dict(zip(list(QUESTIONS)[2:], parts, strict=True)),
                }
            )
    return rows


def google_forms_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Timestamp", "Email Address", *QUESTIONS.values()])
    for r in rows:
        local = r["submitted_at"].astimezone(UTC).replace(tzinfo=None) + timedelta(hours=1)
        stamp = local.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+1"
        writer.writerow([stamp, r["respondent"], r["team"], *_hours(r)])
    return out.getvalue()


def qualtrics_csv(rows: list[dict], *, unfinished: int = 1) -> str:
    """Qualtrics' current export: ids, question text, ImportIds, then one row per response;
    the last `unfinished` responses stopped half way (Finished 0, Progress 50)."""
    fixed = [
        ("StartDate", "Start Date", "startDate"),
        ("EndDate", "End Date", "endDate"),
        ("Status", "Response Type", "status"),
        ("Progress", "Progress", "progress"),
        ("Finished", "Finished", "finished"),
        ("RecordedDate", "Recorded Date", "recordedDate"),
        ("ResponseId", "Response ID", "_recordId"),
        ("RecipientEmail", "Recipient Email", "recipientEmail"),
    ]
    questions = [(f"Q{i}", text, f"QID{i}") for i, text in enumerate(QUESTIONS.values(), start=1)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = fixed + questions
    writer.writerow([c[0] for c in columns])
    writer.writerow([c[1] for c in columns])
    writer.writerow([json.dumps({"ImportId": c[2]}) for c in columns])
    for number, r in enumerate(rows):
        stopped = number >= len(rows) - unfinished
        end = r["submitted_at"].replace(tzinfo=None)
        start = end - timedelta(minutes=4)
        hours = _hours(r)
        writer.writerow(
            [
                _stamp(start),
                _stamp(end),
                "IP Address",
                "50" if stopped else "100",
                "False" if stopped else "True",
                _stamp(end),
                f"R_{number:015d}",
                r["respondent"],
                r["team"],
                *([*hours[:2], "", "", ""] if stopped else hours),
            ]
        )
    return out.getvalue()


def write_surveys(org: Organisation, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    baseline = folder / "pm-time-baseline.csv"
    latest = folder / "pm-time-resurvey.csv"
    first = answers(org, days_ago=BASELINE_DAYS_AGO, baseline=True)
    # One respondent typed 4 for 40 hours: their overhead exceeds the week, and is quarantined.
    typo = {**first[0], "respondent": "typo@sim.example", "total_hours": 4.0}
    baseline.write_text(
        google_forms_csv([*first, typo]),
        encoding="utf-8",
        newline="",
    )
    pulse = folder / "pm-time-pulse.csv"
    pulse.write_text(
        google_forms_csv(answers(org, days_ago=PULSE_DAYS_AGO, baseline=False)),
        encoding="utf-8",
        newline="",
    )
    latest.write_text(
        qualtrics_csv(answers(org, days_ago=LATEST_DAYS_AGO, baseline=False)),
        encoding="utf-8-sig",  # Qualtrics writes a byte-order mark
        newline="",
    )
    return [baseline, pulse, latest]


def _hours(r: dict) -> list[str]:
    return [_number(r[k]) for k in list(QUESTIONS)[1:]]


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S")
