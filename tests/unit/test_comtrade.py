"""UN Comtrade exports: one value per period, pair and flow, never counted twice."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tradetui import cli
from tradetui.data import comtrade, schema, utf8_cache
from tradetui.data.detail import Detail
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.progress import Cancelled, Progress

BN = 1e9
SCHEMA = {
    "freqCode": pl.String,
    "period": pl.String,
    "reporterCode": pl.Int64,
    "reporterISO": pl.String,
    "reporterDesc": pl.String,
    "flowCode": pl.String,
    "partnerCode": pl.Int64,
    "partnerISO": pl.String,
    "partnerDesc": pl.String,
    "partner2Code": pl.Int64,
    "cmdCode": pl.String,
    "cmdDesc": pl.String,
    "customsCode": pl.String,
    "mosCode": pl.String,
    "motCode": pl.Int64,
    "primaryValue": pl.Float64,
}
BASE = {
    "freqCode": "M",
    "period": "202301",
    "reporterCode": 156,
    "reporterISO": "CHN",
    "reporterDesc": "China",
    "flowCode": "X",
    "partnerCode": 643,
    "partnerISO": "RUS",
    "partnerDesc": "Russian Federation",
    "partner2Code": 0,
    "cmdCode": "TOTAL",
    "cmdDesc": "All Commodities",
    "customsCode": "C00",
    "mosCode": "0",
    "motCode": 0,
    "primaryValue": 0.0,
}


@pytest.fixture(autouse=True)
def own_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))


def row(**changes: object) -> dict:
    return {**BASE, **changes}


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=SCHEMA, orient="row")


def read(*rows: dict) -> comtrade.ComtradeImport:
    return comtrade.read_comtrade(frame(*rows).lazy(), "test.csv")


def values(result: comtrade.ComtradeImport, flow: str = "export") -> dict[str, float | None]:
    """period_start -> value of one flow (the one pair of the test)."""
    chosen = result.trade.filter(pl.col("flow") == flow)
    return dict(zip(chosen["period_start"], chosen["value"], strict=True))


# --- never double counted ----------------------------------------------------------------


def test_the_total_row_wins_over_hs_rows() -> None:
    result = read(
        row(cmdCode="TOTAL", primaryValue=10 * BN),
        row(cmdCode="01", primaryValue=4 * BN),  # chapters need not add up to the total
        row(cmdCode="02", primaryValue=5 * BN),
        row(cmdCode="0101", primaryValue=4 * BN),
    )
    assert values(result) == {"2023-01": 10.0}
    assert "1 from TOTAL rows" in " ".join(result.notes)


def test_hs2_and_hs6_rows_are_not_added_together() -> None:
    result = read(
        row(cmdCode="01", primaryValue=3 * BN),
        row(cmdCode="02", primaryValue=4 * BN),
        row(cmdCode="010121", primaryValue=1 * BN),
        row(cmdCode="020110", primaryValue=2 * BN),
    )
    assert values(result) == {"2023-01": 7.0}
    assert "1 summed from 2-digit HS rows" in " ".join(result.notes)


def test_hs6_rows_alone_are_summed() -> None:
    result = read(
        row(cmdCode="010121", primaryValue=1 * BN),
        row(cmdCode="270900", primaryValue=2.5 * BN),
    )
    assert values(result) == {"2023-01": 3.5}


def test_each_group_takes_its_own_coarsest_level() -> None:
    result = read(
        row(period="202301", cmdCode="TOTAL", primaryValue=9 * BN),
        row(period="202301", cmdCode="27", primaryValue=8 * BN),
        row(period="202302", cmdCode="2709", primaryValue=2 * BN),
        row(period="202302", cmdCode="270900", primaryValue=5 * BN),
        row(period="202303", cmdCode="270900", primaryValue=5 * BN),
    )
    assert values(result) == {"2023-01": 9.0, "2023-02": 2.0, "2023-03": 5.0}


def test_breakdown_rows_are_left_out() -> None:
    result = read(
        row(primaryValue=10 * BN),
        row(partner2Code=36, primaryValue=100 * BN),
        row(motCode=2100, primaryValue=100 * BN),
        row(customsCode="C01", primaryValue=100 * BN),
        row(mosCode="1", primaryValue=100 * BN),
        row(
            partner2Code=None,
            motCode=None,
            customsCode=None,
            mosCode=None,
            flowCode="M",
            primaryValue=1 * BN,
        ),
    )
    assert values(result) == {"2023-01": 10.0}
    assert values(result, "import") == {"2023-01": 1.0}
    assert any(note.startswith("4 rows breaking a flow down") for note in result.notes)


def test_re_exports_and_re_imports_are_kept_apart_with_a_note() -> None:
    result = read(
        row(flowCode="X", primaryValue=10 * BN),
        row(flowCode="M", primaryValue=20 * BN),
        row(flowCode="RX", primaryValue=1 * BN),
        row(flowCode="RM", primaryValue=2 * BN),
        row(flowCode="RM", cmdCode="01", primaryValue=2 * BN),
    )
    assert values(result) == {"2023-01": 10.0}
    assert values(result, "import") == {"2023-01": 20.0}
    assert values(result, "total") == {"2023-01": 30.0}
    assert set(result.trade["flow"]) == set(schema.FLOWS)
    (note,) = [n for n in result.notes if "kept apart" in n]
    assert note.startswith("3 rows of re-exports, re-imports and other flows kept apart")
    assert "(RM 2, RX 1)" in note


def test_total_only_where_both_flows_are_known() -> None:
    result = read(
        row(period="202301", flowCode="X", primaryValue=10 * BN),
        row(period="202301", flowCode="M", primaryValue=20 * BN),
        row(period="202302", flowCode="X", primaryValue=11 * BN),
        row(period="202303", flowCode="X", primaryValue=12 * BN),
        row(period="202303", flowCode="M", primaryValue=None),  # published without a value
    )
    assert values(result, "total") == {"2023-01": 30.0, "2023-02": None, "2023-03": None}
    assert values(result, "import") == {"2023-01": 20.0, "2023-03": None}
    missing = result.trade.filter(pl.col("value").is_null())
    assert missing["note"].null_count() == 0
    assert missing["method"].null_count() == missing.height
    assert result.trade.filter(pl.col("value") == 0).is_empty()


def test_a_sum_with_a_missing_part_is_missing() -> None:
    result = read(
        row(cmdCode="01", primaryValue=1 * BN),
        row(cmdCode="02", primaryValue=None),
    )
    assert values(result) == {"2023-01": None}
    assert "1 values missing: a source row has no primaryValue" in result.notes


def test_annual_rows_cover_the_whole_year() -> None:
    result = read(
        row(freqCode="A", period="2022", primaryValue=100 * BN),
        row(freqCode="A", period="2022", flowCode="M", primaryValue=50 * BN),
    )
    trade = result.trade.select("period_start", "period_end", "flow", "value")
    expected = pl.DataFrame(
        {
            "period_start": ["2022-01"] * 3,
            "period_end": ["2022-12"] * 3,
            "flow": ["export", "import", "total"],
            "value": [100.0, 50.0, 150.0],
        }
    )
    assert_frame_equal(trade, expected)
    assert result.detail.frame.collect().is_empty()  # the detail is by month


def test_an_annual_row_is_left_out_where_its_year_has_months() -> None:
    result = read(
        row(freqCode="A", period="2023", primaryValue=100 * BN),
        row(freqCode="M", period="202301", primaryValue=8 * BN),
        row(freqCode="A", period="2022", primaryValue=90 * BN),
    )
    assert values(result) == {"2022-01": 90.0, "2023-01": 8.0}
    assert "1 annual values left out: the same years have monthly rows" in result.notes


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_a_header_without_rows_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty.{suffix}"
    if suffix == "csv":
        frame().write_csv(path)
    else:
        frame().write_parquet(path)
    with pytest.raises(DataError, match="has a header but no data rows"):
        load_dataset(path)


def test_two_total_rows_for_one_key_are_refused() -> None:
    with pytest.raises(DataError, match=r"2 TOTAL rows for 2023-01\.\.2023-01 CHN->RUS flow X"):
        read(row(primaryValue=1 * BN), row(primaryValue=1 * BN))


# --- codes, periods, countries --------------------------------------------------------------


def test_integer_codes_get_their_leading_zero_back() -> None:
    df = frame(
        row(cmdCode="101", primaryValue=1 * BN, cmdDesc="Horses"),
        row(cmdCode="102", primaryValue=2 * BN),
    ).with_columns(pl.col("cmdCode").cast(pl.Int64))
    result = comtrade.read_comtrade(df.lazy(), "ints.parquet")
    assert values(result) == {"2023-01": 3.0}
    assert sorted(result.detail.frame.collect()["hs_code"]) == ["0101", "0102"]


def test_ref_period_id_with_freq_code_stands_for_period() -> None:
    df = pl.DataFrame(
        {
            "refPeriodId": [20230101, 20220101],
            "freqCode": ["M", "A"],
            "reporterCode": [156, 156],
            "partnerCode": [0, 0],
            "flowCode": ["X", "X"],
            "cmdCode": ["TOTAL", "TOTAL"],
            "primaryValue": [1 * BN, 12 * BN],
        }
    )
    result = comtrade.read_comtrade(df.lazy(), "codes.parquet")
    trade = result.trade.filter(pl.col("flow") == "export")
    assert trade.select("period_start", "period_end").rows() == [
        ("2022-01", "2022-12"),
        ("2023-01", "2023-01"),
    ]
    # Without ISO codes the numeric codes stand, and partner 0 is the world.
    assert set(trade["reporter"]) == {"156"}
    assert set(trade["partner"]) == {comtrade.WORLD}


def test_the_world_is_a_partner_like_any_other() -> None:
    result = read(
        row(partnerISO="W00", partnerCode=0, primaryValue=50 * BN),
        row(primaryValue=10 * BN),
    )
    pairs = result.trade.filter(pl.col("flow") == "export").select("partner", "value")
    assert sorted(pairs.rows()) == [("RUS", 10.0), ("W00", 50.0)]


def test_column_names_in_another_case_are_read(tmp_path: Path) -> None:
    path = tmp_path / "lower.csv"
    frame(row(primaryValue=5 * BN)).rename(str.lower).write_csv(path)
    data = load_dataset(path)
    assert data.source_format == "comtrade"
    assert data.trade.filter(pl.col("flow") == "export").collect()["value"].to_list() == [5.0]


@pytest.mark.parametrize(
    ("changes", "column", "found", "expected"),
    [
        ({"period": "2023-1"}, "period", "'2023-1'", "a period as YYYYMM"),
        ({"period": "202313"}, "period", "'202313'", "a period as YYYYMM"),
        ({"primaryValue": "lots"}, "primaryValue", "'lots'", "a number (or empty)"),
        ({"primaryValue": "-5"}, "primaryValue", "'-5'", "a non-negative number"),
        ({"partnerISO": ""}, "partnerISO", "an empty cell", "a country code"),
    ],
    ids=["short-period", "month-13", "text-value", "negative", "no-partner"],
)
def test_a_bad_cell_names_its_line_and_column(
    tmp_path: Path, changes: dict, column: str, found: str, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    rows = [row(cmdCode="01", primaryValue=1.0), row(cmdCode="02", primaryValue=1.0)]
    text = frame(*rows).cast(pl.String).with_row_index()
    text = text.with_columns(
        pl.when(pl.col("index") == 1).then(pl.lit(v)).otherwise(pl.col(k)).alias(k)
        for k, v in changes.items()
    ).drop("index")
    text.write_csv(path)
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        f"{path}: line 3, column {column}: found {found}, expected {expected}"
    )


# --- the detail ---------------------------------------------------------------------------


def test_the_detail_is_lazy_hs_rows_only_in_the_detail_schema(tmp_path: Path) -> None:
    path = tmp_path / "ct.parquet"
    frame(
        row(cmdCode="TOTAL", primaryValue=10 * BN),
        row(cmdCode="27", cmdDesc="Mineral fuels", primaryValue=6 * BN),
        row(cmdCode="2709", cmdDesc="Crude", primaryValue=5 * BN),
        row(cmdCode="27", flowCode="RX", primaryValue=1 * BN),
        row(cmdCode="27", motCode=2100, primaryValue=1 * BN),
        row(cmdCode="27", freqCode="A", period="2022", primaryValue=70 * BN),
        row(cmdCode="84", flowCode="M", primaryValue=3 * BN),
    ).write_parquet(path)
    data = load_dataset(path)
    assert isinstance(data.detail, Detail) and isinstance(data.detail.frame, pl.LazyFrame)
    assert data.detail.frame.collect_schema() == pl.Schema(schema.DETAIL_COLUMNS)
    plan = data.detail.frame.explain()
    assert "Parquet SCAN" in plan and str(path) in plan  # over the file, not a copy in memory
    # A filter on the pair reaches the scan.
    filtered = data.detail.frame.filter(pl.col("reporter") == "CHN", pl.col("partner") == "RUS")
    scan = filtered.explain().split("Parquet SCAN")[1]
    assert 'col("reporterISO") == "CHN"' in scan and 'col("partnerISO") == "RUS"' in scan
    # A range of months reaches the scan as a filter on the file's own period column.
    months = data.detail.months("2023-01", "2023-01").explain().split("Parquet SCAN")[1]
    assert 'col("period")' in months
    expected = pl.DataFrame(
        {
            "period": ["2023-01"] * 3,
            "reporter": ["CHN"] * 3,
            "partner": ["RUS"] * 3,
            "flow": ["export", "export", "import"],
            "hs_code": ["27", "2709", "84"],
            "value": [6.0, 5.0, 3.0],
            "description": ["Mineral fuels", "Crude", "All Commodities"],
        },
        schema=schema.DETAIL_COLUMNS,
    )
    assert_frame_equal(data.detail.frame.collect().sort("flow", "hs_code"), expected)


def test_a_latin1_csv_detail_scans_the_utf8_copy(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    text = frame(
        row(
            reporterISO="CIV",
            reporterDesc="Côte d'Ivoire",
            cmdCode="18",
            cmdDesc="Cacao et préparations",
            primaryValue=2 * BN,
        ),
    ).write_csv()
    path.write_bytes(text.encode("latin-1"))
    data = load_dataset(path)
    assert data.origin == f"UN Comtrade file {path}"
    plan = data.detail.frame.explain()
    scan = plan.split("SCAN")[1]
    assert str(utf8_cache.cache_dir()) in scan
    assert str(path) not in plan
    assert data.detail.frame.collect()["description"].to_list() == ["Cacao et préparations"]


# --- scale: batches, progress, cancelling ----------------------------------------------------


def many_rows() -> pl.DataFrame:
    """Three reporters, two partners, four months, both flows and re-exports; per group a
    TOTAL row, or chapters, or only 6-digit rows; breakdown rows on top."""
    rows = []
    for r, reporter in enumerate(("CHN", "RUS", "KAZ")):
        for p, partner in enumerate(("W00", "DEU")):
            for month in range(1, 5):
                for f, flow in enumerate(("X", "M", "RX")):
                    seed = 1 + r * 97 + p * 31 + month * 7 + f * 3
                    period = f"2023{month:02d}"
                    base = {
                        "period": period,
                        "reporterISO": reporter,
                        "partnerISO": partner,
                        "flowCode": flow,
                    }
                    shape = seed % 3
                    if shape == 0:
                        rows.append(row(**base, cmdCode="TOTAL", primaryValue=seed * 1e8))
                    if shape in (0, 1):
                        rows += [
                            row(**base, cmdCode=f"{c:02d}", primaryValue=(seed + c) * 1e7)
                            for c in (1, 27, 84)
                        ]
                    rows += [
                        row(**base, cmdCode=f"{c:02d}0110", primaryValue=(seed * c) * 1e6)
                        for c in (27, 84)
                    ]
                    rows.append(row(**base, cmdCode="TOTAL", motCode=2100, primaryValue=1e12))
    return frame(*rows)


def direct_totals(df: pl.DataFrame) -> pl.DataFrame:
    """The monthly table straight from the rules, in one polars query."""
    level = (
        pl.when(pl.col("cmdCode") == "TOTAL").then(0).otherwise(pl.col("cmdCode").str.len_chars())
    )
    group = ["period", "reporterISO", "partnerISO", "flowCode"]
    flows = (
        df.filter(pl.col("flowCode").is_in(["X", "M"]), pl.col("motCode") == 0)
        .with_columns(level=level)
        .filter(pl.col("level") == pl.col("level").min().over(group))
        .group_by(group)
        .agg(value=pl.col("primaryValue").sum() / 1e9)
        .with_columns(flow=pl.col("flowCode").replace_strict({"X": "export", "M": "import"}))
    )
    total = (
        flows.group_by("period", "reporterISO", "partnerISO")
        .agg(value=pl.col("value").sum(), flows=pl.len())
        .filter(pl.col("flows") == 2)
        .with_columns(flow=pl.lit("total"))
    )
    return (
        pl.concat([flows.select(total.drop("flows").columns), total.drop("flows")], how="diagonal")
        .select(
            period_start=pl.col("period").str.slice(0, 4) + "-" + pl.col("period").str.slice(4),
            reporter="reporterISO",
            partner="partnerISO",
            flow="flow",
            value="value",
        )
        .sort(pl.all())
    )


def test_the_monthly_totals_equal_a_direct_polars_computation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    df = many_rows()
    path = tmp_path / "many.parquet"
    df.write_parquet(path)
    # Partial sums must add up across batches, and after being compacted along the way.
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 17)
    monkeypatch.setattr(comtrade, "COMPACT_ROWS", 40)
    trade = load_dataset(path).trade.collect()
    got = trade.select("period_start", "reporter", "partner", "flow", "value").sort(pl.all())
    assert_frame_equal(got, direct_totals(df))
    assert (trade["period_start"] == trade["period_end"]).all()
    assert set(trade["method"]) == {schema.METHOD_PUBLISHED_MONTH}
    assert set(trade["unit"]) == {"USD bn"}


def test_progress_is_reported_in_rows_between_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    df = many_rows()
    path = tmp_path / "many.parquet"
    df.write_parquet(path)
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 50)
    steps: list[tuple[int, int | None, str]] = []
    load_dataset(path, Progress(report=lambda *step: steps.append(step)))
    rows = [step for step in steps if step[2] == "rows"]
    assert rows[0] == (0, df.height, "rows")
    assert rows[-1] == (df.height, df.height, "rows")
    assert len(rows) >= df.height // 50 + 1
    done = [d for d, _, _ in rows]
    assert done == sorted(done)

    # A CSV's row count is not known before reading it.
    csv = tmp_path / "many.csv"
    df.write_csv(csv)
    steps.clear()
    load_dataset(csv, Progress(report=lambda *step: steps.append(step)))
    rows = [step for step in steps if step[2] == "rows"]
    assert rows[-1] == (df.height, None, "rows")
    # One read: polars checks the text encoding as it parses, no pass before it.
    assert {unit for _, _, unit in steps} == {"rows"}


def test_cancelling_stops_the_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.parquet"
    many_rows().write_parquet(path)
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 20)
    seen: list[int] = []

    def report(done: int, total: int | None, unit: str) -> None:
        seen.append(done)

    with pytest.raises(Cancelled):
        load_dataset(path, Progress(report=report, cancelled=lambda: len(seen) >= 3))
    assert seen == [0, 20, 40]


# --- loading and the command line ---------------------------------------------------------


def test_load_dataset_reads_a_comtrade_csv(tmp_path: Path) -> None:
    path = tmp_path / "ct.csv"
    frame(row(primaryValue=1 * BN), row(flowCode="M", primaryValue=2 * BN)).write_csv(path)
    data = load_dataset(path)
    assert data.source_format == "comtrade"
    assert data.origin == f"UN Comtrade file {path}"
    assert data.missing == ("events", "commodities", "published figures")
    assert data.detail is not None
    assert data.notes[0] == "2 rows read; 0 HS rows in the commodity detail"
    trade = data.trade.collect()
    assert trade.columns == list(schema.TRADE_COLUMNS)
    assert trade["value"].to_list() == [1.0, 2.0, 3.0]


def test_validate_prints_the_layout_and_the_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ct.parquet"
    frame(row(primaryValue=1 * BN), row(flowCode="RX", primaryValue=2 * BN)).write_parquet(path)
    assert cli.main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"OK: UN Comtrade file {path} (UN Comtrade export): 2 trade rows")
    assert "1 pair (CHN→RUS)" in out[0]
    assert any("kept apart" in line for line in out[1:])
    assert all(line.startswith("  note: ") for line in out[1:])


def test_validate_gives_one_line_and_exit_2_on_a_bad_comtrade_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ct.csv"
    frame(row(period="23-01")).write_csv(path)
    assert cli.main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}: line 2, column period: found '23-01', expected a period as YYYYMM (a month) "
        "or YYYY (a year), of years 1900 to 2100"
    ]
