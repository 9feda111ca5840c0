"""Claims checked against the embedded data. Expected figures are read by hand from
data/trade_monthly.csv (ytd_published for ranges from January, value for single months)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl
import pytest

from tradetui.data import claims
from tradetui.data.claims import rates
from tradetui.data.errors import DataError
from tradetui.data.load import embedded_dir, load_dataset

# From data/trade_monthly.csv.
JAN_SEP_2023 = {"total": 176.4, "export": 81.4, "import": 94.9}
JAN_SEP_2022_TOTAL = 136.089
JUL_2023_EXPORT, JUL_2022_EXPORT = 10.261, 6.72


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def claim_file(tmp_path: Path, *bodies: str, name: str = "claims.toml") -> Path:
    path = tmp_path / name
    path.write_text("".join(f"[[claim]]\n{body.strip()}\n\n" for body in bodies), "utf-8")
    return path


def body(
    value: str,
    period: str = "2023-01..2023-09",
    flow: str = "total",
    metric: str = "value",
    unit: str = "USD bn",
    approx: bool = False,
    text: str = "Trade in the first three quarters of 2023 climbed",
) -> str:
    return (
        f'text = "{text}"\nsource = "https://example.org/page"\nperiod = "{period}"\n'
        f'flow = "{flow}"\nmetric = "{metric}"\nvalue = {value}\nunit = "{unit}"\n'
        f"approx = {'true' if approx else 'false'}\n"
    )


def check_one(tmp_path: Path, dataset, **kwargs) -> claims.Check:
    [claim] = claims.read_claims(claim_file(tmp_path, body(**kwargs)))
    [result] = claims.check_claims([claim], dataset)
    return result


# --- precision and verdicts -----------------------------------------------------------------


def test_precision_is_half_a_unit_of_the_last_written_digit(tmp_path: Path) -> None:
    path = claim_file(
        tmp_path, body("176.5"), body("176"), body("240.11"), body("176.50"), body("1_000.5")
    )
    assert [c.half_unit for c in claims.read_claims(path)] == pytest.approx(
        [0.05, 0.5, 0.005, 0.005, 0.05]
    )


def test_176_5_is_inconsistent_with_176_4_at_its_precision(tmp_path: Path, dataset) -> None:
    result = check_one(tmp_path, dataset, value="176.5")
    assert result.verdict == claims.INCONSISTENT
    assert result.computed == pytest.approx(JAN_SEP_2023["total"])
    assert result.difference == pytest.approx(0.1)
    assert result.tolerance == pytest.approx(0.05)


def test_176_4_is_consistent(tmp_path: Path, dataset) -> None:
    result = check_one(tmp_path, dataset, value="176.4")
    assert result.verdict == claims.CONSISTENT
    assert result.basis == "data"


def test_176_approx_is_consistent_within_2_percent(tmp_path: Path, dataset) -> None:
    assert check_one(tmp_path, dataset, value="176", approx=True).verdict == claims.CONSISTENT
    # 173 is 1.9% below 176.4; 172 is 2.5% below (2% of 172 is 3.44, the gap 4.4).
    assert check_one(tmp_path, dataset, value="173", approx=True).verdict == claims.CONSISTENT
    assert check_one(tmp_path, dataset, value="172", approx=True).verdict == claims.INCONSISTENT


def test_a_value_in_usd_mn_is_compared_in_mn(tmp_path: Path, dataset) -> None:
    # Sep 2023: total 21.3, exports 9.6.
    result = check_one(tmp_path, dataset, value="9600", period="2023-09", unit="USD mn")
    assert result.computed == pytest.approx(21300.0)
    assert result.verdict == claims.INCONSISTENT
    exports = check_one(
        tmp_path, dataset, value="9600", period="2023-09", unit="USD mn", flow="CHN->RUS"
    )
    assert exports.verdict == claims.CONSISTENT


def test_exports_given_as_imports_are_direction_swapped(tmp_path: Path, dataset) -> None:
    result = check_one(tmp_path, dataset, value="81.4", flow="RUS->CHN")
    assert result.verdict == claims.DIRECTION_SWAPPED
    assert result.computed == pytest.approx(JAN_SEP_2023["import"])
    assert result.opposite_flow == "CHN->RUS"
    assert result.opposite_value == pytest.approx(JAN_SEP_2023["export"])


def test_a_balance_with_the_wrong_sign_is_direction_swapped(tmp_path: Path, dataset) -> None:
    # Russia's surplus of 13.5 is a balance of -13.5 from China's side.
    right = check_one(tmp_path, dataset, value="-13.5", flow="balance")
    assert right.verdict == claims.CONSISTENT
    assert right.computed == pytest.approx(JAN_SEP_2023["export"] - JAN_SEP_2023["import"])
    wrong = check_one(tmp_path, dataset, value="13.5", flow="balance")
    assert wrong.verdict == claims.DIRECTION_SWAPPED
    assert wrong.opposite_flow == "the balance from RUS's side"


def test_a_figure_matching_no_flow_is_inconsistent(tmp_path: Path, dataset) -> None:
    result = check_one(tmp_path, dataset, value="90.0", flow="CHN->RUS")
    assert result.verdict == claims.INCONSISTENT
    assert result.opposite_flow is None


def test_a_month_before_the_data_is_not_checkable(tmp_path: Path, dataset) -> None:
    result = check_one(tmp_path, dataset, value="9.0", period="2019-05")
    assert result.verdict == claims.NOT_CHECKABLE
    assert result.computed is None
    assert "covers 2021-01 to" in (result.reason or "")


def test_january_alone_is_not_checkable_when_published_with_february(
    tmp_path: Path, dataset
) -> None:
    result = check_one(tmp_path, dataset, value="16.0", period="2023-01")
    assert result.verdict == claims.NOT_CHECKABLE
    assert "Jan–Feb 2023 only as one period" in (result.reason or "")


def test_a_flow_the_file_lacks_is_not_checkable(tmp_path: Path) -> None:
    trade = tmp_path / "totals.csv"
    trade.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-09,2023-09,CHN,RUS,total,21.3,USD bn\n"
    )
    only_totals = load_dataset(trade)
    total = check_one(tmp_path, only_totals, value="21.3", period="2023-09")
    assert total.verdict == claims.CONSISTENT
    exports = check_one(tmp_path, only_totals, value="9.6", period="2023-09", flow="CHN->RUS")
    assert exports.verdict == claims.NOT_CHECKABLE
    assert exports.reason == "no CHN->RUS figure for Sep 2023"


# --- growth rates ---------------------------------------------------------------------------


def test_yoy_uses_the_published_rate_when_the_data_has_one(tmp_path: Path, dataset) -> None:
    # Published Jan–Sep 2023: +29.5% (g0344); recomputed from levels it is +29.6%.
    computed = (JAN_SEP_2023["total"] / JAN_SEP_2022_TOTAL - 1) * 100
    assert computed == pytest.approx(29.62, abs=0.01)
    exact = check_one(tmp_path, dataset, value="29.5", metric="yoy_pct", unit="pct")
    assert exact.verdict == claims.CONSISTENT
    assert (exact.basis, exact.figure_id, exact.low) == ("published", "g0344", None)
    # 29.6 is closer to the recomputed rate, but the published one is used, with no margin.
    off = check_one(tmp_path, dataset, value="29.6", metric="yoy_pct", unit="pct")
    assert off.verdict == claims.INCONSISTENT
    assert off.tolerance == pytest.approx(0.05)


def coverage_table(dataset) -> str:
    """The docs' table of how often a published rate lies in the range computed without it."""
    table = rates.rate_coverage(dataset).with_columns(width=pl.col("high") - pl.col("low"))
    lines = [
        "| flow | published rates | inside the computed range | median width (pp) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, part in [
        *((f, table.filter(pl.col("flow") == f)) for f in ("total", "export", "import")),
        ("all", table),
    ]:
        lines.append(
            f"| {name} | {part.height} | {part['inside'].sum()} | {part['width'].median():.1f} |"
        )
    return "\n".join(lines)


