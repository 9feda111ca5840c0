"""A seeded monkey: thousands of random keys across every screen, and the app stays up.

The keys are every binding the app declares plus navigation, letters and digits, drawn
with a fixed seed so a failure can be replayed. Now and then the monkey types as a user
would: a command's name in the palette, a file name in the export dialog, a path in the
open-data dialog (the embedded dataset, a small Comtrade file with HS detail, or a file of
the bad-input corpus), and it resizes the terminal between its two sizes. From the
explorer it runs errands in turn (open the Comtrade file, a month's commodities, the pair
picker, a theme, a bad file, …), so that a full run reaches every screen.

It fails as soon as the app stops or an unexpected error writes a crash log. The monkey
never quits on purpose (no `q` where it quits, no ctrl+q, no palette "Quit"); at the end
`q` must still quit.

Each size and seed is its own test, so parallel runs spread them. A full run is
``FULL_KEYS`` keys at the test's own size; ``TRADETUI_MONKEY_KEYS=300`` runs it short
(ignored under ``CI=true``, which always runs the full length).
"""

from __future__ import annotations

import os
import random
import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.keys import key_to_character
from textual.widgets import Input

from comtrade_files import write_comtrade
from piloting import settle
from tradetui import crash
from tradetui.app import TradeApp, make_app
from tradetui.screens.export import ExportScreen
from tradetui.screens.help import binding_classes
from tradetui.screens.main import MainScreen
from tradetui.screens.open_data import OpenDataScreen
from tradetui.screens.too_small import TooSmallScreen

FULL_KEYS = 2000
BURST = 8
BIG, SMALL = (120, 40), (40, 12)
SEEDS = (1, 2)
QUITS = {"ctrl+q", "ctrl+c"}
NAVIGATION = [
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
    "tab", "shift+tab", "space", "backspace", "enter", "enter", "escape",
]  # fmt: skip
# Letters and digits only: typed into the open-data box they make paths that do not exist,
# never "/" or "." (a scan of the whole disk is not what this test is about).
TYPED = list(string.ascii_lowercase + string.digits)
# What a user types in the palette: a command's name, or a part of it.
PALETTE_QUERIES = [
    "theme", "theme", "year", "go to 2023-09", "2023-09", "summary", "summary of range",
    "2023-01..2023-06", "2031-01..2031-02", "granularity", "pair", "choose pair", "open",
    "export", "claims", "focus", "chart range", "help", "keys",
]  # fmt: skip
# Errands run from the explorer now and then, in turn, so that every screen is reached in
# a full run: keys, and "type:" entries put in the focused box (a palette query runs its
# best match: down, enter). {comtrade}, {embedded} and {bad} are the test's files.
ERRANDS = [
    (
        "ctrl+o",
        "type:{comtrade}",
        "enter",
        "ctrl+p",
        "type:granularity: month",
        "down",
        "enter",
        "1",
        "home",
        "enter",
        "c",
    ),
    ("p",),
    ("ctrl+p", "type:theme", "down", "enter", "down", "down", "down", "enter"),
    ("i",),
    ("ctrl+o", "type:{bad}", "enter"),
    ("5",),
    ("s",),
    ("e", "type:out.md", "enter"),
    ("question_mark",),
    ("ctrl+o", "type:{embedded}", "enter"),
]
EXPORT_NAMES = ["out.csv", "out.md", "out.parquet", "out.json", "out.xyz", "sub/out.csv"]
REPO = Path(__file__).resolve().parents[2]
BAD = sorted((REPO / "tests" / "data" / "bad").iterdir())
BAD = [path for path in BAD if path.name != "README.md"]


def keys_per_run() -> int:
    """The keys a run presses at its own size: full length in CI, else settable."""
    wanted = os.environ.get("TRADETUI_MONKEY_KEYS", "").strip()
    if os.environ.get("CI") == "true" or not wanted:
        return FULL_KEYS
    return max(1, int(wanted))


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


@dataclass
class Walk:
    """What one run went through, for its failure message and its coverage check."""

    visited: set[str] = field(default_factory=set)
    typed: list[str] = field(default_factory=list)
    themes: set[str] = field(default_factory=set)
    last: list[str] = field(default_factory=list)
    # Keys still to press, one a turn, for an errand begun (a command, a screen to open).
    script: list[str] = field(default_factory=list)
    errands: int = 0


