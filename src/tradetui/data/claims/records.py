"""'A record': whether a period's figure is above every earlier one of its kind.

A year, or a range of months, is compared with the same months of every earlier year with a
figure (the data's, else GACC's published one); a single month with every earlier single
month of the data.
"""

from __future__ import annotations

import polars as pl

from tradetui.data.claims.figures import period_name
from tradetui.data.claims.lookup import ClaimData, year_earlier


def _figure(data: ClaimData, start: str, end: str, flow: str) -> float | None:
    value = data.value(start, end, flow)
    if value is not None:
        return value
    rows = data.published_versions(start, end, flow)
    return rows[0].value if rows else None


def _earlier(data: ClaimData, start: str, end: str, flow: str) -> list[tuple[str, float]]:
    """(name, figure) of every earlier period of the same kind."""
    if start == end:
        months = data.wide.filter(
            (pl.col("months") == 1) & (pl.col("period_end") < start) & pl.col(flow).is_not_null()
        )
        return [
            (period_name(a, b), v)
            for a, b, v in months.select("period_start", "period_end", flow).iter_rows()
        ]
    found = []
    first, last = year_earlier(start), year_earlier(end)
    oldest = min([int(data.first[:4]), *(int(key[0][:4]) for key in data.rows)])
    while int(first[:4]) >= oldest:
        value = _figure(data, first, last, flow)
        if value is not None:
            found.append((period_name(first, last), value))
        first, last = year_earlier(first), year_earlier(last)
    return found


def record(data: ClaimData, start: str, end: str, flow: str) -> tuple[bool | None, str]:
    """Whether start..end's figure is a record (None: cannot be told), and the note saying so."""
    value = _figure(data, start, end, flow)
    if value is None:
        return None, "the record is not checked: no figure for the period"
    earlier = _earlier(data, start, end, flow)
    if not earlier:
        return None, "the record is not checked: no earlier figure to compare with"
    name, best = max(earlier, key=lambda item: item[1])
    oldest = earlier[0][0] if start == end else earlier[-1][0]
    if value > best:
        return (
            True,
            f"a record: above every earlier figure since {oldest} (before: {name}, {best:g})",
        )
    return False, f"not a record: {name} was higher ({best:g})"
