"""What polars raises when the data, not the program, is at fault.

A damaged file can make polars panic rather than raise: its ``PanicException`` derives
from ``BaseException``, so ``except Exception`` and ``except PolarsError`` both miss it.
Every place that reads data through polars catches :data:`READ_ERRORS` instead.
"""

from __future__ import annotations

import polars as pl

PANIC = pl.exceptions.PanicException
READ_ERRORS: tuple[type[BaseException], ...] = (pl.exceptions.PolarsError, PANIC)


def reason(exc: BaseException) -> str:
    """polars' first line; for a panic, the innermost assertion rather than the nested
    ``JoinError::Panic(...)`` wrappers around it."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    if isinstance(exc, PANIC):
        # 'called `Result::unwrap()` on an `Err` value: JoinError::Panic(Id(8), "…", ...)'
        inner = first.rsplit("Panic(Id(", 1)[-1]
        inner = inner.split('"', 1)[-1].split('", ...)', 1)[0].strip('\\"')
        return f"polars failed on it: {inner or first}"
    return first
