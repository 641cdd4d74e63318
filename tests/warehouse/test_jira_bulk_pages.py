"""The DuckDB reader of Cloud's pages answers exactly as the connector's Python reference."""

from __future__ import annotations

import json

import pytest

from connectors.jira.history_pages import MalformedHistories, PythonHistoryReader
from warehouse.jira_bulk_pages import DuckDBHistoryReader

CHECKED = ["customfield_10020", "status", "customfield_10016"]
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def history(history_id, created, *items, **extra):
    return {"id": str(history_id), "created": created, **extra, "items": list(items)}


def item(field_id, to, to_string=None, *, field=None):
    found = {"field": field or field_id, "fieldtype": "jira", "from": None, "to": to}
    if field_id is not None:
        found["fieldId"] = field_id
    return {**found, "toString": to_string}


def page(entries, token=None):
    body = {"issueChangeLogs": [{"issueId": i, "changeHistories": hs} for i, hs in entries]}
    if token:
        body["nextPageToken"] = token
    return json.dumps(body, ensure_ascii=False)


PAGES = [
    page(
        [
            # newest by created, whatever the delivered order; ties broken by id, then order
            (
                "101",
                [
                    history(7, "2024-02-01T10:00:00.000+0100", item("status", "3", "Done")),
                    history(5, "2024-01-01T10:00:00.000+0100", item("status", "2", "Doing")),
                    history(
                        6,
                        "2024-02-01T10:00:00.000+0100",
                        item("status", "9", "Late"),
                        item("customfield_10016", None, "5"),
                        item("customfield_10016", "8", "8"),
                    ),
                ],
            ),
            # an older Data Center item without fieldId still counts as status
            ("102", [history(8, "2024-03-01T00:00:00.000Z", item(None, "4", field="status"))]),
            # text as Jira may send it: non-ASCII, escapes, numbers kept as written
            (
                "103",
                [history(9, "2024-03-02T00:00:00.000Z", item("summary", "x"), note='é "q" \\')],
            ),
        ],
        token="next-1",
    ),
    # the same issue continues on the next page; a field the check does not track
    page(
        [
            ("101", [history(10, "2024-01-15T00:00:00.000Z", item("labels", "a"))]),
            ("104", [history(11, "", item("customfield_10020", "1, 2", "S1, S2"))]),
            ("105", []),
        ]
    ),
]


@pytest.fixture
def readers():
    duck = DuckDBHistoryReader(error=MalformedHistories)
    yield PythonHistoryReader(), duck
    duck.close()


def _last(bulk):
    return {
        issue: {f: {"to": i.get("to"), "toString": i.get("toString")} for f, i in fields.items()}
        for issue, fields in bulk.last_items.items()
        if fields
    }


def _rows(bulk):
    if bulk.table is None:
        return [(r["issue_id"], r["history_id"], _encode(r["payload"])) for r in bulk.records]
    columns = bulk.table.select(["issue_id", "history_id", "payload"]).to_pydict()
    return list(zip(*columns.values(), strict=True))


def test_both_readers_find_the_same_tokens_rows_counts_and_last_items(readers) -> None:
    python, duck = readers
    assert [python.next_token(p) for p in PAGES] == [duck.next_token(p) for p in PAGES]
    assert duck.next_token(PAGES[0]) == "next-1" and duck.next_token(PAGES[1]) is None
    expected, found = python.read(PAGES, CHECKED), duck.read(PAGES, CHECKED)
    assert _rows(found) == _rows(expected)
    assert (found.histories, found.items) == (expected.histories, expected.items)
    assert found.held == {i: n for i, n in expected.held.items() if n}  # absent: 0
    assert _last(found) == _last(expected)
    assert found.last_items["101"]["status"]["to"] == "3"  # created, then id 7 over 6
    assert found.last_items["101"]["customfield_10016"]["to"] == "8"
    assert found.last_items["102"]["status"]["to"] == "4"
    less = duck.without(found, {"101"})
    assert less.histories == found.histories - 4 and less.items == found.items - 6
    assert {r[0] for r in _rows(less)} == {102, 103, 104}


def test_a_malformed_page_or_history_is_named_as_the_reference_names_it(readers) -> None:
    for reader in readers:
        with pytest.raises(MalformedHistories) as failed:
            reader.next_token(PAGES[0][: len(PAGES[0]) // 2])
        assert failed.value.issue_id is None
        with pytest.raises(MalformedHistories) as failed:
            reader.read([page([("201", [history(1, "x")]), ("202", [{"items": []}])])], CHECKED)
        assert failed.value.issue_id == "202"


def test_issues_land_from_the_delivered_search_pages_as_the_connector_kept_them() -> None:
    issue = {
        "expand": "changelog",
        "id": "11",
        "key": "A-1",
        "fields": {"summary": 'Ünïcode "quoted"', "points": 2.50},
    }
    first = json.dumps({"issues": [issue, {**issue, "id": "12", "key": "A-2"}]})
    # a re-read page repeats A-2 (kept from here) and embeds a changelog (left out)
    again = {**issue, "id": "12", "key": "A-2", "changelog": {"histories": []}}
    second = json.dumps({"issues": [again, {**issue, "id": "13", "key": "A-3"}]})
    duck = DuckDBHistoryReader(error=MalformedHistories)
    try:
        table = duck.issue_table([first, second], [(0, 1), (1, 1), (1, 2)])
    finally:
        duck.close()
    rows = table.to_pylist()
    assert [(r["issue_id"], r["issue_key"]) for r in rows] == [
        (11, "A-1"),
        (12, "A-2"),
        (13, "A-3"),
    ]
    assert json.loads(rows[1]["payload"]) == {k: v for k, v in again.items() if k != "changelog"}
    # the same text as the Python path's compact encoding landed before
    assert rows[0]["payload"] == _encode(issue)
    assert PythonHistoryReader().issue_table([first], [(0, 1)]) is None
