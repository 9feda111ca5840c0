"""The build turns the research files into data/: reproducible, traceable, never filled in."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tradetui.data import build, schema, sources
from tradetui.data.errors import DataError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RESEARCH = DATA / "research"
BUILT_FILES = (
    schema.PUBLISHED_FILE,
    schema.TRADE_FILE,
    schema.EVENTS_FILE,
    schema.COMMODITIES_FILE,
)
# The research layout the build reads, as the importer knows it.
RESEARCH_HEADER = sources.GACC_COLUMNS


@pytest.fixture(scope="module")
def published() -> pl.DataFrame:
    return pl.read_csv(DATA / schema.PUBLISHED_FILE, schema_overrides=schema.PUBLISHED_COLUMNS)


@pytest.fixture(scope="module")
def monthly() -> pl.DataFrame:
    return pl.read_csv(DATA / schema.TRADE_FILE, schema_overrides=schema.TRADE_COLUMNS)


def write_research(folder: Path, rows: list[tuple]) -> Path:
    """A research folder with only a reports file; rows are
    (start, end, kind, flow, value, currency, published), the rest is filled in."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / build.RESEARCH_REPORTS).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESEARCH_HEADER)
        for number, (start, end, kind, flow, value, currency, published) in enumerate(rows, 1):
            unit = "bn" if value else ""
            source = (f"https://example.org/{number}", f"page {number}", published, "quote")
            writer.writerow((start, end, kind, flow, value, unit, currency, "", *source))
    return folder


# --- the embedded dataset --------------------------------------------------------------


def test_rebuilding_from_research_reproduces_data_byte_for_byte(tmp_path: Path) -> None:
    counts = build.build(RESEARCH, tmp_path)
    for name in BUILT_FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    assert counts[schema.TRADE_FILE] == pl.read_csv(DATA / schema.TRADE_FILE).height


def test_every_monthly_value_names_its_method_and_sourced_figures(
    monthly: pl.DataFrame, published: pl.DataFrame
) -> None:
    sourced = set(published.filter(pl.col("source_url").fill_null("") != "")["figure_id"])
    known = monthly.filter(pl.col("value").is_not_null())
    assert known.height > 0
    assert set(known["method"].to_list()) <= set(schema.METHODS)
    for row in known.iter_rows(named=True):
        ids = row["value_figures"].split(";")
        if row["method"] in schema.DERIVED_METHODS:
            assert len(ids) >= 2 and len(set(ids)) == len(ids), row
        else:
            assert len(ids) == (2 if row["method"] == schema.METHOD_YTD_DIFF else 1), row
        assert set(ids) <= sourced, row


# "Jan–Mar 2025 total 53.212 (g0656)", with the sign before it (none for the first term).
FORMULA_TERM = re.compile(
    r"(?:^|([+−]) )([A-Z][a-z]{2}(?:–[A-Z][a-z]{2})? \d{4} (\w+)) ([\d.]+) \((g\d{4})\)"
)


def test_derived_values_equal_the_figures_they_come_from(
    monthly: pl.DataFrame, published: pl.DataFrame
) -> None:
    figures = {row["figure_id"]: row for row in published.iter_rows(named=True)}
    counted = dict.fromkeys(schema.METHODS, 0)
    for row in monthly.drop_nulls("value").iter_rows(named=True):
        ids = row["value_figures"].split(";")
        used = [figures[i] for i in ids]
        assert all(f["chosen"] and f["currency"] == "USD" for f in used), row
        half_units = [0.5 * 10.0 ** -f["decimals"] for f in used]
        assert row["precision"] == pytest.approx(max(half_units)), row
        year = row["period_start"][:4]
        if row["method"] in schema.DERIVED_METHODS:
            # The note spells out the arithmetic: a signed sum of exactly these figures.
            terms = FORMULA_TERM.findall(row["note"].split(";")[0])
            assert [t[4] for t in terms] != [] and sorted(t[4] for t in terms) == sorted(ids)
            total = 0.0
            for sign, _, _, number, figure_id in terms:
                assert float(number) == figures[figure_id]["value"], (row, figure_id)
                total += -float(number) if sign == "−" else float(number)
            assert row["value"] == pytest.approx(total, abs=1e-9), row
            own_flow_only = all(f["flow"] == row["flow"] for f in used)
            assert own_flow_only == (row["method"] == schema.METHOD_YTD_LESS_MONTHS), row
        elif row["method"] == schema.METHOD_YTD_DIFF:
            assert all(f["flow"] == row["flow"] for f in used), row
            before, through = used
            month = int(row["period_end"][5:])
            assert before["period_start"] == through["period_start"] == f"{year}-01"
            assert int(before["period_end"][5:]) == month - 1
            assert through["period_end"] == row["period_end"]
            assert row["value"] == pytest.approx(through["value"] - before["value"], abs=1e-9)
        else:
            (only,) = used
            assert only["flow"] == row["flow"], row
            assert (only["period_start"], only["period_end"]) == (
                row["period_start"],
                row["period_end"],
            )
            assert row["value"] == only["value"]
            if row["method"] == schema.METHOD_YTD_FIRST:
                assert (row["period_start"], row["period_end"]) == (f"{year}-01", f"{year}-02")
        counted[row["method"]] += 1
    assert all(counted.values()), counted


