"""The endpoints the GitHub emulator answers: path template -> handler over a `GithubOrg`.

Handlers return a JSON-able payload, or a `Listing` that the server pages (page/per_page,
Link headers) as GitHub pages its lists. Query parameters follow GitHub's REST reference:
`since`/`until` (ISO 8601), `state`, `sort`, `direction`, `labels`, `path`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from simulator.github_emulator import render
from simulator.github_model import GhRepo, GithubOrg

DOCS = "https://docs.github.com/rest"
EVENTS_KEPT = 300  # GitHub serves a repository's latest 300 events at most


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Listing:
    """A list the server cuts into pages (default 30 a page, at most 100)."""

    items: list


@dataclass(frozen=True)
class Call:
    api: str  # the API root as the client addresses it, for the `url` of payloads
    params: dict[str, str]  # path parameters
    query: dict[str, list[str]]

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def time(self, name: str) -> datetime | None:
        raw = self.arg(name)
        if not raw:
            return None
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(422, f"Invalid value for parameter '{name}': {raw!r}") from None


Handler = Callable[[GithubOrg, Call], object]


def _repo(org: GithubOrg, call: Call) -> GhRepo:
    found = org.repos.get(f"{call.params['owner']}/{call.params['repo']}")
    if found is None or found.is_deleted:
        raise ApiError(404, "Not Found")
    return found


def repository(org: GithubOrg, call: Call) -> object:
    return render.repository(call.api, _repo(org, call))


def contents(org: GithubOrg, call: Call) -> object:
    """A file (base64 content) or a folder (its entries, one level, folders first)."""
    repo = _repo(org, call)
    path = call.params.get("path", "").strip("/")
    files = repo.files()
    if path in files:
        return render.content_file(call.api, repo, path, files[path])
    prefix = f"{path}/" if path else ""
    entries: dict[str, str | None] = {}
    for name, content in files.items():
        if name.startswith(prefix):
            head, sep, _ = name[len(prefix) :].partition("/")
            entries[prefix + head] = None if sep else content
    if not entries:
        raise ApiError(404, "Not Found")
    ordered = sorted(entries.items(), key=lambda kv: (kv[1] is not None, kv[0]))
    return [render.content_entry(call.api, repo, p, c) for p, c in ordered]


def commits(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    since, until = call.time("since"), call.time("until")
    found = [
        c
        for c in repo.commits_touching(call.arg("path", "").strip("/"))
        if (since is None or c.at >= since) and (until is None or c.at <= until)
    ]
    return Listing([render.commit(call.api, repo, c) for c in found])


def single_commit(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    found = repo.commit(call.params["sha"])
    if found is None:
        raise ApiError(422, f"No commit found for SHA: {call.params['sha']}")
    return render.commit(call.api, repo, found, with_files=True)


def releases(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    newest_first = sorted(repo.releases, key=lambda r: (r.created_at, r.id), reverse=True)
    return Listing([render.release(call.api, repo, r) for r in newest_first])


def tags(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    return Listing([render.tag(call.api, repo, t) for t in reversed(repo.tags)])


def _state_filter(call: Call):
    state = call.arg("state", "open")
    if state not in ("open", "closed", "all"):
        raise ApiError(422, f"Invalid value for parameter 'state': {state!r}")
    return lambda i: state == "all" or i.state == state


def _sorted(items, call: Call, *, sorts: tuple[str, ...]):
    sort = call.arg("sort", "created")
    if sort not in sorts:
        raise ApiError(422, f"Invalid value for parameter 'sort': {sort!r}")
    direction = call.arg("direction", "desc")
    key = (lambda i: (i.updated_at, i.number)) if sort == "updated" else (lambda i: i.number)
    return sorted(items, key=key, reverse=direction != "asc")


def issues(org: GithubOrg, call: Call) -> object:
    """Issues and pull requests, as GitHub's issues endpoint lists both."""
    repo = _repo(org, call)
    keep, since = _state_filter(call), call.time("since")
    wanted = {x.strip() for x in (call.arg("labels") or "").split(",") if x.strip()}
    found = [
        i
        for i in repo.issues.values()
        if keep(i) and (since is None or i.updated_at >= since) and wanted <= set(i.labels)
    ]
    ordered = _sorted(found, call, sorts=("created", "updated", "comments"))
    return Listing([render.issue(call.api, repo, i) for i in ordered])


def _numbered(org: GithubOrg, call: Call, *, pull: bool):
    repo = _repo(org, call)
    found = repo.issues.get(int(call.params["number"])) if call.params["number"].isdigit() else None
    if found is None or (pull and not found.is_pull):
        raise ApiError(404, "Not Found")
    return repo, found


def single_issue(org: GithubOrg, call: Call) -> object:
    return render.issue(call.api, *_numbered(org, call, pull=False))


def single_pull(org: GithubOrg, call: Call) -> object:
    return render.pull(call.api, *_numbered(org, call, pull=True))


def pulls(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    keep = _state_filter(call)
    found = [i for i in repo.issues.values() if i.is_pull and keep(i)]
    ordered = _sorted(found, call, sorts=("created", "updated", "popularity", "long-running"))
    return Listing([render.pull(call.api, repo, i) for i in ordered])


def events(org: GithubOrg, call: Call) -> object:
    repo = _repo(org, call)
    newest = sorted(repo.events, key=lambda e: (e.at, e.id), reverse=True)[:EVENTS_KEPT]
    return Listing([render.event(call.api, repo, e) for e in newest])


def authenticated_user(org: GithubOrg, call: Call) -> object:
    return render.user("maturity-bot")


# The rate limit answer is written by the server, which keeps the counters.
ROUTES: tuple[tuple[str, Handler | None], ...] = (
    ("/rate_limit", None),
    ("/user", authenticated_user),
    ("/repos/{owner}/{repo}", repository),
    ("/repos/{owner}/{repo}/contents", contents),
    ("/repos/{owner}/{repo}/contents/{path+}", contents),
    ("/repos/{owner}/{repo}/commits", commits),
    ("/repos/{owner}/{repo}/commits/{sha}", single_commit),
    ("/repos/{owner}/{repo}/releases", releases),
    ("/repos/{owner}/{repo}/tags", tags),
    ("/repos/{owner}/{repo}/issues", issues),
    ("/repos/{owner}/{repo}/issues/{number}", single_issue),
    ("/repos/{owner}/{repo}/pulls", pulls),
    ("/repos/{owner}/{repo}/pulls/{number}", single_pull),
    ("/repos/{owner}/{repo}/events", events),
)


def _pattern(template: str) -> re.Pattern[str]:
    # {name} is one path segment, {name+} the rest of the path (a file path has slashes).
    regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.*)", template)
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex)
    return re.compile(f"^{regex}/?$")


COMPILED = tuple((template, _pattern(template), handler) for template, handler in ROUTES)


def resolve(path: str) -> tuple[str, Handler | None, dict[str, str]] | None:
    """The route template, handler and path parameters for `path`; None when none matches."""
    for template, pattern, handler in COMPILED:
        if match := pattern.match(path):
            return template, handler, match.groupdict()
    return None
