"""Run a page iterator one step ahead in a background thread, so the network (and JSON
decoding) overlaps with the caller landing the previous page."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


class _Failure:
    def __init__(self, error: BaseException):
        self.error = error


def prefetched(items: Iterator[T], depth: int = 2, *, name: str = "jira-pages") -> Iterator[T]:
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as error:  # handed to the consumer, re-raised there
            put(_Failure(error))
            return
        finally:
            # Stopped early: end a generator here, in its own thread (its own read-ahead
            # threads stop with it), not whenever it is collected.
            close = getattr(items, "close", None)
            if close is not None:
                close()
        put(_DONE)

    worker = threading.Thread(target=produce, name=name, daemon=True)
    worker.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        # The consumer stopped (done, failed or killed): let the producer end too.
        stop.set()
        worker.join(timeout=5)
