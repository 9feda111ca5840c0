"""Pilot tests: the explorer on imported files — format detection, totals, pairs, drill-down."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data.load import embedded_dir
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.month import MonthScreen

SIZE = (120, 40)
HEADER = (
    "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode",
    "reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO",
    "partnerDesc", "partner2Code", "classificationCode", "cmdCode", "cmdDesc", "aggrLevel",
    "isLeaf", "customsCode", "mosCode", "motCode", "primaryValue",
)  # fmt: skip
COUNTRIES = {
    "CHN": (156, "China"),
    "RUS": (643, "Fédération de Russie"),
    "KAZ": (398, "Kazakhstan"),
}
# (reporter, partner, USD bn of the heading 2709's one subheading, and of 8703's)
PAIRS = (("CHN", "RUS", 5.0, 3.0), ("RUS", "CHN", 4.0, 2.5), ("CHN", "KAZ", 0.5, 0.25))


def write_latin1_comtrade(path: Path) -> Path:
    """A Comtrade+ download saved as Latin-1: HS 6-digit rows only, three pairs, RX rows."""
    rows = []
    for month in ("202209", "202308", "202309"):
        scale = {"202209": 1.0, "202308": 1.5, "202309": 2.0}[month]
        for reporter, partner, crude, cars in PAIRS:
            for flow, share in (("X", 1.0), ("M", 0.5), ("RX", 0.1)):
                for code, desc, bn in (
                    ("270900", "Huiles brutes de pétrole", crude),
                    ("870323", "Voitures, cylindrée 1500-3000 cm³", cars),
                ):
                    rows.append(
                        ("C", "M", f"{month}01", month[:4], month[4:], month,
                         COUNTRIES[reporter][0], reporter, COUNTRIES[reporter][1], flow, flow,
                         COUNTRIES[partner][0], partner, COUNTRIES[partner][1], 0, "H6", code,
                         desc, 6, "True", "C00", 0, 0, f"{bn * share * scale * 1e9:.0f}")
                    )  # fmt: skip
    with path.open("w", newline="", encoding="latin-1") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def direct_totals(path: Path, reporter: str, partner: str) -> pl.DataFrame:
    """What polars computes straight from the file: monthly exports and imports, USD bn."""
    raw = pl.read_csv(path, encoding="latin-1", infer_schema=False)
    return (
        raw.filter(
            (pl.col("reporterISO") == reporter)
            & (pl.col("partnerISO") == partner)
            & pl.col("flowCode").is_in(["X", "M"])
        )
        .group_by("period", "flowCode")
        .agg(pl.col("primaryValue").cast(pl.Float64).sum() / 1e9)
        .pivot("flowCode", index="period", values="primaryValue")
        .select(
            period_start=pl.col("period").str.slice(0, 4) + "-" + pl.col("period").str.slice(4),
            export=pl.col("X"),
            import_=pl.col("M"),
        )
        .sort("period_start")
    )


def shown_totals(pilot) -> pl.DataFrame:
    wide = main(pilot).loaded.wide
    return wide.select("period_start", "export", import_=pl.col("import")).sort("period_start")


async def test_a_latin1_comtrade_file_opens_on_the_largest_pair_with_the_direct_totals(
    tmp_path: Path,
) -> None:
    path = write_latin1_comtrade(tmp_path / "comtrade.csv")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = main(pilot).loaded
        assert loaded is not None
        assert loaded.dataset.source_format == "comtrade"
        assert "UN Comtrade" in loaded.dataset.origin
        assert (loaded.reporter, loaded.partner) == ("CHN", "RUS")
        # Re-exports (RX) are kept apart: the totals are X and M only.
        assert_frame_equal(shown_totals(pilot), direct_totals(path, "CHN", "RUS"))
        assert any("re-exports" in note for note in loaded.dataset.notes)
        # The picker lists RUS→CHN second; its totals are Russia's own record.
        await press(pilot, "p", "down", "enter")
        assert (main(pilot).loaded.reporter, main(pilot).loaded.partner) == ("RUS", "CHN")
        assert_frame_equal(shown_totals(pilot), direct_totals(path, "RUS", "CHN"))


async def test_a_comtrade_file_drills_to_six_digits_and_back_to_the_table(
    tmp_path: Path,
) -> None:
    app = make_app(write_latin1_comtrade(tmp_path / "comtrade.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main(pilot).table
        table.focus()
        # The table starts on the latest month, Sep 2023.
        await press(pilot, "enter")
        month = app.screen
        assert isinstance(month, MonthScreen) and month.shown == "2023-09"
        await press(pilot, "c")
        chapters = app.screen
        assert isinstance(chapters, CommodityScreen)
        assert chapters.table["code"].to_list() == ["27", "87"]
        # Sep 2023 China→Russia exports: 5.0 × 2 crude and 3.0 × 2 cars.
        assert chapters.table["value"].to_list() == [10.0, 6.0]
        await press(pilot, "enter")
        assert app.screen.table["code"].to_list() == ["2709"]
        await press(pilot, "enter")
        six = app.screen
        assert six.table["code"].to_list() == ["270900"]
        # The 6-digit name is the file's own, read from Latin-1 intact.
        assert six.table["name"].to_list() == ["Huiles brutes de pétrole"]
        await press(pilot, "escape", "escape", "escape")
        assert app.screen is month
        await press(pilot, "escape")
        assert app.screen is main(pilot)


async def test_a_gacc_report_file_is_derived_into_the_embedded_months() -> None:
    research = embedded_dir() / "research" / "cn_ru_gacc_reports.csv"
    app = make_app(research)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = main(pilot).loaded
        assert loaded.dataset.source_format == "gacc"
        assert "GACC report" in loaded.dataset.origin
    embedded = make_app()
    async with embedded.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reference = main(pilot).loaded.wide
    columns = ["period_start", "period_end", "export", "import", "total"]
    assert_frame_equal(loaded.wide.select(columns), reference.select(columns))
