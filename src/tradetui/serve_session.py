"""One browser tab's explorer under `tradetui serve`: a process that ends with its socket.

textual-serve's AppService, with two changes: the app is started without a shell (its
argument list as given, so the process the server waits for is the app itself), and
stopping does not wait for ever: an app that has not quit QUIT_SECONDS after being asked
is terminated, then killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
from asyncio.subprocess import PIPE, Process
from typing import Any

from textual_serve.app_service import AppService

# Seconds an app has to quit when its tab closes, then again after SIGTERM.
QUIT_SECONDS = 2.0


class AppSession(AppService):
    def __init__(self, argv: list[str], quit_seconds: float = QUIT_SECONDS, **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.quit_seconds = quit_seconds

    @property
    def process(self) -> Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; end its process if it does not, and reap it."""
        process = self._process
        if process is None:
            return
        asked = asyncio.ensure_future(super().stop())  # quit, then wait for its output to end
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.quit_seconds):
                await asyncio.shield(asked)
                await process.wait()
        for end in (process.terminate, process.kill):
            if process.returncode is not None:
                break
            with contextlib.suppress(ProcessLookupError):
                end()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), self.quit_seconds)
        await process.wait()
        await asked  # its output ends with the process
