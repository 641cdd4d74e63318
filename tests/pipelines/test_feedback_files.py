"""Customer-feedback exports ([[sources.feedback]]): a good file lands with its teams read
through the aliases and its Jira keys as a list; a broken row is quarantined naming file, row
and column; a file that lacks a column is refused and nothing of it lands; an unchanged file is
not read again, a corrected one replaces it."""

from __future__ import annotations

import pytest

from pipelines.file_config import file_model_config
from tests.pipelines.file_support import config, counts, export, quarantine, sync
from warehouse.transform import build_models

HEADER = "Feedback ID,Received,Team,Linked issues\n"
ROWS = [
    "FB-1,2025-01-10,Payments team,PAY-12\n",  # an alias of Payments
    'FB-2,2025-01-12,PAY,"pay-40; PAY-12 , SRCH-7"\n',  # lower case, mixed separators
    "FB-3,2025-01-13,Growth,\n",  # a team not configured: lands as written
]


def feedback_config(tmp_path, extra: str = "", paths: str = '["exports/*.csv"]'):
    return config(
        tmp_path,
        f"""
        [[sources.feedback]]
        name = "voice"
        paths = {paths}
        {extra}
        """,
    )


def built(settings, con):
    build_models(con, sources=[], team_boards=[], files=file_model_config(settings))
    return con.execute(
        "SELECT feedback_id, received_date::VARCHAR, team, team_as_written, jira_keys"
        " FROM marts.fct_feedback_items ORDER BY feedback_id"
    ).fetchall()


def test_a_feedback_export_lands_with_teams_and_jira_keys(tmp_path):
    export(tmp_path, "feedback.csv", HEADER + "".join(ROWS))
    settings = feedback_config(tmp_path)
    found, con = sync(settings)
    s = found["feedback"]["voice"]
    assert (s["status"], s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (
        "loaded",
        3,
        3,
        0,
    )
    assert built(settings, con) == [
        ("FB-1", "2025-01-10", "Payments", "Payments team", ["PAY-12"]),
        ("FB-2", "2025-01-12", "Payments", "PAY", ["PAY-40", "PAY-12", "SRCH-7"]),
        ("FB-3", "2025-01-13", None, "Growth", []),
    ]
    con.close()
    again, con = sync(settings, "run-2")  # the same file again: not read a second time
    assert (again["feedback"]["voice"]["unchanged"], again["feedback"]["voice"]["new"]) == (1, 0)
    con.close()


QUARANTINED = {
    "an unparseable date": ("FB-9,next week,Search,\n", ("Received", "next week", "not a date")),
    "a link that is no Jira key": (
        "FB-9,2025-01-14,Search,see Slack thread\n",
        ("Linked issues", "see Slack thread", "not a list of Jira keys (e.g. PAY-12, PAY-40)"),
    ),
    "no id": (",2025-01-14,Search,\n", ("Feedback ID", None, "the feedback item has no id")),
    "an id seen before": (
        "FB-1,2025-01-14,Search,\n",
        ("Feedback ID", "FB-1", "the feedback id appears twice (first on row 2)"),
    ),
}


@pytest.mark.parametrize("case", sorted(QUARANTINED))
def test_a_broken_row_is_quarantined_naming_file_row_and_column(tmp_path, case):
    row, (column, value, reason) = QUARANTINED[case]
    export(tmp_path, "feedback.csv", HEADER + "".join(ROWS) + row)
    found, con = sync(feedback_config(tmp_path))
    s = found["feedback"]["voice"]
    assert (s["status"], s["rows_read"], s["rows_loaded"], s["rows_quarantined"]) == (
        "loaded",
        4,
        3,
        1,
    )
    assert quarantine(con) == [("exports/feedback.csv", 5, "feedback", column, value, reason)]


def test_a_file_without_a_needed_column_is_refused_and_nothing_lands(tmp_path):
    export(tmp_path, "feedback.csv", "Feedback ID,Team\nFB-1,Payments\n")
    settings = feedback_config(tmp_path)
    found, con = sync(settings)
    s = found["feedback"]["voice"]
    assert s["status"] == "refused"
    assert s["messages"] == [
        "exports/feedback.csv: the export lacks a column this source needs: name it under "
        "[sources.feedback.columns] (e.g. \"received_date (looked for 'received_date' or "
        "'received date' or 'date')\")"
    ]
    assert set(counts(con).values()) == {0}


def test_a_mapped_column_and_a_forced_format_read_any_export(tmp_path):
    export(tmp_path, "voice.export", "Ticket;Opened on;Squad\nT-1;2025-02-03;Search\n")
    extra = 'format = "csv"\n[sources.feedback.columns]\nreceived_date = "Opened on"'
    settings = feedback_config(tmp_path, extra, paths='["exports/*.export"]')
    found, con = sync(settings)
    assert found["feedback"]["voice"]["rows_loaded"] == 1
    assert built(settings, con) == [("T-1", "2025-02-03", "Search", "Search", [])]


def test_a_corrected_file_replaces_the_one_loaded_before(tmp_path):
    export(tmp_path, "feedback.csv", HEADER + "".join(ROWS) + "FB-4,soon,Search,\n")
    settings = feedback_config(tmp_path)
    found, con = sync(settings)
    assert found["feedback"]["voice"]["rows_quarantined"] == 1
    con.close()
    export(tmp_path, "feedback.csv", HEADER + "".join(ROWS) + "FB-4,2025-01-20,Search,\n")
    again, con = sync(settings, "run-2")
    s = again["feedback"]["voice"]
    assert (s["new"], s["replaced"], s["rows_loaded"], s["rows_quarantined"]) == (1, 1, 4, 0)
    assert [r[0] for r in built(settings, con)] == ["FB-1", "FB-2", "FB-3", "FB-4"]
    assert con.execute("SELECT count(*) FROM raw.feedback_items").fetchall() == [(7,)]
