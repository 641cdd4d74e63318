"""Launches of a simulated organisation with their readiness checklists, and its outcome
metrics, written in the formats teams keep them: YAML, Markdown docs with `- [x]` items and
front matter, a CSV with one row per item, and a CSV with one row per launch.

Every team launches every six weeks over two years (plus one launch still planned). How often
a launch has a checklist, is on time, is fully GTM-ready and meets its first-quarter adoption
target follows the team's level; rates are laid out evenly rather than drawn at random, so a
level's evidence sits on its side of the thresholds in every window (a Defined team has a
checklist for every launch of the last year; a Managed team is on time 90% and always ready).
The year before, Optimizing teams did somewhat worse: their launch success rate rises.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from simulator.model import Organisation

CADENCE_DAYS = 42
HISTORY_DAYS = 700
ITEMS = (
    "Pricing page live",
    "Support trained",
    "Sales deck ready",
    "Release notes published",
    "Docs updated",
    "Launch announcement scheduled",
)
# Per level: (has a checklist, on time, GTM-ready given a checklist, adoption target met).
RATES = {
    1: (0.3, 0.35, 0.3, 0.3),
    2: (0.6, 0.5, 0.5, 0.4),
    3: (1.0, 0.7, 0.75, 0.6),
    4: (1.0, 0.9, 1.0, 0.8),
    5: (1.0, 1.0, 1.0, 0.9),
}
RECENT_DAYS = 430
LAST_YEAR_PENALTY = {1: 0.0, 2: 0.0, 3: 0.1, 4: 0.1, 5: 0.25}
LAYOUTS = ("yaml", "markdown", "per-item", "per-launch")


@dataclass
class Launch:
    launch_id: str
    name: str
    team: str
    planned: date
    actual: date | None
    checklist: list[tuple[str, bool, date | None]] | None
    adoption_target: float | None
    adoption_actual: float | None


def evenly(index: int, rate: float, phase: float = 0.5) -> bool:
    """True for about rate x n of n consecutive indexes, spread evenly."""
    return math.floor((index + 1) * rate + phase) - math.floor(index * rate + phase) == 1


def team_launches(org: Organisation, index: int) -> list[Launch]:
    team = org.teams[index]
    return launches_of(team.name, team.true_level, index, org.now.date())


def launches_of(team_name: str, level: int, index: int, today: date) -> list[Launch]:
    """The launches of the `index`-th team of an organisation, named `team_name`, at `level`."""
    first = today - timedelta(days=HISTORY_DAYS - 3 * index)
    # "Team 10" and "Team 11" must not share launch ids: keep a numbered team's number.
    letters = "".join(c for c in team_name.upper() if c.isalpha())[:4]
    key = letters + "".join(c for c in team_name if c.isdigit())
    launches = []
    for k in range(HISTORY_DAYS // CADENCE_DAYS + 2):
        planned = first + timedelta(days=k * CADENCE_DAYS)
        # "This year" reaches back a little further than 365 days, so that a window of 365
        # days ending a few weeks back (the validity bench's earlier as-of dates) holds only
        # this year's launches; the year before stays lower (launch success rate rises).
        this_year = (today - planned).days < RECENT_DAYS
        penalty = 0.0 if this_year else LAST_YEAR_PENALTY[level]
        has_list, on_time, ready, hit = (max(0.0, r - penalty) for r in RATES[level])
        actual = (
            planned - timedelta(days=1)
            if evenly(k, on_time)
            else planned + timedelta(days=6 + k % 9)
        )
        if actual > today:
            # Not launched yet. (A launch that went out on time before today is recorded: were
            # it blank, the rules would count it late once its planned date passed.)
            actual = None
        checklist = None
        if evenly(k, has_list, 0.9):
            launch_day = actual or planned
            complete = evenly(k, ready, 0.7)
            checklist = [
                (
                    item,
                    complete or i < len(ITEMS) - 1,
                    launch_day - timedelta(days=len(ITEMS) - i),
                )
                for i, item in enumerate(ITEMS)
            ]
        target = float(100 * (k % 4 + 2))
        reached = None
        if actual is not None and (today - actual).days >= 60:
            reached = target * (1.15 if evenly(k, hit, 0.3) else 0.7)
        launches.append(
            Launch(
                f"{key}-{k + 1:03d}",
                f"{team_name} launch {k + 1}",
                team_name,
                planned,
                actual,
                checklist,
                target,
                reached,
            )
        )
    return launches


def write_launches(org: Organisation, folder: Path) -> list[Path]:
    written = []
    for index, team in enumerate(org.teams):
        launches = team_launches(org, index)
        layout = LAYOUTS[index % len(LAYOUTS)]
        slug = team.name.lower().replace(" ", "-")
        if layout == "yaml":
            written.append(_write(folder / f"{slug}.yaml", _yaml(launches)))
        elif layout == "markdown":
            for launch in launches:
                written.append(
                    _write(folder / slug / f"{launch.launch_id}.md", launch_markdown(launch))
                )
        elif layout == "per-item":
            written.append(_write(folder / f"{slug}-checklists.csv", _per_item_csv(launches)))
        else:
            written.append(_write(folder / f"{slug}-launches.csv", _per_launch_csv(launches)))
    return written


def _yaml(launches: list[Launch]) -> str:
    entries = []
    for launch in launches:
        entry = {
            "id": launch.launch_id,
            "name": launch.name,
            "team": launch.team,
            "planned_date": launch.planned,
            "actual_date": launch.actual,
            "adoption": {"target": launch.adoption_target, "actual": launch.adoption_actual},
        }
        if launch.checklist:
            entry["checklist"] = [
                {"item": item, "done": done, "done_date": when if done else None}
                for item, done, when in launch.checklist
            ]
        entries.append(entry)
    return yaml.safe_dump({"launches": entries}, sort_keys=False, allow_unicode=True)


def launch_markdown(launch: Launch) -> str:
    """A launch doc: YAML front matter, a brief, and the checklist as `- [x]` items."""
    front = {
        "id": launch.launch_id,
        "name": launch.name,
        "team": launch.team,
        "planned_date": launch.planned,
        "actual_date": launch.actual,
        "adoption_target": launch.adoption_target,
        "adoption_actual": launch.adoption_actual,
    }
    lines = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", f"# {launch.name}", ""]
    lines += ["Launch brief, owners and links.", "", "## Launch readiness checklist", ""]
    for item, done, when in launch.checklist or []:
        lines.append(f"- [x] {item} (done {when.isoformat()})" if done else f"- [ ] {item}")
    return "\n".join(lines) + "\n"


def _per_item_csv(launches: list[Launch]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = ["launch_id", "name", "team", "planned_date", "actual_date", "adoption_target"]
    writer.writerow([*head, "adoption_actual", "item", "done", "done_date"])
    for launch in launches:
        common = [
            launch.launch_id,
            launch.name,
            launch.team,
            launch.planned,
            launch.actual or "",
            _num(launch.adoption_target),
            _num(launch.adoption_actual),
        ]
        if not launch.checklist:
            writer.writerow([*common, "", "", ""])  # a launch without a checklist
        for item, done, when in launch.checklist or []:
            writer.writerow([*common, item, "yes" if done else "no", when if done else ""])
    return out.getvalue()


def _per_launch_csv(launches: list[Launch]) -> str:
    """Semicolons and day-first dates, as Excel writes CSV in much of Europe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["id", "name", "team", "planned", "launched", "adoption target", "adoption actual"]
        + [f"item: {item}" for item in ITEMS]
    )
    for launch in launches:
        cells = [
            (when.strftime("%d.%m.%Y") if done else "") if launch.checklist else "n/a"
            for _, done, when in (launch.checklist or [("", False, None)] * len(ITEMS))
        ]
        writer.writerow(
            [
                launch.launch_id,
                launch.name,
                launch.team,
                launch.planned.strftime("%d.%m.%Y"),
                launch.actual.strftime("%d.%m.%Y") if launch.actual else "",
                _num(launch.adoption_target, comma=True),
                _num(launch.adoption_actual, comma=True),
                *cells,
            ]
        )
    return out.getvalue()


def write_outcomes(org: Organisation, path: Path) -> Path:
    """Monthly NRR (%) and LTV:CAC for the organisation, AHT (minutes) for the first two teams."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "metric", "value", "team"])
    today = org.now.date()
    for months_ago in range(23, -1, -1):
        day = _month_start(today, months_ago)
        progress = (23 - months_ago) / 23
        writer.writerow([day, "NRR", f"{101 + 7 * progress:.1f}%", ""])
        writer.writerow([day, "LTV:CAC", f"{2.8 + 0.6 * progress:.2f}", ""])
        for team in org.teams[:2]:
            writer.writerow([day, "AHT", f"{9.5 - 1.5 * progress:.1f}", team.name])
    return _write(path, out.getvalue())


def _month_start(today: date, months_ago: int) -> date:
    month = today.year * 12 + today.month - 1 - months_ago
    return date(month // 12, month % 12 + 1, 1)


def _num(x: float | None, comma: bool = False) -> str:
    if x is None:
        return ""
    text = f"{x:g}"
    return text.replace(".", ",") if comma else text


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path
