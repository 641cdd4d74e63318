"""What BI tools and leadership see: the Parquet/CSV export read back with pyarrow against the
documented schema, the data dictionary, and the HTML report rendered in headless Chromium (no
console errors, not blank, and an issue summary carrying a <script> shown as text, not run)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipelines.cli import main
from tests.pipelines.ops_support import AS_OF, query, served, small_org
from warehouse.export import PARTITION_COLUMN, export_schema

INJECTED = "<script>document.title='pwned';console.error('INJECTED')</script> Fix <b>login</b>"
# The columns BI dashboards are built on: renaming one or changing its type breaks them.
PINNED = {
    "fct_maturity_assessments": {
        "scope": "string",
        "entity": "string",
        "as_of_date": "date32[day]",
        "level_proven": "int32",
        "level_ceiling": "int32",
        "level_name": "string",
        "confidence": "double",
        "is_unclear": "bool",
        "ruleset_id": "string",
        "ruleset_version": "string",
        "run_id": "string",
    },
    "fct_criterion_results": {
        "criterion_id": "string",
        "status": "string",
        "observed_value": "double",
        "threshold": "string",
        "evidence_ids": "list<element: string>",
    },
    "fct_sprints": {
        "team": "string",
        "sprint_id": "int64",
        "started_at": "timestamp[us]",
        "predictability_pct": "double",
    },
    "fct_indicator_values": {"indicator_id": "string", "value": "double", "details": "string"},
}


@pytest.fixture(scope="module")
def assessed(tmp_path_factory):
    """Three teams, six months, assessed today and at every month end; one team's issue
    summaries carry a script, as a careless or hostile Jira user might type."""
    folder = tmp_path_factory.mktemp("outputs")
    org = small_org(teams=3, months=6)
    project = org.teams[0].name
    for issue in org.issues:
        if issue.project_key == org.issues[0].project_key:
            issue.summary = INJECTED
    with served(org, folder) as (config, _):
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        args = ["backfill", "--config", str(config), "--from", "2026-01-01", "--to", AS_OF]
        assert main(args) == 0
    return config, project


def _schema(config: Path) -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect(str(config.parent / "warehouse.duckdb"), read_only=True)
    try:
        return export_schema(con)
    finally:
        con.close()


def test_the_parquet_export_reads_back_with_the_documented_schema(assessed, tmp_path):
    config, _ = assessed
    out = tmp_path / "export"
    assert main(["export", "--config", str(config), "--format", "parquet", "--out", str(out)]) == 0
    assert main(["export", "--config", str(config), "--format", "parquet", "--out", str(out)]) == 0
    documented = _schema(config)
    warehouse = config.parent / "warehouse.duckdb"
    for table, columns in documented.items():
        partitioned = columns[-1][0] == PARTITION_COLUMN
        path = out / (table if partitioned else f"{table}.parquet")
        data = ds.dataset(path, format="parquet", partitioning="hive" if partitioned else None)
        found = [(f.name, str(f.type)) for f in data.schema]
        assert found == columns, table
        rows = query(warehouse, f'SELECT count(*) FROM marts."{table}"')[0][0]
        assert data.count_rows() == rows, f"{table}: exported twice, written once"
    for table, pinned in PINNED.items():
        assert pinned.items() <= dict(documented[table]).items(), table
    months = sorted(p.name for p in (out / "fct_maturity_assessments").iterdir())
    assert months == [f"{PARTITION_COLUMN}=2026-{m:02d}" for m in range(1, 7)]
    one = pq.read_table(out / "fct_maturity_assessments" / months[0])
    assert {d.isoformat()[:7] for d in one.column("as_of_date").to_pylist()} == {"2026-01"}
    assert not list(out.glob(".export-*"))  # nothing half-written left behind


def test_the_csv_export_has_every_mart_with_a_header(assessed, tmp_path):
    config, _ = assessed
    out = tmp_path / "csv"
    assert main(["export", "--config", str(config), "--format", "csv", "--out", str(out)]) == 0
    table = pacsv.read_csv(out / "fct_sprints.csv")
    assert table.column_names == [c for c, _ in _schema(config)["fct_sprints"]]
    assert list((out / "fct_maturity_assessments").glob("as_of_month=*/*.csv"))


def test_the_data_dictionary_describes_every_mart_and_column(assessed, tmp_path):
    config, _ = assessed
    out = tmp_path / "dictionary.md"
    assert main(["docs", "--config", str(config), "--out", str(out)]) == 0
    text = out.read_text()
    for table, columns in _schema(config).items():
        assert f"## marts.{table}" in text
        for column, arrow_type in columns:
            if column != PARTITION_COLUMN:
                assert re.search(rf"\| `{column}` \| [^|]+ \| {re.escape(arrow_type)} \|", text)
    assert "(no description)" not in text
    assert "## meta.runs" in text and "## meta.expectation_results" in text


def test_the_data_dictionary_needs_no_run(tmp_path):
    config = tmp_path / "maturity.toml"
    config.write_text('[warehouse]\npath = "never-created.duckdb"\n')
    out = tmp_path / "dictionary.md"
    assert main(["docs", "--config", str(config), "--out", str(out)]) == 0
    assert "## marts.fct_maturity_assessments" in out.read_text()
    assert not (tmp_path / "never-created.duckdb").exists()


def test_the_report_is_one_file_that_escapes_what_sources_typed(assessed, tmp_path):
    config, _ = assessed
    out = tmp_path / "report.html"
    assert main(["report", "--config", str(config), "--out", str(out)]) == 0
    html = out.read_text()
    assert "&lt;script&gt;document.title=" in html and "<script" not in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)  # nothing fetched
    assert "&lt;b&gt;login&lt;/b&gt;" in html
    for section in ("summary", "history", "criteria", "evidence", "next"):
        assert f'id="{section}"' in html
    # the distribution, the timeline, the heatmap, and two sprint charts per team
    assert html.count("<svg") == 3 + 2 * 3


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip(
        "headless Chromium is not installed and could not be installed "
        "(`make test` runs `make browser`: apt-get install chromium chromium-driver)"
    )


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _png_variety(path: Path) -> float:
    """Share of the image's bytes that differ from its most common byte (0: blank)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    most = max(raw.count(bytes([b])) for b in set(raw[:: max(1, len(raw) // 4096)]))
    return 1 - most / len(raw)


def test_the_report_renders_in_chromium_without_errors_and_runs_nothing(assessed, tmp_path):
    config, project = assessed
    out = tmp_path / "report.html"
    assert main(["report", "--config", str(config), "--out", str(out)]) == 0
    url = out.resolve().as_uri()

    dom = _headless(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # no errors, no warnings, no CSP violations, nothing logged
    assert "INJECTED" not in dom.stderr
    assert "<title>Product Ops maturity" in dom.stdout  # the script did not retitle the page
    assert "&lt;script&gt;document.title='pwned'" in dom.stdout  # shown as text
    assert project in dom.stdout

    shot = tmp_path / "report.png"
    rendered = _headless(tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", url)
    assert rendered.returncode == 0 and shot.exists(), rendered.stderr[-2000:]
    assert shot.stat().st_size > 50_000
    assert _png_variety(shot) > 0.05, "the screenshot is blank"
