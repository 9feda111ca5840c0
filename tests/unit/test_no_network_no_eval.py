"""Nothing goes to the network unless the user names a remote address, and nothing read
from data is ever evaluated.

Guards: the source holds no eval/exec/pickle/network code (read by its syntax tree);
real runs of the CLI and the app succeed with network connections and unpickling made to
fail loudly, and without reaching the remote-data module. The one deliberate exception:
``--data s3://…``, ``gs://…`` or ``https://…`` (and ``validate`` of one), which only
``tradetui.data.remote`` reads, through polars' own object-store client (tested against
a server on loopback in test_remote.py); any other address is refused unread.
"""

from __future__ import annotations

import ast
import pickle
import socket
from pathlib import Path

import pytest

from cli_runs import run
from piloting import press, settle
from tradetui.app import make_app
from tradetui.data import remote
from tradetui.screens.month import MonthScreen

SOURCE = Path(__file__).resolve().parents[2] / "src" / "tradetui"
EVALUATING_CALLS = {"eval", "exec", "compile", "__import__"}
UNSAFE_MODULES = {
    "pickle", "marshal", "shelve", "dill", "cloudpickle",  # run code on load
    "socket", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
}  # fmt: skip
# `tradetui serve` is a web server (loopback by default, see docs/serve.md): its module
# alone may use aiohttp, and only that command imports it.
ALLOWED = {"serve.py": {"aiohttp"}}


def _source_files() -> list[Path]:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 30  # the package, not an empty folder
    return files


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_source_neither_evaluates_nor_connects(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in EVALUATING_CALLS, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.split(".")[0] in ALLOWED.get(path.name, set()):
                continue
            assert name.split(".")[0] not in UNSAFE_MODULES, f"{path.name}:{node.lineno} {name}"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to connect, resolve a name or unpickle fails, and is recorded."""
    attempts: list[str] = []

    def refuse(what: str):
        def refused(*args: object, **kwargs: object) -> None:
            attempts.append(what)
            raise AssertionError(f"tradetui tried to {what}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("resolve a host name"))
    monkeypatch.setattr(socket, "create_connection", refuse("connect"))
    monkeypatch.setattr(pickle, "loads", refuse("unpickle"))
    monkeypatch.setattr(pickle, "load", refuse("unpickle"))
    monkeypatch.setattr(remote, "open_remote", refuse("read remote data"))
    return attempts


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--from", "2023-01", "--to", "2023-12"],
        ["validate"],
        ["reconcile"],
        ["check"],
    ],
    ids=lambda args: args[0],
)
def test_cli_runs_offline(
    args: list[str], offline: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *args)
    assert code in (0, 1)  # `check` exits 1 when a claim is not consistent
    assert out
    assert offline == []


def test_an_unsupported_address_is_not_fetched(
    offline: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # polars can read many kinds of address; tradetui reads only the remote data schemes.
    code, _, err = run(capsys, "validate", "ftp://example.com/trade.csv")
    assert code == 2
    assert "found the address 'ftp://example.com/trade.csv'" in err
    assert "s3://" in err
    assert err.count("\n") == 1
    assert offline == []


def test_an_export_never_goes_to_an_address(
    offline: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", "s3://bucket/out.csv")
    assert code == 2
    assert "reads local files only" in err
    assert offline == []


async def test_app_runs_offline(offline: list[str]) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MonthScreen)
        await press(pilot, "c", "escape", "escape", "s", "escape")
    assert offline == []
