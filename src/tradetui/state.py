"""What the main screen shows, as plain data: the loaded tables and the rows of one view.

Nothing here touches widgets, so the view logic can be tested without running the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tradetui.data import metrics
from tradetui.data.countries import country_name
from tradetui.data.load import Dataset
from tradetui.data.mirror import mirror_table
from tradetui.data.periods import MONTH_NAMES
from tradetui.trade_columns import BY_KEY

GRANULARITIES = ("month", "quarter", "year")


# Annual goals both governments announced (see the events data): $200 bn by 2024, then $250 bn.
TARGETS_BN = (200.0, 250.0)
# The pair those goals are about, either way round.
TARGET_PAIR = frozenset({"CHN", "RUS"})


@dataclass(frozen=True)
class Loaded:
    """A loaded dataset with its wide period table for the pair on show."""

    dataset: Dataset
    wide: pl.DataFrame
    events: pl.DataFrame
    reporter: str | None
    partner: str | None
    # Every reporter-partner pair of the dataset, largest first (metrics.pairs).
    pairs: pl.DataFrame = field(default_factory=pl.DataFrame)
    # The partner's own record of the same flows, when it reports too (mirror.mirror_table).
    mirror: pl.DataFrame | None = None

    @property
    def reporter_name(self) -> str:
        return country_name(self.reporter) if self.reporter else "Reporter"

    @property
    def partner_name(self) -> str:
        return country_name(self.partner) if self.partner else "Partner"

    @property
    def years(self) -> list[int]:
        return metrics.years(self.wide)

    @property
    def pair_name(self) -> str:
        return f"{self.reporter_name} → {self.partner_name}"

    @property
    def targets(self) -> tuple[float, ...]:
        """The announced trade targets that apply to the pair on show."""
        return TARGETS_BN if {self.reporter, self.partner} == TARGET_PAIR else ()


def load(
    dataset: Dataset, pair: tuple[str, str] | None = None, pairs: pl.DataFrame | None = None
) -> Loaded:
    """The heavy part of loading: pick the pair (default: the largest) and build its tables.

    ``pairs`` is the dataset's :func:`metrics.pairs` when already known (switching pairs).
    """
    asked = dataset.aggregates
    pairs = asked.pair_ranking() if pairs is None else pairs
    reporter, partner = pair or metrics.top_of(pairs) or (None, None)
    wide = asked.monthly_totals(reporter, partner)
    mirror = mirror_table(dataset.trade, reporter, partner) if reporter and partner else None
    return Loaded(
        dataset, wide, dataset.events.collect(), reporter, partner, pairs=pairs, mirror=mirror
    )


def pair_label(reporter: str, partner: str) -> str:
    return f"{country_name(reporter)} → {country_name(partner)}"


def period_name(row: dict, granularity: str) -> str:
    """Row label inside one year's table: 'Sep', 'Jan–Feb', 'Q3', or the year."""
    if granularity == "year":
        covered = row.get("months_covered") or 0
        return str(row["year"]) if covered >= 12 else f"{row['year']} ({covered} mo)"
    if granularity == "quarter":
        return row["label"][5:]
    first, last = row["first_month"], row["last_month"]
    if first == last:
        return MONTH_NAMES[first - 1][:3]
    return f"{MONTH_NAMES[first - 1][:3]}–{MONTH_NAMES[last - 1][:3]}"


def view_rows(wide: pl.DataFrame, year: int | None, granularity: str) -> pl.DataFrame:
    """The rows of the trade table: one year's periods (or quarters), or every year.

    Adds ``key`` (the row's identity), ``name`` (its label), ``rank`` and ``share_of_year``.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}")
    if wide.is_empty() or year is None:
        return pl.DataFrame()
    table = metrics.aggregate(wide, granularity)
    if granularity != "year":
        table = table.filter(pl.col("year") == year)
    if "mom_total" not in table.columns:
        table = table.with_columns(mom_total=pl.lit(None, pl.Float64))
    names = [period_name(row, granularity) for row in table.iter_rows(named=True)]
    key = pl.col("label") if granularity != "month" else pl.col("period_start")
    year_total = metrics.year_record(wide, year).total if granularity != "year" else None
    table = table.with_columns(
        key=key, name=pl.Series(names, dtype=pl.String), ranked=pl.col("total").count()
    )
    return metrics.with_rank_and_share(table, year_total)


# Columns of amounts over a row's whole period: sorted by their mean per month (see below).
AMOUNT_COLUMNS = ("export", "import", "total", "balance")


def sorts_per_month(rows: pl.DataFrame, column: str | None) -> bool:
    """Whether ``column`` sorts by the monthly average: an amount, in a view whose rows
    cover different numbers of months (a Jan–Feb release among single months)."""
    return column in AMOUNT_COLUMNS and "months" in rows.columns and rows["months"].n_unique() > 1


def sort_rows(rows: pl.DataFrame, column: str | None, descending: bool) -> pl.DataFrame:
    """Sort by one table column; missing values always go last. Amounts sort by their mean
    per month where rows cover different spans (:func:`sorts_per_month`), so Jan–Feb is
    not put above every single month for being two."""
    if column is None or rows.is_empty():
        return rows
    key = pl.col(BY_KEY[column].frame)  # "period" sorts by time
    if sorts_per_month(rows, column):
        key = key / pl.col("months")
    return rows.sort(key, descending=descending, nulls_last=True, maintain_order=True)


def events_in(events: pl.DataFrame, start: str, end: str) -> set[str]:
    """Ids of the events whose month lies in start..end (YYYY-MM, inclusive)."""
    if events.is_empty():
        return set()
    inside = events.filter((pl.col("month") >= start) & (pl.col("month") <= end))
    return set(inside["event_id"].to_list())


def filter_events(events: pl.DataFrame, query: str, category: str | None) -> pl.DataFrame:
    """Events whose title or summary contains ``query`` (any case), in ``category`` if given."""
    out = events
    if category:
        out = out.filter(pl.col("category") == category)
    needle = query.strip().lower()
    if needle:
        text = pl.concat_str(
            pl.col("title").fill_null(""), pl.col("summary").fill_null(""), separator="\n"
        ).str.to_lowercase()
        out = out.filter(text.str.contains(needle, literal=True))
    return out


def monthly_series(wide: pl.DataFrame, year: int) -> tuple[list[float], int, bool]:
    """Monthly totals of a year for a sparkline.

    A combined release (Jan–Feb) is spread as its monthly mean over the months it covers;
    missing months are left out. Returns (values, missing month count, any spread).
    """
    values: list[float] = []
    missing = 0
    spread = False
    for row in wide.filter(pl.col("year") == year).iter_rows(named=True):
        if row["total"] is None:
            missing += row["months"]
            continue
        values.extend([row["total"] / row["months"]] * row["months"])
        spread = spread or row["months"] > 1
    return values, missing, spread
