"""Loading exported files: counts that reconcile, quarantine that names the row, a file loaded
once however often it is dropped, a corrected file replacing its earlier version, and
respondents that never reach the warehouse or the logs as themselves."""

from __future__ import annotations

import logging

import pytest

from pipelines.file_summary import summary_lines
from pipelines.file_sync import SALT_HELP
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

GOOD = SURVEY_HEADER + (
    "2025/01/10 10:15:32 AM GMT+1,ana@acme.example,Payments,40,6,4,2,1\n"
    "2025/01/10 11:02:07 AM GMT+1,bo@acme.example,Payments team,45,7.5,5,3,2\n"
    "2025/01/13 9:30:00 AM GMT+1,cy@acme.example,Search,38,3,2,1,1\n"
)


@pytest.fixture(autouse=True)
def salt(monkeypatch):
    monkeypatch.setenv(SALT_ENV, "a-test-salt")


def test_rows_read_are_rows_loaded_plus_rows_quarantined(tmp_path):
    export(
        tmp_path,
        "pm-time.csv",
        GOOD
        + "2025/01/14 8:05:55 AM GMT+1,dee@acme.example,Search,20,10,10,5,5\n"
        + "2025/01/14 8:10:00 AM GMT+1,eve@acme.example,Search,,3,2,1,1\n",
    )
    found, con = sync(survey_config(tmp_path))
    s = found["surveys"]["pm-time"]
    assert (s["status"], s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (
        "loaded",
        5,
        4,
        1,
    )
    assert s["rows_incomplete"] == 1  # eve left the total blank: loaded, never counted
    assert quarantine(con) == [
        (
            "exports/pm-time.csv",
            5,
            "response",
            "Hours worked this week",
            "20.0",
            "the overhead hours add up to more than the total hours worked",
        )
    ]
    load = con.execute(
        "SELECT file_path, layout, encoding, delimiter, header_rows, rows_read, rows_loaded,"
        " rows_quarantined, rows_incomplete FROM raw.file_loads"
    ).fetchall()
    assert load == [("exports/pm-time.csv", "google-forms", "utf-8", ",", 1, 5, 4, 1, 1)]
    line = summary_lines(found)[0]
    assert "5 rows read = 4 loaded + 1 quarantined (1 incomplete responses loaded" in line


def test_the_same_file_twice_loads_once(tmp_path):
    export(tmp_path, "pm-time.csv", GOOD)
    settings = survey_config(tmp_path)
    _found, con = sync(settings)
    before = counts(con)
    con.close()
    export(tmp_path, "copy-of-pm-time.csv", GOOD)  # the same content under another name
    again, con = sync(settings, "run-2")
    assert again["surveys"]["pm-time"]["unchanged"] == 2
    assert again["surveys"]["pm-time"]["status"] == "up to date"
    assert counts(con) == before


def test_a_corrected_file_replaces_its_earlier_version(tmp_path):
    from pipelines.file_config import file_model_config
    from warehouse.transform import build_models

    export(tmp_path, "pm-time.csv", GOOD.replace("Search,38,3,", "Search,38,300,"))
    settings = survey_config(tmp_path)
    found, con = sync(settings)
    assert found["surveys"]["pm-time"]["rows_quarantined"] == 1
    con.close()
    export(tmp_path, "pm-time.csv", GOOD)  # the analyst fixed the typo and dropped it again
    again, con = sync(settings, "run-2")
    s = again["surveys"]["pm-time"]
    assert (s["new"], s["replaced"], s["rows_loaded"], s["rows_quarantined"]) == (1, 1, 3, 0)
    build_models(con, sources=[], team_boards=[], files=file_model_config(settings))
    rows = con.execute(
        "SELECT team, meeting_coordination_hours FROM marts.fct_survey_responses ORDER BY 1, 2"
    ).fetchall()
    assert rows == [("Payments", 6.0), ("Payments", 7.5), ("Search", 3.0)]
    # raw keeps both versions (append-only); staging reads the newest of each path.
    assert con.execute("SELECT count(*) FROM raw.file_loads").fetchall() == [(2,)]


def test_without_the_salt_surveys_are_not_loaded_and_the_message_says_how(tmp_path, monkeypatch):
    monkeypatch.delenv(SALT_ENV)
    export(tmp_path, "pm-time.csv", GOOD)
    found, con = sync(survey_config(tmp_path))
    s = found["surveys"]["pm-time"]
    assert s["status"] == "skipped"
    assert s["messages"] == [SALT_HELP.format(env=SALT_ENV)]
    assert f"export {SALT_ENV}=" in s["messages"][0]
    assert counts(con)["raw.survey_responses"] == 0


def test_respondents_never_reach_the_warehouse_or_the_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    duplicate = "2025/01/14 8:05:55 AM GMT+1,ana@acme.example,Payments,40,9,4,2,1\n"
    broken = "2025/01/14 8:06:00 AM GMT+1,zed@acme.example,Payments,40,lots,4,2,1\n"
    export(tmp_path, "pm-time.csv", GOOD + duplicate + broken)
    settings = survey_config(tmp_path)
    _found, con = sync(settings)
    rows = quarantine(con)
    assert [(r[1], r[5]) for r in rows] == [
        (2, "the same respondent answered twice in one wave: superseded by row 5"),
        (6, "not a number of hours"),
    ]
    assert len(rows[0][4]) == 64  # the hashed respondent, never the address
    con.execute("CHECKPOINT")
    con.close()
    stored = settings.warehouse_path.read_bytes()
    for person in ("ana@acme.example", "bo@acme.example", "cy@acme.example", "zed@acme"):
        assert person.encode() not in stored
        assert person not in caplog.text
    assert "acme.example" not in caplog.text


def test_outcomes_long_and_wide_with_percentages_and_ratios(tmp_path):
    export(
        tmp_path,
        "outcomes.csv",
        """
        date;metric;value;team
        2025-01-31;NRR;104,5%;
        2025-01-31;LTV:CAC;3.2:1;
        2025-01-31;AHT;9,5;PAY
        2025-02-28;AHT;lots;PAY
        2025-01-31;NRR;105%;
        """,
    )
    export(tmp_path, "wide.csv", "month,NRR,AHT\n2025-03,106,\n2025-04,107,8.5\n")
    settings = config(
        tmp_path,
        """
        [[sources.outcomes]]
        name = "finance"
        paths = ["exports/outcomes.csv", "exports/wide.csv"]
        """,
    )
    found, con = sync(settings)
    s = found["outcomes"]["finance"]
    assert (s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (8, 6, 2)
    assert [(r[1], r[3], r[4], r[5]) for r in quarantine(con)] == [
        (5, "value", "lots", "not a number"),
        (6, "metric", "NRR", "the same metric, date and team appear twice (first on row 2)"),
    ]
    values = con.execute(
        "SELECT metric, value, team FROM raw.outcome_metrics ORDER BY metric_date, metric"
    ).fetchall()
    assert values == [
        ("AHT", 9.5, "PAY"),
        ("LTV:CAC", 3.2, None),
        ("NRR", 104.5, None),
        ("NRR", 106.0, None),
        ("AHT", 8.5, None),
        ("NRR", 107.0, None),
    ]


def test_a_column_mapped_by_mistake_never_spills_addresses(tmp_path, caplog):
    """Total hours mapped to the e-mail column: refused, and neither the message, the stored
    expectation samples nor the log hold an address."""
    caplog.set_level(logging.DEBUG)
    export(tmp_path, "pm-time.csv", GOOD)
    settings = survey_config(tmp_path)
    path = settings.config_path
    path.write_text(
        path.read_text().replace(
            'total_hours = "Hours worked this week"', 'total_hours = "Email Address"'
        ),
        encoding="utf-8",
    )
    from pipelines.settings import load_settings

    found, con = sync(load_settings(path))
    message = found["surveys"]["pm-time"]["messages"][0]
    assert message.endswith("(e.g. '<e-mail address>')")
    samples = con.execute("SELECT unexpected_sample::VARCHAR FROM meta.expectation_results")
    stored = " ".join(str(r[0]) for r in samples.fetchall())
    assert "acme.example" not in stored + message + caplog.text
