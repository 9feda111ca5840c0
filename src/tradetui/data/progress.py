"""Progress of long work (reading a big file), and a way to stop it part-way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """The user stopped the work; whatever was shown before stays."""


def _never() -> bool:
    return False


def _ignore(done: int, total: int | None, unit: str) -> None:
    return None


@dataclass(frozen=True)
class Progress:
    """Reports ``done`` of ``total`` (None when unknown) ``unit``s, e.g. rows or bytes.

    Long loops call :meth:`step` between batches: it reports, and raises
    :class:`Cancelled` once ``cancelled()`` is true, so work stops at the next batch.
    """

    report: Callable[[int, int | None, str], None] = _ignore
    cancelled: Callable[[], bool] = _never

    def step(self, done: int, total: int | None, unit: str = "rows") -> None:
        if self.cancelled():
            raise Cancelled
        self.report(done, total, unit)


SILENT = Progress()
