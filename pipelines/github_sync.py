"""Syncing every configured GitHub source into raw.github_*, one committed batch at a time.

Each batch lands in one transaction; the last batch of a repository carries its visit record
(with the event feed's ETag), and the sync cursor in meta.sync_state lists the repositories
done, so a killed sync resumes with the next repository and a half-read one is read again
(from the watermarks of what landed: nothing landed twice needlessly, nothing skipped).
The source's watermark moves only when the whole sync finished.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from connectors.github.client import GithubConnection, connect
from connectors.github.records import Batch, RepoPlan, RepoState, SyncCounts
from connectors.github.sync import iter_repo
from pipelines.github_settings import GithubSourceSettings
from pipelines.run_output import github_line
from pipelines.settings import Settings, secret
from warehouse.github_models import GithubModelConfig, GithubSourceConfig, ProcessPattern, TeamRepo
from warehouse.raw import land
from warehouse.runs import utc_now
from warehouse.sql import read_sql
from warehouse.sync_state import finish_sync, read_state, write_cursor

log = logging.getLogger("maturity.sync")
REPOS = "repos"
STATE_SQL = Path(__file__).with_name("github_state.sql")


def sync_github_sources(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, *, full: bool = False
) -> dict[str, dict]:
    return {
        source.name: sync_github_source(con, source, settings, run_id, full=full)
        for source in settings.sources.github
    }


def repo_plans(source: GithubSourceSettings, settings: Settings) -> list[RepoPlan]:
    """What to read from each repository this source names (teams' and organisation's)."""
    wanted: dict[str, dict] = {}

    def plan(name: str) -> dict:
        return wanted.setdefault(name, {"activity": False, "folders": set(), "files": set()})

    for team in settings.teams:
        for source_name, repo in team.repo_refs():
            if source_name == source.name:
                plan(repo)["activity"] = True
    if source.playbook_repo:
        plan(source.playbook_repo)["folders"].add(source.playbook_path)
    if source.metrics_dictionary_path:
        plan(source.dictionary_repo)["files"].add(source.metrics_dictionary_path)
    if source.launch_docs_path is not None:
        plan(source.launch_repo)["folders"].add(source.launch_docs_path)
    return [
        RepoPlan(name, p["activity"], tuple(sorted(p["folders"])), tuple(sorted(p["files"])))
        for name, p in sorted(wanted.items())
    ]


def github_model_config(settings: Settings) -> GithubModelConfig:
    """The part of the configuration the GitHub models read."""
    return GithubModelConfig(
        sources=tuple(
            GithubSourceConfig(
                source_name=s.name,
                playbook_repo=s.playbook_repo,
                playbook_path=s.playbook_path,
                dictionary_repo=s.dictionary_repo if s.metrics_dictionary_path else None,
                dictionary_path=s.metrics_dictionary_path,
                launch_repo=s.launch_repo if s.launch_docs_path is not None else None,
                launch_path=s.launch_docs_path,
                experiment_labels=tuple(s.experiment_labels),
                patterns=tuple(ProcessPattern(*p) for p in s.patterns()),
            )
            for s in settings.sources.github
        ),
        team_repos=tuple(
            TeamRepo(team.name, source, repo)
            for team in settings.teams
            for source, repo in team.repo_refs()
        ),
    )


def open_connection(source: GithubSourceSettings, *, sleep=time.sleep) -> GithubConnection:
    return connect(
        source.base_url,
        token=secret(source.token_env, purpose="a GitHub token"),
        token_hint=f"the token in {source.token_env}",
        timeout=source.timeout_seconds,
        per_page=source.per_page,
        min_seconds_between_requests=source.min_seconds_between_requests,
        max_wait_seconds=source.max_rate_limit_wait_seconds,
        secondary_wait_seconds=source.secondary_rate_wait_seconds,
        sleep=sleep,
    )


def sync_github_source(
    con: duckdb.DuckDBPyConnection,
    source: GithubSourceSettings,
    settings: Settings,
    run_id: str,
    *,
    full: bool = False,
) -> dict:
    started = time.monotonic()
    conn = open_connection(source)
    cursor = read_state(con, source.name, REPOS).cursor
    sync_started_at = utc_now()
    done: list[str] = []
    if cursor and not full:
        done = list(cursor["done"])
        sync_started_at = datetime.fromisoformat(cursor["sync_started_at"])
        log.info("%s: resuming an interrupted sync after %d repositories", source.name, len(done))
    states = repo_states(con, source.name)
    counts = SyncCounts()
    lander = RepoLander(con, source.name, run_id, sync_started_at, done)
    now = utc_now()
    try:
        for plan in repo_plans(source, settings):
            if plan.full_name in done:
                continue
            state, last_full_visit = states.get(plan.full_name, (RepoState(), None))
            due = full_visit_due(plan.full_name, last_full_visit, now, source.full_visit_days)
            for batch in iter_repo(conn, plan, state, counts, full=full or due, reread=full):
                lander.land(batch)
    finally:
        # Whole batches only ever land: keep them, so a stopped sync (a rate limit that
        # outlasts max_rate_limit_wait_seconds, a failure) resumes from what it read.
        lander.commit()
    finish_sync(con, source.name, REPOS, sync_started_at)
    _report_missing(source, settings, counts)
    summary = {
        **{
            k: v for k, v in asdict(counts).items() if k not in ("repos_missing", "folders_missing")
        },
        "repos_missing": list(counts.repos_missing),
        "paths_missing": list(counts.folders_missing),
        "requests": conn.requests,
        "not_modified": conn.not_modified,
        "retries": conn.waits.retries,
        "waited_seconds": round(conn.waits.waited_seconds, 2),
        "seconds": round(time.monotonic() - started, 2),
    }
    log.info("synced %s", github_line(source.name, summary))
    return summary


def repo_states(
    con: duckdb.DuckDBPyConnection, source_name: str
) -> dict[str, tuple[RepoState, datetime | None]]:
    """Per repository: what is landed, and when its last full visit was (UTC, naive)."""
    cursor = con.execute(read_sql(STATE_SQL), {"source_name": source_name})
    names = [d[0] for d in cursor.description]
    states = {}
    for row in cursor.fetchall():
        r = dict(zip(names, row, strict=True))
        state = RepoState(
            etag=r["etag"],
            issues_since=_utc(r["issues_since"]),
            pulls_since=_utc(r["pulls_since"]),
            releases_since=_utc(r["releases_since"]),
            tag_names=frozenset(r["tag_names"] or ()),
            release_tags=frozenset(r["release_tags"] or ()),
            file_shas=dict(r["file_shas"] or {}),
            file_commits_since={k: _utc(v) for k, v in (r["file_commits_since"] or {}).items()},
        )
        states[r["repo_full_name"]] = (state, r["last_full_visit_at"])
    return states


def full_visit_due(repo: str, last: datetime | None, now: datetime, every_days: int) -> bool:
    """Whether `repo` gets a full visit at `now`: once in every period of `every_days` days,
    the periods of each repository shifted by a day derived from its name, so that the
    full visits of many repositories spread over the days instead of falling on one night."""
    if last is None or every_days == 0:
        return True
    shift = int(hashlib.sha1(repo.encode(), usedforsecurity=False).hexdigest(), 16) % every_days
    return (now.toordinal() + shift) // every_days > (last.toordinal() + shift) // every_days


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def _report_missing(source: GithubSourceSettings, settings: Settings, counts: SyncCounts):
    for repo in counts.repos_missing:
        teams = [t.name for t in settings.teams if (source.name, repo) in t.repo_refs()]
        where = f"github_repos of {', '.join(teams)}" if teams else "the playbook settings"
        log.warning(
            "%s: repository %s answered 404 (deleted, renamed, or not visible to the token in "
            "%s): check %s in maturity.toml; its evidence is left out until it is back",
            source.name,
            repo,
            source.token_env,
            where,
        )
    for path in counts.folders_missing:
        log.warning("%s: %s does not exist (404): nothing documented there", source.name, path)


class RepoLander:
    """Lands batches in transactions of about a second's worth; the cursor committed with
    them lists the repositories whose visit completed."""

    COMMIT_EVERY_SECONDS = 1.0

    def __init__(self, con, source_name: str, run_id: str, started_at: datetime, done: list):
        self.con, self.source_name, self.run_id = con, source_name, run_id
        self.started_at, self.done = started_at, done
        self.open_since: float | None = None
        self.pending_done = False

    def land(self, batch: Batch) -> None:
        if self.open_since is None:
            self.con.execute("BEGIN TRANSACTION")
            self.open_since = time.monotonic()
        try:
            loaded_at = utc_now()
            for stream, records in batch.parts.items():
                land(
                    self.con,
                    f"github_{stream}",
                    records,
                    source_name=self.source_name,
                    run_id=self.run_id,
                    loaded_at=loaded_at,
                )
        except BaseException:
            self.con.execute("ROLLBACK")
            self.open_since = None
            raise
        if batch.repo_done:
            self.done.append(batch.repo_done)
            self.pending_done = True
        if time.monotonic() - self.open_since >= self.COMMIT_EVERY_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.open_since is None:
            return
        if self.pending_done:
            cursor = {"sync_started_at": self.started_at.isoformat(), "done": self.done}
            write_cursor(self.con, self.source_name, REPOS, cursor)
            self.pending_done = False
        self.con.execute("COMMIT")
        self.open_since = None