def test_the_values_the_issue_of_rounded_and_mixed_releases_names(monthly: pl.DataFrame) -> None:
    def cell(start: str, flow: str) -> dict:
        rows = monthly.filter((pl.col("period_start") == start) & (pl.col("flow") == flow))
        return rows.row(0, named=True)

    # Jan–Feb 2025 = Jan–Mar 2025 less the March release, one release: not mixed.
    jan_feb = {f: cell("2025-01", f) for f in schema.FLOWS}
    assert [jan_feb[f]["value"] for f in schema.FLOWS] == [14.956, 19.809, 34.764]
    assert all("mixes" not in jan_feb[f]["note"] for f in schema.FLOWS)
    # A missing flow is the total less the other flow.
    assert cell("2021-08", "import")["value"] == 7.063
    assert cell("2021-10", "import")["value"] == 7.66
    assert cell("2021-08", "import")["method"] == schema.METHOD_FLOW_DIFFERENCE
    # Jul 2021 and Apr 2024 need a month's own release and two YTD releases: marked.
    for start, flow in [("2021-07", "export"), ("2021-07", "total"), ("2024-04", "total")]:
        assert "mixes kinds of release" in cell(start, flow)["note"], (start, flow)
    # A month from "$63 bn" (Jan–Jun 2021) or "$79 billion" carries half a billion.
    assert cell("2021-06", "total")["precision"] == 0.5
    assert cell("2025-08", "import")["precision"] == 0.5
    assert cell("2023-04", "export")["precision"] == 0.0005


def test_jan_feb_is_never_split(monthly: pl.DataFrame) -> None:
    starts_in_jan = monthly.filter(pl.col("period_start").str.ends_with("-01"))
    assert (starts_in_jan["period_end"].str.slice(5) == "02").all()
    assert monthly.filter(pl.col("period_end").str.ends_with("-01")).is_empty()


def test_missing_months_stay_null_with_a_note(monthly: pl.DataFrame) -> None:
    assert monthly.filter(pl.col("value") == 0).is_empty()
    missing = monthly.filter(pl.col("value").is_null())
    assert missing.height > 0
    assert missing["note"].null_count() == 0
    assert missing["method"].null_count() == missing.height
    assert missing["value_figures"].null_count() == missing.height
    assert missing["precision"].null_count() == missing.height
    known = monthly.filter(pl.col("value").is_not_null())
    derived = known["method"].is_in(schema.DERIVED_METHODS)
    # A value taken from one or two figures needs no note; a derived one says its arithmetic.
    assert known.filter(~derived)["note"].null_count() == known.filter(~derived).height
    assert known.filter(derived)["note"].null_count() == 0


def test_every_exclusion_marks_at_least_one_published_row(published: pl.DataFrame) -> None:
    for ex in build.EXCLUSIONS:
        hits = published.filter(
            (pl.col("period_start") == ex.period_start)
            & (pl.col("period_end") == ex.period_end)
            & (pl.col("flow") == ex.flow)
            & ((pl.col("value") - ex.value).abs() < 1e-9)
        )
        assert hits.height >= 1, ex
        assert (hits["excluded_because"] == ex.reason).all(), ex
        assert not hits["usable"].any() and not hits["chosen"].any(), ex


def test_one_chosen_figure_per_period_flow_and_currency(published: pl.DataFrame) -> None:
    group = ["period_start", "period_end", "flow", "currency"]
    usable = published.filter(pl.col("usable"))
    chosen_per_group = usable.group_by(group).agg(pl.col("chosen").sum())
    assert (chosen_per_group["chosen"] == 1).all()
    assert published.filter(pl.col("chosen") & ~pl.col("usable")).is_empty()


# --- the rules, on hand-written research -----------------------------------------------


