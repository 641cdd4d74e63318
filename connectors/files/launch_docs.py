"""Launch checklists kept as documents: YAML files and Markdown `- [x]` documents.

YAML: a list of launches (top level, or under `launches:`), or one launch per document:
    id, name, team, planned_date, actual_date, adoption: {target, actual} (or
    adoption_target / adoption_actual), checklist: a list of {item, done, done_date} or of
    strings "[x] Support trained". No `checklist` key (or an empty one): no checklist.
Markdown: one launch per file. Its fields come from YAML front matter (between `---` lines at
the top), else from a Kubernetes `kep.yaml` beside it (kep.py), else the file name is the id
and the first heading the name. The checklist is the `- [x]` / `- [ ]` items (`*`, `+`, `[X]`
too) under the first heading that says "checklist", or of the whole file when none does;
nested items count, HTML comments and code blocks do not. A date at the end of an item,
"(2025-02-27)" or "(done 2025-02-27)", is its done date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath

import pandas as pd
import yaml

from connectors.files.errors import FileRefusedError
from connectors.files.kep import kep_launch
from connectors.files.launch_records import LaunchExport, typed_items, typed_launches
from connectors.files.text import decode

_KEYS = {
    "launch_id": ("id", "launch_id", "key"),
    "launch_name": ("name", "launch_name", "title"),
    "team": ("team",),
    "planned_date": ("planned_date", "planned", "target_date"),
    "actual_date": ("actual_date", "actual", "launched", "launch_date"),
    "adoption_target": ("adoption_target",),
    "adoption_actual": ("adoption_actual",),
}
_ITEM = re.compile(r"^([ \t]*)[-*+][ \t]+\[([ xX])\][ \t]+(.*?)[ \t]*$")
_DONE_DATE = re.compile(r"\s*[(\[]?(?:done|completed)?\s*(\d{4}-\d{2}-\d{2})[)\]]?\s*$", re.I)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that remembers the line of every mapping, for messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_launch_yaml(
    data: bytes, *, encoding: str = "auto", day_first: bool = False
) -> LaunchExport:
    text = decode(data, encoding).text
    try:
        documents = [d for d in yaml.load_all(text, Loader=_LineLoader) if d is not None]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise FileRefusedError(
            f"not valid YAML: {getattr(err, 'problem', None) or err}",
            line=mark.line + 1 if mark else None,
        ) from None
    if len(documents) == 1 and isinstance(documents[0], dict) and "kep-number" in documents[0]:
        return _skipped("kep")  # a KEP's metadata: read through the README.md beside it
    entries = []
    for document in documents:
        if isinstance(document, dict) and isinstance(document.get("launches"), list):
            entries += document["launches"]
        elif isinstance(document, list):
            entries += document
        else:
            entries.append(document)
    if not entries:
        raise FileRefusedError("no launches in the file: expected a list under 'launches:'")
    launches, items = [], []
    for key, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise FileRefusedError(
                f"launch {key + 1} is a {type(entry).__name__}, not a mapping of id, name, team..."
            )
        launches.append(_launch_fields(entry, key, entry.get(LINE, 1)))
        items += _yaml_items(entry, key)
    return _export("yaml", launches, items, day_first)


def read_launch_markdown(
    data: bytes,
    *,
    path: str,
    companion: bytes | None = None,
    milestone_dates: dict[str, str] | None = None,
    encoding: str = "auto",
    day_first: bool = False,
) -> LaunchExport:
    """`companion`: the bytes of a kep.yaml beside the file, if any."""
    text = decode(data, encoding).text.replace("\r\n", "\n")
    fields, body_start = _front_matter(text)
    layout = "markdown"
    if fields is None and companion is not None:
        kep = yaml.safe_load(decode(companion, encoding).text)
        fields = kep_launch(kep, milestone_dates or {})
        layout = "kep"
        if fields is None:
            return _skipped("kep")
    lines = _without_comments(text).split("\n")
    if fields is None:
        heading = next((m.group(2) for line in lines if (m := _HEADING.match(line))), None)
        fields = {"id": PurePath(path).stem, "name": heading or PurePath(path).stem, LINE: 1}
    launch = _launch_fields(fields, 0, fields.get(LINE, 1))
    items = _markdown_items(lines, body_start)
    launch["has_checklist"] = bool(items)
    return _export(layout, [launch], items, day_first)


def _front_matter(text: str) -> tuple[dict | None, int]:
    if not text.startswith("---\n"):
        return None, 0
    end = text.find("\n---", 4)
    if end < 0:
        raise FileRefusedError("front matter opened with '---' is never closed", line=1)
    try:
        fields = yaml.load(text[4:end], Loader=_LineLoader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise FileRefusedError(
            f"front matter is not valid YAML: {getattr(err, 'problem', None) or err}",
            line=mark.line + 2 if mark else 1,
        ) from None
    if not isinstance(fields, dict):
        raise FileRefusedError("front matter must be a mapping of id, name, team ...", line=2)
    fields[LINE] = 1
    return fields, text[:end].count("\n") + 2


def _without_comments(text: str) -> str:
    # Blank out comments and code blocks but keep their newlines, so line numbers hold.
    blank = lambda m: "\n" * m.group(0).count("\n")  # noqa: E731
    return _FENCE.sub(blank, _COMMENT.sub(blank, text))


def _markdown_items(lines: list[str], start: int) -> list[dict]:
    section = (start, len(lines))
    for number, line in enumerate(lines[start:], start=start):
        heading = _HEADING.match(line)
        if heading and "checklist" in heading.group(2).casefold():
            level = len(heading.group(1))
            end = next(
                (
                    n
                    for n in range(number + 1, len(lines))
                    if (h := _HEADING.match(lines[n])) and len(h.group(1)) <= level
                ),
                len(lines),
            )
            section = (number + 1, end)
            break
    items = []
    for number in range(*section):
        found = _ITEM.match(lines[number])
        if not found:
            continue
        indent, mark, name = found.groups()
        dated = _DONE_DATE.search(name)
        items.append(
            {
                "record_row": number + 1,
                "launch_key": 0,
                "item_position": len(items) + 1,
                "item_depth": len(indent.expandtabs(4)) // 2,
                "item": name[: dated.start()] if dated else name,
                "is_done": "x" if mark in "xX" else "",
                "done_date": dated.group(1) if dated else "",
            }
        )
    return items


def _launch_fields(entry: dict, key: int, line: int) -> dict:
    row = {"record_row": line, "launch_key": key}
    for name, keys in _KEYS.items():
        row[name] = _text(next((entry[k] for k in keys if k in entry), None))
    adoption = entry.get("adoption")
    if isinstance(adoption, dict):
        row["adoption_target"] = row["adoption_target"] or _text(adoption.get("target"))
        row["adoption_actual"] = row["adoption_actual"] or _text(adoption.get("actual"))
    row["has_checklist"] = bool(entry.get("checklist") or entry.get("items"))
    return row


def _yaml_items(entry: dict, key: int) -> list[dict]:
    raw = entry.get("checklist") or entry.get("items") or []
    if not isinstance(raw, list):
        raise FileRefusedError(
            f"launch {_text(entry.get('id')) or key + 1}: checklist must be a list",
            line=entry.get(LINE),
        )
    items = []
    for position, item in enumerate(raw, start=1):
        line = entry.get(LINE, 1)
        if isinstance(item, dict):
            line = item.get(LINE, line)
            name = item.get("item") or item.get("name") or item.get("title")
            done, done_date = item.get("done"), item.get("done_date") or item.get("date")
        else:
            found = re.match(r"^\s*\[([ xX])\]\s*(.*)$", str(item))
            name = found.group(2) if found else str(item)
            done, done_date = (found.group(1) in "xX") if found else None, None
        items.append(
            {
                "record_row": line,
                "launch_key": key,
                "item_position": position,
                "item_depth": 0,
                "item": _text(name),
                "is_done": _text(done),
                "done_date": _text(done_date),
            }
        )
    return items


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _export(layout: str, launches: list[dict], items: list[dict], day_first: bool) -> LaunchExport:
    launch_frame = pd.DataFrame(
        launches, columns=["record_row", "launch_key", *_KEYS, "has_checklist"]
    ).astype({"record_row": "int64", "launch_key": "int64", "has_checklist": "bool"})
    item_frame = pd.DataFrame(
        items,
        columns=[
            "record_row",
            "launch_key",
            "item_position",
            "item_depth",
            "item",
            "is_done",
            "done_date",
        ],
    )
    return LaunchExport(
        layout=layout,
        file_format="yaml" if layout == "yaml" else "markdown",
        launches=typed_launches(launch_frame, day_first=day_first, comma_is_decimal=False),
        items=typed_items(
            item_frame.astype({"item": "str", "is_done": "str", "done_date": "str"}),
            day_first=day_first,
        ),
        labels={name: keys[0] for name, keys in _KEYS.items()},
    )


def _skipped(layout: str) -> LaunchExport:
    empty = _export(layout, [], [], False)
    return LaunchExport(layout, empty.file_format, empty.launches, empty.items, skipped=True)
