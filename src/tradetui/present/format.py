"""How numbers are written: the unit of money, the decimals and the minus sign.

Values are held in USD bn everywhere below the presentation; only the text changes. One
``Format`` is built from the settings and passed to whatever writes figures, so changing the
unit, the decimals or the minus policy changes every screen, the CLI and the exports at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from math import floor, isfinite, log10

TRUE_MINUS = "−"  # U+2212, for people: on screen and in prose
ASCII_MINUS = "-"  # for anything a machine reads: CSV, JSON, TSV copies
MISSING = "—"  # a value never published
SCALE = {"bn": 1.0, "mn": 1000.0}
UNITS = tuple(SCALE)


@dataclass(frozen=True)
class Format:
    """``unit`` "bn" or "mn", ``decimals`` shown; ``minus`` and ``thousands`` say whether the
    text is for people (true minus, thousands separators) or machines (ASCII, none)."""

    unit: str = "bn"
    decimals: int = 1
    minus: str = TRUE_MINUS
    thousands: bool = True

    def __post_init__(self) -> None:
        if self.unit not in SCALE:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {self.unit!r}")
        if self.decimals < 0:
            raise ValueError("decimals must not be negative")

    def for_machine(self) -> Format:
        """The same unit and decimals, written for a program to read back."""
        return replace(self, minus=ASCII_MINUS, thousands=False)

    @property
    def scale(self) -> float:
        """What a USD bn value is multiplied by to be written in this unit."""
        return SCALE[self.unit]

    @property
    def unit_label(self) -> str:
        """'USD bn' or 'USD mn': what :meth:`money` writes in."""
        return f"USD {self.unit}"

    @property
    def missing(self) -> str:
        return MISSING

    def number(
        self, value: float | None, *, sign: bool = False, decimals: int | None = None
    ) -> str:
        """``value`` with the decimals, separators and minus of this format; a value that rounds
        to zero is written 0.0, never −0.0 or +0.0. ``sign`` puts + before a positive value."""
        if value is None or not isfinite(value):
            return MISSING
        places = self.decimals if decimals is None else decimals
        rounded = round(value, places)
        if rounded == 0:
            rounded = 0.0  # drops the sign of -0.0
        text = f"{abs(rounded):{',' if self.thousands else ''}.{places}f}"
        if rounded < 0:
            return self.minus + text
        return f"+{text}" if sign and rounded > 0 else text

    def money(self, value_bn: float | None, *, sign: bool = False) -> str:
        """A USD bn value written in this format's unit (without the unit's name)."""
        return self.number(None if value_bn is None else value_bn * self.scale, sign=sign)

    def balance(self, value_bn: float | None) -> str:
        """A balance (exports − imports): always signed, so a surplus reads +1.0 wherever a
        balance stands as a figure; prose names the side instead (see ``wording``)."""
        return self.money(value_bn, sign=True)

    def growth(self, percent: float | None) -> str:
        """A signed percentage, '+12.8%' / '−4.2%'; one that rounds to zero is '0.0%'."""
        text = self.number(percent, sign=True)
        return text if text == MISSING else f"{text}%"

    def points(self, points: float | None) -> str:
        """A signed change in percentage points, '+1.2 pp'."""
        text = self.number(points, sign=True)
        return text if text == MISSING else f"{text} pp"

    def share(self, percent: float | None) -> str:
        """An unsigned share of a whole, '37.5%'."""
        text = self.number(percent)
        return text if text == MISSING else f"{text}%"

    def with_unit(self, value_bn: float | None) -> str:
        """'USD 81.4 bn': a money value with its unit, for prose."""
        text = self.money(value_bn)
        return text if text == MISSING else f"USD {text} {self.unit}"

    def axis_labels(self, ticks: Sequence[float]) -> list[str]:
        """Labels for a value axis (ticks already in this unit): as many decimals as the
        spacing needs and no more, and nothing cut, so 25,000 never reads 2500."""
        if not ticks:
            return []
        step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 0.0
        places = max(0, -floor(log10(step))) if step > 0 else 0
        return [self.number(t, decimals=places) for t in ticks]

    def axis_width(self, ticks: Sequence[float]) -> int:
        """Columns the widest of :meth:`axis_labels` needs."""
        return max((len(label) for label in self.axis_labels(ticks)), default=1)


# A figure as shown on screen: signed or not, thousands separators, decimals, maybe a %.
_SHOWN_NUMBER = re.compile(rf"[+{TRUE_MINUS}-]?\d[\d,]*(\.\d+)?%?")


def machine_text(shown: str) -> str:
    """A figure copied from the screen, for a spreadsheet or program: ASCII minus and no
    thousands separators ('−1,234.5' → '-1234.5'); any other text is left as it is."""
    if not _SHOWN_NUMBER.fullmatch(shown):
        return shown
    return shown.replace(",", "").replace(TRUE_MINUS, ASCII_MINUS)
