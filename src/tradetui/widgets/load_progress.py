"""One line shown while a big file is read: how far it got, and that escape stops it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tradetui.data.text import visible
from tradetui.keys import key

_UNITS = {"rows": "rows", "bytes": "MB"}


def progress_text(what: str, done: int, total: int | None, unit: str, cancel: str) -> str:
    """'Reading x.parquet: 3,200,000 of 10,000,000 rows (32%) · esc cancels' (cancel: the key)."""
    scale = 1_000_000 if unit == "bytes" else 1
    shown = f"{done / scale:,.0f}"
    name = _UNITS.get(unit, unit)
    if total:
        amount = f"{shown} of {total / scale:,.0f} {name} ({done / total:.0%})"
    else:
        amount = f"{shown} {name}"
    return f"Reading {what}: {amount} · {cancel} cancels"


class LoadProgress(Horizontal):
    """Hidden until :meth:`start`; :meth:`stop` hides it again."""

    def __init__(self, **kwargs) -> None:
        super().__init__(classes="-hidden", **kwargs)
        self.what = ""

    def compose(self) -> ComposeResult:
        yield Static(id="load-progress-label")
        yield ProgressBar(id="load-progress-bar", show_eta=False)

    def start(self, what: str) -> None:
        self.what = visible(what)  # a file name: any character but "/" may be in it
        self.query_one(Static).update(
            Text(f"Reading {self.what}… · {key(self.app, 'main.back')} cancels")
        )
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.remove_class("-hidden")

    def advance(self, done: int, total: int | None, unit: str) -> None:
        self.query_one(Static).update(
            Text(progress_text(self.what, done, total, unit, key(self.app, "main.back")))
        )
        self.query_one(ProgressBar).update(total=total, progress=done)

    def stop(self) -> None:
        self.add_class("-hidden")