def test_choice_rule_prefers_confirmed_then_precise_then_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        build,
        "EXCLUSIONS",
        (build.Exclusion("2023-01", "2023-09", "total", 180.0, "a bound"),),
    )
    rows = [
        # Confirmed by the most pages (176.4 and 176 are 176.412 rounded), then the most
        # decimals: a later page does not win.
        ("2023-01", "2023-09", "ytd", "total", "176.4", "USD", "2023-10-13"),  # g0001
        ("2023-01", "2023-09", "ytd", "total", "176.412", "USD", "2023-10-01"),  # g0002
        ("2023-01", "2023-09", "ytd", "total", "176", "USD", "2023-10-20"),  # g0003
        ("2023-01", "2023-09", "ytd", "total", "180", "USD", "2023-10-30"),  # g0004 excluded
        # Same decimals: the value most pages give; among them the latest page.
        ("2023-01", "2023-09", "ytd", "cn_exports_to_ru", "81.4", "USD", "2023-10-13"),  # g0005
        ("2023-01", "2023-09", "ytd", "cn_exports_to_ru", "81.4", "USD", "2023-10-14"),  # g0006
        ("2023-01", "2023-09", "ytd", "cn_exports_to_ru", "81.5", "USD", "2023-10-20"),  # g0007
        # Same decimals, one page each: the latest page; an undated page comes last. (Jan-Aug,
        # so that no imports of Jan-Sep bear on whether its totals add up.)
        ("2023-01", "2023-08", "ytd", "cn_imports_from_ru", "83.3", "USD", "2023-09-07"),  # g0008
        ("2023-01", "2023-08", "ytd", "cn_imports_from_ru", "83.2", "USD", "2023-09-15"),  # g0009
        ("2023-01", "2023-08", "ytd", "cn_imports_from_ru", "83.1", "USD", ""),  # g0010
        # Another currency is its own group; a growth rate without a value is never chosen.
        ("2023-01", "2023-09", "ytd", "total", "1283.456", "CNY", "2023-10-13"),  # g0011
        ("2023-01", "2023-09", "ytd", "total", "", "USD", "2023-10-31"),  # g0012
    ]
    figures = build.published_figures(write_research(tmp_path, rows))
    # One row per figure: (usable, chosen, agrees_with_chosen); agreeing means the
    # chosen value rounded to the row's own precision.
    flags = [
        (True, False, True),  # 176.4 = 176.412 to one decimal
        (True, True, True),
        (True, False, True),  # 176 = 176.412 to no decimals
        (False, False, False),  # excluded
        (True, False, True),
        (True, True, True),
        (True, False, False),
        (True, False, False),
        (True, True, True),
        (True, False, False),
        (True, True, True),
        (False, False, None),  # no value
    ]
    expected = pl.DataFrame(
        [(f"g{n:04d}", *row) for n, row in enumerate(flags, 1)],
        schema=["figure_id", "usable", "chosen", "agrees_with_chosen"],
        orient="row",
    )
    assert_frame_equal(figures.select(expected.columns), expected)
    assert figures["excluded_because"].to_list()[3] == "a bound"
    assert figures["flow"].to_list()[4:10] == ["export"] * 3 + ["import"] * 3


def test_choice_rule_prefers_a_total_whose_flows_add_up_and_the_common_growth_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "EXCLUSIONS", ())
    may = ("2025-01", "2025-05", "ytd")
    rows = [
        # Page 1: 38.89 + 49.91 = 88.80, not its own total 88.7 (a later page).
        (*may, "total", "88.7", "USD", "2025-06-20"),  # g0001
        (*may, "cn_exports_to_ru", "38.89", "USD", "2025-06-20"),  # g0002
        (*may, "cn_imports_from_ru", "49.91", "USD", "2025-06-20"),  # g0003
        # Page 2: 38.9 + 49.9 = 88.8, its total.
        (*may, "total", "88.8", "USD", "2025-06-09"),  # g0004
        (*may, "cn_exports_to_ru", "38.9", "USD", "2025-06-09"),  # g0005
        (*may, "cn_imports_from_ru", "49.9", "USD", "2025-06-09"),  # g0006
        # The same value on three pages; the one carrying the rate two pages give wins over
        # a later page with none.
        ("2023-01", "2023-12", "year", "total", "240.11", "USD", "2024-03-07"),  # g0007
        ("2023-01", "2023-12", "year", "total", "240.11", "USD", "2025-10-13"),  # g0008
        ("2023-01", "2023-12", "year", "total", "240.1", "USD", "2024-01-15"),  # g0009
    ]
    folder = write_research(tmp_path, rows)
    path = folder / build.RESEARCH_REPORTS
    lines = path.read_text(encoding="utf-8").splitlines()
    # write_research leaves yoy_pct empty: give the 2023 rows their rates (g0007, g0009).
    for n, rate in ((7, "26.3"), (9, "26.3")):
        cells = lines[n].split(",")
        cells[7] = rate
        lines[n] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    figures = build.published_figures(folder)
    chosen = figures.filter("chosen")["figure_id"].to_list()
    assert chosen == ["g0002", "g0003", "g0004", "g0007"]
    adds_up = dict(zip(figures["figure_id"], figures["adds_up"], strict=True))
    assert (adds_up["g0001"], adds_up["g0004"], adds_up["g0002"]) == (False, True, None)
    assert figures["decimals"].to_list()[:3] == [1, 2, 2]
    trade = build.monthly_trade(figures, first_year=2025)
    # With no other 2025 release, nothing but Jan-May itself is known: no month follows.
    assert trade["value"].null_count() == trade.height


