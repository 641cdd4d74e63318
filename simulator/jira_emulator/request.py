"""One parsed HTTP request, and the error that turns into a Jira-style error response."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


class HttpError(Exception):
    """Answered as `{"errorMessages": [message], "errors": {}}` with the given status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes = b""
    path_params: dict[str, str] = field(default_factory=dict)

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def int_param(self, name: str, default: int) -> int:
        raw = self.param(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            raise HttpError(400, f"Query parameter {name}={raw!r} is not an integer.") from None

    def list_param(self, name: str) -> list[str] | None:
        """Repeated and comma-separated values alike (requests sends lists as repeats)."""
        if name not in self.query:
            return None
        return [part.strip() for value in self.query[name] for part in value.split(",") if part]

    def json(self) -> dict:
        try:
            body = json.loads(self.body or b"{}")
        except ValueError:
            raise HttpError(400, "The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise HttpError(400, "The request body must be a JSON object.")
        return body
