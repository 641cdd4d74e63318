"""GitHub REST payloads, in the shapes GitHub documents, of the simulated repositories.

`api` is the API root the client was given (https://api.github.com, or a GitHub Enterprise
https://host/api/v3); every `url` in a payload hangs from it, so a client that follows
links stays on the emulator.
"""

from __future__ import annotations

import base64
from datetime import datetime

from simulator.github_model import GhCommit, GhEvent, GhIssue, GhRelease, GhRepo, GhTag, blob_sha

LABEL_COLOURS = {"bug": "d73a4a", "feature": "a2eeef", "chore": "cfd3d7"}


def stamp(at: datetime | None) -> str | None:
    return None if at is None else at.strftime("%Y-%m-%dT%H:%M:%SZ")


def user(login: str) -> dict:
    return {"login": login, "id": sum(map(ord, login)), "type": "User", "site_admin": False}


def repository(api: str, repo: GhRepo) -> dict:
    url = f"{api}/repos/{repo.full_name}"
    return {
        "id": repo.id,
        "node_id": f"R_{repo.id}",
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": {**user(repo.owner), "type": "Organization"},
        "private": True,
        "default_branch": repo.default_branch,
        "created_at": stamp(repo.created_at),
        "updated_at": stamp(repo.pushed_at),
        "pushed_at": stamp(repo.pushed_at),
        "open_issues_count": sum(1 for i in repo.issues.values() if i.state == "open"),
        "url": url,
        "html_url": f"https://github.example/{repo.full_name}",
    }


def content_entry(api: str, repo: GhRepo, path: str, content: str | None) -> dict:
    """One entry of a directory listing (content None: a folder)."""
    url = f"{api}/repos/{repo.full_name}/contents/{path}"
    is_dir = content is None
    return {
        "type": "dir" if is_dir else "file",
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": blob_sha(path) if is_dir else blob_sha(content),
        "size": 0 if is_dir else len(content.encode()),
        "url": f"{url}?ref={repo.default_branch}",
        "html_url": f"https://github.example/{repo.full_name}/blob/main/{path}",
        "git_url": f"{api}/repos/{repo.full_name}/git/blobs/x",
        "download_url": None if is_dir else f"https://raw.example/{repo.full_name}/main/{path}",
        "_links": {"self": f"{url}?ref={repo.default_branch}"},
    }


def content_file(api: str, repo: GhRepo, path: str, content: str) -> dict:
    encoded = base64.b64encode(content.encode()).decode()
    # GitHub wraps the base64 text every 60 characters.
    wrapped = "\n".join(encoded[i : i + 60] for i in range(0, len(encoded), 60)) + "\n"
    return {**content_entry(api, repo, path, content), "content": wrapped, "encoding": "base64"}


def commit(api: str, repo: GhRepo, c: GhCommit, *, with_files: bool = False) -> dict:
    person = {"name": c.author, "email": f"{c.author}@example.com", "date": stamp(c.at)}
    payload = {
        "sha": c.sha,
        "node_id": f"C_{c.sha[:12]}",
        "commit": {
            "author": person,
            "committer": person,
            "message": c.message,
            "tree": {"sha": c.sha[::-1]},
            "comment_count": 0,
        },
        "url": f"{api}/repos/{repo.full_name}/commits/{c.sha}",
        "html_url": f"https://github.example/{repo.full_name}/commit/{c.sha}",
        "author": user(c.author),
        "committer": user(c.author),
        "parents": [],
    }
    if with_files:
        payload["files"] = [
            {"filename": p, "status": "removed" if v is None else "modified"}
            for p, v in c.changes.items()
        ]
    return payload


