"""Every hint names the key bound now: remapped keys in [keys] reach titles, subtitles, palette."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.commands import TradeCommands
from tradetui.config import Config

SIZE = (120, 40)
REMAPPED = {
    "main.summary": "x",
    "main.focus_trade": "6",
    "main.focus_timeline": "7",
    "main.focus_metrics": "8",
    "main.focus_chart": "9",
    "main.claims": "0",
    "main.granularity": "v",
    "trade.sort": "z",
    "chart.range": "w",
    "main.open": "ctrl+k",
    "app.help": "f2",
}


async def test_remapped_keys_are_named_in_every_hint() -> None:
    app = make_app(settings=Config(keys=REMAPPED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(pilot)
        subtitle = str(screen.table.border_subtitle)
        assert "x summary" in subtitle and "s summary" not in subtitle
        assert "0 claims" in subtitle and "5 claims" not in subtitle
        assert "v granularity" in subtitle and "z sort" in subtitle
        assert str(screen.table.border_title).startswith("[6] Trade")
        assert str(screen.timeline.border_title).startswith("[7] Events")
        assert str(screen.metrics_panel.border_title).startswith("[8] Metrics")
        assert str(screen.chart.border_title).startswith("[9] Chart")
        assert "w range" in str(screen.chart.border_subtitle)

        palette = {name: help_ for name, help_, _ in TradeCommands(screen, None).commands()}
        assert palette["Focus trade table"] == "Trade table (key 6)"
        assert palette["Focus timeline"] == "Event timeline (key 7)"
        assert palette["Check claims"] == "Published figures against the data (key 0)"
        assert "(x on a trade table row)" in palette["Summary of 2023"]
        assert palette["Open data…"].endswith("(^k)")
        assert palette["Help"].endswith("(f2 / f1)")
        assert all("(w in the chart)" in h for n, h in palette.items() if "Chart range" in n)

        # The remapped key itself does what the hint says.
        await press(pilot, "7")
        assert screen.timeline.has_focus_within


async def test_dialog_subtitles_name_remapped_keys() -> None:
    keys = {"help.close_q": "c", "summary.close_s": "b", "summary.copy_y": "k"}
    app = make_app(settings=Config(keys=keys))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert str(app.screen.query_one("#help-body").border_subtitle) == "esc / c / ? close"
        await press(pilot, "escape", "s")
        subtitle = str(app.screen.query_one("#summary-body").border_subtitle)
        assert subtitle == "c / k copy · esc / q / b close"


_SRC = Path(__file__).resolve().parents[2] / "src" / "tradetui"
_UI = [*(_SRC / "screens").glob("*.py"), *(_SRC / "widgets").glob("*.py")]
_UI += [_SRC / "commands.py", _SRC / "app.py"]
_KEY = r"(?:[a-z0-9?\[\]]|escape|esc|enter|space|ctrl\+[a-z]|f[0-9])"
# A key typed into a hint: "(key 2)", "(e)", "press c", or "s summary" between " · ".
_HAND_TYPED = [
    re.compile(rf"\(key {_KEY}\)|(?<=\s)\({_KEY}(?: or {_KEY})?\)"),
    re.compile(rf"\b[Pp]ress {_KEY}\b"),
    re.compile(rf"(?:^|· ){_KEY}(?: / {_KEY})* [a-z]+(?= ·|$)"),
]


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_hand_typed_key_hints_in_the_source() -> None:
    found = []
    for path in _UI:
        for line, text in _strings(path):
            for pattern in _HAND_TYPED:
                for match in pattern.finditer(text):
                    hint = match.group(0).removeprefix("· ")
                    found.append(f"{path.relative_to(_SRC)}:{line}: {hint!r}")
    assert not found, "\n".join(found)


async def test_help_lines_up_its_groups_in_sentence_case() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        lines = "\n".join(shown(table) for table in app.screen.query(".help-table")).splitlines()
        ids = [line for line in lines if re.search(r"\b(trade|main|table)\.[a-z_]+\s*$", line)]
        starts = {re.search(r"\b(trade|main|table)\.", line).start() for line in ids}
        assert len(ids) > 10 and len(starts) == 1, ids
        assert any("Page left" in line for line in lines)
        assert not any("Page Left" in line for line in lines)
