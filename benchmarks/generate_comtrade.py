"""Write SYNTHETIC datasets shaped like a UN Comtrade monthly HS 6-digit download.

Run: ``uv run python benchmarks/generate_comtrade.py [OUT] [--sizes 100k 1m 10m] [--seed N]``
(OUT defaults to ``benchmarks/out/``, which git ignores).

Every figure, code and description in these files is invented by a seeded random
generator, for benchmarks only: the files are never shipped in ``data/`` and never shown
as real trade. Descriptions read "SYNTHETIC …" and the Parquet files carry
``synthetic=true`` in their key-value metadata.

Shape (as the Comtrade+ site and API deliver monthly HS data):
- the full Comtrade column list (``COLUMNS``) in Comtrade's order and types: period is
  YYYYMM (an integer, as a CSV reader infers it), cmdCode a 6-digit string (leading zeros
  kept), flowCode X/M, freqCode M, partner2Code 0, motCode 0, mosCode "0", customsCode C00;
  classificationCode H5 up to 2021 and H6 from 2022, as Comtrade reports HS2017/HS2022;
- 72 months (2019-01 to 2024-12), 8 reporters and 12 partners (ISO3 codes), both flows;
- a synthetic HS code list: 96 chapters (01–97 without 77), headings and subheadings
  drawn at random, about 4,900 six-digit codes, the same for every size;
- values lognormal, scaled by a weight per pair (China→Russia the largest, Russia→China
  next) and per code;
  export rows carry the FOB value, import rows the CIF value, as primaryValue too.

Rows per file are exact (100,000 / 1,000,000 / 10,000,000). Each month draws its rows
without replacement from every (pair, flow, code) combination, heavier combinations
more often (Gumbel top-k), so (period, reporter, partner, flow, cmdCode) is unique.
Files are sorted by period, reporterISO, partnerISO, flowCode, cmdCode; Parquet is zstd
with row groups of 131,072 rows, so a filter on period prunes row groups.

Seed: ``SEED`` = 20240501 by default. The code list and weights come from
``default_rng(seed)``; month ``m`` of a file with ``n`` rows from
``default_rng([seed, n, m])``, so each file is reproducible on its own.

Memory: each month is built as one small frame and written to a temporary Parquet part;
the final Parquet and CSV are streamed from the parts (``sink_parquet``/``sink_csv``), so
10 M rows peak at about 1 GB (0.98 GB measured).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

SEED = 20240501
ROW_GROUP_SIZE = 131_072
FIRST_YEAR, LAST_YEAR = 2019, 2024
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
DEFAULT_OUT = Path(__file__).resolve().parent / "out"

# Comtrade's column list, in its order, with the types the benchmark files use.
COLUMNS: dict[str, pl.DataType] = {
    "typeCode": pl.String(),
    "freqCode": pl.String(),
    "refPeriodId": pl.Int64(),
    "refYear": pl.Int64(),
    "refMonth": pl.Int64(),
    "period": pl.Int64(),
    "reporterCode": pl.Int64(),
    "reporterISO": pl.String(),
    "reporterDesc": pl.String(),
    "flowCode": pl.String(),
    "flowDesc": pl.String(),
    "partnerCode": pl.Int64(),
    "partnerISO": pl.String(),
    "partnerDesc": pl.String(),
    "partner2Code": pl.Int64(),
    "partner2ISO": pl.String(),
    "partner2Desc": pl.String(),
    "classificationCode": pl.String(),
    "classificationSearchCode": pl.String(),
    "isOriginalClassification": pl.Boolean(),
    "cmdCode": pl.String(),
    "cmdDesc": pl.String(),
    "aggrLevel": pl.Int64(),
    "isLeaf": pl.Boolean(),
    "customsCode": pl.String(),
    "customsDesc": pl.String(),
    "mosCode": pl.String(),
    "motCode": pl.Int64(),
    "motDesc": pl.String(),
    "qtyUnitCode": pl.Int64(),
    "qtyUnitAbbr": pl.String(),
    "qty": pl.Float64(),
    "isQtyEstimated": pl.Boolean(),
    "altQtyUnitCode": pl.Int64(),
    "altQtyUnitAbbr": pl.String(),
    "altQty": pl.Float64(),
    "isAltQtyEstimated": pl.Boolean(),
    "netWgt": pl.Float64(),
    "isNetWgtEstimated": pl.Boolean(),
    "grossWgt": pl.Float64(),
    "isGrossWgtEstimated": pl.Boolean(),
    "cifvalue": pl.Float64(),
    "fobvalue": pl.Float64(),
    "primaryValue": pl.Float64(),
    "legacyEstimationFlag": pl.Int64(),
    "isReported": pl.Boolean(),
    "isAggregate": pl.Boolean(),
}

# (M49 code as Comtrade uses it, ISO3, Comtrade's name); reporters are the first eight.
COUNTRIES = [
    (156, "CHN", "China"),
    (276, "DEU", "Germany"),
    (699, "IND", "India"),
    (398, "KAZ", "Kazakhstan"),
    (496, "MNG", "Mongolia"),
    (643, "RUS", "Russian Federation"),
    (792, "TUR", "Türkiye"),
    (842, "USA", "USA"),
    (392, "JPN", "Japan"),
    (410, "KOR", "Rep. of Korea"),
    (764, "THA", "Thailand"),
    (860, "UZB", "Uzbekistan"),
]
N_REPORTERS = 8
# Flows in the order they sort (M before X), so a sorted draw is already in file order.
FLOWS = [("M", "Import"), ("X", "Export")]
# (unit code, abbreviation) as Comtrade codes them.
UNITS = [(8, "kg"), (5, "u"), (-1, "N/A")]


def parse_size(text: str) -> int:
    """'100k', '1m', '10m' or a plain row count."""
    text = text.lower().replace("_", "")
    if text in SIZES:
        return SIZES[text]
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * scale)


def size_label(rows: int) -> str:
    for label, n in SIZES.items():
        if n == rows:
            return label
    return str(rows)


def file_stem(rows: int) -> str:
    return f"synthetic-comtrade-hs6-{size_label(rows)}"


def paths(out: Path, rows: int) -> dict[str, Path]:
    stem = file_stem(rows)
    return {"parquet": out / f"{stem}.parquet", "csv": out / f"{stem}.csv"}


def make_codes(rng: np.random.Generator) -> pl.DataFrame:
    """The synthetic HS code list: cmdCode (sorted), cmdDesc, unit, log weight."""
    chapters = np.array([c for c in range(1, 98) if c != 77])
    # Headings: heading 01 always exists, others with a per-chapter probability.
    heading_p = rng.uniform(0.02, 0.18, len(chapters))
    has_heading = rng.random((len(chapters), 99)) < heading_p[:, None]
    has_heading[:, 0] = True
    ch_idx, h_idx = np.nonzero(has_heading)
    headings = chapters[ch_idx] * 100 + h_idx + 1
    # Subheadings 10..99: subheading 10 always exists, others with a per-heading probability.
    sub_p = rng.uniform(0.0, 0.09, len(headings))
    has_sub = rng.random((len(headings), 90)) < sub_p[:, None]
    has_sub[:, 0] = True
    hd_idx, s_idx = np.nonzero(has_sub)
    codes = headings[hd_idx] * 100 + s_idx + 10
    chapter_of = codes // 10_000
    chapter_weight = rng.normal(0.0, 0.8, 98)[chapter_of]
    unit = rng.choice(len(UNITS), size=len(codes), p=[0.8, 0.15, 0.05])
    return pl.DataFrame(
        {
            "cmdCode": pl.Series(codes).cast(pl.String).str.zfill(6),
            "log_weight": chapter_weight + rng.normal(0.0, 1.1, len(codes)),
            "unit": unit,
        }
    ).with_columns(
        cmdDesc=pl.lit("SYNTHETIC subheading ")
        + pl.col("cmdCode").str.slice(0, 4)
        + pl.lit(".")
        + pl.col("cmdCode").str.slice(4, 2)
        + pl.lit(" (benchmark data, not a real HS description)")
    )


def make_pairs(rng: np.random.Generator) -> pl.DataFrame:
    """Every (reporter, partner) pair, sorted by ISO codes, with a log weight."""
    rows = [(r, p) for r in COUNTRIES[:N_REPORTERS] for p in COUNTRIES if p[1] != r[1]]
    rows.sort(key=lambda rp: (rp[0][1], rp[1][1]))
    frame = pl.DataFrame(
        {
            "reporterCode": [r[0] for r, _ in rows],
            "reporterISO": [r[1] for r, _ in rows],
            "reporterDesc": [r[2] for r, _ in rows],
            "partnerCode": [p[0] for _, p in rows],
            "partnerISO": [p[1] for _, p in rows],
            "partnerDesc": [p[2] for _, p in rows],
            "log_weight": rng.normal(0.0, 1.2, len(rows)),
        }
    )
    # China–Russia (both directions, both reporters) is the largest pair by construction,
    # as the app opens on the pair with the most trade.
    top = frame["log_weight"].max() + 1.0
    china_russia = pl.col("reporterISO").is_in(["CHN", "RUS"]) & pl.col("partnerISO").is_in(
        ["CHN", "RUS"]
    )
    # China reports a little more than Russia, so China→Russia leads (a mirror gap).
    china = pl.col("reporterISO") == "CHN"
    return frame.with_columns(
        log_weight=pl.when(china_russia & china)
        .then(pl.lit(top + 0.2))
        .when(china_russia)
        .then(pl.lit(top))
        .otherwise(pl.col("log_weight"))
    )


def months() -> list[tuple[int, int]]:
    return [(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]


def month_frame(
    codes: pl.DataFrame,
    pairs: pl.DataFrame,
    year: int,
    month: int,
    n_rows: int,
    rng: np.random.Generator,
) -> pl.DataFrame:
    """``n_rows`` distinct (pair, flow, code) rows for one month, in file order."""
    n_codes, n_pairs, n_flows = codes.height, pairs.height, len(FLOWS)
    universe = n_pairs * n_flows * n_codes
    if n_rows > universe:
        raise ValueError(f"{n_rows} rows in a month exceed the {universe} combinations")
    # Gumbel top-k: weighted sampling without replacement, vectorised over all combinations.
    log_w = (
        pairs["log_weight"].to_numpy()[:, None, None]
        + np.array([0.0, 0.15])[None, :, None]
        + codes["log_weight"].to_numpy()[None, None, :]
    ).ravel()
    keys = log_w - np.log(-np.log(rng.random(universe)))
    chosen = np.sort(np.argpartition(-keys, n_rows - 1)[:n_rows])
    pair_i, rest = np.divmod(chosen, n_flows * n_codes)
    flow_i, code_i = np.divmod(rest, n_codes)

    season = 1.0 + 0.12 * np.sin(2 * np.pi * (month - 2) / 12)
    trend = 1.06 ** (year - FIRST_YEAR)
    # Relative to the top pair, so a China–Russia row is worth ~USD 2.5 M on average.
    top = pairs["log_weight"].max()
    value = np.round(
        3.0e5 * season * trend * np.exp(log_w[chosen] - top + rng.normal(0.0, 0.8, n_rows)), 2
    )
    price = np.exp(rng.normal(1.0, 1.0, n_rows))  # USD per kg
    net_wgt = np.round(value / price, 3)
    unit_i = codes["unit"].to_numpy()[code_i]
    per_item = np.exp(rng.normal(1.0, 1.5, n_rows))
    qty = np.where(unit_i == 0, net_wgt, np.where(unit_i == 1, np.ceil(net_wgt / per_item), 0.0))
    is_export = flow_i == 1

    frame = pl.DataFrame(
        {
            "pair_i": pair_i,
            "flow_i": flow_i,
            "code_i": code_i,
            "unit_i": unit_i,
            "qty": qty,
            "isQtyEstimated": rng.random(n_rows) < 0.04,
            "netWgt": net_wgt,
            "isNetWgtEstimated": rng.random(n_rows) < 0.04,
            "cifvalue": np.where(is_export, np.nan, value),
            "fobvalue": np.where(is_export, value, np.nan),
            "primaryValue": value,
        }
    )
    pair_cols = pairs.drop("log_weight")
    flows = pl.DataFrame({"flowCode": [f[0] for f in FLOWS], "flowDesc": [f[1] for f in FLOWS]})
    units = pl.DataFrame(
        {"qtyUnitCode": [u[0] for u in UNITS], "qtyUnitAbbr": [u[1] for u in UNITS]}
    )
    lookups = [
        pair_cols.select(pl.all().gather(frame["pair_i"])),
        flows.select(pl.all().gather(frame["flow_i"])),
        codes.select("cmdCode", "cmdDesc").select(pl.all().gather(frame["code_i"])),
        units.select(pl.all().gather(frame["unit_i"])),
    ]
    frame = pl.concat([frame, *lookups], how="horizontal")
    classification = "H5" if year <= 2021 else "H6"
    return frame.select(
        typeCode=pl.lit("C"),
        freqCode=pl.lit("M"),
        refPeriodId=pl.lit(year * 10_000 + month * 100 + 1),
        refYear=pl.lit(year),
        refMonth=pl.lit(month),
        period=pl.lit(year * 100 + month),
        reporterCode="reporterCode",
        reporterISO="reporterISO",
        reporterDesc="reporterDesc",
        flowCode="flowCode",
        flowDesc="flowDesc",
        partnerCode="partnerCode",
        partnerISO="partnerISO",
        partnerDesc="partnerDesc",
        partner2Code=pl.lit(0),
        partner2ISO=pl.lit("W00"),
        partner2Desc=pl.lit("World"),
        classificationCode=pl.lit(classification),
        classificationSearchCode=pl.lit("HS"),
        isOriginalClassification=pl.lit(True),
        cmdCode="cmdCode",
        cmdDesc="cmdDesc",
        aggrLevel=pl.lit(6),
        isLeaf=pl.lit(True),
        customsCode=pl.lit("C00"),
        customsDesc=pl.lit("TOTAL CPC"),
        mosCode=pl.lit("0"),
        motCode=pl.lit(0),
        motDesc=pl.lit("TOTAL MOT"),
        qtyUnitCode="qtyUnitCode",
        qtyUnitAbbr="qtyUnitAbbr",
        qty=pl.when(pl.col("qtyUnitCode") == -1).then(None).otherwise(pl.col("qty")),
        isQtyEstimated="isQtyEstimated",
        altQtyUnitCode=pl.lit(8),
        altQtyUnitAbbr=pl.lit("kg"),
        altQty="netWgt",
        isAltQtyEstimated="isNetWgtEstimated",
        netWgt="netWgt",
        isNetWgtEstimated="isNetWgtEstimated",
        grossWgt=pl.lit(None),
        isGrossWgtEstimated=pl.lit(False),
        cifvalue=pl.col("cifvalue").fill_nan(None),
        fobvalue=pl.col("fobvalue").fill_nan(None),
        primaryValue="primaryValue",
        legacyEstimationFlag=pl.lit(0),
        isReported=pl.lit(True),
        isAggregate=pl.lit(False),
    ).cast(COLUMNS)  # type: ignore[arg-type]


def generate(out: Path, rows: int, seed: int = SEED, formats=("parquet", "csv")) -> dict:
    """Write the ``rows``-row dataset to ``out``; returns paths and timings."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    codes = make_codes(rng)
    pairs = make_pairs(rng)
    all_months = months()
    per_month, extra = divmod(rows, len(all_months))
    targets = paths(out, rows)
    timings: dict[str, float] = {}
    parts_dir = Path(tempfile.mkdtemp(prefix=".parts-", dir=out))
    try:
        start = time.perf_counter()
        parts = []
        for m, (year, month) in enumerate(all_months):
            n = per_month + (1 if m < extra else 0)
            frame = month_frame(
                codes, pairs, year, month, n, np.random.default_rng([seed, rows, m])
            )
            part = parts_dir / f"{year}{month:02d}.parquet"
            frame.write_parquet(part, compression="lz4")
            parts.append(part)
        timings["build"] = time.perf_counter() - start
        source = pl.scan_parquet(parts)
        metadata = {
            "synthetic": "true",
            "generator": "benchmarks/generate_comtrade.py",
            "seed": str(seed),
            "rows": str(rows),
        }
        if "parquet" in formats:
            start = time.perf_counter()
            tmp = targets["parquet"].with_suffix(".parquet.tmp")
            source.sink_parquet(
                tmp, compression="zstd", row_group_size=ROW_GROUP_SIZE, metadata=metadata
            )
            tmp.replace(targets["parquet"])
            timings["parquet"] = time.perf_counter() - start
        if "csv" in formats:
            start = time.perf_counter()
            tmp = targets["csv"].with_suffix(".csv.tmp")
            source.sink_csv(tmp)
            tmp.replace(targets["csv"])
            timings["csv"] = time.perf_counter() - start
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return {
        "rows": rows,
        "codes": codes.height,
        "pairs": pairs.height,
        "months": len(all_months),
        "seed": seed,
        "paths": {k: str(v) for k, v in targets.items() if k in formats},
        "seconds": timings,
    }


