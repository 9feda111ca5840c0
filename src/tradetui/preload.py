"""Read the data on its own thread from the first frame, while the explorer is imported.

Importing the explorer (polars, the widgets, the chart) and reading a big file take about
as long as each other; started together, the data is ready sooner. The explorer picks the
result up with :meth:`Preload.result`, which forwards progress and cancelling.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tradetui.data.load import Dataset

Report = Callable[[int, int | None, str], None]


class Preload:
    """``load_dataset(path)`` running on a daemon thread from construction; with a
    ``pair``, that pair's rows alone are read first (tradetui.data.pair_first)."""

    def __init__(self, path: Path | None, pair: tuple[str, str] | None = None) -> None:
        self.path = path
        self.pair = pair
        self._first: Dataset | None = None
        self._first_done = threading.Event()
        self._done = threading.Event()
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._report: Report | None = None
        self._last: tuple[int, int | None, str] | None = None
        self._dataset: Dataset | None = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="tradetui-preload", daemon=True).start()

    def _progress(self, done: int, total: int | None, unit: str) -> None:
        with self._lock:
            self._last = (done, total, unit)
            report = self._report
        if report is not None:
            report(done, total, unit)

    def _run(self) -> None:
        try:
            from tradetui.data.load import load_dataset
            from tradetui.data.progress import Progress

            progress = Progress(self._progress, self._cancel.is_set)
            try:
                if self.path is not None and self.pair is not None:
                    from tradetui.data.pair_first import read_pair

                    self._first = read_pair(self.path, *self.pair, progress)
            finally:
                self._first_done.set()
            self._dataset = load_dataset(self.path, progress)
        except BaseException as error:  # handed to the explorer's worker, which reports it
            self._error = error
        finally:
            self._first_done.set()
            self._done.set()

    def first(self, cancelled: Callable[[], bool]) -> Dataset | None:
        """The pair's dataset read first, or None (no pair, or not readable first)."""
        while not self._first_done.wait(0.05):
            if cancelled():
                self._cancel.set()
        return self._first

    def result(self, report: Report, cancelled: Callable[[], bool]) -> Dataset:
        """Wait for the read (on a worker thread), passing its progress on to ``report``.

        Raises what the read raised: DataError, or Cancelled once ``cancelled()`` is true.
        """
        with self._lock:
            self._report = report
            last = self._last
        if last is not None:
            report(*last)
        while not self._done.wait(0.05):
            if cancelled():
                self._cancel.set()
        if self._error is not None:
            raise self._error
        assert self._dataset is not None
        return self._dataset
