"""The web server of `tradetui serve`: textual-serve runs the explorer for each browser tab.

The one module of tradetui that listens on a socket (loopback unless --host says
otherwise); the CLI imports it only for `serve`, so plain `tradetui` never loads aiohttp.
See docs/serve.md.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import platform
import signal

from aiohttp import web
from textual_serve.server import Server

# Seconds ctrl+c waits for the browsers' apps to quit before the server stops anyway.
STOP_SECONDS = 5.0


def url_host(host: str) -> str:
    """HOST as written in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # another name may resolve to any address


def public_url(host: str, port: int) -> str:
    """Where browsers reach HOST:PORT; a wildcard address is no place to connect to."""
    try:
        wildcard = host == "" or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    return f"http://{url_host(platform.node() if wildcard else host)}:{port}"


class WebServer(Server):
    """textual-serve's Server; ``run()`` serves until ctrl+c or SIGTERM.

    Changed from textual-serve: its banner goes (``announce`` is printed once the port is
    bound), requests are not logged, and stopping closes the open tabs at once.
    """

    def __init__(
        self, command: str, host: str, port: int, url: str, title: str, announce: str
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=url)
        self.announce = announce
        self.sessions: set[asyncio.Task[object]] = set()

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve prints a banner here, before the port is bound

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # Kept so that stopping can end the tabs: aiohttp would wait for their sockets.
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        # A cancelled tab asks its app to quit, waits for it, then closes the socket.
        sessions = set(self.sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=STOP_SECONDS)

    def run(self) -> None:
        """Serve until ctrl+c or SIGTERM; OSError when the address cannot be listened on."""
        logging.basicConfig(level=logging.WARNING, format="tradetui serve: %(message)s")
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)  # ends run_app cleanly

        def bound(*_: object) -> None:
            print(self.announce, flush=True)

        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            loop=loop,
            handle_signals=False,
            access_log=None,
            print=bound,
            shutdown_timeout=STOP_SECONDS,
        )
