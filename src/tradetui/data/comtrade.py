"""UN Comtrade exports (CSV or Parquet, from the Comtrade+ site or API) as tradetui tables.

Two results: the monthly trade table (small, collected), computed in one streaming pass
over the file batch by batch, and the commodity detail, a LazyFrame over the file that
is never collected here. The rules (docs/data.md, "Bringing your own data"):

- flowCode X is export, M is import; re-exports (RX), re-imports (RM) and any other flow
  are kept apart: in no flow of the trade table, counted in a note.
- Rows that break a flow down by second partner, mode of transport, customs procedure or
  mode of supply are left out: the rows with code 0 (C00 for customs) hold their sums.
- One value per period, reporter, partner and flow: the TOTAL row when there is one, else
  the sum of the rows at the coarsest HS level present. Levels are never added together.
- total = export + import, only where both are known. A sum with a missing part is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from tradetui.data import duplicates, schema
from tradetui.data.detail import Detail, MonthFilter
from tradetui.data.errors import DataError, quoted
from tradetui.data.partitions import WRONG, month_partitions, partition_keys, wrong_partition
from tradetui.data.periods import COMPACT_MONTH_PATTERN, YEAR_PATTERN, YEARS
from tradetui.data.progress import SILENT, Progress
from tradetui.data.sources import COMTRADE_COLUMNS, COMTRADE_REQUIRED, check_plain
from tradetui.data.validate import validate_trade, year_in_range

FLOW_CODES = {"X": schema.EXPORT, "M": schema.IMPORT}
TOTAL_CODE = "TOTAL"
HS_LEVELS = (2, 4, 6)
USD_PER_BN = 1e9
MAX_USD = schema.MAX_VALUE_BN * USD_PER_BN  # 1e15: anything larger is an error in the file
WORLD = "W00"  # Comtrade's code for the world as a partner (partnerCode 0)

# Breakdown columns and the code that means "not broken down" (all of it).
BREAKDOWNS = {"partner2Code": "0", "motCode": "0", "customsCode": "C00", "mosCode": "0"}

MAX_PROBLEMS = 5
# Rows per batch of the streaming pass; None lets polars choose (tests set a small one).
BATCH_ROWS: int | None = None
# Partial sums are added up whenever they hold more rows than this.
COMPACT_ROWS = 2_000_000
_GROUP = ["period_start", "period_end", "reporter", "partner"]
_KEY = [*_GROUP, "flow_code", "level", "breakdown"]
_LEVEL_NAMES = {0: "TOTAL rows", 2: "2-digit HS rows", 4: "4-digit HS rows", 6: "6-digit HS rows"}


@dataclass(frozen=True)
class ComtradeImport:
    """``trade`` in schema.TRADE_COLUMNS (validated, USD bn); ``detail`` in
    schema.DETAIL_COLUMNS, lazy over the source; ``notes`` one line each."""

    trade: pl.DataFrame
    detail: Detail
    notes: tuple[str, ...]
    duplicates: int = 0


def canonical(lf: pl.LazyFrame) -> pl.LazyFrame:
    """Comtrade's column names in their own spelling, whatever case the file used."""
    known = {name.lower(): name for name in COMTRADE_COLUMNS}
    names = lf.collect_schema().names()
    renames = {
        n: known[n.lower()]
        for n in names
        if n.lower() in known and n != known[n.lower()] and known[n.lower()] not in names
    }
    return lf.rename(renames) if renames else lf


def _text(column: str, dtype: pl.DataType) -> pl.Expr:
    """A code as text however the file typed it: 156, 156.0 and ' 156' are all '156'."""
    col = pl.col(column)
    if dtype == pl.String:
        return col.str.strip_chars()
    if dtype.is_float():
        # 202302.5 is no code: a cast alone would cut it to 202302.
        whole = col.is_finite() & (col == col.floor())
        return pl.when(whole).then(col.cast(pl.Int64, strict=False).cast(pl.String))
    return col.cast(pl.String)


