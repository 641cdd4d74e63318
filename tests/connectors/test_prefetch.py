"""The read-ahead threads the sync overlaps its downloads with."""

from __future__ import annotations

import threading
import time

import pytest

from connectors.jira.prefetch import Background, prefetched


def test_background_hands_over_only_what_is_ready_then_the_rest_in_order() -> None:
    release = threading.Event()

    def items():
        yield 1
        yield 2
        release.wait(timeout=10)
        yield 3

    background = Background(items(), depth=4, name="test-background")
    try:
        deadline = time.monotonic() + 10
        ready: list[int] = []
        while len(ready) < 2 and time.monotonic() < deadline:
            ready += background.ready()  # never waits for 3, held back until released
        assert ready == [1, 2]
        assert list(background.ready()) == []
        release.set()
        assert list(background) == [3]
        assert list(background.ready()) == []  # finished: nothing more, no waiting
    finally:
        background.close()


def test_a_failure_in_the_background_reaches_the_consumer() -> None:
    def items():
        yield "page"
        raise RuntimeError("the report answered garbage")

    background = Background(items(), name="test-background")
    try:
        with pytest.raises(RuntimeError, match="garbage"):
            list(background)
    finally:
        background.close()


def test_a_consumer_that_stops_early_stops_the_producer() -> None:
    produced: list[int] = []

    def items():
        for n in range(1000):
            produced.append(n)
            yield n

    pages = prefetched(items(), depth=2, name="test-prefetch")
    assert next(pages) == 0
    pages.close()
    settled = len(produced)
    time.sleep(0.3)
    assert len(produced) == settled < 10  # a few read ahead at most, then nothing
