-- Purpose: the experiments each team runs: issues and pull requests of its repositories that
--          carry one of the configured experiment labels (compared case-insensitively, as
--          GitHub compares label names).
-- Grain: one row per team, repository and issue or pull request.
-- Inputs: staging.github_issues, marts.dim_team_repos, cfg_github_experiment_labels.
DELETE FROM marts.fct_experiments;
INSERT INTO marts.fct_experiments
    (team, source_name, repo_full_name, number, is_pull_request, title, labels,
     experiment_labels, state, created_at, closed_at, merged_at, quarter_start_date, html_url)
WITH labelled AS (
    SELECT source_name, repo_full_name, number, unnest(labels) AS label
    FROM staging.github_issues
),
marked AS (
    SELECT l.source_name, l.repo_full_name, l.number,
           list_sort(list(DISTINCT l.label)) AS experiment_labels
    FROM labelled l
    JOIN cfg_github_experiment_labels e
        ON e.source_name = l.source_name AND lower(e.label) = lower(l.label)
    GROUP BY l.source_name, l.repo_full_name, l.number
)
SELECT d.team, i.source_name, i.repo_full_name, i.number, i.is_pull_request, i.title, i.labels,
       m.experiment_labels, i.state, i.created_at, i.closed_at, i.merged_at,
       date_trunc('quarter', i.created_at)::DATE, i.html_url
FROM staging.github_issues i
JOIN marked m USING (source_name, repo_full_name, number)
JOIN marts.dim_team_repos d USING (source_name, repo_full_name)
WHERE d.is_available;
