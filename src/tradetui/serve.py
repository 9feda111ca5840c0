"""The web server of `tradetui serve`: textual-serve runs the explorer for each browser tab.

The one module of tradetui that listens on a socket (loopback unless --host says
otherwise); the CLI imports it only for `serve`, so plain `tradetui` never loads aiohttp.
Every request must name this server in its Host; the page and its websocket need the
token of this start; a websocket must come from this server's own page (Origin); at most
--max-sessions tabs run at once. See docs/serve.md.
"""

from __future__ import annotations

import asyncio
import html
import logging
import platform
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tradetui.serve_access import Access, is_wildcard, new_token, url_host
from tradetui.serve_session import QUIT_SECONDS, AppSession

# Seconds ctrl+c waits for the browsers' apps to quit (or be ended) before stopping anyway.
STOP_SECONDS = 4 * QUIT_SECONDS
log = logging.getLogger("tradetui.serve")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body style="background:#0c181f;color:#eee;font-family:monospace;padding:2em">
<h1>{title}</h1><p>{message}</p></body></html>
"""


def default_url(host: str, port: int) -> str:
    """Where browsers reach HOST:PORT; a wildcard address is no place to connect to."""
    return f"http://{url_host(platform.node() if is_wildcard(host) else host)}:{port}"


def refusal(status: int, title: str, message: str) -> web.Response:
    """A short page saying why: the browser shows it, curl prints it."""
    text = PAGE.format(title=html.escape(title), message=html.escape(message))
    return web.Response(status=status, text=text, content_type="text/html")


def quoted(value: str | None) -> str:
    """A header value for the server's log: short, and control characters escaped."""
    return "none" if value is None else repr(value[:80])


class WebServer(Server):
    """textual-serve's Server with the checks above; ``run()`` serves until ctrl+c or SIGTERM.

    Changed from textual-serve besides the checks: its banner goes (``announce`` is printed
    once the port is bound), requests are not logged, /static/ lists no folder, each tab's
    app runs without a shell and ends with its socket, and stopping closes the tabs at once.
    """

    def __init__(
        self,
        argv: list[str],
        host: str,
        port: int,
        access: Access,
        public_url: str | None,
        max_sessions: int,
        title: str,
    ) -> None:
        self.given_url = public_url  # None: pages name the address the browser used
        url = public_url or default_url(host, port)
        super().__init__(argv[0], host=host, port=port, title=title, public_url=url)
        self.argv = argv
        self.access = access
        self.max_sessions = max_sessions
        self.sessions: set[asyncio.Task[object]] = set()

    def page_url(self) -> str:
        """The address to open, with this start's token."""
        token = self.access.token
        return f"{self.public_url}/" + (f"?token={token}" if token else "")

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.only_this_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def only_this_host(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # DNS rebinding: a page of another site whose name now points here says so in Host.
        host = request.headers.get("Host")
        if not self.access.host_ok(host):
            log.warning("refused a request for host %s", quoted(host))
            return refusal(
                403, "Forbidden", f"This server answers only at its own address: {self.public_url}"
            )
        return await handler(request)

    def bad_token(self, given: str | None) -> web.Response | None:
        if self.access.token_ok(given):
            return None
        return refusal(
            403,
            "Forbidden",
            "This address needs the token of this server: open the address "
            "`tradetui serve` printed, ?token=… included.",
        )

    def full(self) -> web.Response | None:
        if len(self.sessions) < self.max_sessions:
            return None
        most = self.max_sessions
        return refusal(
            503,
            "The limit of open explorers was reached",
            f"This server runs at most {most} explorer{'s' if most > 1 else ''} at once "
            f"(--max-sessions {most}), and all are in use. Close a tab that runs one, "
            "then reload.",
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refused = self.bad_token(request.query.get("token")) or self.full()
        if refused is not None:
            return refused
        base = self.given_url or f"http://{request.headers['Host']}"
        socket = "ws" + base.removeprefix("http")  # http → ws, https → wss
        token = self.access.token
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{socket}/ws" + (f"/{token}" if token else ""),
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        # The token is in this page's address: no other site learns it, no cache keeps it.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        # Cross-site websocket hijacking: any page may open a websocket here; browsers
        # always say which page did, in Origin.
        origin = request.headers.get("Origin")
        if not self.access.origin_ok(origin, request.headers["Host"]):
            log.warning("refused a websocket from origin %s", quoted(origin))
            return refusal(403, "Forbidden", "A websocket from another site's page.")
        refused = self.bad_token(request.match_info.get("token")) or self.full()
        if refused is not None:
            return refused
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)  # counted from here, with no await before: no race
        try:
            return await self.run_session(request)
        finally:
            self.sessions.discard(task)

    async def run_session(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its app runs while the socket is open, and ends when it closes."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: AppSession | None = None
        try:
            await websocket.prepare(request)
            session = AppSession(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:  # the server stops
            pass
        except Exception as error:  # e.g. a message that is not textual-serve's: end the tab
            log.warning("closed a tab after an error: %s", quoted(str(error)))
        finally:
            if session is not None:
                await session.stop()
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        # A cancelled tab asks its app to quit, waits for it, then closes the socket.
        sessions = set(self.sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=STOP_SECONDS)

    def run(self, announce: str) -> None:
        """Serve until ctrl+c or SIGTERM; OSError when the address cannot be listened on."""
        logging.basicConfig(level=logging.WARNING, format="tradetui serve: %(message)s")
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)  # ends run_app cleanly

        def bound(*_: object) -> None:
            print(announce, flush=True)

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


def serve(
    argv: list[str],
    host: str,
    port: int,
    public_url: str | None,
    token: bool,
    max_sessions: int,
    title: str,
) -> None:
    """Serve ARGV's explorer to browsers; OSError when HOST:PORT cannot be listened on."""
    public_url = public_url.rstrip("/") if public_url else None
    access = Access.of(host, port, public_url, new_token() if token else None)
    server = WebServer(argv, host, port, access, public_url, max_sessions, title)
    if not token:
        print(
            f"{title}: warning: --no-token: anyone who can open {server.public_url} can use "
            "the explorer; only run it so behind a proxy that checks who connects",
            file=sys.stderr,
        )
    server.run(
        f"{title}: serving the explorer at {server.page_url()} (each browser tab runs its "
        "own); press ctrl+c to stop"
    )
