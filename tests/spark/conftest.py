"""Fixtures of the tests against a real Spark Connect server (marker ``spark``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import spark_tables as tables


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Parquet files both backends read: {name: path}."""
    folder = tmp_path_factory.mktemp("spark-tables")
    return {
        "small": tables.small(folder / _new(folder, "small")),
        "varied": tables.varied(folder / _new(folder, "varied")),
        "typed": tables.typed(folder / _new(folder, "typed")),
    }


def _new(folder: Path, name: str) -> str:
    (folder / name).mkdir()
    return name


@pytest.fixture
def relay():
    """A relay to the test server whose connections a test can drop (tests/spark_proxy.py)."""
    from urllib.parse import urlsplit

    from spark_proxy import Relay

    address = urlsplit(tables.remote().replace("sc://", "http://", 1))
    found = Relay(address.hostname or "127.0.0.1", address.port or 15002)
    yield found
    found.close()
