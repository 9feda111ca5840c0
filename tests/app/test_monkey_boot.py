"""Keys pressed while the explorer is still starting (found by the seeded monkey)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from textual.command import CommandPalette

from piloting import settle
from tradetui.app import make_app
from tradetui.screens import boot
from tradetui.screens.boot import BootScreen
from tradetui.screens.main import MainScreen


@pytest.fixture
def slow_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The explorer's import waits until the test sets the event: the boot screen stays."""
    release = threading.Event()
    real = boot.importlib.import_module

    def held_import(name: str) -> object:
        release.wait(60)
        return real(name)

    monkeypatch.setattr(boot.importlib, "import_module", held_import)
    yield release
    release.set()


async def test_palette_opened_while_starting_closes_and_opens_again(
    slow_start: threading.Event,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        slow_start.set()
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # the explorer, nothing left over it
        await pilot.press("ctrl+p")  # once raised DuplicateIds: the first was still mounted
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        stacks = app._screen_stacks.values()  # every mode's, the boot screen's too
        assert sum(isinstance(s, CommandPalette) for stack in stacks for s in stack) == 1


async def test_q_while_starting_quits_even_as_the_explorer_arrives(
    slow_start: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BootScreen)
        prune = app._prune

        def arrives_as_closing(*nodes, **kwargs):
            # The import ends just as the app closes the boot screen.
            if screen in nodes:
                screen.post_message(BootScreen.Ready())
                slow_start.set()
            return prune(*nodes, **kwargs)

        monkeypatch.setattr(app, "_prune", arrives_as_closing)
        await pilot.press("q")  # once: RuntimeError, the modes changed while being closed
    assert app.return_code == 0