def _typed(app: TradeApp, rng: random.Random, paths: list[list[Path]]) -> str | None:
    """A whole entry typed into the focused box, as a user would; None to press keys."""
    focused = app.focused
    if not isinstance(focused, Input) or focused.value or rng.random() < 0.4:
        return None
    screen = app.screen
    if isinstance(screen, OpenDataScreen):
        return str(rng.choice(rng.choice(paths)))
    if isinstance(screen, ExportScreen):
        return rng.choice(EXPORT_NAMES)
    if isinstance(screen, CommandPalette) and screen.has_class("--textual-command-palette"):
        return rng.choice(PALETTE_QUERIES)
    return None


def _quits_from_palette(palette: CommandPalette) -> bool:
    """Would enter here run "Quit" (highlighted, or already chosen)?"""
    return "Quit" in _highlighted_command(palette) + palette.query_one(Input).value


def _next_keys(
    app: TradeApp, rng: random.Random, walk: Walk, declared: list[str], paths: list[list[Path]]
) -> list[str]:
    """The keys of the next turn: an errand's next key, a typed entry, or a random burst."""
    screen = app.screen
    if walk.script:
        key = walk.script.pop(0)
        if key.startswith("type:"):
            if isinstance(app.focused, Input):
                app.focused.value = key.removeprefix("type:")
                walk.typed.append(app.focused.value)
            return []
        if isinstance(screen, CommandPalette) and key == "enter" and _quits_from_palette(screen):
            walk.script.clear()
            return ["escape"]
        return [key]
    if (entry := _typed(app, rng, paths)) is not None:
        walk.typed.append(entry)
        app.focused.value = entry
        if not isinstance(screen, CommandPalette):
            return ["enter"]
        # Highlight the best match and run it; the theme command opens a list of themes,
        # where one is picked the same way.
        walk.script = ["down", "enter"]
        if entry == "theme":
            walk.script += ["down"] * rng.randint(1, 12) + ["enter"]
        return []  # the search runs first
    if isinstance(screen, MainScreen) and rng.random() < 0.1:
        errand = ERRANDS[walk.errands % len(ERRANDS)]
        walk.errands += 1
        files = {"comtrade": paths[1][0], "embedded": paths[0][0], "bad": rng.choice(BAD)}
        walk.script = [key.format(**files) for key in errand]
        return []
    return _burst(app, rng, declared)


def _burst(app: TradeApp, rng: random.Random, declared: list[str]) -> list[str]:
    """Up to BURST random keys, pressed together as a hurried user would.

    A burst is drawn from the state at its start, so it never holds a key that could
    quit: `q` comes alone and only where it goes back; in the palette, keys come one at
    a time and enter never runs "Quit".
    """
    screen = app.screen
    # The keys bound where the monkey is come up more often than the rest.
    here = [key for key in app.active_bindings if key not in QUITS]
    pools = (declared, NAVIGATION, TYPED, here or NAVIGATION)
    if isinstance(screen, CommandPalette):
        key = rng.choice(rng.choice((*pools, ["down", "enter"])))
        if key == "enter" and _quits_from_palette(screen):
            return ["escape"]
        return [key]
    keys: list[str] = []
    while len(keys) < BURST:
        key = rng.choice(rng.choice(pools))
        if key == "q":
            quits = isinstance(screen, MainScreen | TooSmallScreen)
            if keys or quits or isinstance(app.focused, Input):
                continue
            return [key]
        keys.append(key)
        if key == "ctrl+p":  # what follows depends on the palette's state
            break
    return keys


def _crash_logs() -> list[Path]:
    return sorted(crash.log_dir().glob("crash-*.log"))


def _check(app: TradeApp, walk: Walk, pressed: int) -> None:
    where = f"after {pressed} keys (last: {walk.last}; typed: {walk.typed[-3:]})"
    if logs := _crash_logs():
        pytest.fail(f"a crash log was written {where}:\n{logs[0].read_text()}")
    assert app.is_running, f"the app stopped {where}"


def _comtrade_two_pairs(path: Path) -> Path:
    """The tests' Comtrade file, its rows also for a second partner: pairs to choose from."""
    write_comtrade(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([*lines, *(row.replace(",RUS,", ",KAZ,") for row in lines[1:])]) + "\n"
    )
    return path


def _paths(tmp_path: Path) -> list[list[Path]]:
    """What the open-data box is given, by kind: each kind as likely as the others."""
    comtrade = _comtrade_two_pairs(tmp_path / "comtrade.csv")
    return [[REPO / "data"], [comtrade], [tmp_path / "no-such-file.csv"], BAD]


