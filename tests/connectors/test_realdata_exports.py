"""Real exports nobody here wrote: Qualtrics' current and legacy CSV forms, and the release
sign-off checklists of Kubernetes Enhancement Proposals (../shared/realdata, see README there).

KEP mapping under test (connectors/files/kep.py): one launch per KEP, the release of its
current stage; planned = the date of milestone.<stage>; launched when the KEP is implemented or
its latest milestone is past that release; the README's "Release Signoff Checklist" is the
readiness checklist.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from connectors.files.launch_docs import read_launch_markdown
from connectors.files.surveys import read_survey
from pipelines.file_config import file_model_config
from tests.pipelines.file_support import config, sync
from warehouse.transform import build_models

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"
pytestmark = pytest.mark.skipif(
    not REALDATA.is_dir(),
    reason=f"real exports not found at {REALDATA} (../shared beside the clone)",
)
QUALTRICS = REALDATA / "qualtrics"
KEPS = REALDATA / "kep-checklists" / "keps"
# Kubernetes release dates (kubernetes.io/releases), the calendar a KEP's milestones refer to.
RELEASES = {
    "v1.4": "2016-09-26", "v1.5": "2016-12-12", "v1.8": "2017-09-28", "v1.12": "2018-09-27",
    "v1.15": "2019-06-19", "v1.16": "2019-09-18", "v1.18": "2020-03-25", "v1.19": "2020-08-26",
    "v1.20": "2020-12-08", "v1.21": "2021-04-08", "v1.22": "2021-08-04", "v1.23": "2021-12-07",
    "v1.24": "2022-05-03", "v1.25": "2022-08-23", "v1.26": "2022-12-09", "v1.27": "2023-04-11",
    "v1.28": "2023-08-15", "v1.29": "2023-12-13", "v1.30": "2024-04-17", "v1.31": "2024-08-13",
    "v1.32": "2024-12-11", "v1.33": "2025-04-23", "v1.34": "2025-08-27", "v1.35": "2025-12-17",
    "v1.36": "2026-04-22",
}  # fmt: skip


def test_qualtrics_current_three_row_export():
    export = read_survey(
        (QUALTRICS / "qualtrics_sample_v3_3header.csv").read_bytes(),
        suffix=".csv",
        salt=b"s",
        columns={"team": "This is a free text question.", "total_hours": "Q1"},
    )
    assert (export.survey_format, export.header_rows, export.encoding) == ("qualtrics", 3, "utf-8")
    # An anonymous link: RecipientEmail is empty, so the respondent is the ResponseId.
    assert export.labels == {
        "respondent": "ResponseId",
        "team": "Q2",
        "submitted_at": "RecordedDate",
        "total_hours": "Q1",
    }
    row = export.frame.iloc[0]
    assert len(export.frame) == 1 and row["row_number"] == 4
    assert (row["team"], row["total_hours"]) == ("Hello World!", 2.0)
    assert str(row["submitted_at"]) == "2017-07-18 08:28:48"
    assert bool(row["is_complete"]), "Finished = 1 and Status 0 (IP Address): complete"
    # The German-locale question text row and the ImportIds name the same columns.
    by_import_id = read_survey(
        (QUALTRICS / "qualtrics_sample_v3_3header.csv").read_bytes(),
        suffix=".csv",
        salt=b"s",
        columns={"team": "QID2_TEXT", "total_hours": "This is a multiple choice question."},
    )
    assert by_import_id.labels["total_hours"] == "Q1"


def test_qualtrics_legacy_two_row_export_is_the_same_response():
    legacy = read_survey(
        (QUALTRICS / "qualtrics_sample_legacy_2header.csv").read_bytes(),
        suffix=".csv",
        salt=b"s",
        columns={"team": "This is a free text question.", "total_hours": "Q1"},
    )
    current = read_survey(
        (QUALTRICS / "qualtrics_sample_v3_3header.csv").read_bytes(),
        suffix=".csv",
        salt=b"s",
        columns={"team": "Q2", "total_hours": "Q1"},
    )
    assert (legacy.survey_format, legacy.header_rows, legacy.encoding) == (
        "qualtrics",
        2,
        "utf-8-sig",
    )
    assert legacy.labels["respondent"] == "ResponseID"
    # The trailing comma of every legacy line adds no column.
    assert legacy.available[-1] == "LocationAccuracy"
    row, same = legacy.frame.iloc[0], current.frame.iloc[0]
    assert row["row_number"] == 3
    assert row["respondent_hash"] == same["respondent_hash"]  # R_2YPOQ602ER1jkf1 in both
    assert (row["team"], row["total_hours"]) == (same["team"], same["total_hours"])
    assert str(row["submitted_at"]) == "2017-07-18 08:28:48"
    assert bool(row["is_complete"])


def test_a_kep_readme_and_its_kep_yaml_are_one_launch():
    folder = KEPS / "sig-apps" / "3973-consider-terminating-pods-deployment"
    export = read_launch_markdown(
        (folder / "README.md").read_bytes(),
        path="README.md",
        companion=(folder / "kep.yaml").read_bytes(),
        milestone_dates=RELEASES,
    )
    launch = export.launches.iloc[0]
    assert export.layout == "kep"
    assert (launch["launch_id"], launch["team"]) == ("KEP-3973-beta", "sig-apps")
    assert launch["launch_name"] == "Consider Terminating Pods in Deployments"
    # beta at v1.35; the latest milestone v1.36 is later, so the beta release shipped.
    assert str(launch["planned_date"].date()) == "2025-12-17" == str(launch["actual_date"].date())
    items = export.items
    assert len(items) == 14 and items["is_done"].sum() == 6
    assert items["row_number" if "row_number" in items else "record_row"].tolist()[:2] == [58, 59]
    assert items["item_depth"].tolist()[4:7] == [1, 1, 1]  # the nested GA test items
    assert items["item_name"].iloc[0].startswith("(R) Enhancement issue in release milestone")


def test_the_kubernetes_keps_land_as_launches(tmp_path):
    calendar = "\n".join(f'"{k}" = {v}' for k, v in RELEASES.items())
    settings = config(
        tmp_path,
        f"""
        [[sources.launches]]
        name = "keps"
        paths = ["{KEPS.resolve().as_posix()}/*/*/README.md"]
        [sources.launches.milestone_dates]
        {calendar}
        """,
    )
    found, con = sync(settings)
    summary = found["launches"]["keps"]
    assert summary["status"] == "loaded", summary["messages"]
    readmes = sorted(KEPS.glob("sig-*/*/README.md"))
    # Proposals without a stage (provisional, rejected) describe no release: not launches.
    assert summary["files"] == len(readmes) == 69 and summary["ignored"] == 6
    assert summary["rows_read"] == 63
    assert summary["rows_read"] == summary["rows_loaded"] + summary["rows_quarantined"]
    assert summary["items_read"] == summary["items_loaded"] + summary["items_quarantined"]
    # Milestones that are no release date (TBD, a future release) are named, not guessed.
    reasons = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT value FROM meta.quarantine WHERE field = 'planned_date'"
        ).fetchall()
    }
    assert reasons and reasons <= {"TBD", "0.0", "v1.37", "v1.38", "v1.39", "1.37"}
    build_models(con, sources=[], team_boards=[], files=file_model_config(settings))
    row = con.execute(
        "SELECT launch_id, team, planned_date, actual_date, is_on_time, has_checklist,"
        " items_total, items_done, is_gtm_ready, is_adoption_hit FROM marts.fct_launches"
        " WHERE launch_id = 'KEP-3973-beta'"
    ).fetchall()
    assert row == [
        ("KEP-3973-beta", None, date(2025, 12, 17), date(2025, 12, 17), True, True, 14, 6,
         False, False)
    ]  # fmt: skip
    # The team is null: sig-apps is not a configured team (the config names Payments, Search).
    launched, with_list = con.execute(
        "SELECT count(*) FILTER (WHERE is_launched), count(*) FILTER (WHERE has_checklist)"
        " FROM marts.fct_launches"
    ).fetchall()[0]
    assert launched > 20 and with_list > 40
    con.close()
