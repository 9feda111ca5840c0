"""Screenshot `tradetui serve` in headless Chromium: proof that the explorer runs in a browser.

    uv run python scripts/browser_screenshot.py                    # -> docs/images/browser.png
    uv run python scripts/browser_screenshot.py --out /tmp/b.png --data my_trade.csv

Needs Chromium (Debian: `apt-get install chromium`); everything else is tradetui's own
dependencies (aiohttp comes with textual-serve). What it does:

1. starts `python -m tradetui serve` on a free loopback port, reads the address it prints
   (with the token of this start) and waits until that page answers;
2. starts headless Chromium with a remote-debugging port and drives it over the Chrome
   DevTools Protocol: it opens the page, which connects back by websocket and starts an
   explorer for this tab;
3. reads the terminal output the page receives over that websocket until the main screen's
   panes ("[1] Trade", "[2] Events", "[3] Metrics") are in it and the output has been quiet
   for a moment, so the screenshot is not of the loading screen; then focuses the terminal
   as a click would (the app starts blurred, with an empty footer) and waits again;
4. saves a PNG of the page, checks that it is not blank (many colours, not one), and stops
   Chromium and the server (ctrl+c, as a user would).

The browser reaches nothing but the server: every other host name fails to resolve (the
page asks for a web font; the terminal's fallback monospace font is used instead).
Exits 0 with the PNG written, or 1 with one line saying what did not happen.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
MAIN_SCREEN = ("[1] Trade", "[2] Events", "[3] Metrics")
QUIET = 1.0  # seconds without terminal output that count as "drawn"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")


class Failed(Exception):
    """What did not happen, as the one line to print."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_chromium(given: str | None) -> str:
    for name in [given] if given else ["chromium", "chromium-browser", "google-chrome"]:
        if path := shutil.which(name):
            return path
    raise Failed("no Chromium found: apt-get install chromium (Debian), or pass --chromium")


def stop(
    process: subprocess.Popen[bytes], how: signal.Signals, seconds: float, group: bool
) -> None:
    """Signal a process we started (or its group); kill the group if it does not end in time."""
    if process.poll() is None:
        if group:
            os.killpg(process.pid, how)
        else:
            process.send_signal(how)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def until(deadline: float, what: str, check: Any) -> Any:
    """Poll ``check()`` (sync or async) until it returns something truthy."""
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failed(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


class DevTools:
    """The smallest Chrome DevTools Protocol client: commands, and a hook for events."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.on_event: dict[str, Any] = {}
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data and (future := self.waiting.pop(data["id"], None)):
                future.set_result(data)
            elif handler := self.on_event.get(data.get("method")):
                handler(data["params"])

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.waiting[ident] = future
        await self.socket.send_json({"id": ident, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise Failed(f"Chromium refused {method}: {reply['error'].get('message')}")
        return reply["result"]


def png_colours(png: bytes, most: int = 4096) -> int:
    """How many distinct colours a (non-interlaced, 8-bit RGB/RGBA) PNG has, up to ``most``."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failed("the screenshot is not a PNG")
    chunks, at = {}, 8
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at : at + 8])
        chunks.setdefault(kind, []).append(png[at + 8 : at + 8 + size])
        at += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    if depth != 8 or colour not in (2, 6) or interlace:
        raise Failed(f"unexpected PNG layout (depth {depth}, colour type {colour})")
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks[b"IDAT"])), width * step
    previous, seen = bytearray(stride), set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):  # undo the row's PNG filter
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                near = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + near) & 255
        seen.update(bytes(line[i : i + 3]) for i in range(0, stride, step))
        if len(seen) >= most:
            break
        previous = line
    return len(seen)


