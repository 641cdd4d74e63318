-- Purpose: the commit history of each document the organisation keeps on GitHub (playbook
--          pages, the metrics dictionary, launch documents), for "how recently was it updated".
-- Grain: one row per source, repository, document path and commit.
-- Inputs: staging.github_documents, staging.github_commits.
DELETE FROM marts.fct_document_commits;
INSERT INTO marts.fct_document_commits
    (source_name, repo_full_name, path, role, sha, committed_at, author_login, message)
SELECT d.source_name, d.repo_full_name, d.path, d.role, c.sha, c.committed_at, c.author_login,
       c.message
FROM staging.github_documents d
JOIN staging.github_commits c USING (source_name, repo_full_name, path);
