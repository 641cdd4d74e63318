-- Purpose: which team owns which GitHub repository (from maturity.toml), and whether the sync
--          finds it.
-- Grain: one row per team and repository. Inputs: cfg_github_team_repos, staging.github_repos.
DELETE FROM marts.dim_team_repos;
INSERT INTO marts.dim_team_repos
    (team, source_name, repo_full_name, is_available, last_checked_at, last_http_status)
SELECT DISTINCT t.team, t.source_name, t.repo_full_name, coalesce(r.is_available, false),
       r.last_checked_at, r.last_http_status
FROM cfg_github_team_repos t
LEFT JOIN staging.github_repos r USING (source_name, repo_full_name);
