"""Column names, types and vocabularies of tradetui's tables (documented in docs/data.md)."""

from __future__ import annotations

import polars as pl

# Flows are seen from the reporter's side: export = reporter -> partner.
EXPORT = "export"
IMPORT = "import"
TOTAL = "total"
FLOWS = (EXPORT, IMPORT, TOTAL)

# How a monthly value was obtained.
METHOD_YTD_FIRST = "ytd_first"  # the first release of the year (Jan-Feb), taken as is
METHOD_YTD_DIFF = "ytd_diff"  # YTD(n) - YTD(n-1), both published
METHOD_PUBLISHED_MONTH = "published_month"  # a directly published single-period figure
METHOD_FLOW_DIFFERENCE = "flow_difference"  # total − the other flow of the same period
METHOD_FLOW_SUM = "flow_sum"  # exports + imports of the same period
METHOD_YTD_LESS_MONTHS = "ytd_less_months"  # YTD(a) − YTD(b) − the other months of (b, a]
# Methods of values computed from several figures by tradetui.data.derive.
DERIVED_METHODS = (METHOD_FLOW_DIFFERENCE, METHOD_FLOW_SUM, METHOD_YTD_LESS_MONTHS)
METHODS = (METHOD_YTD_FIRST, METHOD_YTD_DIFF, METHOD_PUBLISHED_MONTH, *DERIVED_METHODS)

# Units the trade table may carry, and their factor to USD bn (the unit used inside).
UNITS = {"USD bn": 1.0, "USD mn": 0.001}
# The largest value any trade row may hold, in USD bn: a million billion dollars is some
# forty years of the whole world's trade, so anything above it (1e308, say) is an error in
# the file, and sums of such values would overflow to infinity.
MAX_VALUE_BN = 1e6

# The monthly trade table. Required columns must be present in any trade file;
# the optional ones are carried by the embedded dataset and kept when a user's file has them.
TRADE_REQUIRED: dict[str, type[pl.DataType] | pl.DataType] = {
    "period_start": pl.String,
    "period_end": pl.String,
    "reporter": pl.String,
    "partner": pl.String,
    "flow": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
}
TRADE_OPTIONAL: dict[str, type[pl.DataType] | pl.DataType] = {
    "method": pl.String,
    "value_figures": pl.String,
    # Half a unit of the last digit of the value's least precise input (USD bn).
    "precision": pl.Float64,
    "published_value": pl.Float64,
    "published_figure": pl.String,
    "ytd_published": pl.Float64,
    "ytd_figure": pl.String,
    "note": pl.String,
}
TRADE_COLUMNS = {**TRADE_REQUIRED, **TRADE_OPTIONAL}

EVENT_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "event_id": pl.String,
    "start_date": pl.String,
    "end_date": pl.String,
    "category": pl.String,
    "title": pl.String,
    "location": pl.String,
    "actors": pl.String,
    "summary": pl.String,
    "source_url": pl.String,
    "source_title": pl.String,
}
COMMODITY_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "commodity_id": pl.String,
    "period_start": pl.String,
    "period_end": pl.String,
    "kind": pl.String,
    "reporter": pl.String,
    "partner": pl.String,
    "flow": pl.String,
    "product": pl.String,
    "hs_code": pl.String,
    "measure": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "yoy_pct": pl.Float64,
    "source_url": pl.String,
    "source_title": pl.String,
    "published": pl.String,
    "quote": pl.String,
}

PUBLISHED_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "figure_id": pl.String,
    "period_start": pl.String,
    "period_end": pl.String,
    "kind": pl.String,
    "reporter": pl.String,
    "partner": pl.String,
    "flow": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "currency": pl.String,
    "yoy_pct": pl.Float64,
    "usable": pl.Boolean,
    "excluded_because": pl.String,
    "chosen": pl.Boolean,
    "agrees_with_chosen": pl.Boolean,
    "source_url": pl.String,
    "source_title": pl.String,
    "published": pl.String,
    "quote": pl.String,
    # Digits after the decimal point as published ("63" has 0, "63.0" has 1).
    "decimals": pl.Int64,
    # For a total: whether its flows add up to it within their rounding (see choose.py).
    "adds_up": pl.Boolean,
}

# Commodity detail of an imported file (e.g. UN Comtrade at HS level): one row per
# month, pair, flow and HS code. Kept lazy over the source, so it may be any size.
DETAIL_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "period": pl.String,  # YYYY-MM
    "reporter": pl.String,  # ISO3, as in the trade table
    "partner": pl.String,
    "flow": pl.String,  # export or import, from the reporter's side
    "hs_code": pl.String,  # 2, 4 or 6 digits
    "value": pl.Float64,  # USD bn
    "description": pl.String,  # the source's own name for the code, when it has one
}

# File names of a dataset folder (the embedded one and any --data folder).
TRADE_FILE = "trade_monthly.csv"
PUBLISHED_FILE = "published_figures.csv"
EVENTS_FILE = "events.csv"
COMMODITIES_FILE = "commodities.csv"
