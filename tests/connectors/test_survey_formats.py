"""Survey exports read as each tool writes them: the same five answers from every format.

Fixtures in tests/fixtures/exports/ (see its README) follow each tool's export layout; the
answers are the same in all of them, so every reader must agree on hours, teams, times,
respondents (hashed) and which responses are complete.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from connectors.files.errors import FileRefusedError
from connectors.files.identity import hash_identities
from connectors.files.surveys import read_survey

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
SALT = b"test-salt"
QUESTIONS = {
    "team": "Which team are you on?",
    "total_hours": "Hours worked this week",
    "meeting_coordination_hours": "Hours coordinating meetings",
    "reporting_hours": "Hours on reporting",
    "tool_research_hours": "Hours researching tools",
    "process_design_hours": "Hours designing process",
}
EXPECTED = [  # e-mail, team as written, total, meetings, reporting, tools, process
    ("ana@acme.example", "Payments", 40, 6, 4, 2, 1),
    ("bo@acme.example", "Payments team", 45, 7.5, 5, 3, 2),
    ("cy@acme.example", "Search", 38, 3, 2, 1, 1),
    ("dee@acme.example", "Search", 42, 4, 3, 2, 0.5),
    ("eve@acme.example", "PAY", 40, 10, 6, 2, 2),
]
HOURS = list(QUESTIONS)[1:]


def hashed(email: str) -> str:
    import pandas as pd

    return hash_identities(pd.Series([email]), SALT).iloc[0]


def read(name: str, columns: dict, **options):
    return read_survey(
        (FIXTURES / name).read_bytes(),
        suffix=Path(name).suffix,
        salt=SALT,
        columns=columns,
        **options,
    )


def assert_the_five_answers(export, *, respondents_are_emails: bool = True) -> None:
    done = export.frame[export.frame["is_complete"]].reset_index(drop=True)
    assert len(done) == 5
    for row, (email, team, *hours) in zip(done.itertuples(), EXPECTED, strict=True):
        assert row.team == team
        assert [getattr(row, h) for h in HOURS] == [float(h) for h in hours]
        if respondents_are_emails:
            assert row.respondent_hash == hashed(email)
    assert done["submitted_at"].notna().all()


CASES = [
    # file, format detected, header rows, mapping, first submission (UTC), e-mails?
    ("google_forms.csv", "google-forms", 1, QUESTIONS, "2025-01-10 09:15:32", True),
    (
        "typeform.csv",
        "typeform",
        1,
        {**QUESTIONS, "respondent": "What is your work e-mail?"},
        "2025-01-10 09:15:32",
        True,
    ),
    ("surveymonkey.csv", "surveymonkey", 2, QUESTIONS, "2025-01-10 10:15:32", True),
    (
        "qualtrics.csv",
        "qualtrics",
        3,
        {"team": "Q1", **{h: f"Q2_{i}" for i, h in enumerate(HOURS, start=1)}},
        "2025-01-10 09:15:32",
        True,
    ),
    ("qualtrics_legacy.csv", "qualtrics", 2, QUESTIONS, "2025-01-10 09:15:32", True),
]


@pytest.mark.parametrize(("name", "tool", "header_rows", "mapping", "first", "emails"), CASES)
def test_every_tool_gives_the_same_answers(name, tool, header_rows, mapping, first, emails):
    export = read(name, mapping)
    assert (export.survey_format, export.header_rows) == (tool, header_rows)
    assert export.missing == {}
    assert_the_five_answers(export, respondents_are_emails=emails)
    assert str(export.frame["submitted_at"].iloc[0]) == first


def test_the_tools_own_completion_flags_keep_partial_responses_out():
    typeform = read("typeform.csv", {**QUESTIONS, "respondent": "What is your work e-mail?"})
    assert typeform.frame["incomplete_reason"].tolist()[-1] == "unfinished"
    qualtrics = read(
        "qualtrics.csv", {"team": "Q1", **{h: f"Q2_{i}" for i, h in enumerate(HOURS, start=1)}}
    )
    assert qualtrics.frame["incomplete_reason"].tolist()[-2:] == ["unfinished", "preview"]
    monkey = read("surveymonkey.csv", QUESTIONS)
    assert monkey.frame["incomplete_reason"].tolist()[-1] == (
        "unanswered: reporting_hours, tool_research_hours, process_design_hours"
    )


def test_a_matrix_question_is_named_by_its_question_and_sub_label():
    full = {
        **QUESTIONS,
        "total_hours": "How many hours did you spend this week on each? - Hours worked this week",
    }
    assert_the_five_answers(read("surveymonkey.csv", full))


def test_semicolons_decimal_commas_cp1252_and_day_first_dates():
    mapping = {
        "respondent": "Mitarbeiter",
        "team": "Team",
        "submitted_at": "Datum",
        "total_hours": "Wochenstunden",
        "meeting_coordination_hours": "Meetings koordinieren",
        "reporting_hours": "Berichte",
        "tool_research_hours": "Tool-Recherche",
        "process_design_hours": "Prozessdesign",
    }
    export = read("generic_semicolon_cp1252.csv", mapping)
    assert (export.encoding, export.delimiter, export.survey_format) == ("cp1252", ";", "generic")
    assert_the_five_answers(export, respondents_are_emails=False)
    assert export.frame["respondent_hash"].iloc[1] == hashed("Bö Berg")
    assert str(export.frame["submitted_at"].iloc[0]) == "2025-01-10 10:15:00"


def test_utf16_tab_delimited_text_from_excel():
    mapping = {
        "respondent": "Respondent",
        "team": "Team",
        "submitted_at": "Submitted",
        "total_hours": "Total",
        "meeting_coordination_hours": "Meetings",
        "reporting_hours": "Reporting",
        "tool_research_hours": "Tools",
        "process_design_hours": "Process",
    }
    export = read("generic_utf16.txt", mapping)
    assert (export.encoding, export.delimiter) == ("utf-16", "\t")
    assert_the_five_answers(export)


def test_utf8_with_and_without_bom_read_the_same():
    data = (FIXTURES / "google_forms.csv").read_bytes()
    plain = read_survey(data, suffix=".csv", salt=SALT, columns=QUESTIONS)
    bom = read_survey(b"\xef\xbb\xbf" + data, suffix=".csv", salt=SALT, columns=QUESTIONS)
    assert plain.frame.equals(bom.frame)
    assert (plain.encoding, bom.encoding) == ("utf-8", "utf-8-sig")


def test_an_xlsx_export_reads_like_its_csv():
    book = Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "Email Address", *QUESTIONS.values()])
    from datetime import datetime

    for i, (email, team, *hours) in enumerate(EXPECTED):
        sheet.append([datetime(2025, 1, 10 + i, 9, 15, 32), email, team, *hours])
    buffer = io.BytesIO()
    book.save(buffer)
    export = read_survey(buffer.getvalue(), suffix=".xlsx", salt=SALT, columns=QUESTIONS)
    assert (export.file_format, export.survey_format) == ("xlsx", "google-forms")
    assert_the_five_answers(export)
    assert export.frame["row_number"].tolist() == [2, 3, 4, 5, 6]


def test_a_column_the_mapping_names_but_the_file_lacks_is_reported_not_guessed():
    export = read("google_forms.csv", {**QUESTIONS, "reporting_hours": "Hours on reports"})
    assert export.missing == {"reporting_hours": "'Hours on reports'"}
    assert "reporting_hours" not in export.frame


def test_a_configured_tool_that_does_not_match_the_file_is_refused():
    with pytest.raises(FileRefusedError, match="format = 'qualtrics' but the header rows look"):
        read("google_forms.csv", QUESTIONS, survey_format="qualtrics")