async def screenshot(args: argparse.Namespace) -> bytes:
    chromium = find_chromium(args.chromium)
    deadline = time.monotonic() + args.timeout
    port = free_port()
    data = ["--data", str(args.data)] if args.data else []
    profile = tempfile.TemporaryDirectory(prefix="tradetui-chromium-")
    said = Path(profile.name) / "serve.out"  # its address line, with the token of this start
    with said.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "tradetui", *data, "serve", "--port", str(port)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,  # its errors still reach stderr
            start_new_session=True,  # so stopping it reaches the apps it starts too
        )
    browser = None
    try:
        async with aiohttp.ClientSession() as http:

            def address() -> str | None:
                if server.poll() is not None:
                    raise Failed(f"tradetui serve exited with {server.returncode}")
                found = re.search(r"serving the explorer at (\S+)", said.read_text())
                return found[1] if found else None

            url = await until(deadline, "tradetui serve to print its address", address)

            async def answers() -> bool:
                if server.poll() is not None:
                    raise Failed(f"tradetui serve exited with {server.returncode}")
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with http.get(url) as response:
                        return response.status == 200
                return False

            await until(deadline, "tradetui serve to answer", answers)
            width, height = args.size
            browser = subprocess.Popen(
                [
                    chromium,
                    "--headless",
                    *(["--no-sandbox"] if os.geteuid() == 0 else []),  # root needs it
                    "--remote-debugging-port=0",  # Chromium picks it and writes it down
                    f"--user-data-dir={profile.name}",
                    f"--window-size={width},{height}",
                    "--hide-scrollbars",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    "about:blank",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            active = Path(profile.name) / "DevToolsActivePort"

            def debug_port() -> str | None:
                if browser.poll() is not None:
                    raise Failed(f"Chromium exited with {browser.returncode}")
                lines = active.read_text().split() if active.exists() else []
                return lines[0] if lines else None

            debugging = await until(deadline, "Chromium's debugging port", debug_port)
            async with http.get(f"http://127.0.0.1:{debugging}/json/list") as response:
                pages = [t for t in await response.json() if t["type"] == "page"]
            if not pages:
                raise Failed("Chromium has no page to drive")
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as socket_:
                tools = DevTools(socket_)
                received = bytearray()
                last = [time.monotonic()]

                def frame(params: dict[str, Any]) -> None:
                    response = params["response"]
                    if response.get("opcode") == 2:  # binary: the app's terminal output
                        received.extend(base64.b64decode(response["payloadData"]))
                        last[0] = time.monotonic()

                tools.on_event["Network.webSocketFrameReceived"] = frame
                await tools.call("Network.enable")
                # A focused page, as a user's tab: unfocused, the app leaves its footer empty.
                await tools.call("Emulation.setFocusEmulationEnabled", enabled=True)
                await tools.call("Page.enable")
                # The page exactly --size (a headless window's own frame takes some of it).
                await tools.call(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
                await tools.call("Page.navigate", url=f"{url}&fontsize=14")

                def drawn() -> bool:
                    text = ANSI.sub("", received.decode("utf-8", "replace"))
                    shown = all(word in text for word in MAIN_SCREEN)
                    return shown and time.monotonic() - last[0] > QUIET

                await until(deadline, f"the main screen ({', '.join(MAIN_SCREEN)})", drawn)
                # Focus the terminal, as a user's click does: Textual's web driver starts the
                # app blurred, and a blurred app leaves its footer of keys empty.
                await tools.call(
                    "Runtime.evaluate",
                    expression="document.querySelector('.xterm-helper-textarea').focus()",
                )
                focused = time.monotonic()

                def redrawn() -> bool:
                    return time.monotonic() - max(last[0], focused) > QUIET

                await until(deadline, "the app to redraw after focus", redrawn)
                # The terminal fades in when its first byte comes; let the page paint it.
                await tools.call(
                    "Runtime.evaluate",
                    expression="new Promise(r => setTimeout(() => requestAnimationFrame("
                    "() => requestAnimationFrame(r)), 500))",
                    awaitPromise=True,
                )
                shot = await tools.call("Page.captureScreenshot", format="png")
                tools.reader.cancel()
        return base64.b64decode(shot["data"])
    finally:
        if browser is not None:
            # Chromium itself, which stops its helpers and reaps them (no zombies left).
            stop(browser, signal.SIGTERM, 10, group=False)
        stop(server, signal.SIGINT, 15, group=True)  # as ctrl+c does in a terminal
        profile.cleanup()


def size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs/images/browser.png", help="PNG to write"
    )
    parser.add_argument("--data", type=Path, help="dataset for `tradetui serve --data`")
    parser.add_argument("--size", type=size, default=(1280, 800), help="window, e.g. 1280x800")
    parser.add_argument("--chromium", help="browser to run (default: chromium on PATH)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for all of it")
    args = parser.parse_args()
    try:
        png = asyncio.run(screenshot(args))
        colours = png_colours(png)
        if colours < 16:
            raise Failed(f"the screenshot looks blank ({colours} colours)")
    except Failed as failed:
        print(f"browser_screenshot: {failed}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(png)
    print(f"wrote {args.out} ({len(png) // 1024} KB, {colours}+ colours)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
