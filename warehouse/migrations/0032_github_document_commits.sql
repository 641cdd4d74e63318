-- The commit history of the organisation's GitHub documents (issue 7), so BI (and the
-- playbook and dictionary indicators) read when each page changed from the marts alone.
CREATE TABLE marts.fct_document_commits (
    source_name    VARCHAR NOT NULL,
    repo_full_name VARCHAR NOT NULL,
    path           VARCHAR NOT NULL,
    role           VARCHAR NOT NULL,
    sha            VARCHAR NOT NULL,
    committed_at   TIMESTAMP,
    author_login   VARCHAR,
    message        VARCHAR,
    PRIMARY KEY (source_name, repo_full_name, path, sha)
);
COMMENT ON TABLE marts.fct_document_commits IS 'One row per commit that changed a document the organisation keeps on GitHub: a playbook page, the metrics dictionary, a launch document (files that exist now).';
COMMENT ON COLUMN marts.fct_document_commits.source_name IS 'GitHub instance.';
COMMENT ON COLUMN marts.fct_document_commits.repo_full_name IS 'Repository as owner/name.';
COMMENT ON COLUMN marts.fct_document_commits.path IS 'Path of the document in the repository.';
COMMENT ON COLUMN marts.fct_document_commits.role IS 'playbook, dictionary or launch: what the document is, by the configured repositories and paths.';
COMMENT ON COLUMN marts.fct_document_commits.sha IS 'Commit id.';
COMMENT ON COLUMN marts.fct_document_commits.committed_at IS 'When the commit landed (committer date), UTC.';
COMMENT ON COLUMN marts.fct_document_commits.author_login IS 'GitHub login of the commit''s author, when GitHub knows it.';
COMMENT ON COLUMN marts.fct_document_commits.message IS 'Commit message.';
