"""Every month the published figures determine has its value; the rest are listed with why.

The check is independent of the build's own derivation (tradetui.data.derive): it writes
the identities as a linear system over every month and year-to-date cell of a year

    total = exports + imports            (each month, each year-to-date figure)
    YTD(a) − YTD(b) = months after b through a   (YTD before January is 0)

takes as known the embedded series' values and the chosen USD year-to-date figures, and
asks, by exact elimination, which unknown cells the system fixes. Any such cell left empty
in data/trade_monthly.csv fails the test.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import polars as pl
import pytest

from tradetui.data import schema

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
MONTHLY = pl.read_csv(DATA / schema.TRADE_FILE, schema_overrides=schema.TRADE_COLUMNS)
PUBLISHED = pl.read_csv(DATA / schema.PUBLISHED_FILE, schema_overrides=schema.PUBLISHED_COLUMNS)

_JAN_FEB = "Jan–Feb {}: only a bound ('more than 18 bn') was published, and no March month"
_MAR = "Mar {}: Jan–Mar is known, but neither Jan–Feb nor March itself"
_LATE_2021 = "no 2021 exports or imports after Jan–Oct (Jan–Nov exports only as a yuan conversion)"
_SPRING_2024 = (
    "2024 flows: Jan–Feb and Jan–Apr (Jan–May less May) are known, so March + April "
    "together, but no Jan–Mar or single-month flow splits them"
)
# (period_start, flow) -> why no value can be had.
EMPTY: dict[tuple[str, str], str] = {
    **{("2021-01", f): _JAN_FEB.format(2021) for f in schema.FLOWS},
    **{("2021-03", f): _MAR.format(2021) for f in schema.FLOWS},
    **{(m, f): _LATE_2021 for m in ("2021-11", "2021-12") for f in ("export", "import")},
    **{(m, f): _SPRING_2024 for m in ("2024-03", "2024-04") for f in ("export", "import")},
}

Cell = tuple[str, int, str]  # ("M" month or "C" year to date, last month, flow)


def _identities(last: int) -> list[dict[Cell, int]]:
    ends = range(2, last + 1)
    out: list[dict[Cell, int]] = []
    for kind in ("M", "C"):
        for end in ends:
            out.append(
                {(kind, end, "total"): 1, (kind, end, "export"): -1, (kind, end, "import"): -1}
            )
    for flow in schema.FLOWS:
        for a in ends:
            for b in [0, *range(2, a)]:
                row = {("C", a, flow): 1}
                if b:
                    row[("C", b, flow)] = -1
                row.update({("M", m, flow): -1 for m in ends if b < m <= a})
                out.append(row)
    return out


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [r[:] for r in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for col in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [x - factor * y for x, y in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def determined_but_empty(year: int) -> list[tuple[str, str]]:
    """The empty month cells of ``year`` that the identities fix."""
    months = MONTHLY.filter(pl.col("period_start").str.starts_with(str(year)))
    last = int(months["period_end"].max()[5:])
    known: set[Cell] = {
        ("M", int(r["period_end"][5:]), r["flow"])
        for r in months.drop_nulls("value").iter_rows(named=True)
    }
    ytd = PUBLISHED.filter(
        pl.col("chosen")
        & (pl.col("currency") == "USD")
        & pl.col("flow").is_in(schema.FLOWS)
        & (pl.col("period_start") == f"{year}-01")
        & (pl.col("period_end") <= f"{year}-{last:02d}")
        & (pl.col("period_end") >= f"{year}-02")
    )
    known |= {("C", int(e[5:]), f) for e, f in zip(ytd["period_end"], ytd["flow"], strict=True)}
    rows = _identities(last)
    unknown = sorted({c for row in rows for c in row} - known)
    matrix = [[Fraction(row.get(c, 0)) for c in unknown] for row in rows]
    base = _rank(matrix)
    found = []
    for r in months.filter(pl.col("value").is_null()).iter_rows(named=True):
        cell = ("M", int(r["period_end"][5:]), r["flow"])
        probe = [Fraction(int(c == cell)) for c in unknown]
        if _rank([*matrix, probe]) == base:  # the cell is a combination of the identities
            found.append((r["period_start"], r["flow"]))
    return found


@pytest.mark.parametrize("year", sorted({int(s[:4]) for s in MONTHLY["period_start"]}))
def test_no_month_the_figures_determine_is_left_empty(year: int) -> None:
    assert determined_but_empty(year) == []


def test_every_empty_month_is_listed_with_its_reason() -> None:
    empty = MONTHLY.filter(pl.col("value").is_null())
    assert set(zip(empty["period_start"], empty["flow"], strict=True)) == set(EMPTY)
    assert (empty["note"] == "no published figure covers this period").all()


def test_the_check_finds_a_derivable_month_left_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    # Empty Jan–Feb 2025 total again, as it was before Jan–Mar less March was derived.
    blanked = MONTHLY.with_columns(
        value=pl.when((pl.col("period_start") == "2025-01") & (pl.col("flow") == "total"))
        .then(None)
        .otherwise(pl.col("value"))
    )
    monkeypatch.setitem(globals(), "MONTHLY", blanked)
    assert determined_but_empty(2025) == [("2025-01", "total")]
