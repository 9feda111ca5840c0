"""Messages the main screen's worker and widgets send."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from tradetui.state import Loaded


class DataLoaded(Message):
    """The load worker finished: the dataset and its period table are ready."""

    def __init__(self, loaded: Loaded, path: Path | None) -> None:
        super().__init__()
        self.loaded = loaded
        self.path = path


class DataFailed(Message):
    """The load worker could not use the data; ``error`` is one human line. ``panic``: polars
    panicked, and its report went to the terminal underneath the screen."""

    def __init__(self, error: str, panic: bool = False) -> None:
        super().__init__()
        self.error = error
        self.panic = panic


class DataProgress(Message):
    """The load worker read ``done`` of ``total`` (None: unknown) ``unit``s."""

    def __init__(self, done: int, total: int | None, unit: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.unit = unit


class DataCancelled(Message):
    """The user stopped a load; the data shown before stays."""


class EventChosen(Message):
    """Enter on an event: the trade table should move to ``month`` (YYYY-MM)."""

    def __init__(self, month: str) -> None:
        super().__init__()
        self.month = month
