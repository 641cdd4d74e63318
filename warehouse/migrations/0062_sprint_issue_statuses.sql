-- The evidence behind each sprint outcome moves into the mart, and the replay's intermediate
-- table leaves the file (issue 4: the replay at least 30x the per-issue baseline). The replay
-- wrote 24 columns for 200,000 issues to staging on every rebuild and the mart copied 11 of
-- them again: a quarter of the replay's time. The replay now writes the mart directly; the
-- two columns that explain an outcome (completed or not, already done when it entered) are
-- kept where BI tools and the Parquet export read them.
ALTER TABLE marts.fct_sprint_issues ADD COLUMN status_at_entry VARCHAR;
ALTER TABLE marts.fct_sprint_issues ADD COLUMN status_at_end VARCHAR;
COMMENT ON COLUMN marts.fct_sprint_issues.status_at_entry IS 'Jira status id when the issue entered the sprint (at the start if committed): in the board''s Done column then means completed_in_another_sprint.';
COMMENT ON COLUMN marts.fct_sprint_issues.status_at_end IS 'Jira status id at completion (for an active sprint, at the last sync): in the board''s Done column then means completed, else not_completed; for a removed issue, the status at completion all the same.';
DROP TABLE IF EXISTS staging.jira_sprint_issue_replay;
