"""Helpers shared by the pilot and snapshot tests: wait on workers, never sleep."""

from __future__ import annotations

import asyncio

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerState

from tradetui.screens.main import MainScreen

_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and no message is pending.

    One round is not always enough: a worker's message can start another worker (the
    boot screen hands over to the explorer, which then loads the data).
    """
    app = pilot.app
    for _ in range(20):
        # A worker that failed is the app's to report (a notice, and a crash log, which
        # fails the test: tests/conftest.py); waiting on it must not raise here.
        await asyncio.gather(*(worker.wait() for worker in app.workers), return_exceptions=True)
        await pilot.pause()
        if not any(worker.state in _BUSY for worker in app.workers):
            return
    raise AssertionError("workers still busy after 20 rounds")


async def press(pilot: Pilot, *keys: str) -> None:
    """Press each key and settle after it."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def main(pilot: Pilot) -> MainScreen:
    """The explorer's main screen (the base of the screen stack)."""
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def shown(widget: Widget) -> str:
    """What a widget draws, as text."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(line.text.rstrip() for line in lines)
