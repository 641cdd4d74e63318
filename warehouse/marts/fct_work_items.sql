-- Purpose: the work items of each team. An issue belongs to every team one of whose boards
--          lists a sprint the issue is in (as the sprint figures count it); an issue in no such
--          sprint (backlog, epics, retro actions not yet planned) belongs to the team whose
--          board sits on its project, when exactly one team's boards do; else to no team.
-- Grain: one row per team, source and issue.
-- Inputs: staging.jira_work_items, staging.jira_board_sprints, staging.jira_boards,
--         cfg_team_boards (config).
DELETE FROM marts.fct_work_items;
INSERT INTO marts.fct_work_items BY NAME
WITH in_sprints AS (
    SELECT source_name, issue_id, unnest(sprint_ids) AS sprint_id
    FROM staging.jira_work_items
),
by_sprint AS (
    SELECT DISTINCT s.source_name, s.issue_id, t.team
    FROM in_sprints s
    JOIN staging.jira_board_sprints b USING (source_name, sprint_id)
    JOIN cfg_team_boards t USING (source_name, board_id)
),
project_owner AS (
    SELECT t.source_name, b.project_key, min(t.team) AS team
    FROM cfg_team_boards t
    JOIN staging.jira_boards b USING (source_name, board_id)
    WHERE b.project_key IS NOT NULL
    GROUP BY ALL
    HAVING count(DISTINCT t.team) = 1
),
owners AS (
    SELECT source_name, issue_id, team, 'sprint' AS attributed_by FROM by_sprint
    UNION ALL
    SELECT w.source_name, w.issue_id, p.team, 'project'
    FROM staging.jira_work_items w
    JOIN project_owner p USING (source_name, project_key)
    ANTI JOIN by_sprint s USING (source_name, issue_id)
)
SELECT o.team, o.attributed_by, w.source_name, w.issue_id, w.issue_key, w.project_key,
       w.issue_type, w.labels, w.epic_key, w.is_discovery, w.is_retro_action, w.is_epic,
       w.status_category, w.created_at, w.resolved_at
FROM owners o
JOIN staging.jira_work_items w USING (source_name, issue_id);
