"""Launch documents kept as Markdown in a GitHub repository (`launch_docs_path`), read by the
same launch-checklist reader as launch docs dropped in a folder.

The GitHub sync lands the documents as delivered (raw.github_listings, raw.github_files).
After it, each document version not read before is decoded and read here (front matter, or
the file name and first heading; the `- [x]` items) and validated and landed exactly as a
file launch source's files are (pipelines/file_sync.py): a launch source named after the
GitHub source, its "files" named `owner/repo:path`. So fct_launches holds them beside the
launches of every other source, quarantined rows and all, and a document changed in the
repository replaces its earlier version.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from pathlib import Path

import duckdb

from connectors.files.errors import FileRefusedError
from pipelines import file_launches
from pipelines.file_settings import LaunchSourceSettings
from pipelines.file_sync import empty_summary, finish, judge_and_land
from pipelines.github_settings import GithubSourceSettings
from pipelines.settings import Settings
from warehouse.file_loads import loaded_paths, loaded_versions
from warehouse.sql import read_sql

KIND = "launches"
DOCS_SQL = Path(__file__).with_name("github_launch_docs.sql")


def sync_github_launch_docs(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str
) -> dict[str, dict]:
    """{GitHub source name: load summary} for every GitHub source with launch_docs_path."""
    return {
        source.name: sync_launch_docs(con, source, run_id)
        for source in settings.sources.github
        if source.launch_docs_path is not None
    }


def launch_source(source: GithubSourceSettings) -> LaunchSourceSettings:
    """The launch source the documents land as: Markdown, named after the GitHub source."""
    return LaunchSourceSettings(
        name=source.name,
        paths=[f"{source.launch_repo}:{source.launch_docs_path}"],
        format="markdown",
    )


def sync_launch_docs(
    con: duckdb.DuckDBPyConnection, source: GithubSourceSettings, run_id: str
) -> dict:
    started = time.monotonic()
    launches = launch_source(source)
    summary = empty_summary()
    known = loaded_versions(con, KIND, source.name)
    earlier = loaded_paths(con, KIND, source.name)
    params = {
        "source_name": source.name,
        "repo": source.launch_repo,
        "folder": source.launch_docs_path,
    }
    reads, refusals = [], []
    for path, _, content in con.execute(read_sql(DOCS_SQL), params).fetchall():
        summary["files"] += 1
        where = f"{source.launch_repo}:{path}"
        try:
            data = base64.b64decode((content or "").replace("\n", ""), validate=True)
        except (binascii.Error, ValueError):
            refusals.append(f"{where}: GitHub sent content that is not base64; sync again")
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            summary["unchanged"] += 1
            continue
        try:
            export = file_launches.read_file(data, Path(path), launches, None)
        except FileRefusedError as err:
            refusals.append(f"{where}: {err}; fix the document in {source.launch_repo}")
            continue
        if export.skipped:
            summary["ignored"] += 1
            continue
        summary["replaced"] += where in earlier
        reads.append(({"path": where, "sha256": sha, "bytes": len(data)}, export))
    if not summary["files"]:
        summary["status"] = "no files"
        summary["messages"].append(
            f"no Markdown launch documents under {source.launch_docs_path or '(the root)'} in "
            f"{source.launch_repo} (as last synced)"
        )
        return finish(KIND, source.name, summary, started)
    return judge_and_land(con, KIND, launches, reads, refusals, summary, run_id, started)
