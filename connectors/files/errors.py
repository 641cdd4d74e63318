"""The one error a file reader raises: the file cannot be read as an export at all."""

from __future__ import annotations


class FileRefusedError(Exception):
    """The whole file is refused; the message says what was wrong, where, and what to do."""

    def __init__(self, reason: str, *, line: int | None = None, column: str | None = None):
        where = "".join(
            part
            for part in (
                f" (line {line})" if line is not None else "",
                f" (column '{column}')" if column else "",
            )
        )
        super().__init__(reason + where)
        self.reason, self.line, self.column = reason, line, column
