"""A seeded monkey: thousands of random keys across every screen, and the app stays up.

The keys are every binding the app declares plus navigation, letters and digits, drawn
with a fixed seed so a failure can be replayed. The monkey never quits on purpose (no
`q` on the main screen, no ctrl+q, no palette "Quit"); at the end `q` must still quit.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.keys import key_to_character
from textual.widgets import Input

from piloting import settle
from tradetui.app import TradeApp, make_app
from tradetui.screens.help import binding_classes
from tradetui.screens.main import MainScreen

KEYS_PER_SIZE = 5000
BURST = 8
QUITS = {"ctrl+q", "ctrl+c"}
NAVIGATION = [
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
    "tab", "shift+tab", "space", "backspace", "enter", "enter", "escape",
]  # fmt: skip
# Letters and digits only: typed into the open-data box they make paths that do not exist,
# never "/" or "." (a scan of the whole disk is not what this test is about).
TYPED = list(string.ascii_lowercase + string.digits)


def _declared_keys() -> list[str]:
    """Every key bound by the app, its screens and its widgets."""
    keys: set[str] = set()
    inherited = {base for cls in binding_classes() for base in cls.__mro__}  # Textual's too
    for cls in inherited:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                keys.update(k.strip() for k in binding.key.split(","))
    keys.add(TradeApp.COMMAND_PALETTE_BINDING)  # bound at run time, not in BINDINGS
    return sorted(keys - QUITS)


def _highlighted_command(palette: CommandPalette) -> str:
    commands = palette.query_one(CommandList)
    if commands.highlighted is None:
        return ""
    prompt = commands.get_option_at_index(commands.highlighted).prompt
    return getattr(prompt, "plain", str(prompt))


def _burst(app: TradeApp, rng: random.Random, declared: list[str]) -> list[str]:
    """Up to BURST random keys, pressed together as a hurried user would.

    A burst is drawn from the state at its start, so it never holds a key that could
    quit: `q` comes alone and only off the main screen; in the palette, keys come one at
    a time and enter never runs "Quit".
    """
    screen = app.screen
    if isinstance(screen, CommandPalette):
        key = rng.choice(rng.choice((declared, NAVIGATION, TYPED)))
        if key == "enter" and "Quit" in _highlighted_command(screen):
            return ["escape"]
        return [key]
    keys: list[str] = []
    while len(keys) < BURST:
        key = rng.choice(rng.choice((declared, NAVIGATION, TYPED)))
        if key == "q":
            if keys or isinstance(screen, MainScreen) or isinstance(app.focused, Input):
                continue
            return [key]
        keys.append(key)
        if key == "ctrl+p":  # what follows depends on the palette's state
            break
    return keys


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_random_keys_never_crash_and_q_still_quits(
    size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # exports and screenshots land here
    rng = random.Random(f"monkey-{size}")
    declared = _declared_keys()
    app = make_app()
    app.animation_level = "none"  # the keys, not the scroll animations, are under test
    visited: set[str] = set()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        pressed = 0
        while pressed < KEYS_PER_SIZE:
            keys = _burst(app, rng, declared)
            # Posted as the terminal driver does, then one wait for the burst: pilot.press
            # waits for an idle process after every key, five times slower here.
            for key in keys:
                app.post_message(events.Key(key, key_to_character(key)))
            await pilot.pause()
            pressed += len(keys)
            visited.add(type(app.screen).__name__)
            assert app.is_running, f"the app stopped after {pressed} keys (last: {keys})"
        await settle(pilot)
        # Back to the explorer, then q quits from there.
        for _ in range(30):
            if len(app.screen_stack) == 1 and not isinstance(app.focused, Input):
                break
            await pilot.press("escape")
            await settle(pilot)
        assert len(app.screen_stack) == 1
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    # The walk went everywhere the keys lead from the embedded data.
    expected = {"MainScreen", "MonthScreen", "HelpScreen", "CommandPalette", "ExportScreen"}
    assert expected <= visited, f"not visited: {expected - visited}"


# Crashes the monkey found, kept as plain tests.


async def test_paging_the_event_list_squeezed_to_no_height() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timeline = app.main_screen.timeline
        await pilot.press("2")
        timeline.event_list.styles.height = 0
        await pilot.pause()
        timeline.refresh_list()  # Textual indexes the new options' lines on show: none
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert app.is_running


async def test_enter_twice_in_the_palette_runs_the_command_once() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"granularity: quarter")
        await settle(pilot)
        for key in ("down", "enter", "enter"):
            app.post_message(events.Key(key, key_to_character(key)))
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.granularity == "quarter"  # the command ran


async def test_paging_the_palette_before_its_list_is_laid_out() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"year")
        await settle(pilot)
        commands = app.screen.query_one(CommandList)
        assert commands.option_count
        commands.styles.height = 0  # as between the commands' arrival and their layout
        await pilot.pause()
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert app.is_running
