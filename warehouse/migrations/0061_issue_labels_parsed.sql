-- Labels and the parent's issue type join the parsed issue payloads (issue 4: the nightly
-- rebuild). staging/jira_work_items.sql read them from every raw issue payload on every
-- run, about a second at 200,000 issues for two small values; parsed once per delivery,
-- like the other fields, a nightly run reads them only for what changed.
ALTER TABLE staging.jira_issue_payloads ADD COLUMN labels VARCHAR[];
ALTER TABLE staging.jira_issue_payloads ADD COLUMN parent_type VARCHAR;
-- The issues parsed before this migration lack both: parse every issue once more.
DELETE FROM staging.raw_parse_watermarks WHERE raw_table = 'jira_issues';