def _undivided(column: str, dtype: pl.DataType, code: str) -> pl.Expr:
    """The row is not broken down by this column: its code means "all" (or is empty)."""
    col = pl.col(column)
    if dtype.is_numeric():
        return col.is_null() | (col == int(code))
    # Runs on every row: a plain comparison with the spellings files use, no string work.
    spellings = ["", code, code.lower(), f"{code}.0"]
    return col.is_null() | col.cast(pl.String).is_in(spellings)


# Columns computed from the source (names no Comtrade file uses).
_PERIOD, _REPORTER, _PARTNER, _FLOW = "_tt_period", "_tt_reporter", "_tt_partner", "_tt_flow"
_BREAKDOWN, _MONTHLY, _ANNUAL, _LEVEL = "_tt_breakdown", "_tt_monthly", "_tt_annual", "_tt_level"
_CMD, _NUMBER, _BAD_VALUE = "_tt_cmd", "_tt_number", "_tt_bad_value"


@dataclass(frozen=True)
class _Layout:
    """Which columns of this file play which part, and the expressions built on them.

    The normalising expressions need only a few low-cardinality columns (period, country
    codes, flow), so they can run either on every row (the lazy detail) or on the small
    per-batch sums (the trade table).
    """

    dtypes: dict[str, pl.DataType]
    period_column: str  # period, or refPeriodId
    keys: tuple[str, ...]  # the source columns the sums are grouped by

    def text(self, column: str) -> pl.Expr:
        return _text(column, self.dtypes[column])

    def code(self) -> pl.Expr:
        code = pl.col("cmdCode")
        return code if self.dtypes["cmdCode"] == pl.String else self.text("cmdCode")

    def row_facts(self) -> list[pl.Expr]:
        """Per row, and cheap: the HS level of cmdCode (0 for TOTAL, null for other codes),
        whether the row is a breakdown, its value and whether that value is unusable."""
        code = self.code()
        # A leading zero lost to a spreadsheet or an integer column (101 for 0101) counts.
        length = code.str.len_bytes() + code.str.len_bytes() % 2
        level = (
            # A list of spellings, not to_uppercase: this runs on every row of a big file.
            pl.when(code.is_in([TOTAL_CODE, TOTAL_CODE.lower(), TOTAL_CODE.capitalize()]))
            .then(pl.lit(0, pl.Int8))
            .when(code.str.to_integer(strict=False).is_not_null() & length.is_in(HS_LEVELS))
            .then(length.cast(pl.Int8))
        )
        kept = [
            _undivided(column, self.dtypes[column], code)
            for column, code in BREAKDOWNS.items()
            if column in self.dtypes
        ]
        breakdown = ~pl.all_horizontal(kept).fill_null(False) if kept else pl.lit(False)

        given = pl.col("primaryValue")
        number = given.cast(pl.Float64, strict=False)
        if self.dtypes["primaryValue"] == pl.String:
            unreadable = given.str.strip_chars().fill_null("") != ""
        else:
            unreadable = given.is_not_null()
        unreadable = unreadable & number.is_null()
        bad = (
            unreadable | (number < 0) | number.is_nan() | number.is_infinite() | (number > MAX_USD)
        )
        return [
            level.alias(_LEVEL),
            breakdown.alias(_BREAKDOWN),
            number.alias(_NUMBER),
            bad.fill_null(False).alias(_BAD_VALUE),
        ]

    def normalised(self) -> list[list[pl.Expr]]:
        """Stages of columns computed from the key columns (period, codes, flow)."""
        if self.period_column == "period":
            period = self.text("period")
        else:
            # refPeriodId is the first day of the period (YYYYMMDD); annual rows say so in
            # freqCode A, or in refMonth 52 (Comtrade's month number for a whole year).
            ref = self.text("refPeriodId")
            if "freqCode" in self.dtypes:
                annual = self.text("freqCode").str.to_uppercase() == "A"
            else:
                annual = self.text("refMonth") == "52"
            # Anything but YYYYMMDD is no period (a 4-digit "2023" of a monthly row, say).
            period = (
                pl.when(~ref.str.contains(r"^[0-9]{8}$").fill_null(False))
                .then(pl.lit(None, pl.String))
                .when(annual)
                .then(ref.str.slice(0, 4))
                .otherwise(ref.str.slice(0, 6))
            )

        def country(iso: str, code: str, world: bool) -> pl.Expr:
            if iso in self.dtypes:
                # A text column is used as it is, so that a filter on it reaches the scan.
                return pl.col(iso) if self.dtypes[iso] == pl.String else self.text(iso)
            numeric = self.text(code)
            # Without ISO codes the numeric (M49) code stands; 0 is the world.
            return (
                pl.when(numeric == "0").then(pl.lit(WORLD)).otherwise(numeric) if world else numeric
            )

        return [
            [
                period.alias(_PERIOD),
                country("reporterISO", "reporterCode", world=False)
                .cast(pl.String)
                .alias(_REPORTER),
                country("partnerISO", "partnerCode", world=True).cast(pl.String).alias(_PARTNER),
                self.text("flowCode").str.to_uppercase().alias(_FLOW),
            ],
            [
                (
                    pl.col(_PERIOD).str.contains(COMPACT_MONTH_PATTERN).fill_null(False)
                    & year_in_range(pl.col(_PERIOD))
                ).alias(_MONTHLY),
                (
                    pl.col(_PERIOD).str.contains(YEAR_PATTERN).fill_null(False)
                    & year_in_range(pl.col(_PERIOD))
                ).alias(_ANNUAL),
            ],
        ]

    def bad(self, bad_value: pl.Expr) -> pl.Expr:
        """A row (or group) that is read, not a breakdown, and cannot be used."""
        return ~pl.col(_BREAKDOWN) & (
            ~(pl.col(_MONTHLY) | pl.col(_ANNUAL))
            | (pl.col(_REPORTER).fill_null("") == "")
            | (pl.col(_PARTNER).fill_null("") == "")
            | bad_value
        )

    @property
    def month(self) -> pl.Expr:
        """A monthly period as YYYY-MM."""
        period = pl.col(_PERIOD)
        return period.str.slice(0, 4) + "-" + period.str.slice(4, 2)

    def bound(self, month: str) -> pl.Expr:
        """period_start (month "01") or period_end ("12"): a month, or a year's bound."""
        return pl.when(_MONTHLY).then(self.month).when(_ANNUAL).then(pl.col(_PERIOD) + f"-{month}")

    def normalise(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        for stage in self.normalised():
            frame = frame.with_columns(stage)
        return frame

    @property
    def reporter_column(self) -> str:
        return "reporterISO" if "reporterISO" in self.dtypes else "reporterCode"

    @property
    def partner_column(self) -> str:
        return "partnerISO" if "partnerISO" in self.dtypes else "partnerCode"


def _missing(columns: Sequence[str]) -> list[str]:
    names = set(columns)
    return [
        " or ".join(alternatives)
        for alternatives in COMTRADE_REQUIRED
        if not any(a in names for a in alternatives)
    ]


def _layout(lf: pl.LazyFrame, name: str) -> _Layout:
    dtypes = dict(lf.collect_schema())
    missing = _missing(list(dtypes))
    if missing:
        raise DataError(
            f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            "expected a UN Comtrade export with "
            + ", ".join(" or ".join(a) for a in COMTRADE_REQUIRED)
        )
    used = [c for c in (*COMTRADE_COLUMNS, *BREAKDOWNS) if c in dtypes]
    check_plain(dtypes, name, dict.fromkeys(used))
    for column, code in BREAKDOWNS.items():
        if column in dtypes and dtypes[column].is_numeric() and not code.isdigit():
            # Comtrade writes these codes as text (C00); as numbers they cannot be told apart.
            raise DataError(
                f"{name}: column {column}: found {dtypes[column]} values, expected text codes "
                f"such as {code}, as UN Comtrade writes them"
            )
    if "period" in dtypes:
        periods: tuple[str, ...] = ("period",)
    elif "freqCode" in dtypes:
        periods = ("refPeriodId", "freqCode")
    elif "refMonth" in dtypes:
        periods = ("refPeriodId", "refMonth")
    else:
        raise DataError(
            f"{name}: has refPeriodId but no period, freqCode or refMonth column; "
            "expected one of them to tell months from years"
        )
    countries = tuple(
        iso if iso in dtypes else code
        for iso, code in (("reporterISO", "reporterCode"), ("partnerISO", "partnerCode"))
    )
    return _Layout(
        dtypes=dtypes,
        period_column=periods[0],
        keys=(*periods, *countries, "flowCode"),
    )


def _row_key(layout: _Layout) -> list[str]:
    """The source columns that make a row unique: its group, its code and breakdowns."""
    return [*layout.keys, "cmdCode", *(c for c in BREAKDOWNS if c in layout.dtypes)]


def _rows(lf: pl.LazyFrame, layout: _Layout) -> pl.LazyFrame:
    """Every row with the normalised columns added (for the detail and error lines)."""
    code = layout.code()
    padded = pl.when(code.str.len_bytes() % 2 == 1).then("0" + code).otherwise(code)
    return layout.normalise(lf.with_columns(*layout.row_facts())).with_columns(
        pl.when(pl.col(_LEVEL) > 0).then(padded).alias(_CMD)
    )


def _detail(lf: pl.LazyFrame, layout: _Layout, repeated: bool = False) -> pl.LazyFrame:
    """The HS rows of monthly exports and imports (schema.DETAIL_COLUMNS), lazy over ``lf``:
    no breakdown rows, re-exports, TOTAL or annual rows. The HS levels overlap and are all
    kept; tradetui.data.hs never adds two of them together. ``repeated``: the files repeat
    rows, of which the first file's are kept (tradetui.data.duplicates)."""
    description = pl.col("cmdDesc").cast(pl.String) if "cmdDesc" in layout.dtypes else None
    rows = _rows(lf, layout)
    if repeated:
        rows = duplicates.first_copies(rows, _row_key(layout))
    return rows.filter(
        ~pl.col(_BREAKDOWN),
        pl.col(_FLOW).is_in(list(FLOW_CODES)),
        pl.col(_LEVEL) > 0,
        pl.col(_MONTHLY),
    ).select(
        period=layout.month,
        reporter=_REPORTER,
        partner=_PARTNER,
        flow=pl.col(_FLOW).replace_strict(FLOW_CODES, default=None, return_dtype=pl.String),
        hs_code=_CMD,
        value=pl.col(_NUMBER) / USD_PER_BN,
        description=pl.lit(None, pl.String) if description is None else description,
    )


def _source_months(
    lf: pl.LazyFrame, layout: _Layout, repeated: bool = False, hive: bool = False
) -> MonthFilter | None:
    """first..last as a filter on the file's own period column (and with ``hive``, on the
    year/month partitions), or None where its type gives no simple order (then the
    detail's computed period is filtered instead)."""
    column = layout.period_column
    dtype = layout.dtypes[column]
    # period is YYYYMM (a year, YYYY, is not in the detail); refPeriodId is YYYYMMDD.
    by_day = column != "period"
    if not (dtype.is_integer() or (dtype == pl.String and not by_day)):
        return None

    def bound(month: str, day: str) -> pl.Expr:
        key = month.replace("-", "") + (day if by_day else "")
        return pl.lit(int(key), dtype) if dtype.is_integer() else pl.lit(key)

    def months(first: str | None, last: str | None) -> pl.LazyFrame:
        keep = pl.lit(True)
        if first is not None:
            keep &= pl.col(column) >= bound(first, "01")
        if last is not None:
            keep &= pl.col(column) <= bound(last, "31")
        narrower = month_partitions(layout.dtypes, first, last) if hive else None
        return _detail(lf.filter(keep if narrower is None else keep & narrower), layout, repeated)

    return months


def _problems(
    lf: pl.LazyFrame, layout: _Layout, name: str, row_word: str, first_row: int
) -> list[str]:
    """One line per bad row (a few), then how many more: the file is read again with row
    numbers, only once a bad row is known to exist."""
    bad = (
        _rows(lf.with_row_index("_tt_row", offset=first_row), layout)
        .filter(layout.bad(pl.col(_BAD_VALUE)))
        .select(
            row="_tt_row",
            period=pl.col(layout.period_column).cast(pl.String),
            good_period=pl.col(_MONTHLY) | pl.col(_ANNUAL),
            reporter=_REPORTER,
            partner=_PARTNER,
            value=pl.col("primaryValue").cast(pl.String),
            negative=(pl.col(_NUMBER) < 0).fill_null(False),
            too_big=(pl.col(_NUMBER) > MAX_USD).fill_null(False),
            not_finite=(pl.col(_NUMBER).is_nan() | pl.col(_NUMBER).is_infinite()).fill_null(False),
        )
    )
    count = bad.select(pl.len()).collect().item()
    lines = []
    for row in bad.head(MAX_PROBLEMS).collect().iter_rows(named=True):
        at = f"{name}: {row_word} {row['row']}, column"
        if not row["good_period"]:
            found = quoted(row["period"]) if row["period"] else "an empty cell"
            expected = (
                f"a period's first day as YYYYMMDD, of {YEARS}"
                if layout.period_column == "refPeriodId"
                else f"a period as YYYYMM (a month) or YYYY (a year), of {YEARS}"
            )
            lines.append(f"{at} {layout.period_column}: found {found}, expected {expected}")
        elif not row["reporter"]:
            column = layout.reporter_column
            lines.append(f"{at} {column}: found an empty cell, expected a country code")
        elif not row["partner"]:
            column = layout.partner_column
            lines.append(f"{at} {column}: found an empty cell, expected a country code")
        else:
            if row["negative"]:
                expected = "a non-negative number"
            elif row["too_big"]:
                expected = "at most 1e15 USD (more than the world's trade)"
            elif row["not_finite"]:
                expected = "a finite number"
            else:
                expected = "a number (or empty)"
            lines.append(f"{at} primaryValue: found {quoted(row['value'])}, expected {expected}")
    if count > MAX_PROBLEMS:
        lines.append(f"{name}: {count - MAX_PROBLEMS} more such {row_word}s")
    return lines


def _partial_sums(
    lf: pl.LazyFrame,
    layout: _Layout,
    name: str,
    progress: Progress,
    total_rows: int | None,
    row_word: str,
    first_row: int,
) -> tuple[pl.DataFrame, duplicates.Repeats, bool]:
    """Sums per period, pair, flow code, HS level and breakdown flag, in one streaming pass.

    Each batch is summed by the source's own key columns (few distinct values), the HS
    level and the breakdown flag; only those small sums are normalised (periods, codes,
    flows), so per row there is little more than a comparison and a hash. ``values``
    counts rows with a value and ``rows`` all rows, so a sum with a missing part can be
    told from a complete one. Over several files the sums are kept per file too, so that
    rows repeated across files are found and counted once (tradetui.data.duplicates).
    The last value says whether Hive ``year``/``month`` partitions match every period
    (then a month's query may be narrowed by them).
    """
    keys = [*layout.keys, _LEVEL, _BREAKDOWN]
    by_file = duplicates.FILE in layout.dtypes
    hive = partition_keys(layout.dtypes, layout.period_column)
    file_key = [duplicates.FILE] if by_file else []
    # Each file by a hash of its path: a number hashes faster than a path in every batch
    # (two paths of one folder sharing a 64-bit hash is not a real risk).
    file_id = [pl.col(duplicates.FILE).hash(seed=0)] if by_file else []
    check = [wrong_partition(layout.dtypes, hive)] if hive else []
    facts = [*layout.keys, *file_id, *check, *layout.row_facts()]
    sums = [
        pl.col(_NUMBER).sum().alias("value"),
        pl.col(_NUMBER).count().cast(pl.Int64).alias("values"),
        pl.len().cast(pl.Int64).alias("rows"),
        pl.col(_BAD_VALUE).sum().cast(pl.Int64).alias("bad_values"),
    ]

    def combine(frames: list[pl.DataFrame], by: list[str]) -> pl.DataFrame:
        return (
            pl.concat(frames)
            .group_by(by)
            .agg(pl.col("value", "values", "rows", "bad_values").sum())
        )

    partials: list[pl.DataFrame] = []
    done = 0
    hive_ok = bool(hive)
    progress.step(done, total_rows, "rows")
    for batch in lf.select(facts).collect_batches(chunk_size=BATCH_ROWS):
        partials.append(batch.group_by(keys + file_key).agg(sums))
        if hive_ok and batch[WRONG].any():
            hive_ok = False
        # Memory stays bounded by the number of distinct keys, not by the file.
        if sum(frame.height for frame in partials) > COMPACT_ROWS:
            partials = [combine(partials, keys + file_key)]
        done += batch.height
        progress.step(done, total_rows, "rows")
    if done == 0:
        raise DataError(f"{name}: has a header but no data rows")
    summed = combine(partials, keys + file_key)
    repeats = duplicates.Repeats()
    if by_file:
        shared = duplicates.shared_groups(summed, keys)
        if shared.height:
            rows = lf.select(*_row_key(layout), duplicates.FILE, *layout.row_facts()).join(
                shared.lazy(), on=keys, how="semi", nulls_equal=True
            )
            repeats = duplicates.count(rows, _row_key(layout), _NUMBER)
        if repeats.rows:
            kept = duplicates.first_copies(rows, _row_key(layout))
            redone = kept.group_by(keys).agg(sums).collect(engine="streaming")
            alone = summed.join(shared, on=keys, how="anti", nulls_equal=True).drop(duplicates.FILE)
            summed = combine([alone, redone.select(alone.columns)], keys)
        else:
            summed = combine([summed.drop(duplicates.FILE)], keys)
    if has_bad_rows(summed, layout):
        lines = _problems(lf, layout, name, row_word, first_row)
        raise DataError(lines[0], lines)
    return normalised_sums(summed, layout), repeats, hive_ok


def has_bad_rows(summed: pl.DataFrame, layout: _Layout) -> bool:
    """Whether the sums by the source's key columns count any row that cannot be used."""
    combined = layout.normalise(summed.lazy()).collect()
    return not combined.filter(layout.bad(pl.col("bad_values") > 0)).is_empty()


def normalised_sums(summed: pl.DataFrame, layout: _Layout) -> pl.DataFrame:
    """Sums by the source's own key columns (value, values, rows) as sums per _KEY."""
    return (
        layout.normalise(summed.lazy())
        .collect()
        .select(
            period_start=layout.bound("01"),
            period_end=layout.bound("12"),
            reporter=_REPORTER,
            partner=_PARTNER,
            flow_code=_FLOW,
            level=_LEVEL,
            breakdown=_BREAKDOWN,
            value=pl.col("value") / USD_PER_BN,
            values="values",
            rows="rows",
        )
        .group_by(_KEY)
        .agg(pl.col("value", "values", "rows").sum())
    )


def _count(frame: pl.DataFrame) -> int:
    return int(frame["rows"].sum()) if frame.height else 0


def _notes(sums: pl.DataFrame, chosen: pl.DataFrame, dropped_annual: int) -> list[str]:
    notes = []
    broken_down = _count(sums.filter("breakdown"))
    if broken_down:
        notes.append(
            f"{broken_down:,} rows breaking a flow down by second partner, transport, "
            "customs procedure or mode of supply left out (the undivided rows hold their sums)"
        )
    read = sums.filter(~pl.col("breakdown"))
    other = (
        read.filter(~pl.col("flow_code").is_in(list(FLOW_CODES)))
        .group_by("flow_code")
        .agg(pl.col("rows").sum())
        .sort("flow_code", nulls_last=True)
    )
    if other.height:
        each = ", ".join(f"{code or 'empty'} {rows:,}" for code, rows in other.iter_rows())
        notes.append(
            f"{_count(other):,} rows of re-exports, re-imports and other flows kept apart "
            f"({each}): not in exports, imports or total"
        )
    unknown = _count(
        read.filter(pl.col("flow_code").is_in(list(FLOW_CODES)) & pl.col("level").is_null())
    )
    if unknown:
        notes.append(
            f"{unknown:,} rows with a commodity code that is neither TOTAL nor HS left out"
        )
    if dropped_annual:
        notes.append(f"{dropped_annual:,} annual values left out: the same years have monthly rows")
    levels = chosen.group_by("level").agg(pl.len()).sort("level")
    if levels.height:
        parts = []
        for level, count in levels.iter_rows():
            how = "from" if level == 0 else "summed from"
            parts.append(f"{count:,} {how} {_LEVEL_NAMES[level]}")
        notes.append("values per period, pair and flow: " + ", ".join(parts))
    incomplete = chosen.filter(pl.col("values") < pl.col("rows")).height
    if incomplete:
        notes.append(f"{incomplete:,} values missing: a source row has no primaryValue")
    return notes


def _monthly(sums: pl.DataFrame, name: str = "Comtrade file") -> tuple[pl.DataFrame, list[str]]:
    """The trade table from the partial sums of :func:`_partial_sums` (see module doc)."""
    read = sums.filter(~pl.col("breakdown") & pl.col("flow_code").is_in(list(FLOW_CODES)))
    totals = read.filter(pl.col("level") == 0)
    repeated = totals.filter(pl.col("rows") > 1)
    if repeated.height:
        row = repeated.sort(_GROUP).row(0, named=True)
        raise DataError(
            f"{name}: {row['rows']} TOTAL rows for {row['period_start']}..{row['period_end']} "
            f"{row['reporter']}->{row['partner']} flow {row['flow_code']}; expected one per "
            "period, reporter, partner and flow (are two downloads overlapping?)"
        )
    # The TOTAL row (level 0) when there is one, else the coarsest HS level present.
    chosen = (
        read.filter(pl.col("level").is_not_null())
        .sort("level")
        .group_by([*_GROUP, "flow_code"], maintain_order=True)
        .first()
    )
    if chosen.is_empty():
        raise DataError(
            f"{name}: no export (X) or import (M) rows with a TOTAL or HS commodity code; "
            "expected UN Comtrade rows with flowCode X or M"
        )
    # A year that has months is shown by its months; its annual row would count it twice.
    year = pl.col("period_start").str.slice(0, 4).alias("year")
    same_year = ["year", "reporter", "partner", "flow_code"]
    is_month = pl.col("period_start") == pl.col("period_end")
    monthly_years = chosen.filter(is_month).select(year, *same_year[1:]).unique()
    annual = chosen.filter(~is_month).with_columns(year)
    dropped = annual.join(monthly_years, on=same_year, how="semi").height
    kept_annual = annual.join(monthly_years, on=same_year, how="anti").drop("year")
    chosen = pl.concat([chosen.filter(is_month), kept_annual])
    notes = _notes(sums, chosen, dropped)

    flows = chosen.select(
        *_GROUP,
        flow=pl.col("flow_code").replace_strict(FLOW_CODES, return_dtype=pl.String),
        value=pl.when(pl.col("values") == pl.col("rows")).then(pl.col("value")),
    )
    exports = flows.filter(pl.col("flow") == schema.EXPORT).drop("flow")
    imports = flows.filter(pl.col("flow") == schema.IMPORT).drop("flow")
    both = exports.join(imports, on=_GROUP, how="full", coalesce=True, suffix="_import")
    total = both.select(
        *_GROUP, flow=pl.lit(schema.TOTAL), value=pl.col("value") + pl.col("value_import")
    )
    order = {flow: rank for rank, flow in enumerate(schema.FLOWS)}
    trade = (
        pl.concat([flows, total])
        .with_columns(
            unit=pl.lit("USD bn"),
            method=pl.when(pl.col("value").is_not_null()).then(
                pl.lit(schema.METHOD_PUBLISHED_MONTH)
            ),
            note=pl.when(pl.col("value").is_not_null())
            .then(None)
            .when(pl.col("flow") == schema.TOTAL)
            .then(pl.lit("export or import missing for this period"))
            .otherwise(pl.lit("a source row has no primaryValue")),
        )
        .sort(
            "reporter",
            "partner",
            "period_start",
            "period_end",
            pl.col("flow").replace_strict(order, return_dtype=pl.Int8),
        )
        .select(
            (
                pl.col(c)
                if c in ("unit", "method", "note", *_GROUP, "flow", "value")
                else pl.lit(None)
            )
            .cast(t)
            .alias(c)
            for c, t in schema.TRADE_COLUMNS.items()
        )
    )
    return trade, notes


def trade_from_sums(
    sums: pl.DataFrame, name: str, repeats: duplicates.Repeats | None = None
) -> tuple[pl.DataFrame, list[str], int]:
    """The validated trade table, the notes and the count of HS rows of the detail from
    :func:`normalised_sums`, however they were computed (here batch by batch, or by a
    cluster: tradetui.data.spark.engine)."""
    repeats = repeats or duplicates.Repeats()
    trade, notes = _monthly(sums, name)
    if repeats.note():
        notes.append(repeats.note())
    # The same checks as any trade table (months, codes, one row per key).
    checked = validate_trade(trade.lazy(), f"{name} (monthly totals)").collect()
    hs_rows = _count(
        sums.filter(
            ~pl.col("breakdown")
            & pl.col("flow_code").is_in(list(FLOW_CODES))
            & (pl.col("level") > 0)
            & (pl.col("period_start") == pl.col("period_end"))
        )
    )
    read = _count(sums) + repeats.rows
    notes.insert(0, f"{read:,} rows read; {hs_rows:,} HS rows in the commodity detail")
    return checked, notes, hs_rows


def read_comtrade(
    lf: pl.LazyFrame,
    name: str = "Comtrade file",
    progress: Progress = SILENT,
    total_rows: int | None = None,
    row_word: str = "line",
    first_row: int = 2,
) -> ComtradeImport:
    """Read a Comtrade export scanned as ``lf`` (see module doc).

    The trade table is computed batch by batch; ``progress.step(rows_done, total_rows,
    "rows")`` runs between batches and raises Cancelled when the user stopped. Bad rows
    raise DataError naming ``row_word`` N (counted from ``first_row``) and the column.
    """
    lf = canonical(lf)
    layout = _layout(lf, name)
    sums, repeats, hive_ok = _partial_sums(
        lf, layout, name, progress, total_rows, row_word, first_row
    )
    checked, notes, hs_rows = trade_from_sums(sums, name, repeats)
    repeated = repeats.rows > 0
    return ComtradeImport(
        trade=checked,
        detail=Detail(
            _detail(lf, layout, repeated),
            _source_months(lf, layout, repeated, hive_ok),
            rows=hs_rows,
        ),
        notes=tuple(notes),
        duplicates=repeats.rows,
    )