def test_an_exclusion_that_matches_nothing_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        build, "EXCLUSIONS", (build.Exclusion("2023-01", "2023-09", "total", 1.5, "stale"),)
    )
    folder = write_research(
        tmp_path, [("2023-01", "2023-09", "ytd", "total", "176.4", "USD", "2023-10-13")]
    )
    with pytest.raises(DataError, match=r"2023-01\.\.2023-09 total 1\.5 matches no research row"):
        build.published_figures(folder)


def test_months_are_derived_by_the_documented_methods_and_gaps_stay_null(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "EXCLUSIONS", ())
    rows = [
        ("2023-01", "2023-02", "month", "total", "30.5", "USD", "2023-03-07"),  # g0001
        ("2023-01", "2023-03", "ytd", "total", "50.25", "USD", "2023-04-13"),  # g0002
        ("2023-04", "2023-04", "month", "total", "18.1", "USD", "2023-05-09"),  # g0003
        ("2023-01", "2023-05", "ytd", "total", "88", "USD", "2023-06-07"),  # g0004
        ("2023-01", "2023-03", "ytd", "total", "350.5", "CNY", "2023-04-13"),  # g0005
        ("2023-03", "2023-03", "month", "total", "19.9", "USD", "2023-04-13"),  # g0006
    ]
    figures = build.published_figures(write_research(tmp_path, rows))
    trade = build.monthly_trade(figures, first_year=2023)
    totals = trade.filter(pl.col("flow") == "total").select(
        "period_start", "period_end", "value", "method", "value_figures", "published_value"
    )
    expected = pl.DataFrame(
        {
            "period_start": ["2023-01", "2023-03", "2023-04", "2023-05"],
            "period_end": ["2023-02", "2023-03", "2023-04", "2023-05"],
            # Mar: 50.25 - 30.5 (the YTD difference wins over the published 19.9);
            # Apr: no Jan-Apr YTD, so the published month; May: Jan-May less Jan-Mar less
            # the April release, which mixes a month's own release with two YTD releases.
            "value": [30.5, 19.75, 18.1, 19.65],
            "method": ["ytd_first", "ytd_diff", "published_month", "ytd_less_months"],
            "value_figures": ["g0001", "g0001;g0002", "g0003", "g0004;g0002;g0003"],
            "published_value": [None, 19.9, 18.1, None],
        }
    )
    assert_frame_equal(totals, expected)
    assert "mixes kinds of release" in trade.filter(pl.col("period_start") == "2023-05")["note"][2]
    others = trade.filter(pl.col("flow") != "total")
    assert others.height == 8 and others["value"].null_count() == 8
    assert trade.filter(pl.col("value").is_null())["note"].null_count() == 0


def test_flows_and_jan_feb_follow_from_the_identities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "EXCLUSIONS", ())
    rows = [
        # Jan-Feb is Jan-Mar less March, all of one release.
        ("2025-01", "2025-03", "ytd", "total", "53.212", "USD", "2025-04-14"),  # g0001
        ("2025-03", "2025-03", "month", "total", "18.448", "USD", "2025-04-14"),  # g0002
        ("2025-01", "2025-03", "ytd", "cn_exports_to_ru", "22.725", "USD", "2025-04-14"),  # g0003
        # April: total and exports published, so imports are their difference ...
        ("2025-04", "2025-04", "month", "total", "17.9", "USD", "2025-05-09"),  # g0004
        ("2025-04", "2025-04", "month", "cn_exports_to_ru", "8.07", "USD", "2025-05-09"),  # g0005
    ]
    figures = build.published_figures(write_research(tmp_path, rows))
    trade = build.monthly_trade(figures, first_year=2025).drop_nulls("value")
    got = {
        (r["period_start"], r["flow"]): (
            r["value"],
            r["method"],
            r["value_figures"],
            r["precision"],
        )
        for r in trade.iter_rows(named=True)
    }
    assert got == {
        ("2025-01", "total"): (34.764, "ytd_less_months", "g0001;g0002", 0.0005),
        ("2025-03", "total"): (18.448, "published_month", "g0002", 0.0005),
        ("2025-04", "total"): (17.9, "published_month", "g0004", 0.05),
        ("2025-04", "export"): (8.07, "published_month", "g0005", 0.005),
        # ... with the precision of its least precise input, 17.9.
        ("2025-04", "import"): (9.83, "flow_difference", "g0004;g0005", 0.05),
    }
    note = trade.filter((pl.col("period_start") == "2025-04") & (pl.col("flow") == "import"))
    assert note["note"][0] == "Apr 2025 total 17.9 (g0004) − Apr 2025 exports 8.07 (g0005)"
