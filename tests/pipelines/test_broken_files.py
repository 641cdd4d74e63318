"""A corpus of broken exports. Each case names what the analyst sees: the exact refusal (and
the warehouse exactly as it was: nothing of the source lands) or the exact quarantine row (and
the rest of the file loaded)."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipelines.settings import load_settings
from tests.pipelines.file_support import (
    SALT_ENV,
    SURVEY_HEADER,
    config,
    counts,
    export,
    quarantine,
    survey_config,
    sync,
)

ROWS = [
    "2025/01/10 10:15:32 AM GMT+1,ana@acme.example,Payments,40,6,4,2,1\n",
    "2025/01/10 11:02:07 AM GMT+1,bo@acme.example,Payments,45,7.5,5,3,2\n",
    "2025/01/13 9:30:00 AM GMT+1,cy@acme.example,Search,38,3,2,1,1\n",
]


@pytest.fixture(autouse=True)
def salt(monkeypatch):
    monkeypatch.setenv(SALT_ENV, "a-test-salt")


def with_row(row: str) -> str:
    """The good file plus one row, which becomes row 5 of the file."""
    return SURVEY_HEADER + "".join(ROWS) + row


QUARANTINED = {
    "a cell of the wrong type": (
        "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,40,lots,2,1,1\n",
        ("Hours coordinating meetings", "lots", "not a number of hours"),
    ),
    "negative hours": (
        "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,40,-2,2,1,1\n",
        ("Hours coordinating meetings", "-2.0", "hours per week must be between 0 and 168"),
    ),
    "more hours than a week has": (
        "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,200,2,2,1,1\n",
        ("Hours worked this week", "200.0", "hours per week must be between 0 and 168"),
    ),
    "no hours worked at all": (
        "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,0,0,0,0,0\n",
        ("Hours worked this week", "0.0", "total hours worked must be above 0"),
    ),
    "overhead summing past the total": (
        "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,20,10,10,5,5\n",
        (
            "Hours worked this week",
            "20.0",
            "the overhead hours add up to more than the total hours worked",
        ),
    ),
    "an unparseable date": (
        "yesterday,dee@acme.example,Search,40,3,2,1,1\n",
        ("Timestamp", "yesterday", "not a date"),
    ),
}


@pytest.mark.parametrize("case", sorted(QUARANTINED))
def test_a_broken_row_is_quarantined_and_the_rest_loads(tmp_path, case):
    row, (column, value, reason) = QUARANTINED[case]
    export(tmp_path, "pm-time.csv", with_row(row))
    found, con = sync(survey_config(tmp_path))
    s = found["surveys"]["pm-time"]
    assert (s["status"], s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (
        "loaded",
        4,
        3,
        1,
    )
    assert quarantine(con) == [("exports/pm-time.csv", 5, "response", column, value, reason)]


def test_a_duplicated_respondent_keeps_the_newest_answer(tmp_path):
    again = "2025/01/14 8:00:00 AM GMT+1,ANA@acme.example ,Payments,40,5,4,2,1\n"
    export(tmp_path, "pm-time.csv", with_row(again))
    _found, con = sync(survey_config(tmp_path))
    rows = quarantine(con)
    assert [(r[1], r[3], r[5]) for r in rows] == [
        (2, "Email Address", "the same respondent answered twice in one wave: superseded by row 5")
    ]
    kept = con.execute("SELECT row_number FROM raw.survey_responses ORDER BY 1").fetchall()
    assert kept == [(3,), (4,), (5,)]


def _binary_garbage() -> bytes:
    return bytes(range(256)) * 4


def _corrupt_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("not-a-sheet.txt", "hello")
    return buffer.getvalue()


CP1252 = (
    SURVEY_HEADER + "2025/01/10 10:15:32 AM GMT+1,José@acme.example,Payments,40,6,4,2,1\n"
).encode("cp1252")
UNDECODABLE = SURVEY_HEADER.encode() + b"2025/01/10,\x81\x8d@acme.example,Payments,40,6,4,2,1\n"
NO_REPORTING = (
    SURVEY_HEADER.replace(",Hours on reporting", "")
    + "2025/01/14 8:00:00 AM GMT+1,dee@acme.example,Search,40,3,1,1\n"
)
WRONG_MAPPING = 'total_hours = "Hours worked this week"', 'total_hours = "Which team are you on?"'
REFUSED = {
    "a missing column": (
        "pm-time.csv",
        NO_REPORTING,
        None,
        "exports/pm-time.csv: the export lacks a column this source needs: name it under "
        "[sources.surveys.columns] (e.g. \"reporting_hours (looked for 'Hours on reporting')\")",
    ),
    "a column of the wrong type (a wrong mapping)": (
        "pm-time.csv",
        SURVEY_HEADER + "".join(ROWS),
        WRONG_MAPPING,
        "exports/pm-time.csv: most cells are not a number of hours: does the mapping name the "
        "right column? (e.g. 'Payments')",
    ),
    "an empty file": (
        "pm-time.csv",
        b"",
        None,
        "exports/pm-time.csv: the file is empty: export it again with its answers",
    ),
    "binary garbage": (
        "pm-time.csv",
        _binary_garbage(),
        None,
        "exports/pm-time.csv: binary content (a zero byte at offset 0): this is not a text "
        "export; export the survey or checklist as CSV, XLSX, YAML or Markdown",
    ),
    "the wrong encoding": (
        "pm-time.csv",
        CP1252,
        ("[[sources.surveys]]", '[[sources.surveys]]\nencoding = "utf-8"'),
        f"exports/pm-time.csv: not valid utf-8: byte 0xe9 at offset {CP1252.index(0xE9)}. It "
        'looks like cp1252 (Excel on Windows): set encoding = "cp1252" or re-export as UTF-8. '
        "(line 2)",
    ),
    "bytes no encoding reads": (
        "pm-time.csv",
        UNDECODABLE,
        None,
        f"exports/pm-time.csv: not valid utf-8: byte 0x81 at offset {UNDECODABLE.index(0x81)}. "
        "Re-export the file as UTF-8 CSV. (line 2)",
    ),
    "a row longer than the header": (
        "pm-time.csv",
        SURVEY_HEADER + ROWS[0] + ROWS[1].replace("\n", ",extra\n"),
        None,
        "exports/pm-time.csv: row has 9 cells where the first row has 8: a delimiter inside an "
        "unquoted cell, or rows cut short? Re-export the file (line 3)",
    ),
    "a damaged workbook": (
        "pm-time.xlsx",
        _corrupt_workbook(),
        None,
        "exports/pm-time.xlsx: not a readable Excel workbook (KeyError); save it again as .xlsx",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_broken_file_is_refused_and_the_warehouse_is_unchanged(tmp_path, case):
    name, content, config_change, message = REFUSED[case]
    settings = survey_config(tmp_path, paths='["exports/*"]')
    # An earlier, good export is in the warehouse already.
    export(tmp_path, "earlier.csv", SURVEY_HEADER + ROWS[0])
    _, con = sync(settings)
    before = counts(con)
    assert before["raw.survey_responses"] == 1
    con.close()
    if config_change:  # the analyst edits the config, then drops the new export
        path = settings.config_path
        path.write_text(path.read_text().replace(*config_change), encoding="utf-8")
        settings = load_settings(path)
    export(tmp_path, name, content)
    found, con = sync(settings, "run-2")
    s = found["surveys"]["pm-time"]
    assert s["status"] == "refused"
    assert s["messages"] == [message]
    assert counts(con) == before


def test_one_refused_file_stops_the_whole_source_and_no_other(tmp_path):
    export(tmp_path, "a-good.csv", SURVEY_HEADER + ROWS[0])
    export(tmp_path, "b-empty.csv", b"")
    export(tmp_path, "outcomes.csv", "date,metric,value\n2025-01-31,NRR,104\n")
    settings = config(
        tmp_path,
        """
        [[sources.surveys]]
        name = "pm-time"
        paths = ["exports/*-*.csv"]
        [sources.surveys.columns]
        team = "Which team are you on?"
        total_hours = "Hours worked this week"
        meeting_coordination_hours = "Hours coordinating meetings"
        reporting_hours = "Hours on reporting"
        tool_research_hours = "Hours researching tools"
        process_design_hours = "Hours designing process"

        [[sources.outcomes]]
        name = "finance"
        paths = ["exports/outcomes.csv"]
        """,
    )
    found, con = sync(settings)
    assert found["surveys"]["pm-time"]["status"] == "refused"
    assert found["outcomes"]["finance"]["rows_loaded"] == 1
    assert counts(con)["raw.survey_responses"] == 0


LAUNCH_HEADER = "launch_id,name,team,planned_date,actual_date,adoption_target,adoption_actual"


def launch_config(tmp_path):
    return config(
        tmp_path,
        """
        [[sources.launches]]
        name = "launches"
        paths = ["exports/launches/*"]
        team = "Payments"
        """,
    )


def test_a_launch_lands_whole_or_not_at_all(tmp_path):
    export(
        tmp_path,
        "launches/checklists.csv",
        f"{LAUNCH_HEADER},item,done,done_date\n"
        "L1,Refunds,Payments,2025-03-01,2025-03-01,500,612,Pricing page,yes,2025-02-27\n"
        "L1,Refunds,Payments,2025-03-01,2025-03-01,500,612,Support trained,maybe,\n"
        "L2,Wallet,Payments,2025-04-01,2025-04-03,100,80,Docs,yes,2025-03-30\n"
        "L2,Wallet,Payments,2025-04-02,2025-04-03,100,80,Sales deck,yes,2025-03-30\n"
        "L3,Cards,Search,2025-05-01,,,,Docs,no,\n",
    )
    found, con = sync(launch_config(tmp_path))
    s = found["launches"]["launches"]
    assert (s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (3, 1, 2)
    assert (s["items_read"], s["items_loaded"], s["items_quarantined"]) == (5, 1, 4)
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in quarantine(con)] == [
        (2, "item", None, None, "its checklist item on row 3 was refused"),
        (2, "launch", None, None, "its checklist item on row 3 was refused"),
        (3, "item", "done", "maybe",
         "not a done flag (x, yes, true, done or a date; blank, no, false)"),
        (4, "item", None, None, "the launch on row 4 was refused"),
        (4, "launch", "conflict", "planned_date differs on row 5",
         "the rows of one launch disagree on its fields"),
        (5, "item", None, None, "the launch on row 4 was refused"),
    ]  # fmt: skip


def test_yaml_that_does_not_parse_is_refused_with_its_line(tmp_path):
    export(
        tmp_path,
        "launches/launches.yaml",
        """
        launches:
          - id: L1
            name: Refunds
            planned_date: 2025-03-01
           actual_date: [2025-03-04
        """,
    )
    found, _con = sync(launch_config(tmp_path))
    assert found["launches"]["launches"]["messages"] == [
        "exports/launches/launches.yaml: not valid YAML: expected <block end>, but found "
        "'<block mapping start>' (line 5)"
    ]


def test_a_duplicate_launch_id_keeps_the_first(tmp_path):
    export(
        tmp_path,
        "launches/launches.csv",
        f"{LAUNCH_HEADER}\n"
        "L1,Refunds,Payments,2025-03-01,2025-03-01,500,612\n"
        "L1,Refunds again,Payments,2025-03-05,2025-03-06,500,612\n",
    )
    _found, con = sync(launch_config(tmp_path))
    assert [(r[1], r[3], r[4], r[5]) for r in quarantine(con)] == [
        (3, "launch_id", "L1", "the launch id appears twice (first on row 2)")
    ]


def test_a_launch_table_without_planned_dates_is_refused(tmp_path):
    export(
        tmp_path, "launches/launches.csv", "id,name,team,launched\nL1,Refunds,Payments,2025-03-01\n"
    )
    found, _con = sync(launch_config(tmp_path))
    assert found["launches"]["launches"]["messages"] == [
        "exports/launches/launches.csv: the export lacks a column this source needs: name it "
        "under [sources.launches.columns] (e.g. \"planned_date (looked for 'planned_date' or "
        "'planned date' or 'planned')\")"
    ]