def release(api: str, repo: GhRepo, r: GhRelease) -> dict:
    url = f"{api}/repos/{repo.full_name}/releases/{r.id}"
    return {
        "id": r.id,
        "node_id": f"RE_{r.id}",
        "tag_name": r.tag_name,
        "target_commitish": repo.default_branch,
        "name": r.name,
        "draft": r.published_at is None,
        "prerelease": r.prerelease,
        "created_at": stamp(r.created_at),
        "published_at": stamp(r.published_at),
        "author": user("release-bot"),
        "assets": [],
        "body": f"Release {r.tag_name}",
        "url": url,
        "html_url": f"https://github.example/{repo.full_name}/releases/tag/{r.tag_name}",
    }


def tag(api: str, repo: GhRepo, t: GhTag) -> dict:
    return {
        "name": t.name,
        "commit": {
            "sha": t.commit_sha,
            "url": f"{api}/repos/{repo.full_name}/commits/{t.commit_sha}",
        },
        "zipball_url": f"{api}/repos/{repo.full_name}/zipball/refs/tags/{t.name}",
        "tarball_url": f"{api}/repos/{repo.full_name}/tarball/refs/tags/{t.name}",
        "node_id": f"T_{t.name}",
    }


def labels(names: tuple[str, ...]) -> list[dict]:
    return [
        {
            "id": sum(map(ord, n)),
            "name": n,
            "color": LABEL_COLOURS.get(n, "5319e7"),
            "default": n == "bug",
            "description": "",
        }
        for n in names
    ]


def issue(api: str, repo: GhRepo, i: GhIssue) -> dict:
    """An issue as the issues endpoint lists it; a pull request carries `pull_request`."""
    url = f"{api}/repos/{repo.full_name}/issues/{i.number}"
    payload = {
        "id": repo.id * 100_000 + i.number,
        "node_id": f"I_{repo.id}_{i.number}",
        "number": i.number,
        "title": i.title,
        "state": i.state,
        "state_reason": "completed" if i.closed_at else None,
        "locked": False,
        "user": user(i.author),
        "labels": labels(i.labels),
        "assignees": [],
        "comments": 0,
        "created_at": stamp(i.created_at),
        "updated_at": stamp(i.updated_at),
        "closed_at": stamp(i.closed_at),
        "body": "",
        "url": url,
        "repository_url": f"{api}/repos/{repo.full_name}",
        "html_url": f"https://github.example/{repo.full_name}/issues/{i.number}",
    }
    if i.is_pull:
        payload["pull_request"] = {
            "url": f"{api}/repos/{repo.full_name}/pulls/{i.number}",
            "html_url": f"https://github.example/{repo.full_name}/pull/{i.number}",
            "merged_at": stamp(i.merged_at),
        }
    return payload


def pull(api: str, repo: GhRepo, i: GhIssue) -> dict:
    url = f"{api}/repos/{repo.full_name}/pulls/{i.number}"
    return {
        "id": repo.id * 100_000 + i.number,
        "node_id": f"PR_{repo.id}_{i.number}",
        "number": i.number,
        "state": i.state,
        "title": i.title,
        "user": user(i.author),
        "body": "",
        "labels": labels(i.labels),
        "draft": False,
        "created_at": stamp(i.created_at),
        "updated_at": stamp(i.updated_at),
        "closed_at": stamp(i.closed_at),
        "merged_at": stamp(i.merged_at),
        "merge_commit_sha": None,
        "head": {"ref": f"change-{i.number}", "sha": "0" * 40},
        "base": {"ref": repo.default_branch, "sha": "0" * 40},
        "url": url,
        "issue_url": f"{api}/repos/{repo.full_name}/issues/{i.number}",
        "html_url": f"https://github.example/{repo.full_name}/pull/{i.number}",
    }


def event(api: str, repo: GhRepo, e: GhEvent) -> dict:
    return {
        "id": str(e.id),
        "type": e.type,
        "actor": user("octo-dev"),
        "repo": {"id": repo.id, "name": repo.full_name, "url": f"{api}/repos/{repo.full_name}"},
        "payload": e.payload,
        "public": False,
        "created_at": stamp(e.at),
    }
