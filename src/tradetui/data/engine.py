"""The aggregate queries the app and the CLI ask of a dataset, behind one small interface.

Every screen and command reads a dataset only through :class:`Aggregates`: the pair
ranking, one pair's period table, one HS level of one month, one code's series, and the
facts found while reading. :class:`LocalAggregates` answers them with polars on this
machine; a SQL engine (DuckDB, or Spark, Trino or ClickHouse across many machines) could
answer the same few queries (docs/architecture.md, "The aggregate seam").

Results that cost a read of the source (HS levels, sparklines, series) are kept, so going
back to a level or forth again is a lookup, not a read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import polars as pl

from tradetui.data import hs, metrics

if TYPE_CHECKING:
    from tradetui.data.load import Dataset

# Computed HS tables kept per dataset: a few hundred rows each, so a few MB at most.
CACHE_ENTRIES = 256

T = TypeVar("T")


@dataclass(frozen=True)
class Facts:
    """What reading the data found: one line each (rows read, rows kept apart, repeated
    keys kept once...), the rows read, and the repeated keys left out."""

    notes: tuple[str, ...]
    duplicates: int = 0


class Aggregates(Protocol):
    """The queries behind every view. Frames come back collected and small."""

    def pair_ranking(self) -> pl.DataFrame:
        """Every reporter–partner pair with its summed trade, largest first
        (columns as :func:`tradetui.data.metrics.pairs`)."""
        ...

    def monthly_totals(self, reporter: str | None, partner: str | None) -> pl.DataFrame:
        """One pair's wide period table (:func:`tradetui.data.metrics.periods`); None for
        both is the largest pair."""
        ...

    def hs_rollup(
        self,
        *,
        month: str,
        reporter: str,
        partner: str,
        flow: str,
        parent: str | None = None,
        sparklines: bool = True,
    ) -> pl.DataFrame:
        """The codes one level under ``parent`` in ``month`` (:func:`hs.level_table`)."""
        ...

    def with_sparklines(
        self,
        table: pl.DataFrame,
        *,
        month: str,
        reporter: str,
        partner: str,
        flow: str,
        parent: str | None = None,
    ) -> pl.DataFrame:
        """``table`` (from :meth:`hs_rollup`) with its 24-month sparklines filled."""
        ...

    def code_series(
        self, code: str, *, reporter: str, partner: str, flow: str, first: str, last: str
    ) -> pl.DataFrame:
        """(period, value) of one HS code, every month of first..last with a row."""
        ...

    def has_detail(self) -> bool:
        """Whether the data has an HS commodity detail at all."""
        ...

    def facts(self) -> Facts:
        """What the read found (notes for "About the data" and ``validate``)."""
        ...

    def cancel(self) -> None:
        """Stop the queries under way where the engine can (a cluster's, on the server);
        each then raises Cancelled."""
        ...


class _Kept:
    """A small least-recently-used store of computed results, safe across worker threads."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = compute()  # outside the lock: two threads may compute it, one keeps it
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


class LocalAggregates:
    """:class:`Aggregates` answered with polars over the dataset's frames.

    ``query`` computes one HS level (:func:`hs.level_query`); another engine that holds the
    detail replaces it and :meth:`_detail` (tradetui.data.spark.engine).
    """

    query: hs.LevelQuery = staticmethod(hs.level_query)

    def __init__(self, dataset: Dataset, names_dir: Path | None = None) -> None:
        self.dataset = dataset
        self.names_dir = names_dir
        self.kept = _Kept()
        self._ranking: pl.DataFrame | None = None

    def pair_ranking(self) -> pl.DataFrame:
        if self._ranking is None:
            self._ranking = metrics.pairs(self.dataset.trade)
        return self._ranking

    def monthly_totals(self, reporter: str | None, partner: str | None) -> pl.DataFrame:
        if reporter is None or partner is None:
            top = metrics.top_of(self.pair_ranking())
            if top is None:
                return metrics.periods(self.dataset.trade.head(0))
            reporter, partner = top
        return metrics.periods(self.dataset.trade, reporter, partner)

    def _detail(self):
        detail = self.dataset.detail
        if detail is None:
            raise ValueError("the dataset has no commodity detail")
        return detail

    def hs_rollup(
        self,
        *,
        month: str,
        reporter: str,
        partner: str,
        flow: str,
        parent: str | None = None,
        sparklines: bool = True,
    ) -> pl.DataFrame:
        where = {"month": month, "reporter": reporter, "partner": partner, "flow": flow}
        key = ("level", *where.values(), parent)
        table = self.kept.get(
            key,
            lambda: hs.level_table(
                self._detail(),
                **where,
                parent=parent,
                names_dir=self.names_dir,
                sparklines=False,
                query=self.query,
            ),
        )
        if sparklines and not table.is_empty():
            return self.with_sparklines(table, **where, parent=parent)
        return table

    def with_sparklines(
        self,
        table: pl.DataFrame,
        *,
        month: str,
        reporter: str,
        partner: str,
        flow: str,
        parent: str | None = None,
    ) -> pl.DataFrame:
        where = {"month": month, "reporter": reporter, "partner": partner, "flow": flow}
        # Keyed on the query, not the table: the table of a query is always the same rows.
        key = ("sparklines", *where.values(), parent)
        filled = self.kept.get(
            key,
            lambda: hs.add_sparklines(
                table, self._detail(), **where, parent=parent, query=self.query
            ),
        )
        return hs.sort_table(filled, "value", descending=True)

    def code_series(
        self, code: str, *, reporter: str, partner: str, flow: str, first: str, last: str
    ) -> pl.DataFrame:
        key = ("series", code, reporter, partner, flow, first, last)
        return self.kept.get(
            key,
            lambda: hs.code_series(
                self._detail(),
                code,
                reporter=reporter,
                partner=partner,
                flow=flow,
                first=first,
                last=last,
                query=self.query,
            ),
        )

    def has_detail(self) -> bool:
        return self.kept.get(("has_detail",), lambda: hs.has_detail(self.dataset.detail))

    def facts(self) -> Facts:
        return Facts(self.dataset.notes, self.dataset.duplicates)

    def cancel(self) -> None:
        return None  # a polars query runs to its end; the screen drops its result
