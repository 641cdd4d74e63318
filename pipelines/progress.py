"""Sync progress for people: a live bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

log = logging.getLogger("maturity.sync")


class SyncProgress:
    def __init__(self, source: str, *, stream: TextIO | None = None, every_seconds: float = 10):
        self.source = source
        self.stream = stream or sys.stderr
        self.is_tty = self.stream.isatty()
        self.every = 0.2 if self.is_tty else every_seconds
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, issues: int, expected: int | None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-6)
        rate = issues / elapsed
        total = f"/~{expected:,}" if expected else ""
        eta = ""
        if expected and rate > 0 and expected > issues:
            eta = f", ETA {_clock((expected - issues) / rate)}"
        text = f"{self.source}: {issues:,}{total} issues, {rate:,.0f}/s{eta}"
        if self.is_tty:
            bar = ""
            if expected:
                done = min(1.0, issues / expected)
                bar = "[" + "#" * int(done * 30) + "." * (30 - int(done * 30)) + "] "
            self.stream.write("\r" + bar + text + " " * 8)
            self.stream.flush()
        else:
            log.info(text)

    def close(self) -> None:
        if self.is_tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"
