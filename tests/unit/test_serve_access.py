"""Who may use `tradetui serve`: the Host, Origin and token checks, and a tab's app ending.

The checks one header value at a time (tests/unit/test_serve.py runs them in a real server).
"""

from __future__ import annotations

import asyncio
import platform
import sys

import pytest
from textual_serve.download_manager import DownloadManager

from tradetui.serve_access import Access, is_loopback, new_token
from tradetui.serve_session import AppSession

LOOPBACK = Access.of("127.0.0.1", 8000, None, "secret")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.5", False),
        ("myhost.lan", False),
    ],
)
def test_which_hosts_count_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "LocalHost:8000", "[::1]:8000"]
)
def test_loopback_answers_to_its_own_names_on_its_port(host: str) -> None:
    assert LOOPBACK.host_ok(host)


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        "evil.example:8000",  # DNS rebinding: the attacker's name, pointed at 127.0.0.1
        "evil.example",
        "127.0.0.1",  # port 80, another server
        "127.0.0.1:8001",
        "localhost:8001",
        "localhost.:8000",
        "127.0.0.2:8000",  # loopback, but not the address served
        "127.0.0.1:8000.evil.example",
        "127.0.0.1:8000@evil.example",
        "192.168.1.5:8000",
    ],
)
def test_any_other_host_is_refused(host: str | None) -> None:
    assert not LOOPBACK.host_ok(host)


def test_a_named_host_answers_to_that_name_only() -> None:
    access = Access.of("192.168.1.5", 8000, None, None)
    assert access.host_ok("192.168.1.5:8000")
    assert not access.host_ok("localhost:8000")
    assert not access.host_ok("192.168.1.6:8000")


def test_port_80_is_named_with_or_without_its_number() -> None:
    access = Access.of("127.0.0.1", 80, None, None)
    assert access.host_ok("127.0.0.1") and access.host_ok("127.0.0.1:80")
    assert access.host_ok("localhost")


def test_a_wildcard_answers_to_ip_literals_and_the_machines_name_on_its_port() -> None:
    access = Access.of("0.0.0.0", 8000, None, None)
    for host in ("10.1.2.3:8000", "[fe80::1]:8000", f"{platform.node()}:8000", "localhost:8000"):
        assert access.host_ok(host), host
    for host in (
        "10.1.2.3:8001",
        "10.1.2.3",
        "evil.example:8000",
        "[fe80::1]",
        "[fe80::1%<a>]:8000",
    ):
        assert not access.host_ok(host), host


def test_the_public_url_is_a_name_of_the_server() -> None:
    access = Access.of("127.0.0.1", 8000, "https://Trade.Example.lan", None)
    assert access.host_ok("trade.example.lan") and access.host_ok("trade.example.lan:443")
    assert access.origin_ok("https://trade.example.lan", "trade.example.lan")
    assert not access.host_ok("trade.example.lan:8000")
    ipv6 = Access.of("127.0.0.1", 8000, "http://[fd00::5]:8080", None)
    assert ipv6.host_ok("[fd00::5]:8080")
    behind = Access.of("127.0.0.1", 8000, "http://proxy.lan:8080/tradetui", None)
    assert behind.host_ok("proxy.lan:8080") and not behind.host_ok("proxy.lan")


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://[::1]:8000",
        "HTTP://LOCALHOST:8000",
    ],
)
def test_a_page_of_this_server_may_open_its_websocket(origin: str) -> None:
    assert LOOPBACK.origin_ok(origin, "127.0.0.1:8000")


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "",
        "null",
        "http://evil.example",
        "http://evil.example:8000",
        "http://127.0.0.1:8001",
        "http://127.0.0.1",
        "file://",
        "ws://127.0.0.1:8000",
        "http://127.0.0.1:8000/path",
        "127.0.0.1:8000",
    ],
)
def test_a_page_of_any_other_origin_may_not(origin: str | None) -> None:
    assert not LOOPBACK.origin_ok(origin, "127.0.0.1:8000")


def test_on_a_wildcard_the_origin_must_be_the_address_the_browser_used() -> None:
    access = Access.of("0.0.0.0", 8000, None, None)
    assert access.origin_ok("http://10.1.2.3:8000", "10.1.2.3:8000")
    # Another machine's page on the same port is not this server.
    assert not access.origin_ok("http://10.9.9.9:8000", "10.1.2.3:8000")


def test_the_token_must_match_exactly() -> None:
    token = new_token()
    access = Access.of("127.0.0.1", 8000, None, token)
    assert access.token_ok(token)
    for given in (None, "", token[:-1], token + "x", token.upper(), "é" + token[1:]):
        assert not access.token_ok(given), given
    assert new_token() != token and len(token) == 43
    assert Access.of("127.0.0.1", 8000, None, None).token_ok(None)  # --no-token


async def test_an_app_that_does_not_quit_is_ended_when_its_tab_closes() -> None:
    # An app that announces itself as textual-serve's apps do, then ignores the quit
    # request and SIGTERM: the session must still end it.
    stubborn = (
        "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('__GANGLION__', flush=True); time.sleep(600)"
    )
    sent: list[bytes] = []

    async def write_bytes(data: bytes) -> None:
        sent.append(data)

    async def write_str(text: str) -> None:
        pass

    async def close() -> None:
        pass

    session = AppSession(
        [sys.executable, "-c", stubborn],
        quit_seconds=0.5,
        write_bytes=write_bytes,
        write_str=write_str,
        close=close,
        download_manager=DownloadManager(),
    )
    await session.start(80, 24)
    process = session.process
    assert process is not None and process.returncode is None
    await asyncio.wait_for(session.stop(), 30)
    assert process.returncode == -9  # SIGTERM ignored, so killed
