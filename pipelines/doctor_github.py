"""`maturity doctor` for `[[sources.github]]`: reachable, token valid, every repository named
in the config visible, and the playbook, metrics dictionary and launch docs paths present."""

from __future__ import annotations

from connectors.github.checks import authenticated_login, path_kind, repository_facts
from connectors.github.client import GithubSourceError
from pipelines.github_settings import GithubSourceSettings
from pipelines.github_sync import open_connection
from pipelines.settings import ConfigError, Settings

OK, PROBLEM = "ok ", "XX "


def check_github(settings: Settings) -> tuple[list[str], int]:
    lines: list[str] = []
    problems = 0
    for source in settings.sources.github:
        found, count = check_github_source(source, settings)
        lines += found
        problems += count
    return lines, problems


def check_github_source(source: GithubSourceSettings, settings: Settings) -> tuple[list[str], int]:
    lines = [f"GitHub source '{source.name}' ({source.base_url})"]
    try:
        conn = open_connection(source)
        login = authenticated_login(conn)
    except (ConfigError, GithubSourceError) as err:
        return [*lines, f"  {PROBLEM}{err}"], 1
    lines.append(f"  {OK}reachable, token valid (signed in as {login})")
    problems = 0
    repos: dict[str, list[str]] = {}  # repository -> what the config uses it for
    for team in settings.teams:
        for name, repo in team.repo_refs():
            if name == source.name:
                repos.setdefault(repo, []).append(f"github_repos of {team.name}")
    paths: list[tuple[str, str, str, str]] = []  # (repo, path, key, wanted kind)
    if source.playbook_repo:
        repos.setdefault(source.playbook_repo, []).append("playbook_repo")
        paths.append((source.playbook_repo, source.playbook_path, "playbook_path", "dir"))
    if source.metrics_dictionary_path:
        repos.setdefault(source.dictionary_repo, []).append("metrics dictionary")
        paths.append(
            (
                source.dictionary_repo,
                source.metrics_dictionary_path,
                "metrics_dictionary_path",
                "file",
            )
        )
    if source.launch_docs_path is not None:
        repos.setdefault(source.launch_repo, []).append("launch docs")
        paths.append((source.launch_repo, source.launch_docs_path, "launch_docs_path", "dir"))
    invisible = set()
    for repo, uses in sorted(repos.items()):
        try:
            facts = repository_facts(conn, repo)
        except GithubSourceError as err:
            lines.append(f"  {PROBLEM}{err} (used as {', '.join(uses)})")
            problems += 1
            invisible.add(repo)
            continue
        private = "private" if facts["private"] else "public"
        lines.append(f"  {OK}repository {repo} visible ({private}; {', '.join(uses)})")
    for repo, path, key, wanted in paths:
        if repo in invisible:
            continue
        try:
            kind = path_kind(conn, repo, path)
        except GithubSourceError as err:
            lines.append(f"  {PROBLEM}{key}: {err}")
            problems += 1
            continue
        shown = path or "(the repository root)"
        if kind is None:
            lines.append(
                f"  {PROBLEM}{key} = '{path}' does not exist in {repo} (default branch): check "
                f"the path in maturity.toml, or add it to the repository"
            )
            problems += 1
        elif (kind == "dir") != (wanted == "dir"):
            lines.append(
                f"  {PROBLEM}{key} = '{path}' in {repo} is a {kind}, expected a "
                f"{'folder' if wanted == 'dir' else 'file'}"
            )
            problems += 1
        else:
            lines.append(f"  {OK}{key}: {shown} found in {repo}")
    return lines, problems