def test_computed_ranges_hold_the_published_rates_and_the_docs_say_how_often(dataset) -> None:
    table = rates.rate_coverage(dataset)
    assert table.height > 100
    assert table["inside"].mean() >= 0.9
    # The flat ±2.9 pp margin this replaces was five times as wide as the median range.
    assert (table["high"] - table["low"]).median() < 2.9
    text = coverage_table(dataset)
    assert text in (Path(__file__).resolve().parents[2] / "docs" / "claims.md").read_text(
        encoding="utf-8"
    ), text


def test_yoy_of_a_balance_is_the_growth_of_its_size(tmp_path: Path, dataset) -> None:
    # TASS: "The positive balance of Russia increased by 48%" in Jan–Jul 2024 (published).
    published = check_one(
        tmp_path, dataset, value="48", period="2024-01..2024-07", flow="balance",
        metric="yoy_pct", unit="pct",
    )  # fmt: skip
    assert (published.verdict, published.basis) == (claims.CONSISTENT, "published")
    # Jan–Sep 2023: Russia's surplus 13.5 against 31.6 a year before, computed.
    size = abs(JAN_SEP_2023["export"] - JAN_SEP_2023["import"])
    computed = check_one(
        tmp_path, dataset, value="-57.3", flow="balance", metric="yoy_pct", unit="pct"
    )
    assert (computed.verdict, computed.basis) == (claims.CONSISTENT, "computed")
    assert computed.computed is not None
    before = size / (1 + computed.computed / 100)
    assert before == pytest.approx(31.6, abs=0.1)


