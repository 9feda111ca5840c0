"""`tradetui serve`: the explorer served to web browsers by textual-serve, on loopback.

The server runs as a real process (`python -m tradetui serve`) on a free loopback port, in
its own process group so that the tests stop it as ctrl+c in a terminal does: SIGINT to
the server and to the apps it started. A test that fails still ends that group.
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from cli_runs import HEADER, assert_one_error_line, run
from tradetui import cli, serve

# Bounds, not waits: a start, a first frame or a stop on a slow shared machine.
DEADLINE = 60.0
POLL = 0.05  # seconds between two tries while waiting for the server
# CSI and OSC sequences, so the terminal stream the page receives can be searched as text.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    out: Path
    err: Path

    def stdout(self) -> str:
        return self.out.read_text()

    def stderr(self) -> str:
        return self.err.read_text()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def token(self) -> str:
        """The token of the address the server printed, once it has printed it."""
        deadline = time.monotonic() + DEADLINE
        while not (found := re.search(r"\?token=([A-Za-z0-9_-]+) ", self.stdout())):
            code = self.process.poll()
            assert code is None, f"the server exited with {code}: {self.stderr()}"
            assert time.monotonic() < deadline, "the server printed no address in time"
            await asyncio.sleep(POLL)
        return found[1]

    async def socket(
        self, session: aiohttp.ClientSession, path: str, **headers: str
    ) -> aiohttp.ClientWebSocketResponse:
        """A websocket to PATH as this server's own page opens it (its Origin) unless told."""
        headers.setdefault("Origin", self.origin)
        url = f"ws://127.0.0.1:{self.port}{path}?width=120&height=40"
        return await session.ws_connect(url, headers=headers)

    async def stop(self) -> int:
        """ctrl+c as a terminal sends it (to the whole group); the exit code."""
        os.killpg(self.process.pid, signal.SIGINT)
        deadline = time.monotonic() + DEADLINE
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the server did not stop on ctrl+c"
            await asyncio.sleep(POLL)
        return self.process.returncode


@asynccontextmanager
async def serving(
    tmp_path: Path, *args: str, serve_args: tuple[str, ...] = ()
) -> AsyncIterator[Served]:
    """`tradetui ARGS serve --port P SERVE_ARGS` on a free port P, ended however the test ends."""
    port = free_port()
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    # Files, not pipes: nothing can block on a full pipe while the test waits.
    with out.open("wb") as out_file, err.open("wb") as err_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "tradetui", *args, "serve", "--port", str(port), *serve_args],
            stdin=subprocess.DEVNULL,
            stdout=out_file,
            stderr=err_file,
            start_new_session=True,
        )
    try:
        yield Served(process, port, out, err)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def fetch_page(
    session: aiohttp.ClientSession, served: Served, query: str = "", **headers: str
) -> tuple[int, str]:
    """GET /QUERY once the server answers (status, body); fails if it exits or takes too long."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            url = f"http://127.0.0.1:{served.port}/{query}"
            async with session.get(url, headers=headers) as response:
                return response.status, await response.text()
        except aiohttp.ClientConnectionError:
            code = served.process.poll()
            assert code is None, f"the server exited with {code}: {served.stderr()}"
            assert time.monotonic() < deadline, "the server did not answer in time"
            await asyncio.sleep(POLL)


async def refused_socket(
    session: aiohttp.ClientSession, served: Served, path: str, **headers: str
) -> int:
    """The HTTP status a websocket to PATH is refused with (the test fails if it opens)."""
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.socket(session, path, **headers)
    return refused.value.status


async def screen_text(websocket: aiohttp.ClientWebSocketResponse, *wanted: str) -> str:
    """The terminal output the app sends, as text, until every ``wanted`` string is in it."""
    deadline = time.monotonic() + DEADLINE
    received = b""
    while True:
        text = ANSI.sub("", received.decode("utf-8", "replace"))
        if all(word in text for word in wanted):
            return text
        left = deadline - time.monotonic()
        assert left > 0, f"the app never showed {wanted}; it showed {text[-2000:]!r}"
        # Not receive(timeout=): the server's heartbeat pings would restart that timeout.
        try:
            async with asyncio.timeout(left):
                message = await websocket.receive()
        except TimeoutError:
            message = None
        assert message is not None, f"the app never showed {wanted}; it showed {text[-3000:]!r}"
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data


async def until_closed(websocket: aiohttp.ClientWebSocketResponse) -> int | None:
    """Read (as a browser does, answering the close) until the server closes; its code."""
    async for _ in websocket:
        pass
    return websocket.close_code


def children(pid: int) -> set[int]:
    """The processes whose parent is PID (zombies too: a child not yet reaped is not gone)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended while we looked
            continue
        # After the name (in parentheses, which may hold anything): state, parent, ...
        if int(text.rpartition(")")[2].split()[1]) == pid:
            found.add(int(stat.parent.name))
    return found


