"""Run a page iterator ahead in a background thread, so the network (and JSON decoding)
overlaps with the caller landing the previous page.

`prefetched` runs one iterator a few items ahead of its consumer. `Background` starts one at
once and lets the caller take only what is ready, without waiting: the sync interleaves the
sprint reports with the issue pages that way, rather than fetching them all at the end.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_DONE = object()


class _Failure:
    def __init__(self, error: BaseException):
        self.error = error


class Background(Generic[T]):
    """`items` produced in a thread from now on, at most `depth` ahead of the caller, who
    takes what is ready (`ready()`) or waits for the rest (iterating); `close()` stops it."""

    def __init__(self, items: Iterator[T], depth: int = 2, *, name: str = "jira-pages"):
        self._items = items
        self._buffer: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._finished = False
        self._worker = threading.Thread(target=self._produce, name=name, daemon=True)
        self._worker.start()

    def ready(self) -> Iterator[T]:
        """The items produced so far, without waiting for more."""
        while not self._finished:
            try:
                item = self._buffer.get_nowait()
            except queue.Empty:
                return
            yield from self._taken(item)

    def __iter__(self) -> Iterator[T]:
        while not self._finished:
            yield from self._taken(self._buffer.get())

    def close(self) -> None:
        """The consumer stopped (done, failed or killed): let the producer end too."""
        self._stop.set()
        self._worker.join(timeout=5)

    def _taken(self, item) -> Iterator[T]:
        if item is _DONE:
            self._finished = True
            return
        if isinstance(item, _Failure):
            self._finished = True
            raise item.error
        yield item

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._put(item):
                    return
        except BaseException as error:  # handed to the consumer, re-raised there
            self._put(_Failure(error))
            return
        finally:
            # Stopped early: end a generator here, in its own thread (its own read-ahead
            # threads stop with it), not whenever it is collected.
            close = getattr(self._items, "close", None)
            if close is not None:
                close()
        self._put(_DONE)


def prefetched(items: Iterator[T], depth: int = 2, *, name: str = "jira-pages") -> Iterator[T]:
    """`items`, produced up to `depth` ahead in a thread started at the first item asked."""
    background = Background(items, depth, name=name)
    try:
        yield from background
    finally:
        background.close()
