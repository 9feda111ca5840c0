"""Checks against published figures.

Every published USD year-to-date figure in the research (YTD releases, full years and the
combined Jan–Feb releases; totals, exports and imports; chosen or not, excluded or not) is
rebuilt from the monthly series: the sum of the monthly values from January to the
figure's last month. It must agree within the figure's own rounding (half a unit of its
last published digit). The ones that do not are listed below with the reason; a listed
figure that does reconcile fails the test, so the list cannot go stale.

For the chosen figures the check is close to an identity: ytd_diff months telescope back
to the YTD they came from. The published_month values are where it would bite, and they
all sit in years with a missing month before them (see test_published_month_values...),
so no YTD can be rebuilt through them. Independent month figures are compared with the
derived months by ``tradetui reconcile`` instead (docs/data.md, "Reconciliation").
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tradetui.data import build, schema

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

_TRUNCATED = "rounding: GACC's {} truncated, not rounded, to {}"

# figure id -> why the published figure does not match the monthly series.
DOES_NOT_RECONCILE: dict[str, str] = {
    "g0100": "conversion: an outlet's dollar conversion of the Jan–Mar 2022 yuan total",
    "g0149": "rounding: 61.45 against 61.44 at the same precision; pages round differently",
    "g0174": "rounding: 190.272 (HK CNA) against GACC's 190.271 in the last digit",
    "g0177": "source error: '$191 billion, +30%' is not 190.271 rounded",
    "g0194": _TRUNCATED.format(190.271, 190.2),
    "g0197": "rounding: 76.122 against GACC's 76.123 in the last digit",
    "g0257": "conversion: Global Times' conversion of 232.5 bn yuan (Jan–Feb 2023)",
    "g0268": "bound: '$18 billion' for Jan–Feb 2023 imports of 18.648, a round number",
    "g0292": _TRUNCATED.format(33.686, 33.68),
    "g0294": _TRUNCATED.format(33.686, 33.68),
    "g0295": _TRUNCATED.format(33.686, 33.6),
    "g0300": _TRUNCATED.format(39.462, 39.4),
    "g0313": "source error: 42.96 is neither GACC's 42.947 rounded (42.95) nor truncated",
    "g0316": "source error: 42.96 is neither GACC's 42.947 rounded (42.95) nor truncated",
    "g0317": _TRUNCATED.format(42.947, 42.94),
    "g0322": _TRUNCATED.format(50.859, 50.85),
    "g0326": _TRUNCATED.format(50.859, 50.8),
    "g0339": _TRUNCATED.format(71.559, 71.55),
    "g0365": _TRUNCATED.format(218.176, 218.17),
    "g0366": _TRUNCATED.format(218.176, 218.17),
    "g0367": _TRUNCATED.format(218.176, 218.17),
    "g0368": _TRUNCATED.format(218.176, 218.17),
    "g0370": _TRUNCATED.format(100.336, 100.33),
    "g0371": _TRUNCATED.format(100.336, 100.33),
    "g0372": _TRUNCATED.format(100.336, 100.33),
    "g0373": _TRUNCATED.format(100.336, 100.33),
    "g0526": "bound: 'more than 75 bn' for Jan–Apr 2024 (76.7)",
    "g0552": "conversion: an outlet's dollar conversion of the Jan–Sep 2024 yuan total",
    "g0554": "conversion: an outlet's dollar conversion of the Jan–Sep 2024 yuan total",
    "g0555": "source error: 258.05 for Jan–Nov 2024 exceeds the full year",
    "g0564": _TRUNCATED.format(244.819, 244.81),
    "g0565": _TRUNCATED.format(244.819, 244.81),
    "g0566": _TRUNCATED.format(244.819, 244.81),
    "g0570": _TRUNCATED.format(244.819, 244),
    "g0574": _TRUNCATED.format(244.819, 244.81),
    "g0576": "conversion: an outlet's dollar conversion of the 2024 yuan total (237)",
    "g0578": "conversion: an outlet's dollar conversion of the 2024 yuan total (249.4)",
    "g0583": _TRUNCATED.format(244.819, 244),
    "g0654": "rounding: 53.213 against 53.212 elsewhere in the last digit",
    "g0668": "conversion: an outlet's dollar conversion of the Jan–Apr 2025 yuan total",
    "g0678": "source error: 88.7 matches neither its own page's flows (38.89 + 49.91) "
    "nor Jan–Apr 71.123 + May 17.7",
    "g0743": "conversion: an outlet's dollar conversion of the 2025 yuan total (234)",
    "g0755": "conversion: an outlet's dollar conversion of the 2025 yuan total (234)",
}

# Months with no value that stop a rebuild: (first, last month, flows) -> why.
_FLOWS = tuple(schema.FLOWS)
_PARTS = (schema.EXPORT, schema.IMPORT)
GAPS = {
    ("2019-01", "2019-12", _FLOWS): "before the monthly series starts in 2021",
    ("2020-01", "2020-12", _FLOWS): "before the monthly series starts in 2021",
    ("2021-01", "2021-02", _FLOWS): "Jan–Feb 2021: only '>18 bn' (a bound) was published",
    ("2021-03", "2021-03", _FLOWS): "Mar 2021: Jan–Mar is known but not Jan–Feb nor March",
    ("2021-11", "2021-12", _PARTS): "2021: no flows after Jan–Oct were published",
    ("2024-03", "2024-04", _PARTS): "2024: no flows of Jan–Mar or Jan–Apr but bounds",
}
# Jan–Sep 2023 growth: published figure id -> the margin (pp) by which the computed growth
# misses the published one. GACC computes growth on its revised 2022 base: the exports and
# imports published for Jan–Sep 2022 (52.244, 83.845) were later revised in opposite
# directions (81.4 / 1.569 = 51.88; 94.9 / 1.127 = 84.21) while the total hardly moved.
YOY_TOLERANCE_PP = 0.2
YOY_REVISED: dict[str, float] = {"g0346": 1.09, "g0348": 0.49}


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _ytd_figures() -> pl.DataFrame:
    research = pl.read_csv(DATA / "research" / build.RESEARCH_REPORTS, infer_schema_length=0)
    published = pl.read_csv(
        DATA / schema.PUBLISHED_FILE, schema_overrides=schema.PUBLISHED_COLUMNS
    ).with_columns(text=research["value"])
    jan_feb = (pl.col("kind") == "month") & pl.col("period_start").str.ends_with("-01")
    return published.filter(
        (pl.col("currency") == "USD")
        & pl.col("flow").is_in(schema.FLOWS)
        & pl.col("value").is_not_null()
        & (
            pl.col("kind").is_in(["ytd", "year"])
            | (jan_feb & pl.col("period_end").str.ends_with("-02"))
        )
    )


FIGURES = {row["figure_id"]: row for row in _ytd_figures().iter_rows(named=True)}
MONTHLY = pl.read_csv(DATA / schema.TRADE_FILE, schema_overrides=schema.TRADE_COLUMNS)


def rebuild(flow: str, end: str) -> float | None:
    """The sum of the monthly values of ``flow`` from January to ``end``; None if one is missing."""
    rows = MONTHLY.filter(
        (pl.col("flow") == flow)
        & (pl.col("period_start") >= f"{end[:4]}-01")
        & (pl.col("period_end") <= end)
    )
    if rows.is_empty() or rows["period_end"].max() != end or rows["value"].null_count():
        return None
    return float(rows["value"].sum())


def tolerance(text: str) -> float:
    return 0.5 * 10.0 ** -_decimals(text) + 1e-9


def test_the_checked_figures_span_every_kind_flow_and_choice() -> None:
    figures = pl.DataFrame(list(FIGURES.values()))
    assert set(figures["kind"]) == {"ytd", "year", "month"}
    assert set(figures["flow"]) == set(schema.FLOWS)
    assert figures["chosen"].any() and not figures["chosen"].all()
    assert (~figures["usable"]).any()
    assert set(DOES_NOT_RECONCILE) <= set(FIGURES)


@pytest.mark.parametrize("figure_id", sorted(FIGURES))
def test_published_ytd_figure_against_the_monthly_series(figure_id: str) -> None:
    figure = FIGURES[figure_id]
    end = figure["period_end"]
    rebuilt = rebuild(figure["flow"], end)
    gap = [
        why
        for (first, _, flows), why in GAPS.items()
        if first[:4] == end[:4] and first <= end and figure["flow"] in flows
    ]
    if rebuilt is None:
        # Not rebuildable: only because of a listed gap before the figure's last month.
        assert gap, f"{figure_id} {end} {figure['flow']} cannot be rebuilt, and no gap explains it"
        assert figure_id not in DOES_NOT_RECONCILE
        return
    assert not gap, f"{figure_id} was rebuilt although a gap is listed for it"
    reconciles = abs(rebuilt - float(figure["text"])) <= tolerance(figure["text"])
    if figure_id in DOES_NOT_RECONCILE:
        assert not reconciles, f"stale entry: {figure_id} reconciles ({rebuilt:.3f})"
    else:
        assert reconciles, (
            f"{figure_id} {figure['period_start']}..{end} {figure['flow']}: published "
            f"{figure['text']}, rebuilt {rebuilt:.3f}"
        )


def test_chosen_figures_all_reconcile_where_rebuildable() -> None:
    chosen = [f for f in FIGURES.values() if f["chosen"]]
    rebuilt = [f for f in chosen if rebuild(f["flow"], f["period_end"]) is not None]
    assert len(rebuilt) > 50
    assert not {f["figure_id"] for f in rebuilt} & set(DOES_NOT_RECONCILE)


def test_published_month_values_sit_where_no_ytd_chain_reaches_them() -> None:
    used = MONTHLY.filter(pl.col("method") == schema.METHOD_PUBLISHED_MONTH)
    assert sorted(zip(used["period_start"], used["flow"], strict=True)) == [
        ("2021-08", "export"),
        ("2021-08", "total"),
        ("2021-09", "import"),
        ("2021-09", "total"),
        ("2024-05", "export"),
        ("2024-05", "import"),
        ("2024-05", "total"),
        ("2025-03", "export"),
        ("2025-03", "import"),
        ("2025-03", "total"),
    ]
    assert used["ytd_figure"].null_count() < used.height
    # Each follows a missing YTD, and either its year has a listed gap before it or its
    # figure is also subtracted from a YTD (Jan–Feb 2025 = Jan–Mar − March; Apr 2024 =
    # Jan–May − May − Jan–Mar), so a YTD rebuilt through it gives the YTD back.
    derived = MONTHLY.filter(pl.col("method").is_in(schema.DERIVED_METHODS))
    subtracted = {i for ids in derived["value_figures"] for i in ids.split(";")}
    for row in used.iter_rows(named=True):
        start = row["period_start"]
        after_gap = any(
            first[:4] == start[:4] and first < start and row["flow"] in flows
            for first, _, flows in GAPS
        )
        assert after_gap or row["value_figures"] in subtracted, row


JAN_SEP_2023 = {"g0344": "total", "g0346": "export", "g0348": "import"}


@pytest.mark.parametrize("figure_id", sorted(JAN_SEP_2023))
def test_jan_sep_2023_is_reproduced_by_the_monthly_series(figure_id: str) -> None:
    figure = FIGURES[figure_id]
    flow = JAN_SEP_2023[figure_id]
    assert (figure["period_end"], figure["flow"]) == ("2023-09", flow)
    rebuilt = rebuild(flow, "2023-09")
    assert rebuilt == pytest.approx({"total": 176.4, "export": 81.4, "import": 94.9}[flow])
    assert abs(rebuilt - figure["value"]) <= tolerance(figure["text"])

    computed = (rebuilt / rebuild(flow, "2022-09") - 1) * 100
    margin = abs(computed - figure["yoy_pct"])
    if figure_id in YOY_REVISED:
        assert margin > YOY_TOLERANCE_PP, f"stale entry: {figure_id} growth now reconciles"
        assert margin == pytest.approx(YOY_REVISED[figure_id], abs=0.01)
    else:
        assert margin <= YOY_TOLERANCE_PP, (computed, figure["yoy_pct"])


def test_the_listed_gaps_are_missing_months_of_the_series() -> None:
    for first, last, flows in GAPS:
        rows = MONTHLY.filter((pl.col("period_start") >= first) & (pl.col("period_end") <= last))
        if first < "2021":
            assert rows.is_empty() and MONTHLY["period_start"].min() == "2021-01"
        else:
            gap = rows.filter(pl.col("flow").is_in(flows))
            assert gap.height > 0 and gap["value"].null_count() == gap.height, (first, last)
