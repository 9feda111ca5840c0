"""A UN Comtrade table on a Spark cluster, read by the rules of tradetui.data.comtrade.

Only two things run on the cluster: the sums by the source's own key columns (one
``groupBy`` over every row, a few thousand rows back) and the HS detail, a Spark
DataFrame that is only ever filtered and grouped (tradetui.data.spark.hs). The per-row
facts below are the Spark spelling of ``comtrade._Layout.row_facts`` and ``normalised``;
everything after the sums is comtrade's own polars code, so both backends agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from tradetui.data import comtrade
from tradetui.data.comtrade import (
    _BAD_VALUE,
    _BREAKDOWN,
    _LEVEL,
    _NUMBER,
    BREAKDOWNS,
    FLOW_CODES,
    HS_LEVELS,
    MAX_USD,
    TOTAL_CODE,
    USD_PER_BN,
    WORLD,
)

_MONTH = r"^\d{4}(0[1-9]|1[0-2])$"


def _col(name: str) -> Column:
    return F.col(f"`{name}`")


@dataclass(frozen=True)
class SparkLayout:
    """The Spark side of a ``comtrade._Layout`` (the same columns, the same dtypes)."""

    layout: comtrade._Layout

    @property
    def dtypes(self) -> dict[str, pl.DataType]:
        return self.layout.dtypes

    def text(self, name: str) -> Column:
        dtype = self.dtypes[name]
        if dtype == pl.String:
            return F.trim(_col(name))
        if dtype.is_float():
            return _col(name).try_cast("bigint").cast("string")
        return _col(name).cast("string")

    def code(self) -> Column:
        return _col("cmdCode") if self.dtypes["cmdCode"] == pl.String else self.text("cmdCode")

    def level(self) -> Column:
        code = self.code()
        length = F.length(code) + F.length(code) % 2
        return (
            F.when(code.isin(TOTAL_CODE, TOTAL_CODE.lower(), TOTAL_CODE.capitalize()), F.lit(0))
            .when(code.try_cast("bigint").isNotNull() & length.isin(*HS_LEVELS), length)
            .cast("tinyint")
        )

    def breakdown(self) -> Column:
        kept = []
        for name, code in BREAKDOWNS.items():
            if name not in self.dtypes:
                continue
            column = _col(name)
            if self.dtypes[name].is_numeric():
                kept.append(column.isNull() | (column == int(code)))
            else:
                spellings = ["", code, code.lower(), f"{code}.0"]
                kept.append(column.isNull() | column.cast("string").isin(*spellings))
        if not kept:
            return F.lit(False)
        undivided = kept[0]
        for more in kept[1:]:
            undivided = undivided & more
        return ~F.coalesce(undivided, F.lit(False))

    def number(self) -> Column:
        return _col("primaryValue").try_cast("double")

    def bad(self) -> Column:
        given, number = _col("primaryValue"), self.number()
        if self.dtypes["primaryValue"] == pl.String:
            unreadable = F.trim(F.coalesce(given, F.lit(""))) != ""
        else:
            unreadable = given.isNotNull()
        unreadable = unreadable & number.isNull()
        bad = (
            unreadable
            | (number < 0)
            | F.isnan(number)
            | number.isin(float("inf"), float("-inf"))
            | (number > MAX_USD)
        )
        return F.coalesce(bad, F.lit(False))

    def sums(self, frame: DataFrame) -> DataFrame:
        """The query of ``comtrade._partial_sums``: sums by the key columns, level and
        breakdown flag (value, values with a number, rows, rows that cannot be used)."""
        keys = [_col(k) for k in self.layout.keys]
        facts = frame.select(
            *keys,
            self.level().alias(_LEVEL),
            self.breakdown().alias(_BREAKDOWN),
            self.number().alias(_NUMBER),
            self.bad().alias(_BAD_VALUE),
        )
        return facts.groupBy(*keys, _col(_LEVEL), _col(_BREAKDOWN)).agg(
            F.sum(_NUMBER).alias("value"),
            F.count(_NUMBER).cast("bigint").alias("values"),
            F.count(F.lit(1)).cast("bigint").alias("rows"),
            F.sum(F.col(_BAD_VALUE).cast("bigint")).alias("bad_values"),
        )

    # --- the detail (schema.DETAIL_COLUMNS) ------------------------------------------

    def _period(self) -> Column:
        if self.layout.period_column == "period":
            return self.text("period")
        ref = self.text("refPeriodId")
        if "freqCode" in self.dtypes:
            annual = F.upper(self.text("freqCode")) == "A"
        else:
            annual = self.text("refMonth") == "52"
        return F.when(annual, F.substring(ref, 1, 4)).otherwise(F.substring(ref, 1, 6))

    def _country(self, iso: str, code: str, world: bool) -> Column:
        if iso in self.dtypes:
            return _col(iso) if self.dtypes[iso] == pl.String else self.text(iso)
        numeric = self.text(code)
        return F.when(numeric == "0", F.lit(WORLD)).otherwise(numeric) if world else numeric

    def month_filter(self, frame: DataFrame, first: str | None, last: str | None) -> DataFrame:
        """first..last on the source's own period column, so the Parquet reader prunes
        (the months of ``comtrade._source_months``); other layouts filter the detail."""
        column, dtype = self.layout.period_column, self.dtypes[self.layout.period_column]
        by_day = column != "period"
        if not (dtype.is_integer() or (dtype == pl.String and not by_day)):
            return frame

        def bound(month: str, day: str) -> Column:
            key = month.replace("-", "") + (day if by_day else "")
            return F.lit(int(key)) if dtype.is_integer() else F.lit(key)

        if first is not None:
            frame = frame.filter(_col(column) >= bound(first, "01"))
        if last is not None:
            frame = frame.filter(_col(column) <= bound(last, "31"))
        return frame

    def detail(self, frame: DataFrame) -> DataFrame:
        """The HS rows of monthly exports and imports (``comtrade._detail``)."""
        code = self.code()
        period = self._period()
        flow = F.upper(self.text("flowCode"))
        level = self.level()
        description = (
            _col("cmdDesc").cast("string") if "cmdDesc" in self.dtypes else F.lit(None)
        ).cast("string")
        flows = F.create_map(*[F.lit(x) for pair in FLOW_CODES.items() for x in pair])
        return frame.filter(
            ~self.breakdown()
            & flow.isin(*FLOW_CODES)
            & (level > 0)
            & F.coalesce(period.rlike(_MONTH), F.lit(False))
        ).select(
            F.concat(F.substring(period, 1, 4), F.lit("-"), F.substring(period, 5, 2)).alias(
                "period"
            ),
            self._country("reporterISO", "reporterCode", world=False)
            .cast("string")
            .alias("reporter"),
            self._country("partnerISO", "partnerCode", world=True).cast("string").alias("partner"),
            flows[flow].alias("flow"),
            F.when(F.length(code) % 2 == 1, F.concat(F.lit("0"), code))
            .otherwise(code)
            .alias("hs_code"),
            (self.number() / USD_PER_BN).alias("value"),
            description.alias("description"),
        )
