"""`maturity explain TEAM` and `maturity assess --json`: stored assessments, read back and
shown to a product-ops analyst (plain words, numbers with units) or emitted as JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from indicators.registry import indicator_ids
from maturity.engine import Assessment
from maturity.explain import explain, explain_run
from maturity.history import latest_as_of, pinned_ruleset, shipped_if_same, stored_assessments
from maturity.organisation import ORGANISATION
from maturity.ruleset import Ruleset
from pipelines.settings import ConfigError, Settings
from warehouse.connection import open_warehouse

ORGANISATION_NAMES = ("organisation", "organization", "org")
STATUS_WORDS = {
    "pass": "met",
    "fail": "NOT MET",
    "warn": "warning",
    "not_applicable": "n/a",
    "insufficient": "too little",
    "unknown": "unknown",
    "error": "ERROR",
}


class NothingToExplainError(Exception):
    """No stored assessment matches; the message says which command makes one."""


def _open(settings: Settings) -> duckdb.DuckDBPyConnection:
    path = settings.warehouse_path
    if not Path(path).exists():
        raise NothingToExplainError(
            f"no warehouse at {path}: run `maturity run --config {settings.config_path}` first"
        )
    return open_warehouse(path, read_only=True)


def _resolve(settings: Settings, name: str) -> tuple[str, str]:
    teams = [t.name for t in settings.teams]
    if name in teams:
        return "team", name
    if name.lower() in ORGANISATION_NAMES:
        return "organisation", ORGANISATION
    raise ConfigError(
        f"{settings.config_path}: no team '{name}' in [[teams]] ({teams or 'none'}); "
        "or ask for 'organisation'"
    )


def _pinned(con, stored: Assessment, fallback: Ruleset) -> Ruleset:
    known = indicator_ids()
    return (
        pinned_ruleset(con, stored.ruleset_hash, known)
        or shipped_if_same(stored.ruleset_id, stored.ruleset_hash, known)
        or fallback
    )


def _stored(con, ruleset: Ruleset, as_of: date, what: str) -> list[Assessment]:
    try:
        found = stored_assessments(con, as_of=as_of, ruleset_id=ruleset.id)
    except duckdb.Error as err:  # a warehouse from before the rules layer's migration
        raise NothingToExplainError(
            f"the warehouse has no assessments in this format ({type(err).__name__}): "
            f"run `maturity assess --as-of {as_of}` first"
        ) from None
    if not found:
        raise NothingToExplainError(
            f"no assessment {what}as of {as_of} under rule set {ruleset.id}: "
            f"run `maturity assess --as-of {as_of}` first"
        )
    return found


def explanation(settings: Settings, ruleset: Ruleset, name: str, as_of: date | None) -> dict:
    scope, entity = _resolve(settings, name)
    con = _open(settings)
    try:
        if as_of is None:
            try:
                as_of = latest_as_of(con, scope=scope, entity=entity, ruleset_id=ruleset.id)
            except duckdb.Error:
                as_of = None
            if as_of is None:
                raise NothingToExplainError(
                    f"{name} has never been assessed under rule set {ruleset.id}: "
                    "run `maturity run` or `maturity assess` first"
                )
        found = _stored(con, ruleset, as_of, f"of {name} ")
        target = next((a for a in found if (a.scope, a.entity) == (scope, entity)), None)
        if target is None:
            raise NothingToExplainError(
                f"no assessment of {name} as of {as_of}: run `maturity assess --as-of {as_of}`"
            )
        teams = [a for a in found if a.scope == "team"]
        return explain(target, _pinned(con, target, ruleset), teams)
    finally:
        con.close()


def run_document(settings: Settings, ruleset: Ruleset, as_of: date) -> dict:
    con = _open(settings)
    try:
        found = _stored(con, ruleset, as_of, "")
        return explain_run(found, _pinned(con, found[0], ruleset))
    finally:
        con.close()


def to_json(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=False, default=str)


def render(doc: dict) -> str:
    """The explanation in plain words for the terminal."""
    level, name = doc["level"], doc["entity"]
    title = "The organisation" if doc["scope"] == "organisation" else name
    lines = [
        f"{title}: level {level['proven']} {level['proven_name']} (proven), "
        f"ceiling {level['ceiling']} {level['ceiling_name']}",
        f"  as of {doc['as_of_date']}, rule set {doc['ruleset']['id']} {doc['ruleset']['version']}",
        f"  confidence {doc['confidence']:.0%}: {doc['criteria_definite']} of "
        f"{doc['criteria_considered']} criteria deciding the level have a definite result"
        + (" (unclear: too little is known)" if doc["is_unclear"] else ""),
    ]
    if (level["proven_without_overrides"], level["ceiling_without_overrides"]) != (
        level["proven"],
        level["ceiling"],
    ):
        lines.append(
            f"  without overrides: level {level['proven_without_overrides']}, "
            f"ceiling {level['ceiling_without_overrides']}"
        )
    if doc["stability"]:
        s = doc["stability"]
        lines.append(
            f"  level stability ({s['resamples']} resamples of the evidence): "
            f"proven {s['proven_summary']}; ceiling {s['ceiling_summary']}"
        )
    if doc["organisation"]:
        lines += _render_rollup(doc["organisation"])
    lines += ["", "Why"]
    lines += _render_criteria(doc["criteria"])
    lines += _render_next(doc["next_level"])
    if doc["warnings"]:
        lines += ["", "Warnings"] + [f"  - {w}" for w in doc["warnings"]]
    return "\n".join(lines)


def _render_rollup(o: dict) -> list[str]:
    spread = ", ".join(f"{lvl} {n}" for lvl, n in o["proven_distribution"].items() if n)
    return [
        f"  teams: {o['teams_total']} ({o['coverage_pct']:.0f}% with evidence, "
        f"{o['teams_unclear']} unclear); by proven level: {spread or 'none'}",
        f"  median team level {o['median_level_proven']}, weakest {o['weakest_level_proven']} "
        f"({', '.join(o['weakest_teams'])}); two thirds of teams reach "
        f"{o['two_thirds_level_proven']} (ceiling {o['two_thirds_level_ceiling']})",
    ]


def _render_criteria(criteria: list[dict]) -> list[str]:
    lines: list[str] = []
    current = None
    for c in sorted(criteria, key=lambda c: (not c["is_gating"], c["level"], c["id"])):
        heading = (
            f"  Level {c['level']} {c['level_name']}"
            if c["is_gating"]
            else "  Experimental (reported, never gating)"
        )
        if heading != current:
            current = heading
            lines.append(heading)
        message = c["message"].removeprefix(f"{c['status']}: ")
        lines.append(f"    {STATUS_WORDS.get(c['status'], c['status']):<10}  {c['id']}: {message}")
        if c["evidence_ids"]:
            lines.append(f"{'':16}evidence: {c['samples']} {', '.join(c['evidence_ids'])}")
    return lines


def _render_next(n: dict | None) -> list[str]:
    if n is None:
        return ["", "Next steps: none, this is the highest level."]
    lines = ["", f"Next steps to level {n['level']} {n['name']} ({n['progress']['text']})"]
    if n.get("teams"):
        t = n["teams"]
        lines.append(
            f"  teams: {t['text']}; {t['more_needed']} more team(s) must get there "
            f"(below it: {', '.join(t['below_next_level']) or 'none'})"
        )
    if n["to_fix"]:
        lines.append("  To fix (furthest from its threshold first):")
        for i, c in enumerate(n["to_fix"], start=1):
            lines.append(f"    {i}. {c['id']}: {c['message']}; {c['gap_text']}")
            lines.append(f"       what to do: {c['remediation']}")
            if c["evidence_ids"]:
                lines.append(f"       evidence: {c['samples']} {', '.join(c['evidence_ids'])}")
    if n["to_collect"]:
        lines.append("  Data to collect:")
        lines += [f"    - {c['id']}: {c['to_collect']}" for c in n["to_collect"]]
    return lines
