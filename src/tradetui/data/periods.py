"""Parsing and naming of monthly periods (YYYY-MM)."""

from __future__ import annotations

import re
from datetime import date

from tradetui.data.errors import DataError, quoted

# The years a period may fall in. Trade statistics begin in the late 19th century and a
# forecast rarely reaches beyond this one; a year outside (0000, 1000, 9999) is a slip in
# the file, and would also break date arithmetic at its edges (year 10000 does not exist).
YEAR_MIN, YEAR_MAX = 1900, 2100
YEARS = f"years {YEAR_MIN} to {YEAR_MAX}"
# ASCII digits only: \d and int() also take other scripts' digits (٢٠٢٣, ２０２３), which
# then fail further on. Patterns for Python's re and polars alike.
YEAR_PATTERN = r"^[0-9]{4}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
COMPACT_MONTH_PATTERN = r"^[0-9]{4}(0[1-9]|1[0-2])$"  # 202309, as UN Comtrade writes it
_PERIOD = re.compile(r"^([0-9]{4})-([0-9]{2})$")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_month(text: str, what: str = "period") -> date:
    """'2023-09' -> date(2023, 9, 1); anything else raises DataError naming ``what``."""
    match = _PERIOD.match(text.strip()) if isinstance(text, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DataError(f"{what}: {quoted(text)} is not a month; expected YYYY-MM, e.g. 2023-09")
    year = int(match.group(1))
    if not in_years(year):
        raise DataError(
            f"{what}: {quoted(text)} is not a month of {YEARS}; expected YYYY-MM, e.g. 2023-09"
        )
    return date(year, int(match.group(2)), 1)


def in_years(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_label(start: str, end: str) -> str:
    """'2023-09' for a month, '2023-01..2023-02' for a combined release."""
    return start if start == end else f"{start}..{end}"


def short_period_name(start: str, end: str) -> str:
    """'Sep 2023', or 'Jan–Feb 2023' for a combined release."""
    first, last = parse_month(start), parse_month(end)
    if first == last:
        return f"{MONTH_NAMES[first.month - 1][:3]} {first.year}"
    return f"{MONTH_NAMES[first.month - 1][:3]}–{MONTH_NAMES[last.month - 1][:3]} {last.year}"


def long_period_name(start: str, end: str) -> str:
    """'September 2023', or 'January–February 2023' for a combined release."""
    first, last = parse_month(start), parse_month(end)
    if first == last:
        return f"{MONTH_NAMES[first.month - 1]} {first.year}"
    return f"{MONTH_NAMES[first.month - 1]}–{MONTH_NAMES[last.month - 1]} {last.year}"


def range_name(start: str, end: str, short: bool = False) -> str:
    """'2023', 'Jan–Sep 2023' / 'January–September 2023', 'Jun 2022–May 2023'."""
    first, last = parse_month(start), parse_month(end)
    if first.year == last.year and first.month == 1 and last.month == 12:
        return str(first.year)
    if first.year == last.year:
        return (short_period_name if short else long_period_name)(start, end)
    size = 3 if short else None

    def name(day: date) -> str:
        return f"{MONTH_NAMES[day.month - 1][:size]} {day.year}"

    return f"{name(first)}–{name(last)}"
