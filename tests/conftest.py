"""Every test runs with its own empty home, config, state and cache folders, never the
user's nor another test's (the tests run in parallel: pytest-xdist).

A test that leaves a crash log in its state folder fails: an error the app survived (a
worker's, shown as one line) is still a bug. Tests that write logs on purpose point
XDG_STATE_HOME elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield home
    logs = sorted((home / "state" / "tradetui" / "log").glob("crash-*.log"))
    if logs:
        pytest.fail(f"the test left a crash log:\n{logs[0].read_text()}")
