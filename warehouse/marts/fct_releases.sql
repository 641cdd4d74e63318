-- Purpose: the releases of each team's repositories, and the interval since the repository's
--          previous one. A repository that never published a GitHub release releases by
--          tagging: its tags, dated by their commit, stand for its releases. Drafts and
--          pre-releases are listed but do not count for cadence.
-- Grain: one row per team, repository and release (or tag).
-- Inputs: staging.github_releases, staging.github_tags, marts.dim_team_repos.
DELETE FROM marts.fct_releases;
INSERT INTO marts.fct_releases
    (team, source_name, repo_full_name, tag_name, release_kind, release_id, released_at,
     is_prerelease, is_draft, counts_for_cadence, previous_released_at, interval_days)
WITH releases AS (
    SELECT source_name, repo_full_name, tag_name, 'release' AS release_kind, release_id,
           published_at AS released_at, is_prerelease, is_draft
    FROM staging.github_releases
),
tags AS (
    SELECT t.source_name, t.repo_full_name, t.tag_name, 'tag' AS release_kind,
           NULL::BIGINT AS release_id, t.committed_at AS released_at,
           false AS is_prerelease, false AS is_draft
    FROM staging.github_tags t
    WHERE NOT EXISTS (
        SELECT 1 FROM staging.github_releases r
        WHERE r.source_name = t.source_name AND r.repo_full_name = t.repo_full_name
          AND NOT r.is_draft)
),
events AS (
    SELECT *, NOT is_draft AND NOT is_prerelease AND released_at IS NOT NULL AS counts_for_cadence
    FROM (SELECT * FROM releases UNION ALL SELECT * FROM tags)
),
owned AS (
    SELECT d.team, e.*
    FROM events e
    JOIN marts.dim_team_repos d USING (source_name, repo_full_name)
    WHERE d.is_available
),
sequenced AS (
    SELECT *,
           CASE WHEN counts_for_cadence THEN lag(released_at) OVER (
               PARTITION BY team, source_name, repo_full_name, counts_for_cadence
               ORDER BY released_at, tag_name) END AS previous_released_at
    FROM owned
)
SELECT team, source_name, repo_full_name, tag_name, release_kind, release_id, released_at,
       is_prerelease, is_draft, counts_for_cadence, previous_released_at,
       epoch(released_at - previous_released_at) / 86400.0 AS interval_days
FROM sequenced
-- A tag and a release of the same name: the release (it has a publication date) wins.
QUALIFY row_number() OVER (
    PARTITION BY team, source_name, repo_full_name, release_kind, tag_name
    ORDER BY released_at DESC NULLS LAST) = 1;
