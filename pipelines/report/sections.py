"""The report's sections as HTML fragments. Every value that came from a source or the config
(team names, criterion messages, sprint names, issue summaries) passes through `esc`."""

from __future__ import annotations

from pipelines.report.charts import (
    LEVEL_COLOURS,
    LEVEL_INK,
    esc,
    level_distribution,
    level_heatmap,
    organisation_timeline,
)
from pipelines.report.data import ReportData

STATUS_LABELS = {
    "pass": ("met", "✓"),
    "fail": ("not met", "✗"),
    "warn": ("warning (experimental)", "!"),
    "insufficient": ("too little evidence", "…"),
    "unknown": ("unknown: no evidence yet", "?"),
    "not_applicable": ("not applicable (override)", "–"),
    "error": ("could not be computed", "⚠"),
}


ACRONYMS = {"pm": "PM", "gtm": "GTM", "cv": "CV", "iqr": "IQR", "okr": "OKR", "qbr": "QBR"}


def humanise(identifier: str) -> str:
    words = identifier.replace("_", " ").capitalize().split(" ")
    return " ".join(ACRONYMS.get(w.lower(), w) for w in words)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    match unit:
        case "pct":
            return f"{value:.0f}%"
        case "ratio":
            return f"{value:.2f}"
        case "days":
            return f"{value:.1f} d"
        case "hours":
            return f"{value:.1f} h"
        case "flag":
            return "yes" if value else "no"
    return f"{value:g}"


def level_badge(level: int, name: str, *, size: str = "") -> str:
    return (
        f'<span class="badge {size}" style="background:{LEVEL_COLOURS[level]};'
        f'color:{LEVEL_INK[level]}">{level} {esc(name)}</span>'
    )


def header(data: ReportData) -> str:
    r = data.ruleset
    return (
        '<header class="top"><div><p class="eyebrow">Product Operations maturity</p>'
        f"<h1>Where we stand on {data.as_of:%d %B %Y}</h1>"
        f'<p class="meta">Rule set {esc(r.id)} {esc(r.version)} · {len(data.teams)} teams · '
        f"evidence from the tools teams already use, never a self-assessment · generated "
        f"{data.generated_at:%Y-%m-%d %H:%M} UTC</p>"
        '<nav><a href="#summary">Summary</a><a href="#history">Over time</a>'
        '<a href="#criteria">Criteria</a><a href="#evidence">Evidence</a>'
        '<a href="#next">Next steps</a></nav></div></header>'
    )


def summary(data: ReportData) -> str:
    org = data.organisation
    names = data.ruleset.levels
    if org is None:
        return '<section><p class="note">No organisation assessment for this date.</p></section>'
    level, roll = org["level"], org["organisation"] or {}
    # The explanation keys the distributions by level name.
    proven = [roll.get("proven_distribution", {}).get(names[i], 0) for i in range(1, 6)]
    ceiling = [roll.get("ceiling_distribution", {}).get(names[i], 0) for i in range(1, 6)]
    unclear = (
        '<span class="pill warn">unclear: too little is known</span>' if org["is_unclear"] else ""
    )
    facts = [
        f"<li><b>{roll.get('teams_with_evidence', 0)} of {roll.get('teams_total', 0)}</b> teams "
        f"have evidence ({roll.get('coverage_pct', 0):.0f}% coverage)</li>",
        f"<li>two thirds of teams reach level <b>{roll.get('two_thirds_level_proven', 1)}</b> "
        f"on evidence, <b>{roll.get('two_thirds_level_ceiling', 1)}</b> at most</li>",
        f"<li>weakest: level {roll.get('weakest_level_proven', '–')} "
        f"({esc(', '.join(roll.get('weakest_teams', [])) or 'none')})</li>",
    ]
    return (
        '<section id="summary" class="hero"><div class="hero-level">'
        '<p class="eyebrow">The organisation is at</p>'
        f'<div class="big" style="color:{LEVEL_COLOURS[level["proven"]]}">'
        f'{level["proven"]}</div><div class="big-name">{esc(level["proven_name"])}</div>'
        f"<p>could be at <b>{level['ceiling']} {esc(level['ceiling_name'])}</b> on the evidence "
        f"available · confidence {org['confidence']:.0%} {unclear}</p>"
        f'<ul class="facts">{"".join(facts)}</ul></div>'
        '<div class="hero-chart"><h3>Teams by level</h3>'
        + level_distribution(proven, ceiling, names)
        + '<p class="legend"><span class="swatch solid"></span> proven on evidence '
        '<span class="swatch dashed"></span> ceiling: reachable if missing evidence passed</p>'
        "</div></section>"
    )


def history(data: ReportData) -> str:
    names = data.ruleset.levels
    org_points = [
        (h["as_of_date"], h["level_proven"], h["level_ceiling"])
        for h in data.history
        if h["scope"] == "organisation"
    ]
    team_rows = sorted({h["entity"] for h in data.history if h["scope"] == "team"})
    dates = sorted({h["as_of_date"] for h in data.history})
    cells = {
        (h["entity"], h["as_of_date"]): (h["level_proven"], h["level_ceiling"], h["is_unclear"])
        for h in data.history
        if h["scope"] == "team"
    }
    note = ""
    if len(dates) < 2:
        note = (
            '<p class="note">Only one assessment so far: <code>maturity backfill --from DATE'
            "</code> assesses past month ends from the history already synced.</p>"
        )
    return (
        '<section id="history"><h2>Level over time</h2>'
        '<p class="lead">The organisation\'s proven level (solid) and ceiling (dashed), then '
        "each team's proven level at each assessment, with its ceiling as the strip on top; "
        "faded cells are unclear (confidence below the minimum).</p>"
        + note
        + (organisation_timeline(org_points, names) if org_points else "")
        + '<div class="scroll">'
        + level_heatmap(team_rows, dates, cells)
        + "</div></section>"
    )


