"""Metrics as pure functions: frames in, frames or small records out.

Vocabulary used throughout:
- a *period* is one row of the monthly table: a month, or a combined release such as
  Jan-Feb (``months`` = 2). Periods are never split.
- the *wide* table (:func:`periods`) has one row per period of one reporter-partner pair
  with the columns export, import, total and balance (USD bn) and their growth.
- balance = export - import, from the reporter's side: positive is a reporter surplus.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data import adds_up, schema
from tradetui.data.errors import DataError

FLOW_COLUMNS = ("export", "import", "total", "balance")


# Partner codes that stand for all partners together, never a bilateral pair of its own.
WORLD_CODES = ("W00", "WLD", "0")


def pairs(trade: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """Reporter-partner pairs with their summed trade, largest first.

    A period's trade is its total, else export + import (as in :func:`periods`), so a
    pair that carries all three flows is not counted twice. ``mirror`` tells whether the
    partner reports the same trade too; ``world`` whether the partner is the world total.
    """

    def flow(name: str) -> pl.Expr:
        return pl.col("value").filter(pl.col("flow") == name).first()

    return (
        trade.lazy()
        .group_by("reporter", "partner", "period_start", "period_end")
        # A pair with one flow only (exports, say) still counts what it has.
        .agg(
            value=pl.coalesce(
                flow(schema.TOTAL), pl.sum_horizontal(flow(schema.EXPORT), flow(schema.IMPORT))
            )
        )
        .group_by("reporter", "partner")
        .agg(value=pl.col("value").sum(), periods=pl.len())
        .with_columns(
            mirror=pl.struct("partner", "reporter").is_in(
                pl.struct(
                    pl.col("reporter").alias("partner"), pl.col("partner").alias("reporter")
                ).implode()
            ),
            world=pl.col("partner").is_in(WORLD_CODES),
        )
        .sort("value", "reporter", "partner", descending=[True, False, False])
        .collect()
    )


def top_pair(trade: pl.LazyFrame | pl.DataFrame) -> tuple[str, str] | None:
    """The bilateral pair with the most trade (the one shown by default)."""
    return top_of(pairs(trade))


def top_of(ranked: pl.DataFrame) -> tuple[str, str] | None:
    """The first bilateral pair of :func:`pairs`; a world-total partner only when alone."""
    ranked = ranked.sort("world", maintain_order=True)
    return (ranked.row(0)[0], ranked.row(0)[1]) if ranked.height else None


def pair_periods(
    trade: pl.LazyFrame | pl.DataFrame,
    reporter: str | None = None,
    partner: str | None = None,
    doing: str = "use",
) -> tuple[str, str, pl.DataFrame]:
    """(reporter, partner, wide period table) of the pair given, or of the largest one.

    DataError when the data has no trade (``doing`` names what was asked: 'summarise'), or
    none for the pair given, naming the pairs found.
    """
    if reporter is None or partner is None:
        pair = top_pair(trade)
        if pair is None:
            raise DataError(f"the dataset has no trade rows to {doing}")
        reporter, partner = pair
    wide = periods(trade, reporter, partner)
    if wide.is_empty():
        known = pairs(trade).head(8)
        listed = ", ".join(f"{r}→{p}" for r, p in known.select("reporter", "partner").rows())
        raise DataError(
            f"no trade for {reporter}→{partner} in the data; pairs found: {listed or 'none'}"
        )
    return reporter, partner, wide


def _pct(current: pl.Expr, base: pl.Expr) -> pl.Expr:
    return pl.when(base > 0).then((current / base - 1) * 100).otherwise(None)


def periods(
    trade: pl.LazyFrame | pl.DataFrame, reporter: str | None = None, partner: str | None = None
) -> pl.DataFrame:
    """The wide period table of one pair (default: the pair with the most trade).

    Columns: period_start, period_end, year, first_month, last_month, months,
    export, import, total, balance, method_<flow>, ytd_<flow>, flows_add_up (whether
    export + import = total within their rounding, see adds_up; null without all three),
    and growth:
    yoy_<flow> (%, same period a year earlier), mom_total (%, previous single month,
    only between single months), ytd_yoy_total (%), share_export and share_import
    (% of total), rolling3_total (mean monthly total of the last three months, only
    where periods cover exactly those months).

    A total comes from the total series where one was derived, else export + import;
    YTD is the published YTD where present, else the running sum while no period is missing.
    """
    lf = trade.lazy()
    if reporter is None or partner is None:
        pair = top_pair(lf)
        if pair is None:
            return _empty_periods()
        reporter, partner = pair
    long = lf.filter((pl.col("reporter") == reporter) & (pl.col("partner") == partner)).collect()
    if long.is_empty():
        return _empty_periods()
    index = ["period_start", "period_end"]
    wide = long.pivot(on="flow", index=index, values=["value", "method", "ytd_published"])
    for flow in schema.FLOWS:
        for prefix, dtype in (
            ("value", pl.Float64),
            ("method", pl.String),
            ("ytd_published", pl.Float64),
        ):
            name = f"{prefix}_{flow}"
            if name not in wide.columns:
                wide = wide.with_columns(pl.lit(None, dtype).alias(name))
    wide = (
        wide.rename({f"value_{f}": f for f in schema.FLOWS})
        .with_columns(
            year=pl.col("period_end").str.slice(0, 4).cast(pl.Int32),
            first_month=pl.col("period_start").str.slice(5, 2).cast(pl.Int32),
            last_month=pl.col("period_end").str.slice(5, 2).cast(pl.Int32),
        )
        .with_columns(
            months=pl.col("last_month") - pl.col("first_month") + 1,
            total=pl.coalesce("total", pl.col("export") + pl.col("import")),
            method_total=pl.when(
                pl.col("total").is_null()
                & pl.col("export").is_not_null()
                & pl.col("import").is_not_null()
            )
            .then(pl.lit("sum_of_flows"))
            .otherwise(pl.col("method_total")),
        )
        .with_columns(balance=pl.col("export") - pl.col("import"))
        .join(adds_up.flags(long).drop("reporter", "partner"), on=index, how="left")
        .sort("period_start")
    )
    # YTD: published where given, else a running sum that stops at the first gap
    # (a missing value, or a month with no row at all).
    wide = wide.with_columns(_follows=_follows_previous())
    for flow in schema.FLOWS:
        running = pl.col(flow).cum_sum().over("year")
        gap = pl.col(flow).is_null() | ~pl.col("_follows")
        complete = gap.cast(pl.Int32).cum_sum().over("year") == 0
        wide = wide.with_columns(
            pl.coalesce(f"ytd_published_{flow}", pl.when(complete).then(running)).alias(
                f"ytd_{flow}"
            )
        )
    wide = wide.with_columns(ytd_balance=pl.col("ytd_export") - pl.col("ytd_import"))

    prior = wide.select(
        (pl.col("year") + 1).alias("year"),
        "first_month",
        "last_month",
        *[pl.col(c).alias(f"_prev_{c}") for c in FLOW_COLUMNS],
        pl.col("ytd_total").alias("_prev_ytd_total"),
    )
    wide = wide.join(prior, on=["year", "first_month", "last_month"], how="left")
    previous_single = (pl.col("months") == 1) & (pl.col("months").shift(1) == 1) & _consecutive(1)
    covers_three = (
        (pl.col("months") == 1)
        & (pl.col("months").shift(1) == 1)
        & (pl.col("months").shift(2) == 1)
    )
    after_pair = (pl.col("months") == 1) & (pl.col("months").shift(1) == 2)
    wide = wide.with_columns(
        *[
            _pct(pl.col(f), pl.col(f"_prev_{f}")).alias(f"yoy_{f}")
            for f in ("export", "import", "total")
        ],
        mom_total=pl.when(previous_single).then(_pct(pl.col("total"), pl.col("total").shift(1))),
        ytd_yoy_total=_pct(pl.col("ytd_total"), pl.col("_prev_ytd_total")),
        share_export=pl.when(pl.col("total") > 0).then(pl.col("export") / pl.col("total") * 100),
        share_import=pl.when(pl.col("total") > 0).then(pl.col("import") / pl.col("total") * 100),
        rolling3_total=pl.when(covers_three & _consecutive(2))
        .then((pl.col("total") + pl.col("total").shift(1) + pl.col("total").shift(2)) / 3)
        .when(after_pair & _consecutive(1))
        .then((pl.col("total") + pl.col("total").shift(1)) / 3),
    )
    return wide.select(pl.exclude("^_prev_.*$", "^ytd_published_.*$", "_follows"))


def _follows_previous() -> pl.Expr:
    """The period starts right after the previous row's end (in January for a year's first)."""
    start = pl.col("period_start").str.to_date("%Y-%m")
    after_previous = pl.col("period_end").shift(1).str.to_date("%Y-%m").dt.offset_by("1mo")
    first_of_year = pl.col("year") != pl.col("year").shift(1)
    return (
        pl.when(first_of_year.fill_null(True))
        .then(pl.col("first_month") == 1)
        .otherwise(start == after_previous)
    )


def _consecutive(back: int) -> pl.Expr:
    """The ``back`` rows before this one and this one follow each other without a gap."""
    start = pl.col("period_start").str.to_date("%Y-%m")
    end = pl.col("period_end").str.to_date("%Y-%m")
    joined = [end.shift(i).dt.offset_by("1mo") == start.shift(i - 1) for i in range(1, back + 1)]
    out = joined[0]
    for cond in joined[1:]:
        out = out & cond
    return out.fill_null(False)


def _empty_periods() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "period_start": pl.String,
            "period_end": pl.String,
            "year": pl.Int32,
            "months": pl.Int32,
            **{c: pl.Float64 for c in FLOW_COLUMNS},
        }
    )


def years(wide: pl.DataFrame) -> list[int]:
    return sorted(wide["year"].unique().to_list()) if "year" in wide.columns else []


def latest_full_year(wide: pl.DataFrame) -> int | None:
    """The last year whose December is in the data (else the last year there is)."""
    full = wide.filter(pl.col("last_month") == 12)["year"] if "last_month" in wide.columns else None
    if full is not None and full.len():
        return int(full.max())
    all_years = years(wide)
    return all_years[-1] if all_years else None


def aggregate(wide: pl.DataFrame, granularity: str) -> pl.DataFrame:
    """Periods grouped to ``month`` (as is), ``quarter`` or ``year``.

    A group's flow is YTD(end) - YTD(before start) when both are known, else the sum of
    its periods when none is missing, else missing. ``months_covered`` tells how many
    months of the group the data reaches (a year in progress has fewer than 12).
    """
    if granularity == "month":
        return wide
    if granularity not in ("quarter", "year"):
        raise ValueError(f"unknown granularity {granularity!r}")
    group = (
        pl.format("{}-Q{}", pl.col("year"), (pl.col("last_month") - 1) // 3 + 1)
        if granularity == "quarter"
        else pl.col("year").cast(pl.String)
    )
    flows = ("export", "import", "total")
    # The YTD just before a period is usable only if the previous row is the month before.
    adjacent = pl.col("period_start").str.to_date("%Y-%m") == pl.col("period_end").shift(
        1
    ).str.to_date("%Y-%m").dt.offset_by("1mo")
    prev_ytd = {f: pl.when(adjacent).then(pl.col(f"ytd_{f}").shift(1)).over("year") for f in flows}
    keyed = wide.with_columns(
        label=group,
        **{
            f"_ytd_before_{f}": pl.when(pl.col("first_month") == 1).then(0.0).otherwise(prev_ytd[f])
            for f in flows
        },
    )
    out = (
        keyed.group_by("label", maintain_order=True)
        .agg(
            pl.col("year").first(),
            pl.col("period_start").first(),
            pl.col("period_end").last(),
            pl.col("first_month").first(),
            pl.col("last_month").last(),
            months_covered=pl.col("months").sum(),
            **{
                f: pl.coalesce(
                    pl.col(f"ytd_{f}").last() - pl.col(f"_ytd_before_{f}").first(),
                    pl.when(pl.col(f).null_count() == 0).then(pl.col(f).sum()),
                )
                for f in flows
            },
            **{f"ytd_{f}": pl.col(f"ytd_{f}").last() for f in flows},
        )
        .with_columns(
            months=pl.col("last_month") - pl.col("first_month") + 1,
            balance=pl.col("export") - pl.col("import"),
            ytd_balance=pl.col("ytd_export") - pl.col("ytd_import"),
        )
        .sort("period_start")
    )
    prior = out.select(
        "first_month",
        "last_month",
        (pl.col("year") + 1).alias("year"),
        *[pl.col(f).alias(f"_prev_{f}") for f in flows],
        pl.col("ytd_total").alias("_prev_ytd_total"),
    )
    out = out.join(prior, on=["year", "first_month", "last_month"], how="left").with_columns(
        *[_pct(pl.col(f), pl.col(f"_prev_{f}")).alias(f"yoy_{f}") for f in flows],
        ytd_yoy_total=_pct(pl.col("ytd_total"), pl.col("_prev_ytd_total")),
        share_export=pl.when(pl.col("total") > 0).then(pl.col("export") / pl.col("total") * 100),
        share_import=pl.when(pl.col("total") > 0).then(pl.col("import") / pl.col("total") * 100),
    )
    if granularity == "quarter":
        previous = pl.col("total").shift(1)
        adjacent = pl.col("period_start").str.to_date("%Y-%m") == pl.col("period_end").shift(
            1
        ).str.to_date("%Y-%m").dt.offset_by("1mo")
        whole = (pl.col("months_covered") == 3) & (pl.col("months_covered").shift(1) == 3)
        out = out.with_columns(
            mom_total=pl.when(adjacent & whole).then(_pct(pl.col("total"), previous))
        )
    return out.select(pl.exclude("^_prev_.*$"))


def with_rank_and_share(rows: pl.DataFrame, year_total: float | None) -> pl.DataFrame:
    """Add each row's rank by its monthly average total (1 = largest) and its share of
    ``year_total`` (%). A Jan–Feb release ranks by its mean per month, so a two-month
    period is never ranked against single months as if it were one."""
    per_month = pl.col("total") / pl.col("months") if "months" in rows.columns else pl.col("total")
    return rows.with_columns(
        rank=per_month.rank("min", descending=True).cast(pl.Int32),
        share_of_year=(pl.col("total") / year_total * 100)
        if year_total
        else pl.lit(None, pl.Float64),
    )


def year_view(wide: pl.DataFrame, year: int, year_total: float | None = None) -> pl.DataFrame:
    """The periods of one year with each one's rank and share of the year.

    Pass ``year_total`` when the caller already has the year's record.
    """
    if year_total is None:
        year_total = year_record(wide, year).total
    return with_rank_and_share(wide.filter(pl.col("year") == year), year_total)


@dataclass(frozen=True)
class YearRecord:
    """Totals and growth of one year. Values in USD bn, growth in %."""

    year: int
    months_covered: int
    complete: bool
    export: float | None
    import_: float | None
    total: float | None
    balance: float | None
    yoy_export: float | None
    yoy_import: float | None
    yoy_total: float | None
    peak: tuple[str, float] | None  # (period_start, total) of the largest single month
    trough: tuple[str, float] | None
    monthly_totals: list[float | None]  # the year's periods in order, for a sparkline


def year_record(wide: pl.DataFrame, year: int) -> YearRecord:
    # The year before is kept for the growth rates; other years need not be aggregated.
    nearby = wide.filter(pl.col("year").is_between(year - 1, year))
    yearly = aggregate(nearby, "year").filter(pl.col("year") == year)
    rows = wide.filter(pl.col("year") == year)
    if yearly.is_empty():
        return YearRecord(year, 0, False, *([None] * 7), None, None, [])
    rec = yearly.row(0, named=True)
    singles = rows.filter((pl.col("months") == 1) & pl.col("total").is_not_null())
    peak = trough = None
    if singles.height:
        top = singles.sort("total", descending=True).row(0, named=True)
        low = singles.sort("total").row(0, named=True)
        peak, trough = (top["period_start"], top["total"]), (low["period_start"], low["total"])
    return YearRecord(
        year=year,
        months_covered=rec["months_covered"],
        complete=rec["months_covered"] == 12 and rec["first_month"] == 1,
        export=rec["export"],
        import_=rec["import"],
        total=rec["total"],
        balance=rec["balance"],
        yoy_export=rec["yoy_export"],
        yoy_import=rec["yoy_import"],
        yoy_total=rec["yoy_total"],
        peak=peak,
        trough=trough,
        monthly_totals=rows["total"].to_list(),
    )


def cagr(first: float | None, last: float | None, years_between: int) -> float | None:
    """Compound annual growth rate in %, or None when it cannot be computed."""
    if first is None or last is None or first <= 0 or last <= 0 or years_between <= 0:
        return None
    return ((last / first) ** (1 / years_between) - 1) * 100


def range_record(wide: pl.DataFrame, start: str, end: str) -> dict:
    """Totals over the periods lying within start..end (YYYY-MM), with growth.

    The range total is YTD-based when start is January and end is in the same year
    (so a Jan-Sep range reproduces the published Jan-Sep figure); else the sum of the
    periods, missing when any period inside is missing. Growth compares with the same
    range a year earlier.
    """

    def totals(first: str, last: str) -> dict:
        inside = wide.filter((pl.col("period_start") >= first) & (pl.col("period_end") <= last))
        out: dict = {"periods": inside.height, "months": int(inside["months"].sum() or 0)}
        same_year = first[:4] == last[:4] and first[5:] == "01"
        end_row = inside.filter(pl.col("period_end") == last)
        # A month with no row at all is missing too: the periods must cover the whole range.
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
        for flow in ("export", "import", "total"):
            value = None
            if same_year and end_row.height:
                value = end_row[f"ytd_{flow}"][0]
            if value is None and out["months"] == span and inside[flow].null_count() == 0:
                value = float(inside[flow].sum())
            out[flow] = value
        out["balance"] = (
            out["export"] - out["import"]
            if out["export"] is not None and out["import"] is not None
            else None
        )
        return out

    current = totals(start, end)
    previous = totals(f"{int(start[:4]) - 1}{start[4:]}", f"{int(end[:4]) - 1}{end[4:]}")
    for flow in ("export", "import", "total"):
        cur, prev = current[flow], previous[flow]
        current[f"yoy_{flow}"] = (cur / prev - 1) * 100 if cur is not None and prev else None
    current["previous"] = previous
    inside = wide.filter(
        (pl.col("period_start") >= start) & (pl.col("period_end") <= end) & (pl.col("months") == 1)
    ).drop_nulls("total")
    current["largest_month"] = (
        inside.sort("total", descending=True).select("period_start", "total").row(0)
        if inside.height
        else None
    )
    return current


def largest_moves(wide: pl.DataFrame, n: int = 3) -> pl.DataFrame:
    """The n largest month-on-month changes of the total (by absolute %)."""
    return (
        wide.drop_nulls("mom_total")
        .with_columns(abs_mom=pl.col("mom_total").abs())
        .sort("abs_mom", descending=True)
        .head(n)
        .select("period_start", "total", "mom_total")
    )


def target_progress(value: float | None, target: float) -> float | None:
    """How far ``value`` has come toward ``target`` (both USD bn), in %."""
    if value is None or target <= 0:
        return None
    return value / target * 100


@dataclass(frozen=True)
class EventWindow:
    """Mean monthly total in the N months before an event's month and the N after."""

    month: str
    months: int
    before_mean: float | None
    after_mean: float | None
    before_covered: int
    after_covered: int

    @property
    def change_pct(self) -> float | None:
        if self.before_mean is None or self.after_mean is None or self.before_mean <= 0:
            return None
        return (self.after_mean / self.before_mean - 1) * 100


def event_window(wide: pl.DataFrame, month: str, months: int = 3) -> EventWindow:
    """Compare the N months before ``month`` (YYYY-MM) with the N months after it.

    The event's own month is in neither window. A period counts when it lies wholly
    inside a window and has a total; a combined Jan-Feb counts as two months.
    """
    anchor = pl.lit(month).str.to_date("%Y-%m")
    start = pl.col("period_start").str.to_date("%Y-%m")
    end = pl.col("period_end").str.to_date("%Y-%m")
    known = wide.drop_nulls("total")

    def window(first: pl.Expr, last: pl.Expr) -> tuple[float | None, int]:
        rows = known.filter((start >= first) & (end <= last))
        covered = int(rows["months"].sum() or 0)
        return ((float(rows["total"].sum()) / covered) if covered else None), covered

    before, n_before = window(anchor.dt.offset_by(f"-{months}mo"), anchor.dt.offset_by("-1mo"))
    after, n_after = window(anchor.dt.offset_by("1mo"), anchor.dt.offset_by(f"{months}mo"))
    return EventWindow(month, months, before, after, n_before, n_after)