def ensure(out: Path, rows: int, seed: int = SEED) -> dict[str, Path]:
    """The dataset's paths, generating whichever file is missing."""
    targets = paths(out, rows)
    missing = tuple(fmt for fmt, path in targets.items() if not path.exists())
    if missing:
        print(f"generating {size_label(rows)} rows ({', '.join(missing)}) …", file=sys.stderr)
        generate(out, rows, seed, missing)
    return targets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), help="100k 1m 10m or a count")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="rewrite files that exist")
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"])
    args = parser.parse_args(argv)
    for size in args.sizes:
        rows = parse_size(size)
        targets = paths(args.out, rows)
        formats = tuple(f for f in args.formats if args.force or not targets[f].exists())
        if not formats:
            print(f"{size_label(rows)}: present, skipped (--force rewrites)")
            continue
        result = generate(args.out, rows, args.seed, formats)
        sizes = ", ".join(
            f"{Path(p).name} {Path(p).stat().st_size / 1e6:.1f} MB"
            for p in result["paths"].values()
        )
        secs = ", ".join(f"{k} {v:.1f} s" for k, v in result["seconds"].items())
        print(
            f"{size_label(rows)}: {result['codes']} codes, {result['pairs']} pairs; {sizes}; {secs}"
        )


if __name__ == "__main__":
    main()
