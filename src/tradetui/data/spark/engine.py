"""The aggregate seam answered by a Spark cluster through Spark Connect.

``load_spark("sc://host:15002/TABLE;token=…")`` connects, asks the cluster for the sums
of a UN Comtrade table by its key columns (one ``groupBy`` over every row; a few
thousand rows come back as Arrow) and builds the trade table from them with comtrade's
own rules. The HS drill-down runs on the cluster too (tradetui.data.spark.hs). No raw
row ever reaches this machine.

Every query runs under its own tag, in a thread the caller waits on: ``escape`` while a
table loads (:meth:`SparkAggregates.cancel`, or the loading screen's Progress) interrupts
the query on the server by its tag. A failed or dropped connection is one line
(DataError); the next query connects again.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

import polars as pl

from tradetui.data import comtrade, schema, sources
from tradetui.data.engine import LocalAggregates
from tradetui.data.errors import DataError, first_line
from tradetui.data.load import Dataset
from tradetui.data.progress import SILENT, Cancelled, Progress
from tradetui.data.spark_url import SparkTable, hide_token, parse
from tradetui.data.validate import EVENT_OUTPUT_COLUMNS

POLL_S = 0.1
# A dropped server is said after about two seconds, not after the client's ten minutes; a
# server back again is reached (gRPC waits about a second before it reconnects).
RETRIES, MAX_BACKOFF_MS = 4, 1000

with warnings.catch_warnings():
    # pyspark warns on import about pandas versions; tradetui never uses pandas from it.
    warnings.simplefilter("ignore", FutureWarning)
    import grpc
    from pyspark.errors import PySparkException
    from pyspark.logger import PySparkLogger
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.connect.client.retries import DefaultPolicy

    from tradetui.data.spark.comtrade import SparkLayout
    from tradetui.data.spark.hs import SparkDetail, level_query

T = TypeVar("T")
_SPARK_ERRORS = (PySparkException, grpc.RpcError, OSError)
# The client warns before it gives up on a server, and logs a failed query with its JVM
# stack to stderr; the one line of the DataError that follows says it.
warnings.filterwarnings("ignore", message=r"\[RETRIES_EXCEEDED\]")
PySparkLogger.getLogger("SQLQueryContextLogger").disabled = True


def reason(exc: BaseException) -> str:
    """Why a Spark call failed, in one line without the token."""
    # pyspark wraps a transport error, keeping the gRPC one as its context.
    if not isinstance(exc, grpc.RpcError) and isinstance(exc.__context__, grpc.RpcError):
        exc = exc.__context__
    if isinstance(exc, grpc.RpcError) and callable(getattr(exc, "code", None)):
        code, details = exc.code(), first_line(exc.details() or "")  # type: ignore[attr-defined]
        if code == grpc.StatusCode.UNAVAILABLE:
            text = f"cannot reach the Spark Connect server ({details})"
        else:
            text = f"{code.name.lower()}: {details}"
    else:
        text = first_line(exc) or type(exc).__name__
    return hide_token(text)


class Runner:
    """Runs Spark queries to Arrow, each under its own tag, cancellable from any thread."""

    def __init__(self, spark: SparkSession, where: SparkTable) -> None:
        self.spark = spark
        self.where = where
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._interrupted: set[str] = set()

    def error(self, exc: BaseException) -> DataError:
        return DataError(f"{self.where.describe()}: {reason(exc)}")

    def collect(
        self, build: Callable[[], DataFrame], cancelled: Callable[[], bool] | None = None
    ) -> pl.DataFrame:
        """The rows of the query ``build()`` makes, as polars (through Arrow)."""
        table = self.run(lambda: build().toArrow(), cancelled)
        return pl.from_arrow(table)  # type: ignore[return-value]

    def run(self, call: Callable[[], T], cancelled: Callable[[], bool] | None = None) -> T:
        """``call()`` on a thread of its own under a new tag, waited on here; Cancelled
        when ``cancelled()`` turns true or :meth:`cancel` stops it, DataError when Spark
        fails. Plans are built there too: building one may ask the server (a conf)."""
        tag = f"tradetui-{uuid.uuid4().hex}"
        found: dict[str, object] = {}

        def run() -> None:
            self.spark.addTag(tag)  # tags are per thread in the Spark Connect client
            try:
                found["result"] = call()
            except BaseException as exc:
                found["error"] = exc
            finally:
                self.spark.removeTag(tag)

        with self._lock:
            self._running.add(tag)
        thread = threading.Thread(target=run, name=tag, daemon=True)
        thread.start()
        try:
            while thread.is_alive():
                thread.join(POLL_S)
                if cancelled is not None and cancelled() and thread.is_alive():
                    self._interrupt([tag])
                    raise Cancelled
        finally:
            with self._lock:
                self._running.discard(tag)
                stopped = tag in self._interrupted
                self._interrupted.discard(tag)
        if stopped:
            raise Cancelled
        if "error" in found:
            error = found["error"]
            if isinstance(error, _SPARK_ERRORS):
                raise self.error(error)  # type: ignore[arg-type]
            raise error  # type: ignore[misc]
        return found["result"]  # type: ignore[return-value]

    def cancel(self) -> int:
        """Interrupt every query under way; the number the server interrupted."""
        with self._lock:
            tags = list(self._running)
        return self._interrupt(tags)

    def _interrupt(self, tags: list[str]) -> int:
        with self._lock:
            self._interrupted.update(tags)
        stopped = 0
        for tag in tags:
            # A server that is gone has stopped the query already.
            with contextlib.suppress(*_SPARK_ERRORS):
                stopped += len(self.spark.interruptTag(tag) or ())
        return stopped


@dataclass(frozen=True)
class SparkDataset(Dataset):
    """A dataset whose trade table was summed by a cluster and whose detail stays there."""

    runner: Runner | None = None

    @cached_property
    def aggregates(self) -> SparkAggregates:
        return SparkAggregates(self)


class SparkAggregates(LocalAggregates):
    """The pair ranking and a pair's months from the summed trade table (a few thousand
    rows, here); HS levels, sparklines and series computed by the cluster."""

    query = staticmethod(level_query)

    def has_detail(self) -> bool:
        return self._detail().rows > 0  # counted by the sums: no query

    def cancel(self) -> int:
        """Interrupt the queries under way on the server; how many it interrupted."""
        runner = self.dataset.runner  # type: ignore[attr-defined]
        return runner.cancel() if runner is not None else 0


def connect(where: SparkTable) -> SparkSession:
    try:
        spark = SparkSession.builder.remote(where.remote).create()
    except (*_SPARK_ERRORS, ValueError) as exc:
        raise DataError(f"{where.describe()}: {reason(exc)}") from None
    policy = DefaultPolicy(max_retries=RETRIES, max_backoff=MAX_BACKOFF_MS)
    spark.client.set_retry_policies([policy])
    return spark


def load_spark(text: str, progress: Progress = SILENT) -> SparkDataset:
    """The dataset of a Comtrade-shaped table on a Spark Connect server (module doc)."""
    where = parse(text)
    runner = Runner(connect(where), where)
    name = where.describe()
    table = runner.run(lambda: runner.spark.table(where.table))
    dtypes = dict(runner.collect(lambda: table.limit(0)).schema)
    named = comtrade.canonical(pl.LazyFrame(schema=dtypes))
    frame = runner.run(lambda: table.toDF(*named.collect_schema().names()))
    layout = SparkLayout(comtrade._layout(named, name))
    progress.step(0, None, "rows")
    sums = runner.collect(lambda: layout.sums(frame), progress.cancelled)
    if sums.is_empty():
        raise DataError(f"{name}: has no rows")
    if comtrade.has_bad_rows(sums, layout.layout):
        raise DataError(
            f"{name}: rows that cannot be used: a period not YYYYMM or YYYY, an empty "
            "country code, or a primaryValue that is not a number from 0 to 1e15"
        )
    trade, notes, hs_rows = comtrade.trade_from_sums(
        comtrade.normalised_sums(sums, layout.layout), name
    )
    detail = SparkDetail(
        months=lambda first, last: layout.detail(layout.month_filter(frame, first, last)),
        collect=runner.collect,
        rows=hs_rows,
    )
    return SparkDataset(
        trade=trade.lazy(),
        events=pl.LazyFrame(schema=EVENT_OUTPUT_COLUMNS),
        commodities=pl.LazyFrame(schema=schema.COMMODITY_COLUMNS),
        published=pl.LazyFrame(schema=schema.PUBLISHED_COLUMNS),
        origin=name,
        missing=("events", "commodities", "published figures"),
        detail=detail,  # type: ignore[arg-type]
        source_format=sources.FORMAT_COMTRADE,
        notes=tuple(notes),
        runner=runner,
    )
