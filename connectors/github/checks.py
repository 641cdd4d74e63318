"""What `maturity doctor` asks GitHub: is the token good, can it see a repository, does a path
exist there. One request each, errors described as the sync describes them (describe_failure):
naming the repository or path and what to check, never the token."""

from __future__ import annotations

from urllib.parse import quote

from connectors.github.client import GithubConnection, GithubSourceError, describe_failure


def authenticated_login(conn: GithubConnection) -> str:
    """The login the token belongs to (GET /user); GithubSourceError when refused."""
    return str(_get(conn, "/user", repo="", what="/user").get("login", "?"))


def repository_facts(conn: GithubConnection, full_name: str) -> dict:
    """GET /repos/{owner}/{repo}: visibility and default branch; GithubSourceError (404) when
    the token cannot see it."""
    body = _get(conn, f"/repos/{full_name}", repo=full_name)
    return {"private": body.get("private"), "default_branch": body.get("default_branch")}


def path_kind(conn: GithubConnection, full_name: str, path: str) -> str | None:
    """'dir' or 'file' for a path in the repository's default branch, None when absent (404);
    '' is the repository's root."""
    url = f"/repos/{full_name}/contents/{quote(path)}" if path else f"/repos/{full_name}/contents"
    try:
        body = _get(conn, url, repo=full_name, what=path or "/")
    except GithubSourceError as err:
        if err.status == 404:
            return None
        raise
    return "dir" if isinstance(body, list) else str(body.get("type", "file"))


def _get(conn: GithubConnection, path: str, *, repo: str, what: str = ""):
    try:
        status, headers, data = conn.get_json(path)
        conn.raise_for_status(status, headers, data)
    except Exception as err:
        # describe_failure names what failed and what to check, and re-raises what it
        # does not know (a bug stays a bug).
        raise describe_failure(err, conn, repo=repo or conn.base_url, what=what) from None
    return data if data is not None else {}
