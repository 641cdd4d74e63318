-- What BI reads of GitHub (issue 7): the playbook's processes, the metrics dictionary, each
-- team's releases and experiments, and which repository belongs to which team. Rebuilt from
-- raw on every run (warehouse/marts/*.sql); every table and column is described.

CREATE TABLE marts.dim_team_repos (
    team             VARCHAR NOT NULL,
    source_name      VARCHAR NOT NULL,
    repo_full_name   VARCHAR NOT NULL,
    is_available     BOOLEAN NOT NULL,
    last_checked_at  TIMESTAMP,
    last_http_status INTEGER,
    PRIMARY KEY (team, source_name, repo_full_name)
);
COMMENT ON TABLE marts.dim_team_repos IS 'One row per GitHub repository assigned to a team in maturity.toml (github_repos).';
COMMENT ON COLUMN marts.dim_team_repos.team IS 'Team name as configured in [[teams]].';
COMMENT ON COLUMN marts.dim_team_repos.source_name IS 'Name of the GitHub instance ([[sources.github]] name).';
COMMENT ON COLUMN marts.dim_team_repos.repo_full_name IS 'Repository as owner/name.';
COMMENT ON COLUMN marts.dim_team_repos.is_available IS 'True when the last visit found the repository; false when it answered 404 (deleted, renamed or hidden from the token) or was never read. Evidence of an unavailable repository is left out.';
COMMENT ON COLUMN marts.dim_team_repos.last_checked_at IS 'When the sync last looked at the repository, UTC.';
COMMENT ON COLUMN marts.dim_team_repos.last_http_status IS 'Answer of that last look: 200 read, 304 unchanged since the visit before, 404 not found.';

CREATE TABLE marts.fct_playbook_processes (
    source_name         VARCHAR NOT NULL,
    repo_full_name      VARCHAR NOT NULL,
    process_id          VARCHAR NOT NULL,
    process_name        VARCHAR NOT NULL,
    process_order       INTEGER NOT NULL,
    is_documented       BOOLEAN NOT NULL,
    matched_by          VARCHAR,
    document_paths      VARCHAR[] NOT NULL,
    matched_headings    VARCHAR[] NOT NULL,
    first_documented_at TIMESTAMP,
    last_updated_at     TIMESTAMP,
    observed_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (source_name, process_id)
);
COMMENT ON TABLE marts.fct_playbook_processes IS 'One row per canonical process of a Level 3 playbook (seed 001: sprint planning, roadmap review, discovery sessions, GTM launch, retrospective, QBR prep, metrics review): whether the playbook repository documents it, where, and when that was last updated.';
COMMENT ON COLUMN marts.fct_playbook_processes.source_name IS 'GitHub instance of the playbook repository.';
COMMENT ON COLUMN marts.fct_playbook_processes.repo_full_name IS 'The playbook repository (playbook_repo).';
COMMENT ON COLUMN marts.fct_playbook_processes.process_id IS 'Canonical process id, e.g. sprint_planning.';
COMMENT ON COLUMN marts.fct_playbook_processes.process_name IS 'Canonical process name, e.g. Sprint planning.';
COMMENT ON COLUMN marts.fct_playbook_processes.process_order IS 'Position of the process in the seed''s list (1-7).';
COMMENT ON COLUMN marts.fct_playbook_processes.is_documented IS 'True when a Markdown file of the playbook matches the process by its file name or by one of its headings (levels 1-3).';
COMMENT ON COLUMN marts.fct_playbook_processes.matched_by IS 'file_name, heading, or file_name+heading; null when not documented.';
COMMENT ON COLUMN marts.fct_playbook_processes.document_paths IS 'Paths of the playbook files that document the process.';
COMMENT ON COLUMN marts.fct_playbook_processes.matched_headings IS 'Headings that matched the process''s heading pattern.';
COMMENT ON COLUMN marts.fct_playbook_processes.first_documented_at IS 'First commit of any of those files, UTC.';
COMMENT ON COLUMN marts.fct_playbook_processes.last_updated_at IS 'Latest commit of any of those files, UTC: how recently the process was updated.';
COMMENT ON COLUMN marts.fct_playbook_processes.observed_at IS 'When the sync last found the playbook repository, UTC.';

CREATE TABLE marts.fct_metrics_dictionary (
    source_name        VARCHAR NOT NULL,
    repo_full_name     VARCHAR NOT NULL,
    path               VARCHAR NOT NULL,
    is_present         BOOLEAN NOT NULL,
    format             VARCHAR,
    north_star         VARCHAR,
    drivers            VARCHAR[] NOT NULL,
    drivers_count      INTEGER NOT NULL,
    has_north_star     BOOLEAN NOT NULL,
    first_committed_at TIMESTAMP,
    last_changed_at    TIMESTAMP,
    parse_error        VARCHAR,
    observed_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (source_name)
);
COMMENT ON TABLE marts.fct_metrics_dictionary IS 'The organisation''s metrics dictionary (metrics_dictionary_path): whether it exists, the north star and driver metrics it names, and when it last changed.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.source_name IS 'GitHub instance of the dictionary''s repository.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.repo_full_name IS 'Repository holding the dictionary (metrics_repo, else playbook_repo).';
COMMENT ON COLUMN marts.fct_metrics_dictionary.path IS 'Path of the dictionary in the repository.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.is_present IS 'True when the file exists on the default branch.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.format IS 'yaml or markdown (by the file''s extension).';
COMMENT ON COLUMN marts.fct_metrics_dictionary.north_star IS 'Name of the north star metric the dictionary names; null when it names none.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.drivers IS 'Names of the driver metrics it lists.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.drivers_count IS 'How many driver metrics it lists.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.has_north_star IS 'True when a north star is named.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.first_committed_at IS 'First commit of the file, UTC.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.last_changed_at IS 'Latest commit of the file, UTC.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.parse_error IS 'Why the file could not be read (e.g. invalid YAML); null when it was read.';
COMMENT ON COLUMN marts.fct_metrics_dictionary.observed_at IS 'When the sync last found the repository, UTC.';

CREATE TABLE marts.fct_releases (
    team                 VARCHAR NOT NULL,
    source_name          VARCHAR NOT NULL,
    repo_full_name       VARCHAR NOT NULL,
    tag_name             VARCHAR NOT NULL,
    release_kind         VARCHAR NOT NULL,
    release_id           BIGINT,
    released_at          TIMESTAMP,
    is_prerelease        BOOLEAN NOT NULL,
    is_draft             BOOLEAN NOT NULL,
    counts_for_cadence   BOOLEAN NOT NULL,
    previous_released_at TIMESTAMP,
    interval_days        DOUBLE,
    PRIMARY KEY (team, source_name, repo_full_name, release_kind, tag_name)
);
COMMENT ON TABLE marts.fct_releases IS 'One row per release of a team''s repository; for a repository that never published a GitHub release, one row per tag (dated by its commit).';
COMMENT ON COLUMN marts.fct_releases.team IS 'Team owning the repository (github_repos).';
COMMENT ON COLUMN marts.fct_releases.source_name IS 'GitHub instance.';
COMMENT ON COLUMN marts.fct_releases.repo_full_name IS 'Repository as owner/name.';
COMMENT ON COLUMN marts.fct_releases.tag_name IS 'Tag of the release, or the tag itself.';
COMMENT ON COLUMN marts.fct_releases.release_kind IS 'release (a GitHub release) or tag (a tag of a repository without releases).';
COMMENT ON COLUMN marts.fct_releases.release_id IS 'GitHub release id; null for a tag.';
COMMENT ON COLUMN marts.fct_releases.released_at IS 'When it was published (release) or committed (tag), UTC; null for a draft.';
COMMENT ON COLUMN marts.fct_releases.is_prerelease IS 'Marked as a pre-release on GitHub.';
COMMENT ON COLUMN marts.fct_releases.is_draft IS 'A draft release, not published.';
COMMENT ON COLUMN marts.fct_releases.counts_for_cadence IS 'Published and not a pre-release: what release_cadence_cv measures.';
COMMENT ON COLUMN marts.fct_releases.previous_released_at IS 'The repository''s previous release counting for cadence, UTC.';
COMMENT ON COLUMN marts.fct_releases.interval_days IS 'Days since that previous release; null for the first, and for rows not counting for cadence.';

CREATE TABLE marts.fct_experiments (
    team               VARCHAR NOT NULL,
    source_name        VARCHAR NOT NULL,
    repo_full_name     VARCHAR NOT NULL,
    number             BIGINT NOT NULL,
    is_pull_request    BOOLEAN NOT NULL,
    title              VARCHAR,
    labels             VARCHAR[] NOT NULL,
    experiment_labels  VARCHAR[] NOT NULL,
    state              VARCHAR NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    closed_at          TIMESTAMP,
    merged_at          TIMESTAMP,
    quarter_start_date DATE NOT NULL,
    html_url           VARCHAR,
    PRIMARY KEY (team, source_name, repo_full_name, number)
);
COMMENT ON TABLE marts.fct_experiments IS 'One row per issue or pull request of a team''s repository carrying one of the configured experiment labels (experiment_labels).';
COMMENT ON COLUMN marts.fct_experiments.team IS 'Team owning the repository.';
COMMENT ON COLUMN marts.fct_experiments.source_name IS 'GitHub instance.';
COMMENT ON COLUMN marts.fct_experiments.repo_full_name IS 'Repository as owner/name.';
COMMENT ON COLUMN marts.fct_experiments.number IS 'Issue or pull request number.';
COMMENT ON COLUMN marts.fct_experiments.is_pull_request IS 'True for a pull request, false for an issue.';
COMMENT ON COLUMN marts.fct_experiments.title IS 'Title as GitHub shows it now.';
COMMENT ON COLUMN marts.fct_experiments.labels IS 'Every label it carries now.';
COMMENT ON COLUMN marts.fct_experiments.experiment_labels IS 'The labels that mark it as an experiment.';
COMMENT ON COLUMN marts.fct_experiments.state IS 'open or closed.';
COMMENT ON COLUMN marts.fct_experiments.created_at IS 'When it was opened, UTC: the experiment counts in this quarter.';
COMMENT ON COLUMN marts.fct_experiments.closed_at IS 'When it was closed, UTC; null while open.';
COMMENT ON COLUMN marts.fct_experiments.merged_at IS 'When the pull request was merged, UTC; null otherwise.';
COMMENT ON COLUMN marts.fct_experiments.quarter_start_date IS 'First day of the calendar quarter it was opened in.';
COMMENT ON COLUMN marts.fct_experiments.html_url IS 'Link to it on GitHub.';
