"""The GitHub connector's failure, apart from the client so that code which only needs to
recognise it (exit codes) does not import PyGithub."""

from __future__ import annotations


class GithubSourceError(Exception):
    """A GitHub request failed; the message names the repository (or URL) and what to do."""

    def __init__(self, message: str, *, repo: str = "", status: int | None = None):
        super().__init__(message)
        self.repo, self.status = repo, status