async def _walk(app: TradeApp, pilot, rng: random.Random, home, away, paths, keys: int) -> Walk:
    declared = _declared_keys()
    walk = Walk()
    # Every screen shown counts, also one opened and closed within a burst.
    app.screen_change_signal.subscribe(app, lambda screen: walk.visited.add(type(screen).__name__))
    at_home = 0
    # Bursts at one size before the next change: at 120×40 the terminal shrinks now and
    # then; at 40×12, where only the notice shows, it grows to let the keys open screens.
    home_phase, away_phase = ((20, 80), (2, 30)) if home == BIG else ((10, 40), (20, 60))
    phase = rng.randint(*home_phase)
    size = home
    while at_home < keys:
        phase -= 1
        if phase <= 0:  # the terminal changes size: screens already open are redrawn
            size = away if size == home else home
            phase = rng.randint(*(home_phase if size == home else away_phase))
            await pilot.resize_terminal(*size)
        if walk.script:  # an errand's next key waits for the last one's work
            await settle(pilot)
        burst = _next_keys(app, rng, walk, declared, paths)
        if burst == ["q"]:  # it goes back where the turn began: still so once all is done?
            await settle(pilot)
            if isinstance(app.screen, MainScreen | TooSmallScreen | CommandPalette):
                continue
            if isinstance(app.focused, Input):
                continue
        walk.last = burst
        # Posted as the terminal driver does, then one wait for the burst: pilot.press
        # waits for an idle process after every key, five times slower here.
        for key in burst:
            app.post_message(events.Key(key, key_to_character(key)))
        await pilot.pause()
        if size == home:
            at_home += len(burst)
        walk.themes.add(app.theme)
        _check(app, walk, at_home)
    await settle(pilot)
    _check(app, walk, at_home)
    return walk


async def _back_and_quit(app: TradeApp, pilot, home) -> None:
    """Back to the explorer at the test's size, then q quits from there."""
    await pilot.resize_terminal(*BIG)
    for _ in range(30):
        if len(app.screen_stack) == 1 and not isinstance(app.focused, Input):
            break
        await pilot.press("escape")
        await settle(pilot)
    assert len(app.screen_stack) == 1
    await pilot.resize_terminal(*home)
    await settle(pilot)
    await pilot.press("q")
    await pilot.pause()


# Every screen the keys lead to from the two datasets.
EVERYWHERE = {
    "MainScreen", "MonthScreen", "CommodityScreen", "ClaimsScreen", "SummaryScreen",
    "HelpScreen", "CommandPalette", "PairScreen", "DataInfoScreen", "ExportScreen",
    "OpenDataScreen", "TooSmallScreen",
}  # fmt: skip


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"seed{seed}")
@pytest.mark.parametrize("home", [BIG, SMALL], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_random_keys_never_crash_and_q_still_quits(
    home: tuple[int, int], seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # exports land here
    rng = random.Random(f"monkey-{home}-{seed}")
    paths = _paths(tmp_path)
    keys = keys_per_run()
    # One run starts on the embedded data, the other on the Comtrade file (HS detail).
    app = make_app(None if seed % 2 else paths[1][0])
    app.animation_level = "none"  # the keys, not the scroll animations, are under test
    away = SMALL if home == BIG else BIG
    async with app.run_test(size=home) as pilot:
        await settle(pilot)
        walk = await _walk(app, pilot, rng, home, away, paths, keys)
        await _back_and_quit(app, pilot, home)
    assert app.return_code == 0
    assert not _crash_logs()
    if keys >= FULL_KEYS:  # a short run need not get everywhere
        assert walk.visited >= EVERYWHERE, f"not visited: {EVERYWHERE - walk.visited}"
        assert len(walk.themes) > 1, "no theme was changed"
        assert set(walk.typed) & {str(path) for path in BAD}, "no bad file was opened"


def test_the_run_length_is_settable_except_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADETUI_MONKEY_KEYS", "300")
    monkeypatch.delenv("CI", raising=False)
    assert keys_per_run() == 300
    monkeypatch.setenv("CI", "true")
    assert keys_per_run() == FULL_KEYS
    monkeypatch.delenv("CI")
    monkeypatch.delenv("TRADETUI_MONKEY_KEYS")
    assert keys_per_run() == FULL_KEYS
