-- Purpose: which team owns which board (from maturity.toml).
-- Grain: one row per source and board assigned to a team.
-- Inputs: cfg_team_boards (config), staging.jira_boards.
DELETE FROM marts.dim_teams;
INSERT INTO marts.dim_teams (team, source_name, board_id, board_name)
SELECT t.team, t.source_name, t.board_id, b.board_name
FROM cfg_team_boards t
LEFT JOIN staging.jira_boards b USING (source_name, board_id);
