"""How the explorer writes numbers: decimals and the unit of money, set from the config.

Values are held in USD bn everywhere below the UI; only the text changes. This module
stays free of polars so the app can set the format before its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass

MINUS = "−"  # a true minus sign
MISSING = "—"  # a value never published
SCALE = {"bn": 1.0, "mn": 1000.0}


@dataclass(frozen=True)
class NumberFormat:
    decimals: int = 1
    unit: str = "bn"  # "bn" or "mn"


# One format for the whole explorer, set by the app from its settings.
_format = NumberFormat()


def set_number_format(decimals: int, unit: str) -> None:
    global _format
    _format = NumberFormat(decimals, unit)


def scale() -> float:
    """What a USD bn value is multiplied by to be written in the format's unit."""
    return SCALE[_format.unit]


def unit_label() -> str:
    """'USD bn' or 'USD mn': what :func:`money` writes."""
    return f"USD {_format.unit}"


def number(value: float | None) -> str:
    """The format's decimals, thousands separators, a true minus; missing is '—'."""
    if value is None:
        return MISSING
    return f"{value:,.{_format.decimals}f}".replace("-", MINUS)


def money(value_bn: float | None) -> str:
    """A USD bn value written in the format's unit (without the unit's name)."""
    return number(None if value_bn is None else value_bn * SCALE[_format.unit])


def growth(value: float | None) -> str:
    """A signed percentage, '+12.8%' / '−4.2%'; missing is '—'."""
    if value is None:
        return MISSING
    return f"{value:+,.{_format.decimals}f}%".replace("-", MINUS)