def criteria_matrix(data: ReportData) -> str:
    teams = data.teams
    by_id: dict[str, dict] = {}
    results: dict[tuple[str, str], dict] = {}
    for team in teams:
        for c in team["criteria"]:
            by_id.setdefault(c["id"], c)
            results[(c["id"], team["entity"])] = c
    ordered = sorted(by_id.values(), key=lambda c: (not c["is_gating"], c["level"], c["id"]))
    head = "".join(f'<th class="team"><span>{esc(t["entity"])}</span></th>' for t in teams)
    rows, current = [], None
    for c in ordered:
        group = f"Level {c['level']} {c['level_name']}" if c["is_gating"] else "Experimental"
        if group != current:
            current = group
            rows.append(f'<tr class="group"><th colspan="{len(teams) + 2}">{esc(group)}</th></tr>')
        cells = []
        for team in teams:
            r = results.get((c["id"], team["entity"]))
            if r is None:
                cells.append('<td class="cell none"></td>')
                continue
            label, icon = STATUS_LABELS.get(r["status"], (r["status"], "?"))
            shown = fmt(r["observed_value"], r["unit"]) if r["observed_value"] is not None else ""
            tip = f"{team['entity']}: {label}. {r['message']}"
            cells.append(
                f'<td class="cell s-{esc(r["status"])}" title="{esc(tip)}">'
                f'<span class="icon">{icon}</span><span class="val">{esc(shown)}</span></td>'
            )
        rows.append(
            f'<tr><th class="crit">{esc(humanise(c["id"]))}'
            f"<small>{esc(c['indicator'])}</small></th>"
            f'<td class="thr">{esc(c["threshold"])}</td>{"".join(cells)}</tr>'
        )
    legend = "".join(
        f'<span class="key s-{status}"><span class="icon">{icon}</span> {esc(label)}</span>'
        for status, (label, icon) in STATUS_LABELS.items()
    )
    return (
        '<section id="criteria"><h2>Criteria matrix</h2>'
        '<p class="lead">Every criterion of the model for every team: the value measured '
        "against its threshold. A level is proven when all its "
        "criteria and those below are met; hover a cell for the evidence in words.</p>"
        f'<div class="legend-row">{legend}</div>'
        '<div class="scroll"><table class="matrix"><thead><tr><th>criterion</th>'
        f"<th>threshold</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        "</section>"
    )


def next_steps(data: ReportData) -> str:
    org = data.organisation
    parts = ['<section id="next"><h2>Next steps</h2>']
    if org and org["next_level"]:
        n = org["next_level"]
        teams = n.get("teams") or {}
        parts.append(
            f'<div class="card org"><h3>The organisation → {n["level"]} {esc(n["name"])}</h3>'
            f"<p>{esc(teams.get('text', ''))}"
            + (f"; {teams['more_needed']} more team(s) must get there" if teams else "")
            + f". {esc(_sentence(n['progress']['text']))}.</p>{_fix_list(n['to_fix'])}</div>"
        )
    cards = []
    for team in sorted(data.teams, key=lambda t: (t["level"]["proven"], t["entity"])):
        n = team["next_level"]
        if not n:
            continue
        lvl = team["level"]
        cards.append(
            f'<div class="card"><h3>{esc(team["entity"])} '
            f"{level_badge(lvl['proven'], lvl['proven_name'], size='small')} → "
            f'{n["level"]} {esc(n["name"])}</h3><p class="muted">{esc(n["progress"]["text"])}</p>'
            + (
                _fix_list(n["to_fix"][:3])
                or '<p class="muted">Nothing to fix on the evidence measured: what is not '
                "measured yet decides (below).</p>"
            )
            + "</div>"
        )
    parts.append(f'<div class="cards">{"".join(cards)}</div>')
    if data.missing_sources:
        items = "".join(
            f"<li><b>{esc(m['needs'])}</b> <span class='muted'>({m['criteria']} "
            f"{'criterion' if m['criteria'] == 1 else 'criteria'})</span></li>"
            for m in data.missing_sources
        )
        parts.append(
            '<h3>Data to collect</h3><p class="muted">Not measured yet, because no source is '
            "configured: until these are connected, the criteria that need them stay unknown "
            f'and no team can be proven above them.</p><ul class="collect">{items}</ul>'
        )
    return "".join(parts) + "</section>"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fix_list(items: list[dict]) -> str:
    if not items:
        return ""
    lines = "".join(
        f"<li><b>{esc(humanise(c['id']))}</b>: {esc(c['message'])}"
        f'<br><span class="todo">What to do: {esc(c["remediation"])}</span></li>'
        for c in items
    )
    return f'<ol class="fixes">{lines}</ol>'