async def until_gone(pids: set[int]) -> None:
    deadline = time.monotonic() + DEADLINE
    while left := pids & {int(p.name) for p in Path("/proc").glob("[0-9]*")}:
        assert time.monotonic() < deadline, f"processes {left} outlived their socket"
        await asyncio.sleep(POLL)


def trade_csv(path: Path) -> Path:
    rows = []
    for year in (2022, 2023):
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            rows.append(f"{period},{period},DEU,FRA,export,{1 + month / 10},USD bn\n")
            rows.append(f"{period},{period},DEU,FRA,import,{2 + month / 10},USD bn\n")
    path.write_text(HEADER + "".join(rows))
    return path


async def test_serve_answers_on_loopback_runs_the_app_and_stops_cleanly_on_ctrl_c(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        token = await served.token()
        status, page = await fetch_page(session, served, f"?token={token}")
        assert status == 200
        # textual-serve's page, named for tradetui, whose terminal connects back here.
        assert "js/textual.js" in page
        assert re.search(r"<div>\s*tradetui\s*</div>", page), page
        socket_url = re.search(r'data-session-websocket-url="([^"]+)"', page)
        assert socket_url is not None
        assert socket_url[1] == f"ws://127.0.0.1:{served.port}/ws/{token}"
        assert served.stdout() == (
            f"tradetui: serving the explorer at http://127.0.0.1:{served.port}/?token={token} "
            "(each browser tab runs its own); press ctrl+c to stop\n"
        )
        assert len(token) >= 43  # 32 random bytes

        # The page's websocket, from the page's origin: the app starts and draws its panes.
        async with await served.socket(session, f"/ws/{token}") as websocket:
            text = await screen_text(websocket, "[1] Trade", "[2] Events", "[3] Metrics", "China")
            assert "Traceback" not in text
            # ctrl+c with the tab open: the app is told to quit and the tab is closed.
            closed = asyncio.create_task(until_closed(websocket))
            assert await served.stop() == 0
            assert await asyncio.wait_for(closed, DEADLINE) == aiohttp.WSCloseCode.OK
        assert served.stderr() == ""
        assert "Traceback" not in served.stdout()


async def test_serve_runs_the_explorer_on_the_data_given(tmp_path: Path) -> None:
    data = trade_csv(tmp_path / "my trade's.csv")  # a space and a quote survive the shell
    async with (
        serving(tmp_path, "--data", str(data)) as served,
        aiohttp.ClientSession() as session,
    ):
        token = await served.token()
        async with await served.socket(session, f"/ws/{token}") as websocket:
            text = await screen_text(websocket, "[1] Trade", "Germany→France", "France→Germany")
            assert "China" not in text
        assert await served.stop() == 0
        assert served.stderr() == ""


async def test_a_websocket_from_another_sites_page_is_refused(tmp_path: Path) -> None:
    # Cross-site websocket hijacking: any page the user visits may open this websocket.
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        path = f"/ws/{await served.token()}"
        for origin in (
            "http://evil.example",
            f"http://evil.example:{served.port}",
            "http://127.0.0.1:9",  # another server on this machine
            f"http://127.0.0.1:{served.port}.evil.example",
            "null",  # a sandboxed frame or a file:// page
        ):
            assert await refused_socket(session, served, path, Origin=origin) == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as no_origin:
            await session.ws_connect(f"ws://127.0.0.1:{served.port}{path}")
        assert no_origin.value.status == 403
        assert children(served.process.pid) == set()  # no explorer was started
        assert "refused a websocket from origin 'http://evil.example'" in served.stderr()


async def test_a_forged_host_is_refused(tmp_path: Path) -> None:
    # DNS rebinding: a page of evil.example, its name now pointing at 127.0.0.1, says so.
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        token = await served.token()
        for host in (f"evil.example:{served.port}", "127.0.0.1:9", "evil.example", "127.0.0.1"):
            status, page = await fetch_page(session, served, f"?token={token}", Host=host)
            assert (status, "own address" in page) == (403, True), host
            status, _ = await fetch_page(session, served, "static/js/textual.js", Host=host)
            assert status == 403
            refused = await refused_socket(
                session, served, f"/ws/{token}", Host=host, Origin=f"http://{host}"
            )
            assert refused == 403
        # The other names of loopback reach the same server, and its page names them.
        for host in (f"localhost:{served.port}", f"[::1]:{served.port}"):
            status, page = await fetch_page(session, served, f"?token={token}", Host=host)
            assert status == 200, host
            assert f'data-session-websocket-url="ws://{host}/ws/{token}"' in page
        assert children(served.process.pid) == set()


async def test_without_the_token_the_page_and_the_websocket_are_refused(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        token = await served.token()
        for query in ("", "?token=", "?token=wrong", f"?token={token[:-1]}", f"?x={token}"):
            status, page = await fetch_page(session, served, query)
            assert (status, "needs the token" in page) == (403, True), query
        for path in ("/ws", "/ws/", "/ws/wrong", f"/ws/{token}x", f"/ws/{token.upper()}"):
            assert await refused_socket(session, served, path) in (403, 404), path
        assert await refused_socket(session, served, "/ws/wrong") == 403
        assert await refused_socket(session, served, "/ws") == 403
        assert children(served.process.pid) == set()
        status, _ = await fetch_page(session, served, f"?token={token}")
        assert status == 200


async def test_no_token_serves_without_it_and_says_so_loudly(tmp_path: Path) -> None:
    async with (
        serving(tmp_path, serve_args=("--no-token",)) as served,
        aiohttp.ClientSession() as session,
    ):
        status, page = await fetch_page(session, served)
        assert status == 200
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        assert served.stderr() == (
            f"tradetui: warning: --no-token: anyone who can open http://127.0.0.1:{served.port} "
            "can use the explorer; only run it so behind a proxy that checks who connects\n"
        )
        assert "token" not in served.stdout()
        # The Host and Origin checks stay.
        status, _ = await fetch_page(session, served, Host="evil.example")
        assert status == 403
        assert await refused_socket(session, served, "/ws", Origin="http://evil.example") == 403


async def test_static_files_are_served_but_no_folder_is_listed(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        await served.token()
        for folder in ("static/", "static/js/", "static/js", "static/fonts/", "static/../"):
            status, page = await fetch_page(session, served, folder)
            assert status in (403, 404), folder
            assert "textual.js" not in page and "Index of" not in page
        status, script = await fetch_page(session, served, "static/js/textual.js")
        assert status == 200
        assert "WebSocket" in script


async def test_a_tabs_explorer_ends_when_its_socket_closes(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        token = await served.token()
        for _ in range(2):  # twice: the first tab's end leaves the server serving
            websocket = await served.socket(session, f"/ws/{token}")
            await screen_text(websocket, "[1] Trade")
            apps = children(served.process.pid)
            assert len(apps) == 1
            await websocket.close()  # the tab closes
            await until_gone(apps)
        assert await served.stop() == 0
        assert served.stderr() == ""


@pytest.mark.parametrize("message", ["not json", '["stdin", 5]', '["resize", {}]'])
async def test_a_tab_sending_what_is_not_textual_serves_is_closed_and_its_app_ended(
    tmp_path: Path, message: str
) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
        websocket = await served.socket(session, f"/ws/{await served.token()}")
        await screen_text(websocket, "[1] Trade")
        apps = children(served.process.pid)
        await websocket.send_str(message)
        await asyncio.wait_for(until_closed(websocket), DEADLINE)
        await until_gone(apps)
        assert await served.stop() == 0
        (line,) = served.stderr().splitlines()
        assert line.startswith("tradetui serve: closed a tab after an error: ")
        assert "Traceback" not in served.stdout()


async def test_tabs_beyond_max_sessions_get_a_page_saying_the_limit_was_reached(
    tmp_path: Path,
) -> None:
    async with (
        serving(tmp_path, serve_args=("--max-sessions", "1")) as served,
        aiohttp.ClientSession() as session,
    ):
        token = await served.token()
        first = await served.socket(session, f"/ws/{token}")
        await screen_text(first, "[1] Trade")
        status, page = await fetch_page(session, served, f"?token={token}")
        assert status == 503
        assert "The limit of open explorers was reached" in page
        assert "at most 1 explorer at once (--max-sessions 1), and all are in use" in page
        assert await refused_socket(session, served, f"/ws/{token}") == 503
        assert len(children(served.process.pid)) == 1
        # Closing the tab frees its place.
        apps = children(served.process.pid)
        await first.close()
        await until_gone(apps)
        async with await served.socket(session, f"/ws/{token}") as second:
            await screen_text(second, "[1] Trade")
        assert await served.stop() == 0


@pytest.mark.parametrize("count", ["0", "65", "-1", "many", "2.5", ""])
def test_a_bad_max_sessions_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], count: str
) -> None:
    line = assert_one_error_line(*run(capsys, "serve", "--max-sessions", count))
    assert line == (
        f"tradetui: error: argument --max-sessions: found '{count}', expected a whole number "
        "from 1 to 64; see 'tradetui serve --help'"
    )


async def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "tradetui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
    line = assert_one_error_line(done.returncode, done.stdout, done.stderr)
    assert line == (
        f"tradetui: error: cannot serve on 127.0.0.1:{port}: the port is in use; "
        "pick another with --port"
    )


def test_a_host_not_on_loopback_is_warned_about(tmp_path: Path) -> None:
    # 192.0.2.1 is reserved for documentation: no machine has it, so binding fails and
    # nothing listens beyond loopback; the warning comes before the bind.
    done = subprocess.run(
        [sys.executable, "-m", "tradetui", "serve", "--host", "192.0.2.1", "--port", "8000"],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    warning, error = done.stderr.splitlines()
    assert warning == (
        "tradetui: warning: --host 192.0.2.1 is not loopback: anyone who can reach this "
        "machine on port 8000 can use the explorer and read its data"
    )
    assert error.startswith("tradetui: error: cannot serve on 192.0.2.1:8000 (")


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_a_bad_port_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], port: str) -> None:
    line = assert_one_error_line(*run(capsys, "serve", "--port", port))
    assert line == (
        f"tradetui: error: argument --port: found '{port}', expected a whole number from 1 "
        "to 65535; see 'tradetui serve --help'"
    )


def test_missing_data_is_one_line_and_exit_2_before_serving(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    port = free_port()
    missing = tmp_path / "nope.csv"
    line = assert_one_error_line(*run(capsys, "serve", "--port", str(port), "--data", str(missing)))
    assert line.startswith("tradetui: error: ")
    assert str(missing) in line
    assert "no such file" in line
    with socket.socket() as probe:  # nothing was left listening
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize(
    "url",
    [
        "myhost:8000",
        "ftp://myhost",
        "http://",
        "http://myhost:port",
        "http://myhost:70000",
        "http://me@myhost",
        "http://my host",
    ],
)
def test_bad_public_url_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    line = assert_one_error_line(*run(capsys, "serve", "--public-url", url))
    assert f"--public-url: found '{url}', expected an http:// or https:// address" in line


def test_serve_defaults_to_loopback_port_8000() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public_url) == ("127.0.0.1", 8000, None)
    assert (args.max_sessions, args.no_token) == (4, False)
    assert args.run is cli._serve


def test_the_address_browsers_are_given() -> None:
    assert serve.default_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.default_url("::1", 8080) == "http://[::1]:8080"
    # A wildcard address is not one to connect to: the machine's name stands in for it.
    assert serve.default_url("0.0.0.0", 8000) == f"http://{platform.node()}:8000"
    assert serve.default_url("::", 8000) == f"http://{platform.node()}:8000"


def test_plain_tradetui_does_not_import_textual_serve() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from tradetui import cli; cli.build_parser().parse_args([]); "
            "print(sorted(m for m in sys.modules if m.startswith(('textual_serve', 'aiohttp'))))",
        ],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=True,
    )
    assert done.stdout == "[]\n"
