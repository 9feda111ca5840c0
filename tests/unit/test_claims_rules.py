"""The checker's rules, each on claims built from real published statements (the research
quotes): first releases, swapped directions, truncation, bases, signs, bounds, shares."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims_corpus import claim_of, find, research_rows
from tradetui.data import claims
from tradetui.data.load import load_dataset

EXPORT, IMPORT = "cn_exports_to_ru", "cn_imports_from_ru"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def rows():
    return research_rows()


def check(claim: claims.Claim, dataset) -> claims.Check:
    [result] = claims.check_claims([claim], dataset)
    return result


@pytest.mark.parametrize(
    ("url", "month", "stated"),
    [("tass.com/economy/1826171", "2024-07", "19.69"), ("bne.eu", "2024-12", "21.97")],
)
def test_a_month_as_first_released_is_consistent_and_says_so(
    rows, dataset, url: str, month: str, stated: str
) -> None:
    row = find(rows, url, month, month, "total")
    assert row["value"] == stated
    result = check(claim_of(row), dataset)
    assert result.verdict == claims.CONSISTENT
    assert result.published is not None
    assert (result.published.figure_id, result.published.source_url) == (
        row["figure_id"],
        row["source_url"],
    )
    revised = result.computed
    assert revised is not None and abs(revised - float(stated)) > 0.05  # revised since
    assert (
        result.notes[0] == f"matches the first release ({stated}), later revised to {revised:.2f}"
    )


def test_a_first_release_given_for_the_other_direction_is_swapped(rows, dataset) -> None:
    # Sputnik, June 2023: "China having exported 11.28 bn" — 11.28 is the imports.
    row = find(rows, "sputnikglobe.com/20230713", "2023-06", "2023-06", IMPORT)
    assert "exported" in row["quote"] and row["value"] == "11.28"
    result = check(claim_of(row, flow="CHN->RUS"), dataset)
    assert result.verdict == claims.DIRECTION_SWAPPED
    assert (result.opposite_flow, result.opposite_value) == ("RUS->CHN", 11.28)
    assert result.notes[0].startswith("matches the first release (11.28), later revised to ")
    assert result.published is not None and result.published.figure_id == row["figure_id"]


def test_a_truncated_figure_is_consistent_and_noted(rows, dataset) -> None:
    # GACC: Jan–Apr 2023 exports 33.686; outlets cut it to 33.68.
    row = find(rows, "alatharnews.com", "2023-01", "2023-04", EXPORT)
    assert row["value"] == "33.68"
    result = check(claim_of(row), dataset)
    assert result.verdict == claims.CONSISTENT
    assert result.computed == pytest.approx(33.686)
    assert "33.68 is 33.686 truncated, not rounded" in result.notes
    rounded_wrong = check(claim_of(row, value=claims_value("33.67")), dataset)
    assert rounded_wrong.verdict == claims.INCONSISTENT


def claims_value(text: str) -> Decimal:
    return Decimal(text)


def test_a_yuan_growth_rate_is_a_different_basis_not_a_dollar_match(rows, dataset) -> None:
    # Reuters: 2024 imports from Russia +1% in yuan; in dollars they barely moved.
    row = find(rows, "wallstreetobserver.com", "2024-01", "2024-12", IMPORT, currency="CNY")
    # The page says "in yuan"; written as a dollar rate, as outlets repeat it:
    result = check(claim_of(row, metric="yoy_pct", currency="USD"), dataset)
    assert result.verdict == claims.DIFFERENT_BASIS
    assert result.basis == "computed"
    assert result.low is not None and result.high is not None
    assert result.high < 0.5  # +1% (0.5..1.5) is outside what the dollar data allows
    assert result.notes == ("matches the growth in yuan (1%), not GACC's dollar growth",)
    assert result.published is not None and result.published.currency == "CNY"


def test_a_computed_rate_is_bounded_by_rounding_and_revisions(dataset) -> None:
    claim = claims.parse_claim(
        {"text": "Imports from Russia in 2024", "period": "2024", "flow": "RUS->CHN",
         "metric": "yoy_pct", "value": claims_value("0.1"), "unit": "pct"},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert result.verdict == claims.CONSISTENT
    assert result.low is not None and result.high is not None and result.computed is not None
    assert result.low < result.computed < result.high
    assert result.notes[0].startswith(f"computed {result.computed:.2f}%; rounding and revisions")


def test_the_figure_of_a_year_before_is_inconsistent_and_said(dataset) -> None:
    # lenta.ru (Oct 2025): "last year" 240.11 bn — 2023's figure, given for 2024.
    claim = claims.parse_claim(
        {"text": "last year 240.11", "period": "2024", "flow": "total", "metric": "value",
         "value": claims_value("240.11"), "unit": "USD bn"},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert result.verdict == claims.INCONSISTENT
    assert result.notes == ("matches the same months a year earlier (2023: 240.11)",)
    assert result.published is not None and result.published.value == pytest.approx(244.819)


def test_a_share_of_something_the_data_lacks_is_not_checkable(dataset) -> None:
    claim = claims.parse_claim(
        {"text": "Russia supplied 4.3% of China's imports", "period": "2024",
         "flow": "RUS->CHN", "metric": "share_pct", "value": claims_value("4.3"),
         "unit": "pct", "share_of": "CHN imports"},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert result.verdict == claims.NOT_CHECKABLE
    assert result.reason == (
        "a share of CHN's imports with all partners: the data holds only CHN–RUS trade"
    )


def test_a_figure_of_a_neighbouring_period_is_inconsistent_and_said(rows, dataset) -> None:
    # portnews writes "January-April 2023" for the five months' $93.8 bn (the research
    # records the row under Jan–May, the period it belongs to).
    row = find(rows, "portnews.ru/news/348501", "2023-01", "2023-05", "total")
    result = check(claim_of(row, period="2023-01..2023-04"), dataset)
    assert result.verdict == claims.INCONSISTENT
    assert result.notes == ("matches the year to date (Jan–May 2023: 93.806)",)
    # vietnam.vn gives the Jan–May export growth of +75.6% as May's.
    row = find(rows, "vietnam.vn", "2023-05", "2023-05", EXPORT)
    result = check(claim_of(row, "yoy_pct"), dataset)
    assert result.verdict == claims.INCONSISTENT
    assert result.notes == ("matches the year to date (Jan–May 2023: 75.6%)",)
    # monocle.ru calls Jan–Nov 2021's 130.428 bn the 2021 total.
    row = find(rows, "monocle.ru", "2021-01", "2021-12", "total")
    result = check(claim_of(row), dataset)
    assert result.verdict == claims.INCONSISTENT
    assert result.notes[0].startswith("matches the year to date (Jan–Nov 2021: ")


@pytest.mark.parametrize(
    ("period", "flow", "metric", "sign", "verdict"),
    [
        ("2023-01..2023-09", "balance", "value", "negative", claims.CONSISTENT),
        ("2023-01..2023-09", "balance", "value", "positive", claims.INCONSISTENT),
        ("2025", "total", "yoy_pct", "negative", claims.CONSISTENT),  # "trade fell": −6.9%
        ("2025", "CHN->RUS", "yoy_pct", "positive", claims.INCONSISTENT),  # exports fell
        ("2023", "CHN->RUS", "yoy_pct", "positive", claims.CONSISTENT),  # "exports grew"
    ],
)
def test_a_claim_of_a_sign_alone(dataset, period, flow, metric, sign, verdict) -> None:
    claim = claims.parse_claim(
        {"text": "the balance favours Russia", "period": period, "flow": flow,
         "metric": metric, "sign": sign},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert result.verdict == verdict
    assert result.difference is None


@pytest.mark.parametrize(
    ("period", "metric", "value", "bound", "verdict"),
    [
        ("2023", "value", "240", "over", claims.CONSISTENT),  # "more than $240 bn": 240.11
        ("2023", "value", "240.2", "over", claims.INCONSISTENT),
        ("2024", "value", "245", "nearly", claims.CONSISTENT),  # "almost $245 bn": 244.819
        ("2024", "value", "244.5", "nearly", claims.INCONSISTENT),  # 244.819 is above it
        ("2024", "value", "250", "under", claims.CONSISTENT),
        ("2023-01..2023-04", "yoy_pct", "43", "over", claims.INCONSISTENT),  # GACC: +41.3%
    ],
)
def test_a_bounded_figure(dataset, period, metric, value, bound, verdict) -> None:
    claim = claims.parse_claim(
        {"text": "trade exceeded", "period": period, "flow": "total", "metric": metric,
         "value": claims_value(value), "unit": "USD bn" if metric == "value" else "pct",
         "bound": bound},
        "t.toml", 1,
    )  # fmt: skip
    assert check(claim, dataset).verdict == verdict


def test_every_verdict_on_a_published_figure_names_it_and_its_page(rows, dataset) -> None:
    row = find(rows, "tass.com/economy/1826171", "2024-07", "2024-07", IMPORT)
    result = check(claim_of(row, value=claims_value("9.9")), dataset)  # neither 9.7 nor 9.817
    assert result.verdict == claims.INCONSISTENT
    assert result.published is not None
    assert result.published.source_url is not None
    assert result.published.source_url.startswith("http")


def test_a_claim_in_yuan_is_checked_against_gacc_yuan_figures(rows, dataset) -> None:
    # Reuters: Jan–Sep 2024 trade "rose 2.7% ... reaching 1.28 trillion yuan".
    row = find(rows, "business-standard.com", "2024-01", "2024-09", "total", currency="CNY")
    rate = check(claim_of(row, "yoy_pct"), dataset)
    assert (rate.claim.currency, rate.verdict, rate.basis) == (
        "CNY",
        claims.CONSISTENT,
        "published",
    )
    trillions = check(claim_of(row, value=Decimal("1.28"), unit="CNY trn"), dataset)
    assert trillions.verdict == claims.CONSISTENT
    # TASS's "+2% in dollar terms", said to be in yuan, is the dollar rate.
    dollars = check(claim_of(row, "yoy_pct", value=Decimal("2")), dataset)
    assert dollars.verdict == claims.DIFFERENT_BASIS
    assert dollars.notes == ("matches the growth in dollars (2%), not in yuan",)
    # No yuan figure is published for Jan–Apr 2023.
    missing = claims.parse_claim(
        {"text": "x", "period": "2023-01..2023-04", "flow": "total", "metric": "value",
         "value": Decimal("500"), "unit": "CNY bn"},
        "t.toml", 1,
    )  # fmt: skip
    result = check(missing, dataset)
    assert result.verdict == claims.NOT_CHECKABLE
    assert result.reason == (
        "no yuan figure is published for Jan–Apr 2023 total (the data's series is in dollars)"
    )


def test_a_change_on_the_month_before(rows, dataset) -> None:
    # TASS: July 2024 trade "decreased by 2.7% compared to June, and amounted to $19.69 bn".
    july = find(rows, "tass.com/economy/1826171", "2024-07", "2024-07", "total")
    fell = check(claim_of(july, "mom_pct", value=Decimal("-2.7"), unit="pct"), dataset)
    assert (fell.verdict, fell.basis) == (claims.CONSISTENT, "computed")
    assert fell.low is not None and fell.high is not None and fell.low < -2.7 < fell.high
    # TASS: August "fell 10.1% m/m to 21.68", yet July was 19.69: trade rose.
    august = find(rows, "tass.com/economy/1840903", "2024-08", "2024-08", "total")
    assert "10.1" in august["quote"]
    rose = check(claim_of(august, "mom_pct", value=Decimal("-10.1"), unit="pct"), dataset)
    assert rose.verdict == claims.INCONSISTENT
    assert rose.notes == ("matches 10.1% with the sign flipped: a rise",)
    # March follows the combined Jan–Feb release: there is no month before it.
    march = check(claim_of(july, "mom_pct", value=Decimal("3"), unit="pct", period="2024-03"),
                  dataset)  # fmt: skip
    assert march.verdict == claims.NOT_CHECKABLE
    assert march.reason == "for the month before: the data gives Jan–Feb 2024 only as one period"


def test_nearly_a_percentage_allows_a_point(rows, dataset) -> None:
    # NHK: 2022 trade "up nearly 30 percent to ... 190 billion dollars"; GACC: +29.3%.
    row = find(rows, "nhk.or.jp", "2022-01", "2022-12", "total")
    result = check(claim_of(row, "yoy_pct", bound="nearly"), dataset)
    assert result.verdict == claims.CONSISTENT
    assert claims.stated_text(result.claim) == "nearly 30% ±1 (1 pp)"
    exact = check(claim_of(row, "yoy_pct"), dataset)  # "30%" as exact: 29.5..30.5
    assert exact.verdict == claims.INCONSISTENT


def test_a_figure_of_the_partners_own_customs_is_a_different_basis(tmp_path) -> None:
    # A dataset holding both sides' records: Russia records its imports from China (CIF)
    # apart from China's exports to Russia (FOB).
    trade = tmp_path / "both.csv"
    trade.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-09,2023-09,CHN,RUS,export,9.6,USD bn\n"
        "2023-09,2023-09,CHN,RUS,import,11.6,USD bn\n"
        "2023-09,2023-09,RUS,CHN,import,8.7,USD bn\n"
        "2023-09,2023-09,RUS,CHN,export,10.9,USD bn\n",
        encoding="utf-8",
    )
    claim = claims.parse_claim(
        {"text": "Russia imported $8.7 bn of Chinese goods in September", "period": "2023-09",
         "flow": "CHN->RUS", "metric": "value", "value": Decimal("8.7"), "unit": "USD bn"},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, load_dataset(trade))
    assert result.verdict == claims.DIFFERENT_BASIS
    assert result.notes == ("matches RUS's own customs record (8.7), not CHN's",)


@pytest.mark.parametrize("value", ["1e-400", "0", "-5", "1E+11"])
def test_odd_stated_figures_get_a_verdict(dataset, value: str) -> None:
    claim = claims.parse_claim(
        {"text": "x", "period": "2023", "flow": "total", "metric": "value",
         "value": Decimal(value), "unit": "USD bn"},
        "t.toml", 1,
    )  # fmt: skip
    assert check(claim, dataset).verdict == claims.INCONSISTENT


@pytest.mark.parametrize(
    ("period", "value", "verdict", "note"),
    [
        ("2023", "240.11", claims.CONSISTENT, "a record: above every earlier figure since 2019"),
        ("2024", None, claims.CONSISTENT, "a record: above every earlier figure since 2019"),
        ("2025", None, claims.INCONSISTENT, "not a record: 2024 was higher (244.819)"),
        ("2025", "228.105", claims.INCONSISTENT, "not a record: 2024 was higher (244.819)"),
    ],
)
def test_a_record(dataset, period: str, value: str | None, verdict: str, note: str) -> None:
    figure = {"value": Decimal(value), "unit": "USD bn"} if value else {}
    claim = claims.parse_claim(
        {"text": "trade hit a record", "period": period, "flow": "total", "metric": "value",
         "record": True, **figure},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert result.verdict == verdict
    assert result.notes[-1].startswith(note)


def test_a_record_before_any_earlier_figure_is_not_checkable(dataset) -> None:
    claim = claims.parse_claim(
        {"text": "a record in 2019", "period": "2019", "flow": "total", "metric": "value",
         "record": True},
        "t.toml", 1,
    )  # fmt: skip
    result = check(claim, dataset)
    assert (result.verdict, result.reason) == (
        claims.NOT_CHECKABLE,
        "no earlier figure to compare with",
    )


def test_a_rate_whose_page_names_no_currency_counts_where_no_dollar_rate_is_published(
    rows, dataset
) -> None:
    # Jan–Feb 2025: "a 7.1% annual decrease in the first two months" (no currency given);
    # no dollar rate is published, and the data's levels give about −6%.
    row = find(rows, "thelittletwentieth.com", "2025-01", "2025-02", "total")
    result = check(claim_of(row, "yoy_pct", value=Decimal(row["yoy_pct"]), unit="pct"), dataset)
    assert result.verdict == claims.CONSISTENT
    assert result.notes[0].startswith("matches a published rate (-7.1%) whose page names no")
    assert result.published is not None and result.published.figure_id == row["figure_id"]
