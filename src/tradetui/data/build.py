"""Build the embedded dataset in data/ from the research files in data/research/.

The research files hold one row per figure as one page published it. This module
1. gives every published figure an id, marks the ones that must not be used (with the
   reason) and, where several pages give the same figure, chooses one by a fixed rule;
2. derives monthly flows from the chosen cumulative (YTD) releases;
3. copies events and commodity figures with ids and ISO3 reporter/partner codes.

The rules are written out in docs/data.md. Nothing here estimates or fills in a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tradetui.data import choose, derive, schema
from tradetui.data.errors import DataError
from tradetui.data.periods import short_period_name

REPORTER = "CHN"
PARTNER = "RUS"

RESEARCH_REPORTS = "cn_ru_gacc_reports.csv"
RESEARCH_EVENTS = "cn_ru_events.csv"
RESEARCH_COMMODITIES = "cn_ru_commodities.csv"

RESEARCH_FLOWS = {
    "cn_exports_to_ru": schema.EXPORT,
    "cn_imports_from_ru": schema.IMPORT,
    "total": schema.TOTAL,
    # The source's positive number for Russia's surplus (China's deficit), kept as published.
    "balance": "partner_surplus",
}

FIRST_YEAR = 2021


@dataclass(frozen=True)
class Exclusion:
    """A published figure that is kept visible but never used to derive months."""

    period_start: str
    period_end: str
    flow: str
    value: float
    reason: str


_CONVERTED = "an outlet's conversion of a yuan figure, not GACC's USD series"
_BOUND = "stated as a bound or a round number ('more than', 'almost'), not an exact figure"

# Every entry must match at least one row (the build fails otherwise), so the list
# cannot silently go stale when the research files change.
EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion("2020-01", "2020-12", "total", 177.0, "garbled: every other source gives 107.76"),
    Exclusion(
        "2021-01", "2021-12", "total", 130.428, "mislabelled: this is the Jan-Nov 2021 total"
    ),
    Exclusion(
        "2024-01", "2024-11", "total", 258.05, "impossible: exceeds the 2024 full-year total"
    ),
    Exclusion("2021-01", "2021-11", "export", 60.36, _CONVERTED),
    Exclusion("2022-01", "2022-03", "total", 38.18, _CONVERTED),
    Exclusion("2023-01", "2023-02", "total", 33.59, _CONVERTED),
    Exclusion("2024-01", "2024-09", "total", 180.3, _CONVERTED),
    Exclusion("2024-06", "2024-06", "total", 19.81, _CONVERTED),
    Exclusion("2024-11", "2024-11", "total", 20.14, _CONVERTED),
    Exclusion("2024-01", "2024-12", "total", 237.0, _CONVERTED),
    Exclusion("2024-01", "2024-12", "total", 249.4, _CONVERTED),
    Exclusion("2025-01", "2025-04", "total", 70.47, _CONVERTED),
    Exclusion("2025-09", "2025-09", "export", 8.85, _CONVERTED),
    Exclusion("2025-10", "2025-10", "export", 8.49, _CONVERTED),
    Exclusion("2025-01", "2025-12", "total", 234.0, _CONVERTED),
    Exclusion("2021-01", "2021-02", "total", 18.0, _BOUND),
    Exclusion("2021-01", "2021-08", "total", 89.0, _BOUND),
    Exclusion("2021-01", "2021-11", "total", 130.0, _BOUND),
    Exclusion("2023-01", "2023-11", "total", 218.0, _BOUND),
    Exclusion("2023-01", "2023-12", "total", 240.0, _BOUND),
    Exclusion("2024-01", "2024-04", "total", 75.0, _BOUND),
    Exclusion("2024-01", "2024-04", "export", 32.0, _BOUND),
    Exclusion("2024-01", "2024-04", "import", 43.0, _BOUND),
    Exclusion("2024-01", "2024-09", "total", 180.0, _BOUND),
    Exclusion("2024-01", "2024-12", "total", 245.0, _BOUND),
)


def _decimals(value: pl.Expr) -> pl.Expr:
    """Decimal places of a number written as text (null stays null)."""
    return (
        pl.when(value.str.contains(".", literal=True))
        .then(value.str.split_exact(".", 1).struct.field("field_1").str.len_chars())
        .otherwise(pl.lit(0, pl.UInt32))
        .cast(pl.Int64)
    )


def _read_research(path: Path) -> pl.DataFrame:
    if not path.is_file():
        raise DataError(f"{path}: research file not found")
    return pl.read_csv(path, infer_schema_length=0)


def published_figures(research_dir: Path) -> pl.DataFrame:
    """Every published trade figure of the research reports file (see figures_from_reports)."""
    return figures_from_reports(_read_research(research_dir / RESEARCH_REPORTS))


def figures_from_reports(
    raw: pl.DataFrame, *, every_exclusion_matches: bool = True
) -> pl.DataFrame:
    """Every published trade figure with its id, usability and the choice among duplicates.

    ``raw`` is a reports table in the research layout, every column as text. Choice rule,
    within one (period, flow, currency) among usable rows with a value: most decimal
    places, then the value given by most pages, then the latest publication date, then
    the first row. ``agrees_with_chosen`` says whether a row is the chosen value rounded
    to the row's own precision. The exclusions apply wherever they match; with
    ``every_exclusion_matches`` (the embedded build) one that matches nothing is an error.
    """
    df = raw.with_row_index("row", offset=1).with_columns(
        figure_id=pl.format("g{}", pl.col("row").cast(pl.String).str.zfill(4)),
        reporter=pl.lit(REPORTER),
        partner=pl.lit(PARTNER),
        flow=pl.col("flow").replace_strict(RESEARCH_FLOWS),
        decimals=_decimals(pl.col("value")),
        value=pl.col("value").cast(pl.Float64),
        yoy_pct=pl.col("yoy_pct").cast(pl.Float64),
    )

    reasons = pl.lit(None, dtype=pl.String)
    for ex in EXCLUSIONS:
        hit = (
            (pl.col("period_start") == ex.period_start)
            & (pl.col("period_end") == ex.period_end)
            & (pl.col("flow") == ex.flow)
            & ((pl.col("value") - ex.value).abs() < 1e-9)
        )
        if every_exclusion_matches and df.filter(hit).is_empty():
            raise DataError(
                f"exclusion {ex.period_start}..{ex.period_end} {ex.flow} {ex.value} "
                "matches no research row"
            )
        reasons = pl.when(hit).then(pl.lit(ex.reason)).otherwise(reasons)
    df = df.with_columns(excluded_because=reasons).with_columns(
        usable=pl.col("excluded_because").is_null() & pl.col("value").is_not_null()
    )

    return choose.choose(df).sort("row").select(list(schema.PUBLISHED_COLUMNS))


def _month_periods(first_year: int, last_end: str) -> list[tuple[str, str]]:
    """The periods of the monthly table: Jan-Feb combined, then single months."""
    last_year, last_month = int(last_end[:4]), int(last_end[5:])
    periods = []
    for year in range(first_year, last_year + 1):
        periods.append((f"{year}-01", f"{year}-02"))
        periods.extend((f"{year}-{m:02d}", f"{year}-{m:02d}") for m in range(3, 13))
    return [p for p in periods if (int(p[1][:4]), int(p[1][5:])) <= (last_year, last_month)]


_FLOW_WORDS = {schema.EXPORT: "exports", schema.IMPORT: "imports", schema.TOTAL: "total"}
_MIXED = (
    "; mixes kinds of release: a month's own first estimate with a difference of "
    "year-to-date releases, which carries GACC's later revisions"
)


def monthly_trade(figures: pl.DataFrame, first_year: int = FIRST_YEAR) -> pl.DataFrame:
    """Derive the monthly flows from the chosen USD figures (tradetui.data.derive;
    docs/data.md)."""
    chosen = figures.filter(
        pl.col("chosen") & (pl.col("currency") == "USD") & pl.col("flow").is_in(schema.FLOWS)
    )
    inputs: dict[str, derive.Figure] = {}
    # (start, end, flow) -> figure_id; several kinds (ytd/month/year) share one key.
    lookup: dict[tuple[str, str, str], str] = {}
    for row in chosen.sort("figure_id").iter_rows(named=True):
        start, end, flow = row["period_start"], row["period_end"], row["flow"]
        inputs[row["figure_id"]] = derive.Figure(
            figure_id=row["figure_id"],
            value=choose.in_bn(row["value"], row["unit"]),
            half_unit=choose.half_unit(row["decimals"], row["unit"]),
            flow=flow,
            single_month=start == end,
            label=f"{short_period_name(start, end)} {_FLOW_WORDS[flow]}",
        )
        lookup.setdefault((start, end, flow), row["figure_id"])

    last_end = max(end for (_, end, _) in lookup)
    periods = _month_periods(first_year, last_end)
    last = {int(s[:4]): int(e[5:]) for s, e in periods}
    cumulative = {
        ("C", int(s[:4]), int(e[5:]), f): i
        for (s, e, f), i in lookup.items()
        if s.endswith("-01") and int(e[5:]) >= 2 and int(s[:4]) in last
    }
    months = {
        ("M", int(s[:4]), int(e[5:]), f): i
        for (s, e, f), i in lookup.items()
        if s == e and int(e[5:]) >= 3 and int(s[:4]) in last
    }
    values = derive.solve(cumulative, months, inputs, last)

    rows = []
    for start, end in periods:
        year, month = int(start[:4]), int(end[5:])
        for flow in schema.FLOWS:
            ytd = lookup.get((f"{year}-01", end, flow))
            published = lookup.get((start, end, flow)) if month > 2 else None
            found = values.get(("M", year, month, flow))
            note = None if found else "no published figure covers this period"
            if found and found.method in derive.DERIVED_METHODS:
                note = derive.formula(found, inputs)
                if derive.mixes_releases(found, inputs):
                    note += _MIXED
            rows.append(
                {
                    "period_start": start,
                    "period_end": end,
                    "reporter": REPORTER,
                    "partner": PARTNER,
                    "flow": flow,
                    "value": derive.amount(found, inputs) if found else None,
                    "unit": "USD bn",
                    "method": found.method if found else None,
                    "value_figures": ";".join(f for f, _ in found.terms) if found else None,
                    "precision": derive.precision(found, inputs) if found else None,
                    "published_value": inputs[published].value if published else None,
                    "published_figure": published,
                    "ytd_published": inputs[ytd].value if ytd else None,
                    "ytd_figure": ytd,
                    "note": note,
                }
            )
    return pl.DataFrame(rows, schema=schema.TRADE_COLUMNS)


def events(research_dir: Path) -> pl.DataFrame:
    raw = _read_research(research_dir / RESEARCH_EVENTS)
    return (
        raw.with_row_index("row", offset=1)
        .with_columns(event_id=pl.format("e{}", pl.col("row").cast(pl.String).str.zfill(3)))
        .sort("start_date", "row")
        .select(list(schema.EVENT_COLUMNS))
    )


def commodities(research_dir: Path) -> pl.DataFrame:
    raw = _read_research(research_dir / RESEARCH_COMMODITIES)
    return (
        raw.with_row_index("row", offset=1)
        .with_columns(
            commodity_id=pl.format("c{}", pl.col("row").cast(pl.String).str.zfill(4)),
            reporter=pl.lit(REPORTER),
            partner=pl.lit(PARTNER),
            flow=pl.col("direction").replace_strict(
                {"cn_exports_to_ru": schema.EXPORT, "cn_imports_from_ru": schema.IMPORT}
            ),
            value=pl.col("value").cast(pl.Float64),
            yoy_pct=pl.col("yoy_pct").cast(pl.Float64),
        )
        .select(list(schema.COMMODITY_COLUMNS))
    )


def build(research_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the dataset files into ``out_dir``; returns the row count of each file."""
    figures = published_figures(research_dir)
    tables = {
        schema.PUBLISHED_FILE: figures,
        schema.TRADE_FILE: monthly_trade(figures),
        schema.EVENTS_FILE: events(research_dir),
        schema.COMMODITIES_FILE: commodities(research_dir),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_csv(out_dir / name)
    return {name: frame.height for name, frame in tables.items()}
