"""Reading a metrics dictionary: does it name a north star, and its drivers?

Two shapes are understood, because that is how product teams keep them:

- YAML: a `north_star` key (also `north_star_metric`, `northStar`, `nsm`) whose value is the
  metric's name or a mapping with a `name` (`metric`, `title`); a `drivers` key (also
  `driver_metrics`, `driver_tree`, `input_metrics`) holding a list of names or of mappings
  with a name, or a mapping keyed by name. The keys may sit one level down (e.g. under
  `metrics_framework:`). A list of metrics each with `type`/`role`/`tier`/`kind` set to
  `north_star` or `driver` works too.
- Markdown: a heading containing "north star" (its text after a colon, or the first line
  below it, names the metric) and a heading containing "driver" followed by a list (each
  item a driver), or lines such as `**North star:** Weekly active teams`.

Pure functions: the warehouse calls `summarise` on the file's text while rebuilding staging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

NORTH_STAR_KEYS = {"northstar", "northstarmetric", "nsm"}
DRIVER_KEYS = {"drivers", "drivermetrics", "drivertree", "inputmetrics"}
NAME_KEYS = ("name", "metric", "title", "id")
ROLE_KEYS = ("type", "role", "tier", "kind")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+?)\s*$")
INLINE_NORTH_STAR = re.compile(r"^\W*north[\s_-]*star(?:\s+metric)?\W*[:=-]\s*(.+?)\W*$", re.I)


@dataclass(frozen=True)
class DictionarySummary:
    format: str  # yaml, markdown or unknown
    north_star: str | None = None
    drivers: tuple[str, ...] = field(default_factory=tuple)
    parse_error: str | None = None


def summarise(text: str | None, path: str) -> DictionarySummary:
    if text is None:
        return DictionarySummary("unknown", parse_error="no content")
    if path.lower().endswith((".yaml", ".yml")):
        return _from_yaml(text)
    return _from_markdown(text)


def _key(name: object) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


def _name(value: object) -> str | None:
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    if isinstance(value, dict):
        for key in NAME_KEYS:
            found = next((v for k, v in value.items() if _key(k) == key), None)
            if found is not None:
                return _name(found)
    return None


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(n for n in (_name(v) for v in value) if n)
    if isinstance(value, dict):
        return tuple(str(k) for k in value)
    single = _name(value)
    return (single,) if single else ()


def _from_yaml(text: str) -> DictionarySummary:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        return DictionarySummary("yaml", parse_error=f"not valid YAML: {err}".splitlines()[0])
    north_star, drivers = None, ()
    for mapping in _mappings(data):
        for key, value in mapping.items():
            if _key(key) in NORTH_STAR_KEYS and north_star is None:
                north_star = _name(value)
            elif _key(key) in DRIVER_KEYS and not drivers:
                drivers = _names(value)
    if north_star is None or not drivers:
        roles = _by_role(data)
        north_star = north_star or next(iter(roles.get("northstar", ())), None)
        drivers = drivers or tuple(roles.get("driver", ()))
    return DictionarySummary("yaml", north_star, tuple(drivers))


def _mappings(data: object) -> list[dict]:
    """The top mapping and the mappings one level below it."""
    if not isinstance(data, dict):
        return []
    return [data, *(v for v in data.values() if isinstance(v, dict))]


def _by_role(data: object) -> dict[str, list[str]]:
    items = data if isinstance(data, list) else []
    if isinstance(data, dict):
        items = [x for v in data.values() if isinstance(v, list) for x in v]
    found: dict[str, list[str]] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        role = next((_key(v) for k, v in item.items() if _key(k) in ROLE_KEYS), "")
        role = "driver" if role in ("driver", "drivers", "input") else role
        name = _name(item)
        if name:
            found.setdefault(role, []).append(name)
    return found


def _from_markdown(text: str) -> DictionarySummary:
    north_star: str | None = None
    drivers: list[str] = []
    section: str | None = None  # "north_star" or "drivers" while under such a heading
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            title = heading.group(2)
            section = None
            if re.search(r"north[\s_-]*star", title, re.I):
                section = "north_star"
                _, colon, rest = title.partition(":")
                if colon and rest.strip() and north_star is None:
                    north_star = _clean(rest)
            elif re.search(r"driver", title, re.I):
                section = "drivers"
            continue
        inline = INLINE_NORTH_STAR.match(line.replace("*", "").replace("_", " "))
        if inline and north_star is None:
            north_star = _clean(inline.group(1))
            continue
        if section == "north_star" and north_star is None and line.strip():
            item = ITEM.match(line)
            north_star = _clean(item.group(1) if item else line)
        elif section == "drivers" and (item := ITEM.match(line)):
            drivers.append(_clean(item.group(1)))
    return DictionarySummary("markdown", north_star or None, tuple(d for d in drivers if d))


def _clean(text: str) -> str:
    # Emphasis and link syntax are decoration; the metric's name is the words.
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip().rstrip(".").strip()
