"""The report's evidence section: predictability per sprint, cadence, launches, overhead, and
the committed work each team left unfinished in its latest sprint (by name, escaped)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from pipelines.report.charts import esc, indicator_bars, sprint_bars
from pipelines.report.data import INDICATOR_EVIDENCE, ReportData
from pipelines.report.sections import fmt, humanise

# The sprint figure each chart plots, and the indicator whose criterion judges it: the strict
# form (completed committed / committed), so work added mid-sprint cannot pass for delivery.
PREDICTABILITY, PREDICTABILITY_COLUMN = "strict_sprint_predictability", "strict_predictability_pct"
CADENCE_CV = "sprint_length_cv"


def _by_team(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["team"]].append(row)
    return grouped


def _observed(data: ReportData, team: str, indicator: str) -> dict | None:
    for t in data.teams:
        if t["entity"] == team:
            return next((c for c in t["criteria"] if c["indicator"] == indicator), None)
    return None


def _late(previous_close: date | None, start: date) -> bool:
    """Started more than one working day after the previous sprint closed (planning delay)."""
    if previous_close is None:
        return False
    return int(np.busday_count(previous_close, start)) > 1


def evidence(data: ReportData) -> str:
    sprints = _by_team(data.sprints)
    threshold = data.threshold(PREDICTABILITY)
    band = None
    if threshold and threshold.op == "between":
        band = (threshold.values[0], threshold.values[1])
    elif threshold and threshold.op == "gte":
        band = (threshold.values[0], 150.0)

    def passes(value: float | None) -> bool:
        return value is not None and (band is None or band[0] <= value <= band[1])

    pred_cards, cadence_cards = [], []
    for team in sorted(sprints):
        rows = sprints[team]
        names = [r["sprint_name"] or f"sprint {r['sprint_id']}" for r in rows]
        bars = [
            (n, r[PREDICTABILITY_COLUMN], passes(r[PREDICTABILITY_COLUMN]))
            for n, r in zip(names, rows, strict=True)
        ]
        pred = _observed(data, team, PREDICTABILITY)
        pred_cards.append(
            _small(
                team,
                f"median {fmt(pred['observed_value'], 'pct')}" if pred else "",
                sprint_bars(bars, unit="%", top=150, band=band, label=f"{team} predictability"),
            )
        )
        lengths = [(n, r["length_days"], None) for n, r in zip(names, rows, strict=True)]
        closes = [None] + [r["completed_at"].date() for r in rows[:-1]]
        marks = [_late(c, r["started_at"].date()) for c, r in zip(closes, rows, strict=True)]
        cv = _observed(data, team, CADENCE_CV)
        caption = (f"length CV {fmt(cv['observed_value'], 'ratio')}" if cv else "") + (
            f" · {sum(marks)} late start(s)" if any(marks) else ""
        )
        top = max([14.0, *(r["length_days"] or 0 for r in rows)])
        cadence_cards.append(
            _small(
                team,
                caption,
                sprint_bars(
                    lengths,
                    unit=" d",
                    top=round(top + 2),
                    band=None,
                    marks=marks,
                    label=f"{team} sprint lengths",
                ),
            )
        )
    parts = [
        '<section id="evidence"><h2>Evidence</h2>',
        "<h3>Predictability per sprint</h3>",
        '<p class="lead">Of the points committed at the start of each closed sprint, the share '
        "completed by its end (strict: work added mid-sprint does not count). The shaded band "
        f"passes the criterion ({esc(threshold.text if threshold else 'no threshold')}); the "
        "caption gives the median of the last six sprints the level is judged on.</p>",
        _grid(pred_cards, "No closed sprints yet."),
        "<h3>Cadence</h3>",
        '<p class="lead">Length of each closed sprint in days; a red dot marks a sprint that '
        "started more than one working day after the previous one closed.</p>",
        _grid(cadence_cards, "No closed sprints yet."),
    ]
    for title, source in INDICATOR_EVIDENCE:
        parts.append(f"<h3>{esc(title)}</h3>")
        parts.append(_indicator_block(data, source))
    parts.append(_slipped(data))
    return "".join(parts) + "</section>"


def _small(team: str, caption: str, svg: str) -> str:
    return (
        f'<figure class="small"><figcaption><b>{esc(team)}</b> '
        f'<span class="muted">{esc(caption)}</span></figcaption>{svg}</figure>'
    )


def _grid(cards: list[str], empty: str) -> str:
    return f'<div class="grid">{"".join(cards)}</div>' if cards else f'<p class="note">{empty}</p>'


def _indicator_block(data: ReportData, source: str) -> str:
    indicators = data.indicators_from(source)
    blocks = []
    for indicator in indicators:
        rows = [r for r in data.indicators if r["indicator_id"] == indicator]
        if not rows:
            continue
        spec = data.ruleset.spec(indicator)
        threshold = data.threshold(indicator)
        mark = threshold.values[0] if threshold else None

        def ok(value: float, t=threshold) -> bool:
            if t is None:
                return True
            return value >= t.values[0] if t.op == "gte" else value <= t.values[-1]

        unit = "%" if spec.unit == "pct" else ""
        top = max([100.0 if spec.unit == "pct" else 1.0, *(r["value"] for r in rows)])
        blocks.append(
            f"<figure><figcaption><b>{esc(humanise(indicator))}</b> "
            f'<span class="muted">({esc(threshold.text if threshold else "no threshold")}, '
            f"{esc(spec.window.describe())})</span></figcaption>"
            + indicator_bars(
                [(r["entity"], r["value"], ok(r["value"])) for r in rows],
                unit=unit,
                top=top,
                mark=mark,
                label=humanise(indicator),
            )
            + "</figure>"
        )
    if blocks:
        return "".join(blocks)
    needs = sorted({data.ruleset.spec(i).needs for i in indicators})
    return (
        '<p class="note">Not measured yet: connect '
        + esc("; ".join(needs) or "this source")
        + ". Until then the criteria that need it stay unknown and cap the proven level.</p>"
    )


def _slipped(data: ReportData) -> str:
    if not data.slipped:
        return ""
    rows = "".join(
        f"<tr><td>{esc(r['team'])}</td><td>{esc(r['sprint_name'] or '')}</td>"
        f'<td class="key">{esc(r["issue_key"])}</td><td>{esc(r["summary"] or "")}</td>'
        f'<td class="num">{esc(fmt(r["points_at_start"], "count"))}</td>'
        f"<td>{'removed' if r['outcome'].endswith('removed') else 'not completed'}</td></tr>"
        for r in data.slipped
    )
    return (
        '<h3>Committed, not delivered</h3><p class="lead">The largest committed issues each '
        "team did not complete (or took out) in its latest closed sprint.</p>"
        '<div class="scroll"><table class="plain"><thead><tr><th>team</th><th>sprint</th>'
        "<th>issue</th><th>summary</th><th>points</th><th>outcome</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
