"""One parsed HTTP request, the reply the server writes back, and the error that becomes one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from json.encoder import c_make_encoder, encode_basestring

from simulator.loopback import JSON_TYPE, Reply

__all__ = ["JSON_TYPE", "HttpError", "Reply", "Request", "error_body", "json_bytes"]

# CPython's C encoder, built once with Jira's compact separators. json.dumps and
# JSONEncoder.encode rebuild it on every call, which costs more than encoding the small
# fragments the emulator caches (no circular-reference check: payloads are trees).
_ENCODE = c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)


def json_bytes(payload: object) -> bytes:
    """Compact UTF-8 JSON, as Jira writes it (no spaces, non-ASCII text left as is)."""
    return "".join(_ENCODE(payload, 0)).encode()


def error_body(message: str) -> dict:
    return {"errorMessages": [message], "errors": {}}


class HttpError(Exception):
    """Answered with the given status and `body` (default: Jira's errorMessages shape).

    `fault` names the injected fault this error stands for (e.g. an expired page token),
    so the request log can count it with the other injected faults.
    """

    def __init__(
        self, status: int, message: str, *, body: dict | None = None, fault: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.body = body if body is not None else error_body(message)
        self.fault = fault


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