def test_yoy_without_the_year_before_says_so(tmp_path: Path) -> None:
    trade = tmp_path / "one_year.csv"
    trade.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-09,2023-09,CHN,RUS,export,9.6,USD bn\n"
        "2023-09,2023-09,CHN,RUS,import,11.6,USD bn\n"
    )
    result = check_one(
        tmp_path, load_dataset(trade), value="20", period="2023-09", flow="CHN->RUS",
        metric="yoy_pct", unit="pct",
    )  # fmt: skip
    assert (result.verdict, result.basis) == (claims.NOT_CHECKABLE, None)
    assert result.reason == "for the same months a year earlier: the data covers 2023-09 to 2023-09"


# --- shares ---------------------------------------------------------------------------------


def test_share_of_total(tmp_path: Path, dataset) -> None:
    share = JAN_SEP_2023["export"] / JAN_SEP_2023["total"] * 100  # 46.145
    # Imports are 94.9 / 176.4 = 53.798% (the published figures are rounded, so the two
    # shares do not add up to exactly 100).
    args = {"metric": "share_pct", "unit": "pct"}
    result = check_one(tmp_path, dataset, value="46.1", flow="CHN->RUS", **args)
    assert result.verdict == claims.CONSISTENT
    assert result.computed == pytest.approx(share)
    assert check_one(tmp_path, dataset, value="53.8", flow="RUS->CHN", **args).verdict == (
        claims.CONSISTENT
    )
    swapped = check_one(tmp_path, dataset, value="53.8", flow="CHN->RUS", **args)
    assert swapped.verdict == claims.DIRECTION_SWAPPED
    assert check_one(tmp_path, dataset, value="47", flow="CHN->RUS", **args).verdict == (
        claims.INCONSISTENT
    )


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (body("176.4").replace('unit = "USD bn"\n', ""), "missing field 'unit'"),
        (body('"176.4"'), "field value: found a string ('176.4'), expected a number"),
        (body("true"), "field value: found a boolean"),
        (body("nan"), "field value: found a number (NaN), expected a finite number"),
        (body("176.4", flow="CHN=>RUS"), "field flow: unknown flow 'CHN=>RUS'"),
        (body("176.4", flow="CHN->CHN"), "field flow: 'CHN->CHN' names one country twice"),
        (body("176.4", metric="level"), "field metric: unknown metric 'level'"),
        (body("176.4", unit="EUR bn"), "field unit: unknown unit 'EUR bn'"),
        (body("29.5", unit="USD bn", metric="yoy_pct"), "field unit: 'USD bn' does not match"),
        (body("29.5", metric="share_pct", unit="pct"), "field flow: share_pct needs a direction"),
        (body("176.4", period="2023-13"), "field period: found '2023-13'"),
        (body("176.4", period="Q3 2023"), "field period: found 'Q3 2023'"),
        (body("176.4", period="2023-09..2023-01"), "field period: '2023-09..2023-01' ends"),
        (body("176.4") + "approx = 1\n", "Cannot overwrite a value"),
        (body("176.4").replace("approx = false", "approx = 1"), "field approx: found a number"),
        (body("176.4") + "precision = 0.05\n", "unknown field 'precision'"),
        (body("176.4").replace('text = "Trade', "text = 5 #"), "field text: found a number (5)"),
    ],
)
def test_bad_claims_raise_one_line_naming_file_claim_and_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = claim_file(tmp_path, body("176.4"), text)
    with pytest.raises(DataError) as err:
        claims.read_claims(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert expected in message
    if "Cannot overwrite" not in expected:  # a TOML syntax error has a line, not a claim
        assert "claim 2" in message


def test_claim_label_quotes_the_first_words_of_its_text(tmp_path: Path) -> None:
    path = claim_file(tmp_path, body("176.4", metric="level"))
    with pytest.raises(DataError, match=r'claim 1 \("Trade in the first three quarters…"\)'):
        claims.read_claims(path)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[[claim]]\ntext = "x"\nvalue = 1 2\n', "utf-8")
    with pytest.raises(DataError, match=r"broken.toml: not valid TOML: .*line 3"):
        claims.read_claims(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "no [[claim]] tables"),
        ("claim = 5\n", "'claim' must be [[claim]] tables"),
        ('title = "x"\n', "unknown top-level key 'title'"),
    ],
)
def test_a_file_without_claims_is_bad(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "empty.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(DataError, match=re.escape(expected)):
        claims.read_claims(path)


def test_a_country_outside_the_pair_is_bad(tmp_path: Path, dataset) -> None:
    [claim] = claims.read_claims(claim_file(tmp_path, body("9.6", flow="CHN->USA")))
    with pytest.raises(DataError, match=r"claim 1 .*field flow: 'CHN->USA' is not a direction"):
        claims.check_claims([claim], dataset)


# --- the shipped claims ---------------------------------------------------------------------

SHIPPED_VERDICTS = {
    1: claims.CONSISTENT,  # Jan–Sep 2023 total 176.4
    2: claims.CONSISTENT,  # ... +29.5%, published
    3: claims.CONSISTENT,  # 2023 total 240.11
    4: claims.CONSISTENT,  # ... +26.3%, published with the chosen 240.11
    5: claims.CONSISTENT,  # Russia's surplus 13.39, Jan–Jul 2024
    6: claims.CONSISTENT,  # Sep 2023 exports 9.6
    7: claims.CONSISTENT,  # Nov 2025 total 20.4
    8: claims.CONSISTENT,  # Jul 2023 exports +52%, published on the same page
    9: claims.DIRECTION_SWAPPED,  # scobricsinsight "China imported £81.4 bn to Russia"
    10: claims.DIRECTION_SWAPPED,  # life24news 33.686
    11: claims.DIRECTION_SWAPPED,  # sciencexxi 62.545
    12: claims.DIRECTION_SWAPPED,  # menafn "Russia's imports" 106.4
    13: claims.DIRECTION_SWAPPED,  # congluan 104.19
    14: claims.CONSISTENT,  # espreso 2022 $190 bn
    15: claims.DIFFERENT_BASIS,  # espreso +34%: yuan growth (34.3); published USD +29.3%
    16: claims.INCONSISTENT,  # lenta: 2023's 240.11 as "last year" (2024)
    17: claims.INCONSISTENT,  # portnews: the Jan–May 93.8 as Jan–Apr
    18: claims.INCONSISTENT,  # vietnam.vn: Jan–May export growth as May's
    19: claims.DIRECTION_SWAPPED,  # nordot: "Russian exports −16%" is China's exports
    20: claims.CONSISTENT,  # 2019 is before the data, but GACC's figure is published
}


def shipped(name: str) -> list[claims.Claim]:
    files = claims.claim_files()
    assert {f.parent for f in files} == {embedded_dir() / "claims"}
    return [c for f in files if f.name == name for c in claims.read_claims(f)]


# The article the claims check starts from (January–September 2023).
ARTICLE_VERDICTS = {
    1: claims.INCONSISTENT,  # "176.5 billion": the data (and GACC) say 176.4, ±0.05
    2: claims.CONSISTENT,  # +29.5%, published
    3: claims.DIRECTION_SWAPPED,  # "imported 81.4 from Russia": 81.4 is China's exports
    4: claims.DIRECTION_SWAPPED,  # ... +56.9% is the export growth
    5: claims.CONSISTENT,  # Russia's exports to China roughly 94.9
    6: claims.CONSISTENT,  # ... +12.7%, published
    7: claims.CONSISTENT,  # the balance favours Russia: sign negative from China's side
    8: claims.CONSISTENT,  # September about 21 bn (21.3)
}


def test_the_article_claims_give_the_expected_verdicts(dataset) -> None:
    results = claims.check_claims(shipped("article_jan_sep_2023.toml"), dataset)
    assert {r.claim.index: r.verdict for r in results} == ARTICLE_VERDICTS
    by_index = {r.claim.index: r for r in results}
    assert by_index[3].opposite_flow == "CHN->RUS"
    assert by_index[4].opposite_flow == "CHN->RUS"
    assert by_index[7].computed == pytest.approx(81.4 - 94.9)


def test_shipped_claims_give_the_expected_verdicts(dataset) -> None:
    found = shipped("cn_ru_gacc_news.toml")
    assert 10 <= len(found) <= 20
    results = claims.check_claims(found, dataset)
    assert {r.claim.index: r.verdict for r in results} == SHIPPED_VERDICTS
    by_index = {r.claim.index: r for r in results}
    assert by_index[2].basis == "published"
    assert by_index[4].basis == "published"
    assert by_index[9].opposite_flow == "CHN->RUS"
    assert by_index[12].opposite_flow == "RUS->CHN"
    assert by_index[15].figure_id is not None
    assert by_index[15].published is not None and by_index[15].published.currency == "CNY"
    assert any("yuan" in note for note in by_index[15].notes)
    assert by_index[16].computed == pytest.approx(244.819)


def test_shipped_claims_quote_their_source_pages() -> None:
    research = Path(__file__).resolve().parents[2] / "data" / "research" / "cn_ru_gacc_reports.csv"
    with research.open(encoding="utf-8") as handle:
        quotes = {(row["source_url"], row["quote"]) for row in csv.DictReader(handle)}
    # The article's claims are quoted from the article itself, which is not in the research.
    for claim in shipped("cn_ru_gacc_news.toml"):
        assert (claim.source, claim.text) in quotes, claim.label
