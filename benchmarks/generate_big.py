"""Write the SYNTHETIC 100 M- and 1 B-row Comtrade-shaped sets, Hive-partitioned by year
and month, in bounded memory.

Run: ``uv run python benchmarks/generate_big.py [--sizes 100m 1b] [--out DIR] [--seed N]``
(OUT defaults to ``benchmarks/out/``, which git ignores; ``big-100m/`` and ``big-1b/``
are written under it, each ``year=YYYY/month=MM/part-NNN.parquet``).

Every value and code is invented by a seeded generator, for benchmarks only; nothing here
is shipped or shown as real trade (the Parquet metadata says ``synthetic=true``).

Shape: the columns tradetui reads from a UN Comtrade monthly HS download (``period``
YYYYMM, ``reporterISO``, ``partnerISO``, ``flowCode`` X/M, ``cmdCode`` 6 digits,
``primaryValue`` USD) and no others: the 47-column layout of generate_comtrade.py would
make the 1 B set ~30 GB and take hours to write on 2 cores, while a Parquet reader skips
the columns no query names. 72 months (2019–2024); 40 countries; the first K
reporter–partner pairs (China→Russia and Russia→China among them, the largest by
construction), both flows, and the 4,886 codes of generate_comtrade.py's code list, every
combination in every month, so (period, reporter, partner, flow, code) is unique:

- 100m: K = 142 pairs, 72 × 142 × 2 × 4,886 = 99,908,928 rows;
- 1b:   K = 1,421 pairs, 72 × 1,421 × 2 × 4,886 = 999,792,864 rows.

Sorted by period, reporter, partner, flow, code; zstd; row groups of 131,072 rows with
statistics, so a filter on period, reporter or partner skips row groups. A month is
written in blocks of BLOCK_PAIRS pairs (about 0.6 M rows each), one file per block:
memory stays at one block whatever the size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_comtrade import DEFAULT_OUT, SEED, make_codes, months

ROW_GROUP_SIZE = 131_072
BLOCK_PAIRS = 64
PAIRS = {"100m": 142, "1b": 1_421}
COUNTRIES = [
    "ARE",
    "AUS",
    "BLR",
    "BRA",
    "CAN",
    "CHE",
    "CHN",
    "DEU",
    "EGY",
    "ESP",
    "FRA",
    "GBR",
    "IDN",
    "IND",
    "IRN",
    "ITA",
    "JPN",
    "KAZ",
    "KGZ",
    "KOR",
    "MEX",
    "MNG",
    "MYS",
    "NLD",
    "NOR",
    "PAK",
    "POL",
    "RUS",
    "SAU",
    "SGP",
    "THA",
    "TJK",
    "TKM",
    "TUR",
    "UKR",
    "USA",
    "UZB",
    "VNM",
    "ZAF",
    "ARG",
]
FLOWS = ("M", "X")  # the order they sort in


def out_dir(out: Path, size: str) -> Path:
    return out / f"big-{size}"


def pairs(k: int, rng: np.random.Generator) -> pl.DataFrame:
    """K pairs in file order with a log weight; China–Russia both ways the largest."""
    every = [(r, p) for r in COUNTRIES for p in COUNTRIES if r != p]
    order = rng.permutation(len(every))
    first = [every.index(("CHN", "RUS")), every.index(("RUS", "CHN"))]
    chosen = first + [int(i) for i in order if int(i) not in first][: k - 2]
    frame = pl.DataFrame(
        {
            "reporterISO": [every[i][0] for i in chosen],
            "partnerISO": [every[i][1] for i in chosen],
            "log_weight": rng.normal(0.0, 1.2, k),
        }
    )
    top = frame["log_weight"].max() + 1.0
    return frame.with_columns(
        log_weight=pl.when(pl.col("reporterISO") == "CHN", pl.col("partnerISO") == "RUS")
        .then(top + 0.2)
        .when(pl.col("reporterISO") == "RUS", pl.col("partnerISO") == "CHN")
        .then(top)
        .otherwise("log_weight")
    ).sort("reporterISO", "partnerISO")


def block(
    year: int, month: int, block_pairs: pl.DataFrame, codes: pl.DataFrame, rng
) -> pl.DataFrame:
    """Every (pair, flow, code) of ``block_pairs`` in one month, in file order."""
    n_pairs, n_codes = block_pairs.height, codes.height
    per_pair = len(FLOWS) * n_codes
    pair_i = np.repeat(np.arange(n_pairs), per_pair)
    flow_i = np.tile(np.repeat(np.arange(len(FLOWS)), n_codes), n_pairs)
    code_i = np.tile(np.arange(n_codes), n_pairs * len(FLOWS))
    log_w = (
        block_pairs["log_weight"].to_numpy()[pair_i]
        + codes["log_weight"].to_numpy()[code_i]
        + 0.15 * flow_i
    )
    season = 1.0 + 0.12 * np.sin(2 * np.pi * (month - 2) / 12)
    trend = 1.06 ** (year - 2019)
    value = np.round(3.0e5 * season * trend * np.exp(log_w + rng.normal(0.0, 0.8, len(pair_i))), 2)
    return pl.DataFrame(
        {
            "period": np.full(len(pair_i), year * 100 + month, dtype=np.int64),
            "reporterISO": block_pairs["reporterISO"].gather(pair_i),
            "partnerISO": block_pairs["partnerISO"].gather(pair_i),
            "flowCode": pl.Series(FLOWS).gather(flow_i),
            "cmdCode": codes["cmdCode"].gather(code_i),
            "primaryValue": value,
        }
    )


def generate(out: Path, size: str, seed: int = SEED) -> dict:
    k = PAIRS[size]
    rng = np.random.default_rng(seed)
    codes = make_codes(rng).select("cmdCode", "log_weight")
    chosen = pairs(k, np.random.default_rng([seed, k]))
    target = out_dir(out, size)
    metadata = {"synthetic": "true", "generator": "benchmarks/generate_big.py", "seed": str(seed)}
    start, rows, files = time.perf_counter(), 0, 0
    for m, (year, month) in enumerate(months()):
        folder = target / f"year={year}" / f"month={month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for b, first in enumerate(range(0, k, BLOCK_PAIRS)):
            part = folder / f"part-{b:03d}.parquet"
            if part.exists():  # resumable: a part is written under another name, then renamed
                rows += min(BLOCK_PAIRS, k - first) * len(FLOWS) * codes.height
                continue
            frame = block(
                year,
                month,
                chosen.slice(first, BLOCK_PAIRS),
                codes,
                np.random.default_rng([seed, k, m, b]),
            )
            tmp = part.with_suffix(".tmp")
            frame.write_parquet(
                tmp,
                compression="zstd",
                row_group_size=ROW_GROUP_SIZE,
                statistics=True,
                metadata=metadata,
            )
            tmp.replace(part)
            rows += frame.height
            files += 1
        print(f"{size}: {year}-{month:02d} done, {rows:,} rows", file=sys.stderr, flush=True)
    return {"size": size, "rows": rows, "pairs": k, "path": str(target),
            "seconds": time.perf_counter() - start, "files_written": files}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=tuple(PAIRS), default=["100m"])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(generate(args.out, size, args.seed))


if __name__ == "__main__":
    main()
