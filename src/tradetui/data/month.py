"""Everything known about one period of the wide table: flows, other years, goods, events, sources.

Pure polars; the month screen only renders what :func:`month_details` returns.
Values are USD bn, growth in %; a missing value stays ``None`` / null, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data import adds_up, metrics
from tradetui.data.countries import country_name
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.mirror import mirror_row
from tradetui.data.periods import (
    add_months,
    long_period_name,
    month_key,
    parse_month,
    period_label,
    short_period_name,
)

FLOW_ORDER = ("export", "import", "total")

# Events are grouped relative to the period: the month before, the period, the month after.
EVENT_GROUPS = ("before", "in", "after")


@dataclass(frozen=True)
class MonthDetails:
    """One period with its context. Frames are small and already sorted for display."""

    period_start: str
    period_end: str
    label: str  # '2023-09' or '2024-01..2024-02'
    name: str  # 'September 2023'
    reporter: str
    partner: str
    export: float | None
    import_: float | None
    total: float | None
    balance: float | None  # export - import, from the reporter's side
    yoy_export: float | None
    yoy_import: float | None
    yoy_total: float | None
    mom_total: float | None  # only between two single months
    previous_label: str | None  # the period mom_total compares with
    ytd_label: str  # 'Jan–Sep 2023'
    ytd_export: float | None
    ytd_import: float | None
    ytd_total: float | None
    ytd_balance: float | None
    ytd_yoy_total: float | None
    months: int  # months the period covers (2 for a Jan–Feb release)
    rank: int | None  # 1 = the largest monthly average total among the year's periods
    periods_in_year: int  # periods of the year with a total
    share_of_year: float | None
    year_complete: bool
    combined_in_year: bool  # the year has a period of several months (a Jan–Feb release)
    other_years: pl.DataFrame  # year, period_start/end, export, import, total, yoy_total, current
    commodities: pl.DataFrame
    events: pl.DataFrame  # group (before | in | after), month, start, end, title, ...
    provenance: pl.DataFrame  # one row per flow: method, published_value, difference, note
    sources: pl.DataFrame  # one row per flow and figure: roles, figure period, value, title, url
    # The partner's own record of the same flows (mirror.mirror_table row), when it reports.
    mirror: dict | None = None
    # Whether the partner reports at all (then a missing ``mirror`` means not for this period).
    partner_reports: bool = False
    # The adds_up.flow_sums row of this period (whether export + import = total within their
    # rounding, and by how much), when all three flows are known.
    flow_sums: dict | None = None

    @property
    def flows_add_up(self) -> bool | None:
        return None if self.flow_sums is None else self.flow_sums["adds_up"]

    @property
    def flow_sum_text(self) -> str | None:
        return None if self.flow_sums is None else adds_up.explain(self.flow_sums)

    @property
    def title(self) -> str:
        """'September 2023 (2023-09)'."""
        return f"{self.name} ({self.label})"

    @property
    def reporter_name(self) -> str:
        return country_name(self.reporter)

    @property
    def partner_name(self) -> str:
        return country_name(self.partner)

    @property
    def balance_favours(self) -> str | None:
        """Which side the balance favours, in words, or None when it is missing."""
        return balance_side(self.balance, self.reporter_name, self.partner_name)


def balance_side(balance: float | None, reporter: str, partner: str) -> str | None:
    if balance is None:
        return None
    if balance > 0:
        return f"{reporter} surplus ({partner} deficit)"
    if balance < 0:
        return f"{reporter} deficit ({partner} surplus)"
    return "balanced"


def period_starts(wide: pl.DataFrame) -> list[str]:
    """The periods of the wide table in order, by their first month."""
    return wide["period_start"].sort().to_list() if "period_start" in wide.columns else []


def step(wide: pl.DataFrame, period_start: str, by: int) -> str | None:
    """The period ``by`` places away from ``period_start``, or None past either end."""
    starts = period_starts(wide)
    if period_start not in starts:
        return None
    index = starts.index(period_start) + by
    return starts[index] if 0 <= index < len(starts) else None


def month_details(
    dataset: Dataset,
    wide: pl.DataFrame,
    period_start: str,
    pair: tuple[str, str] | None = None,
    mirror: pl.DataFrame | None = None,
) -> MonthDetails:
    """Gather one period's figures; raise DataError when the period is not in ``wide``.

    ``pair`` is the (reporter, partner) ``wide`` was built for (default: the largest pair);
    ``mirror`` that pair's mirror table, when the partner reports too.
    """
    parse_month(period_start)
    rows = wide.filter(pl.col("period_start") == period_start)
    if rows.is_empty():
        starts = period_starts(wide)
        span = f"{starts[0]} to {starts[-1]}" if starts else "none"
        raise DataError(f"period {period_start!r} is not in the data; periods run {span}")
    row = rows.row(0, named=True)
    start, end, year = row["period_start"], row["period_end"], row["year"]
    reporter, partner = pair or metrics.top_pair(dataset.trade) or ("", "")

    record = metrics.year_record(wide, year)
    in_year = metrics.year_view(wide, year, record.total)
    ranked = in_year.filter(pl.col("period_start") == start).row(0, named=True)
    previous = wide.filter(pl.col("period_end") < start).tail(1)

    trade = dataset.trade.filter(
        (pl.col("period_start") == start)
        & (pl.col("period_end") == end)
        & (pl.col("reporter") == reporter)
        & (pl.col("partner") == partner)
    ).collect()
    provenance = _provenance(trade)
    sums = adds_up.flow_sums(trade)
    return MonthDetails(
        period_start=start,
        period_end=end,
        label=period_label(start, end),
        name=long_period_name(start, end),
        reporter=reporter,
        partner=partner,
        export=row["export"],
        import_=row["import"],
        total=row["total"],
        balance=row["balance"],
        yoy_export=row["yoy_export"],
        yoy_import=row["yoy_import"],
        yoy_total=row["yoy_total"],
        mom_total=row["mom_total"],
        previous_label=(
            period_label(previous["period_start"][0], previous["period_end"][0])
            if row["mom_total"] is not None and previous.height
            else None
        ),
        ytd_label=short_period_name(f"{year}-01", end),
        ytd_export=row["ytd_export"],
        ytd_import=row["ytd_import"],
        ytd_total=row["ytd_total"],
        ytd_balance=row["ytd_balance"],
        ytd_yoy_total=row["ytd_yoy_total"],
        months=row["months"],
        rank=ranked["rank"],
        periods_in_year=int(in_year["total"].is_not_null().sum()),
        share_of_year=ranked["share_of_year"] if record.complete else None,
        year_complete=record.complete,
        combined_in_year=bool(wide.filter(pl.col("year") == year)["months"].max() > 1),
        other_years=_other_years(wide, row),
        commodities=_commodities(dataset, start, end),
        events=_events(dataset, start, end),
        provenance=provenance,
        sources=_sources(dataset, trade),
        mirror=mirror_row(mirror, start, end),
        partner_reports=mirror is not None,
        flow_sums=sums.row(0, named=True) if sums.height else None,
    )


def _other_years(wide: pl.DataFrame, row: dict) -> pl.DataFrame:
    """The same calendar period in every year of the data, oldest first."""
    return wide.filter(
        (pl.col("first_month") == row["first_month"]) & (pl.col("last_month") == row["last_month"])
    ).select(
        "year",
        "period_start",
        "period_end",
        "export",
        "import",
        "total",
        "yoy_total",
        current=pl.col("period_start") == row["period_start"],
    )


def _commodities(dataset: Dataset, start: str, end: str) -> pl.DataFrame:
    """Goods figures published for exactly this period; each keeps its own unit."""
    return (
        dataset.commodities.filter(
            (pl.col("period_start") == start) & (pl.col("period_end") == end)
        )
        .select(
            "product",
            "hs_code",
            "flow",
            "measure",
            "value",
            "unit",
            "yoy_pct",
            "source_title",
            "source_url",
            "commodity_id",
        )
        .sort("flow", "product", "measure", "unit", "commodity_id")
        .collect()
    )


def _events(dataset: Dataset, start: str, end: str) -> pl.DataFrame:
    """Events starting in the month before the period, in it, or in the month after."""
    before = month_key(add_months(parse_month(start), -1))
    after = month_key(add_months(parse_month(end), 1))
    group = (
        pl.when(pl.col("month") == before)
        .then(pl.lit("before"))
        .when((pl.col("month") >= start) & (pl.col("month") <= end))
        .then(pl.lit("in"))
        .when(pl.col("month") == after)
        .then(pl.lit("after"))
    )
    order = pl.col("group").replace_strict(
        {g: i for i, g in enumerate(EVENT_GROUPS)}, return_dtype=pl.Int8
    )
    return (
        dataset.events.with_columns(group=group)
        .filter(pl.col("group").is_not_null())
        .sort(order, "start", "event_id")
        .select(
            "group",
            "month",
            "start",
            "end",
            "date_precision",
            "category",
            "title",
            "location",
            "summary",
            "source_title",
            "source_url",
            "event_id",
        )
        .collect()
    )


def _flow_order() -> pl.Expr:
    return pl.col("flow").replace_strict(
        {f: i for i, f in enumerate(FLOW_ORDER)}, default=len(FLOW_ORDER), return_dtype=pl.Int8
    )


def _provenance(trade: pl.DataFrame) -> pl.DataFrame:
    """Per flow: how the value was obtained, its precision, and a directly published figure
    if it differs."""
    differs = pl.col("published_value").is_not_null() & pl.col("value").is_not_null()
    return (
        trade.with_columns(
            difference=pl.when(
                differs & ((pl.col("value") - pl.col("published_value")).abs() > 1e-9)
            )
            .then(pl.col("value") - pl.col("published_value"))
            .otherwise(None)
        )
        .sort(_flow_order())
        .select(
            "flow",
            "value",
            "method",
            "precision",
            "published_value",
            "difference",
            "ytd_published",
            "note",
        )
    )


def _sources(dataset: Dataset, trade: pl.DataFrame) -> pl.DataFrame:
    """Each figure behind a flow, resolved against the published figures, with its roles.

    Roles: 'derived from' (the value was computed from it), 'published month' (a direct
    figure for the period) and 'YTD' (the year-to-date figure at the period's end).
    """
    links = pl.concat(
        [
            trade.select(
                "flow",
                figure_id=pl.col("value_figures").str.split(";"),
                role=pl.lit("derived from"),
            ).explode("figure_id"),
            trade.select(
                "flow", figure_id=pl.col("published_figure"), role=pl.lit("published month")
            ),
            trade.select("flow", figure_id=pl.col("ytd_figure"), role=pl.lit("YTD")),
        ]
    ).with_columns(pl.col("figure_id").str.strip_chars())
    links = links.filter(pl.col("figure_id").is_not_null() & (pl.col("figure_id") != ""))
    grouped = links.group_by("flow", "figure_id", maintain_order=True).agg(
        roles=pl.col("role").unique(maintain_order=True).str.join(", ")
    )
    published = (
        dataset.published.select(
            "figure_id",
            fig_start="period_start",
            fig_end="period_end",
            fig_value="value",
            fig_unit="unit",
            fig_currency="currency",
            source_title="source_title",
            source_url="source_url",
            published="published",
        )
        .unique("figure_id", keep="first", maintain_order=True)
        .collect()
    )
    out = grouped.join(published, on="figure_id", how="left", maintain_order="left")
    return (
        out.with_columns(
            figure_period=pl.when(pl.col("fig_start").is_not_null()).then(
                pl.when(pl.col("fig_start") == pl.col("fig_end"))
                .then(pl.col("fig_start"))
                .otherwise(pl.format("{}..{}", "fig_start", "fig_end"))
            )
        )
        .with_row_index("_order")
        .sort(_flow_order(), "_order")
        .select(
            "flow",
            "figure_id",
            "roles",
            "figure_period",
            value="fig_value",
            unit="fig_unit",
            currency="fig_currency",
            source_title="source_title",
            source_url="source_url",
            published="published",
        )
    )
