"""The HS drill-down's data: levels, overlapping levels, shares, YoY, sparklines, names."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tradetui.data import hs
from tradetui.data.errors import DataError
from tradetui.data.schema import DETAIL_COLUMNS

PAIR = {"reporter": "CHN", "partner": "RUS"}


def detail(*rows: tuple) -> pl.LazyFrame:
    """Rows of (period, flow, hs_code, value[, description]) for CHN→RUS."""
    full = [
        (period, "CHN", "RUS", flow, code, value, rest[0] if rest else None)
        for period, flow, code, value, *rest in rows
    ]
    return pl.LazyFrame(full, schema=DETAIL_COLUMNS, orient="row")


def values(table: pl.DataFrame) -> dict[str, float | None]:
    return dict(zip(table["code"], table["value"], strict=True))


@pytest.fixture
def names(tmp_path: Path) -> Path:
    folder = tmp_path / "hs"
    folder.mkdir()
    (folder / hs.CHAPTERS_FILE).write_text(
        "code,name\n27,Mineral fuels\n85,Electrical machinery\n", encoding="utf-8"
    )
    (folder / hs.HEADINGS_FILE).write_text(
        "code,chapter,name\n2709,27,Crude petroleum oils\n2710,27,Refined petroleum oils\n",
        encoding="utf-8",
    )
    return folder


# Six-digit rows only: every coarser level is their sum by prefix.
SIX = detail(
    ("2023-09", "export", "270900", 4.0, "Crude oil"),
    ("2023-09", "export", "271012", 1.0, "Light oils"),
    ("2023-09", "export", "271019", 0.5),
    ("2023-09", "export", "850110", 2.0, "Small motors"),
    ("2023-09", "export", "852990", 2.5),
    ("2022-09", "export", "270900", 2.0),
    ("2022-09", "export", "850110", 1.0),
)


def test_chapters_of_a_six_digit_detail_are_sums_by_prefix(names: Path) -> None:
    table = hs.level_table(SIX, month="2023-09", flow="export", names_dir=names, **PAIR)
    expected = pl.DataFrame(
        {
            "code": ["27", "85"],
            "name": ["Mineral fuels", "Electrical machinery"],
            "value": [5.5, 4.5],
            "share": [55.0, 45.0],
            "yoy": [175.0, 350.0],
        }
    )
    assert_frame_equal(table.select(expected.columns), expected)
    assert table["deeper"].to_list() == [True, True]


def test_headings_of_a_chapter_from_six_digit_rows(names: Path) -> None:
    table = hs.level_table(
        SIX, month="2023-09", flow="export", parent="27", names_dir=names, **PAIR
    )
    assert values(table) == {"2709": 4.0, "2710": 1.5}
    assert table["name"].to_list() == ["Crude petroleum oils", "Refined petroleum oils"]
    assert table["yoy"].to_list() == [100.0, None]  # 2710 has no row a year earlier


def test_subheadings_take_their_names_from_the_source_or_none(names: Path) -> None:
    table = hs.level_table(
        SIX, month="2023-09", flow="export", parent="2710", names_dir=names, **PAIR
    )
    assert values(table) == {"271012": 1.0, "271019": 0.5}
    assert table["name"].to_list() == ["Light oils", None]
    assert table["deeper"].to_list() == [False, False]


def test_overlapping_levels_are_never_added_together() -> None:
    # Chapter 27 is published at 2, 4 and 6 digits, each a little different (as sources
    # are when the finer lines are partly confidential); chapter 85 only at 4 and 6 digits.
    lf = detail(
        ("2023-09", "export", "27", 10.0),
        ("2023-09", "export", "2709", 6.0),
        ("2023-09", "export", "2710", 3.0),
        ("2023-09", "export", "270900", 5.0),
        ("2023-09", "export", "271012", 2.0),
        ("2023-09", "export", "8501", 4.0),
        ("2023-09", "export", "850110", 1.0),
        ("2023-09", "export", "850120", 2.0),
    )
    chapters = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    # 27 from its own row; 85 from its headings, the nearest finer level.
    assert values(chapters) == {"27": 10.0, "85": 4.0}
    headings = hs.level_table(lf, month="2023-09", flow="export", parent="27", **PAIR)
    assert values(headings) == {"2709": 6.0, "2710": 3.0}
    subheadings = hs.level_table(lf, month="2023-09", flow="export", parent="8501", **PAIR)
    assert values(subheadings) == {"850120": 2.0, "850110": 1.0}


def test_share_is_of_the_listed_rows_and_sums_to_100() -> None:
    lf = detail(*[("2023-09", "export", f"{c:02d}0000", float(c)) for c in range(1, 13)])
    table = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    assert table.height == 12
    assert table["share"].sum() == pytest.approx(100.0)
    assert table["code"][0] == "12"  # largest first
    assert table["share"][0] == pytest.approx(12 / 78 * 100)


def test_yoy_is_missing_when_the_year_earlier_is_missing_or_zero() -> None:
    lf = detail(
        ("2023-09", "export", "270900", 3.0),
        ("2023-09", "export", "850110", 2.0),
        ("2023-09", "export", "100190", 1.0),
        ("2022-09", "export", "270900", 4.0),
        ("2022-09", "export", "850110", 0.0),
        ("2022-08", "export", "100190", 1.0),  # not the same month
    )
    table = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    yoy = dict(zip(table["code"], table["yoy"], strict=True))
    assert yoy == {"27": pytest.approx(-25.0), "85": None, "10": None}


def test_a_missing_part_makes_the_sum_missing_not_smaller() -> None:
    lf = detail(
        ("2023-09", "export", "270900", 3.0),
        ("2023-09", "export", "271012", None),
        ("2023-09", "export", "850110", 2.0),
    )
    table = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    assert values(table) == {"85": 2.0, "27": None}  # missing sorts last
    assert table["share"].to_list() == [100.0, None]


def test_total_adds_the_flows_only_in_months_with_both() -> None:
    lf = detail(
        ("2023-09", "export", "270900", 3.0),
        ("2023-09", "import", "270900", 7.0),
        ("2023-09", "export", "850110", 2.0),  # no import row: nothing imported
        ("2022-09", "export", "270900", 1.0),  # imports absent for the whole month
        ("2022-09", "export", "850110", 1.0),
    )
    table = hs.level_table(lf, month="2023-09", flow="total", **PAIR)
    assert values(table) == {"27": 10.0, "85": 2.0}
    assert table["yoy"].to_list() == [None, None]  # no total a year earlier
    export_only = hs.level_table(lf, month="2022-09", flow="total", **PAIR)
    assert values(export_only) == {"27": None, "85": None}  # export alone is not a total
    imports = hs.level_table(lf, month="2023-09", flow="import", **PAIR)
    assert values(imports) == {"27": 7.0}


def test_other_pairs_flows_and_months_are_left_out() -> None:
    lf = pl.concat(
        [
            detail(("2023-09", "export", "270900", 3.0), ("2023-08", "export", "270900", 9.0)),
            pl.LazyFrame(
                [("2023-09", "RUS", "CHN", "export", "270900", 5.0, None)],
                schema=DETAIL_COLUMNS,
                orient="row",
            ),
        ]
    )
    table = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    assert values(table) == {"27": 3.0}
    assert hs.level_table(lf, month="2023-10", flow="export", **PAIR).is_empty()


def test_sparkline_covers_24_months_with_gaps_as_spaces() -> None:
    months = [f"{y}-{m:02d}" for y in (2021, 2022, 2023) for m in range(1, 13)][:33]  # to 2023-09
    rows = [(p, "export", "270900", float(i)) for i, p in enumerate(months) if p != "2023-01"]
    rows.append(("2023-09", "export", "850110", 5.0))
    table = hs.level_table(detail(*rows), month="2023-09", flow="export", **PAIR)
    spark = dict(zip(table["code"], table["sparkline"], strict=True))
    # 2021-10 .. 2023-09: values 9..32 rise evenly; 2023-01 (the 16th month) has no row.
    assert len(spark["27"]) == 24
    assert spark["27"][0] == "▁" and spark["27"][-1] == "█"
    assert spark["27"][15] == " "
    assert spark["27"].replace(" ", "") == "".join(sorted(spark["27"].replace(" ", "")))
    # A code with one month: gaps before it, a mid bar for its single value.
    assert spark["85"] == " " * 23 + "▄"
    series = table.filter(pl.col("code") == "27")["series"][0]
    assert [p["period"] for p in series][:2] == ["2021-10", "2021-11"]
    assert series[15] == {"period": "2023-01", "value": None}


def test_sparkline_starts_with_the_data_when_it_is_shorter() -> None:
    lf = detail(
        ("2023-07", "export", "270900", 1.0),
        ("2023-08", "export", "270900", 3.0),
        ("2023-09", "export", "270900", 2.0),
    )
    table = hs.level_table(lf, month="2023-09", flow="export", **PAIR)
    assert table["sparkline"].to_list() == ["▁█▅"]


def test_a_scanned_parquet_file_gives_the_same_table(tmp_path: Path) -> None:
    path = tmp_path / "detail.parquet"
    SIX.collect().write_parquet(path)
    scanned = pl.scan_parquet(path)
    for parent in (None, "27", "2710"):
        assert_frame_equal(
            hs.level_table(scanned, month="2023-09", flow="total", parent=parent, **PAIR),
            hs.level_table(SIX, month="2023-09", flow="total", parent=parent, **PAIR),
        )
    # The pair and months filter reaches the scan (predicate pushdown), not a full read.
    plan = hs.level_query(
        scanned, level=2, flow="export", first="2021-10", last="2023-09", prefix=None, **PAIR
    ).explain()
    scan = plan[plan.index("Parquet SCAN") :]
    assert "SELECTION" in scan
    assert '"CHN"' in scan and '"2021-10"' in scan


def test_has_detail() -> None:
    assert hs.has_detail(None) is False
    assert hs.has_detail(pl.LazyFrame(schema=DETAIL_COLUMNS)) is False
    assert hs.has_detail(SIX) is True


def test_sort_puts_missing_values_last_either_way() -> None:
    table = pl.DataFrame({"code": ["01", "02", "03"], "yoy": [5.0, None, -3.0]})
    down = hs.sort_table(table, "yoy", descending=True)
    up = hs.sort_table(table, "yoy", descending=False)
    assert down["code"].to_list() == ["01", "03", "02"]
    assert up["code"].to_list() == ["03", "01", "02"]
    with pytest.raises(ValueError, match="cannot sort"):
        hs.sort_table(table, "sparkline", descending=True)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="not a 2- or 4-digit"):
        hs.level_table(SIX, month="2023-09", flow="export", parent="270900", **PAIR)
    with pytest.raises(ValueError, match="unknown flow"):
        hs.level_table(SIX, month="2023-09", flow="exports", **PAIR)
    with pytest.raises(DataError, match="not a month"):
        hs.level_table(SIX, month="Sep 2023", flow="export", **PAIR)


def test_names_lookup(names: Path, tmp_path: Path) -> None:
    assert hs.hs_name("27", names) == "Mineral fuels"
    assert hs.hs_name("2710", names) == "Refined petroleum oils"
    assert hs.hs_name("99", names) is None
    assert hs.hs_names(tmp_path / "nowhere").is_empty()


def test_a_chapter_the_nomenclature_lacks_keeps_the_source_name_or_none(names: Path) -> None:
    lf = detail(
        ("2023-09", "export", "98", 1.0, "Special classification"),
        ("2023-09", "export", "990000", 1.0, "Not specified"),  # a 6-digit name: not the chapter's
    )
    table = hs.level_table(lf, month="2023-09", flow="export", names_dir=names, **PAIR)
    assert dict(zip(table["code"], table["name"], strict=True)) == {
        "98": "Special classification",
        "99": None,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,title\n27,Mineral fuels\n", "missing column name"),
        ("code,name\n27,Mineral fuels\n7,Short\n", "row 3, code '7' is not a code of 2 digits"),
    ],
)
def test_a_malformed_names_file_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / hs.CHAPTERS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        hs.hs_names(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / hs.CHAPTERS_FILE))


def test_the_shipped_names_when_present() -> None:
    folder = hs.default_names_dir()
    if not (folder / hs.CHAPTERS_FILE).is_file():
        pytest.skip("data/hs is not in this tree yet")
    names = hs.hs_names()
    chapters = names.filter(pl.col("code").str.len_chars() == 2)
    headings = names.filter(pl.col("code").str.len_chars() == 4)
    assert 90 <= chapters.height <= 99
    assert headings.height > 1000
    assert hs.hs_name("27", folder)
    assert names["name"].null_count() == 0
