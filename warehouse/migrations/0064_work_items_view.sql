-- staging.jira_work_items becomes a view (issue 4: the nightly rebuild within 5 s): as a table
-- it was rewritten whole on every rebuild for its one reader, marts.fct_work_items. The model
-- creates the view, and staging.jira_work_markers, the [evidence] markers it reads.
DROP TABLE IF EXISTS staging.jira_work_items;
