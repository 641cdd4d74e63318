"""GitHub (github.com or GitHub Enterprise) through PyGithub: the playbook and metrics
dictionary of the organisation, launch documents, and each team's releases, tags, issues and
pull requests with their labels. `sync.iter_repo` streams one repository's visit as batches;
`client.connect` makes the client. Imports nothing of ours."""
