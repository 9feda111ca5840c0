"""A Spark server that cannot be reached, a connection dropped mid-query and a query
cancelled: one line each, and the next query works."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import spark_tables as tables
from cli_runs import assert_one_error_line, run
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.progress import Cancelled

pytestmark = pytest.mark.spark

WHERE = {"month": "2023-09", "reporter": "CHN", "partner": "RUS", "flow": "export"}


def test_no_server_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket_free() as port:
        code, out, err = run(capsys, "summary", "--data", f"sc://127.0.0.1:{port}/t;token=s3cret")
    line = assert_one_error_line(code, out, err)
    assert "cannot reach the Spark Connect server" in line
    assert "s3cret" not in line


def test_a_missing_table_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", f"{tables.remote()}/no_such_table")
    assert "TABLE_OR_VIEW_NOT_FOUND" in assert_one_error_line(code, out, err)


def test_a_connection_dropped_mid_query_is_one_line_and_the_next_query_works(
    files: dict[str, Path], relay
) -> None:
    path = files["small"]
    spark = load_dataset(f"sc://127.0.0.1:{relay.port}/parquet.`{path}`")
    relay.drop_next()
    with pytest.raises(DataError) as failed:
        spark.aggregates.hs_rollup(**WHERE, sparklines=False)
    assert relay.dropped.is_set()  # the query's request was cut, not refused
    message = str(failed.value)
    assert len(message.splitlines()) == 1
    assert message.startswith("Spark table parquet.")
    relay.resume()
    table = spark.aggregates.hs_rollup(**WHERE, sparklines=False)
    local = load_dataset(path).aggregates.hs_rollup(**WHERE, sparklines=False)
    assert table["code"].to_list() == local["code"].to_list() == ["27", "87"]


def test_cancel_interrupts_the_query_on_the_server(files: dict[str, Path]) -> None:
    spark = load_dataset(tables.table_url(files["small"]))
    runner = spark.runner

    def endless():
        return runner.spark.range(0, 10**13, numPartitions=2).selectExpr("sum(id % 7) AS s")

    outcome: list[BaseException] = []

    def query() -> None:
        try:
            runner.collect(endless)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=query)
    thread.start()
    interrupted = 0
    deadline = time.monotonic() + 120
    # The query must reach the server before the server can interrupt it.
    while not interrupted and time.monotonic() < deadline:
        time.sleep(0.2)
        interrupted = spark.aggregates.cancel()
    thread.join(60)
    assert interrupted >= 1  # operations the server reported interrupted by their tag
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    # The session is still usable.
    assert spark.aggregates.hs_rollup(**WHERE, sparklines=False)["code"].to_list() == ["27", "87"]


class socket_free:
    """A loopback port nobody listens on."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def __exit__(self, *_: object) -> None:
        return None
