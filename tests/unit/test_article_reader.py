"""The article reader: figures, periods and flows as written, and numbers skipped with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tradetui.data.article import figures, flows, reader, sentences, source, when

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
PAIR = ("CHN", "RUS")


def readings(name: str, published: date | None = None) -> reader.ArticleReading:
    return reader.read(source.read_file(str(ARTICLES / name)), PAIR, published)


def summary(result: reader.ArticleReading) -> list[tuple]:
    return [
        (r.figure_text, r.metric, r.flow, r.period, r.value, r.qualifier, r.sign)
        for r in result.readings
    ]


def reasons(result: reader.ArticleReading) -> dict[str, str]:
    return {s.text: s.reason for s in result.skipped}


JAN_OCT, OCT = ("2023-01", "2023-10"), ("2023-10", "2023-10")


def test_dated_article_read_figure_by_figure() -> None:
    result = readings("ten_months_2023.txt")
    assert result.published == date(2023, 11, 7) and result.published_from == "the article"
    assert summary(result) == [
        ("nears $200 billion", "value", "total", JAN_OCT, "200", "nears", None),
        ("$196.48 billion", "value", "total", JAN_OCT, "196.48", None, None),
        ("27.7%", "yoy_pct", "total", JAN_OCT, "27.7", None, None),
        ("52.2%", "yoy_pct", "CHN->RUS", JAN_OCT, "52.2", None, None),
        ("$90.08 billion", "value", "CHN->RUS", JAN_OCT, "90.08", None, None),
        ("12.4%", "yoy_pct", "RUS->CHN", JAN_OCT, "12.4", None, None),
        ("$106.4 billion", "value", "RUS->CHN", JAN_OCT, "106.4", None, None),
        # Russia's surplus is China's deficit: a balance is written from China's side.
        ("about $16.3 billion", "value", "balance", JAN_OCT, "-16.3", "about", None),
        ("$11.1 billion", "value", "RUS->CHN", OCT, "11.1", None, None),
        ("$8.68 billion", "value", "CHN->RUS", OCT, "8.68", None, None),
    ]


def test_numbers_that_are_not_trade_claims_are_listed_with_a_reason() -> None:
    found = reasons(readings("ten_months_2023.txt"))
    assert found["7th"] == "a rank or ordinal"
    assert found["2.1 million"] == "a quantity in barrels, not a sum of money"
    assert found["8.2 million"] == "a quantity in tonnes, not a sum of money"
    assert found["Some 80%"] == "settlements, not goods trade"
    assert found["6.9%"] == "trade of another country (United States)"
    assert found["20 billion yuan"] == "bond, not goods trade"
    assert found["5.2%"] == "GDP, not goods trade"
    assert found["7"] == "a date"


def test_direction_read_as_written_even_when_it_is_wrong() -> None:
    result = readings("nine_months_2023.txt")
    jan_sep = ("2023-01", "2023-09")
    assert summary(result)[3:] == [
        ("$81.4 billion", "value", "CHN->RUS", jan_sep, "81.4", None, None),
        ("56.9 percent", "yoy_pct", "CHN->RUS", jan_sep, "56.9", None, None),
        ("USD 94.9bn", "value", "RUS->CHN", jan_sep, "94.9", None, None),
        ("about 21 billion", "value", "total", ("2023-09", "2023-09"), "21", "about", None),
        # "China imported goods from Russia worth 81.4": the wrong direction, as written.
        ("81.4 billion dollars", "value", "RUS->CHN", jan_sep, "81.4", None, None),
    ]
    assert summary(result)[0][:5] == ("almost 30%", "yoy_pct", "total", jan_sep, "30")
    assert reasons(result)["25%"] == "a forecast or target, not a figure the data holds"


def test_relative_periods_need_the_articles_date() -> None:
    undated = readings("record_year_2023.md")
    assert undated.published is None
    assert "cannot be told" in (undated.readings[0].problem or "")
    result = readings("record_year_2023.md", date(2024, 1, 13))
    year = ("2023-01", "2023-12")
    assert result.published_from == "--published"
    assert summary(result) == [
        ("$240.11 billion", "value", "total", year, "240.11", None, None),
        ("46.9%", "yoy_pct", "CHN->RUS", year, "46.9", None, None),
        ("12.7%", "yoy_pct", "RUS->CHN", year, "12.7", None, None),
        ("$129.14 billion", "value", "RUS->CHN", year, "129.14", None, None),
        ("nearly $129.1 billion", "value", "CHN->RUS", year, "129.1", "nearly", None),
        # A sign without a figure, for the year carried from the sentences before.
        ("balance favours Russia", "value", "balance", year, None, None, "negative"),
        ("about $21 billion", "value", "total", ("2023-12", "2023-12"), "21", "about", None),
    ]
    assert reasons(result)["5"] == "a number that is not a trade figure"


def test_last_month_year_to_date_and_averages() -> None:
    result = readings("last_month_2025.txt", date(2025, 9, 8))
    aug, jul = ("2025-08", "2025-08"), ("2025-07", "2025-07")
    assert summary(result) == [
        ("16.4%", "yoy_pct", "CHN->RUS", aug, "-16.4", None, None),
        ("$8.55 billion", "value", "CHN->RUS", aug, "8.55", None, None),
        ("$10.1 billion", "value", "RUS->CHN", jul, "10.1", None, None),
        ("4.02%", "yoy_pct", "RUS->CHN", jul, "4.02", None, None),
        ("$142 billion", "value", "total", ("2025-01", "2025-08"), "142", None, None),
    ]
    found = reasons(result)
    assert found["about 19 billion"] == "an average per month or year, not the figure of a period"
    assert found["3%"] == "a change on the month before, for a period longer than a month"


def test_falls_bounds_and_other_forms_of_money() -> None:
    result = readings("year_2025_wrong.txt")
    year = ("2025-01", "2025-12")
    assert summary(result) == [
        ("6.9%", "yoy_pct", "total", year, "-6.9", None, None),
        ("$228.1 billion", "value", "total", year, "228.1", None, None),
        ("over $230 billion", "value", "total", year, "230", "over", None),
        ("10.4 percent", "yoy_pct", "CHN->RUS", year, "-10.4", None, None),
        ("3.9%", "yoy_pct", "CHN->RUS", year, "-3.9", None, None),
        ("US$124.8 bn", "value", "RUS->CHN", year, "124.8", None, None),
        ("25.9%", "yoy_pct", "total", ("2023-01", "2023-02"), "25.9", None, None),
        ("$33.7 billion", "value", "total", ("2023-01", "2023-02"), "33.7", None, None),
        ("$13.34 billion", "value", "balance", ("2025-01", "2025-07"), "-13.34", None, None),
    ]
    found = reasons(result)
    assert found["1"] == "a rank or ordinal" and found["6th"] == "a rank or ordinal"
    assert found["38 billion"] == "pipeline, not goods trade"


def test_saved_web_page_main_text_and_date() -> None:
    result = readings("first_half_2022.html")
    assert result.published == date(2022, 7, 14)
    assert "Top 10 stories" not in result.text and "window.track" not in result.text
    assert "Oil prices climb 4%" not in result.text
    h1 = ("2022-01", "2022-06")
    assert [r[:5] for r in summary(result)] == [
        ("about $80.7 billion", "value", "total", h1, "80.7"),
        ("2.1%", "yoy_pct", "CHN->RUS", h1, "2.1"),
        ("$29.55 billion", "value", "CHN->RUS", h1, "29.55"),
        ("48.2%", "yoy_pct", "RUS->CHN", h1, "48.2"),
        ("$51.1 billion", "value", "RUS->CHN", h1, "51.1"),
        ("$21.6 bn", "value", "balance", h1, "-21.6"),
    ]


def test_offsets_point_at_the_figure_in_the_text() -> None:
    result = readings("ten_months_2023.txt")
    for reading in result.readings:
        assert result.text[reading.start : reading.end] == reading.figure_text
        assert result.text[reading.sentence.start : reading.sentence.end] == reading.sentence.text
    for skipped in result.skipped:
        assert result.text[skipped.start : skipped.end] == skipped.text


@pytest.mark.parametrize(
    ("text", "number", "scale", "currency", "qualifier"),
    [
        ("climbing to 176.5 billion dollars", "176.5", "bn", "USD", None),
        ("worth US$94.14 bn", "94.14", "bn", "USD", None),
        ("reached USD 21bn", "21", "bn", "USD", None),
        ("trade of 21 billion", "21", "bn", None, None),
        ("purchased $8.68bn", "8.68", "bn", "USD", None),
        ("nearly 240 billion", "240", "bn", None, "nearly"),
        ("over $200 billion", "200", "bn", "USD", "over"),
        ("more than $93.8 billion", "93.8", "bn", "USD", "more than"),
        ("almost $89 billion", "89", "bn", "USD", "almost"),
        ("a record $240.11 billion", "240.11", "bn", "USD", None),
        ("$800 million", "800", "mn", "USD", None),
        ("1.31 trillion yuan", "1.31", "trn", "CNY", None),
        ("$1.2 trillion", "1.2E+3", "bn", "USD", None),
        ("$114,15 billion", "114.15", "bn", "USD", None),
        ("$1,234.5 billion", "1234.5", "bn", "USD", None),
    ],
)
def test_money_as_written(
    text: str, number: str, scale: str, currency: str | None, qualifier: str | None
) -> None:
    (figure,) = figures.find(text)
    assert (figure.kind, str(figure.number), figure.scale) == ("money", number, scale)
    assert (figure.currency, figure.qualifier) == (currency, qualifier)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("trade rose, a gain of 29.5 percent", "29.5"),
        ("exports were up 12.7%", "12.7"),
        ("imports fell by 6.9%", "-6.9"),
        ("turnover saw an increase of 56.9 percent", "56.9"),
        ("trade rose 2.8% year on year", "2.8"),
        ("trade posted a 6.9% drop", "-6.9"),
        ("trade was 5 per cent lower", "-5"),
        ("trade grew +3.4%", "3.4"),
    ],
)
def test_growth_as_written(text: str, value: str) -> None:
    article = source.from_text("t", f"In 2023, {text}.")
    (reading,) = reader.read(article, PAIR).readings
    assert (reading.metric, reading.value) == ("yoy_pct", value)


@pytest.mark.parametrize(
    ("phrase", "published", "months"),
    [
        ("the first three quarters of 2023", None, ("2023-01", "2023-09")),
        ("January–September 2023", None, ("2023-01", "2023-09")),
        ("Jan–Sept 2023", None, ("2023-01", "2023-09")),
        ("the first nine months", date(2023, 10, 13), ("2023-01", "2023-09")),
        ("the first half of 2022", None, ("2022-01", "2022-06")),
        ("H1 2024", None, ("2024-01", "2024-06")),
        ("September 2023 alone", None, ("2023-09", "2023-09")),
        ("October", date(2023, 11, 7), ("2023-10", "2023-10")),
        ("December", date(2024, 1, 13), ("2023-12", "2023-12")),
        ("last year", date(2024, 1, 13), ("2023-01", "2023-12")),
        ("2023", None, ("2023-01", "2023-12")),
        ("the first two months of 2023", None, ("2023-01", "2023-02")),
        ("year to date", date(2025, 9, 8), ("2025-01", "2025-08")),
        ("10 months", date(2023, 11, 7), ("2023-01", "2023-10")),
        ("last month", date(2025, 1, 14), ("2024-12", "2024-12")),
        ("the first quarter of 2023", None, ("2023-01", "2023-03")),
        ("Q3 2023", None, ("2023-07", "2023-09")),
        ("January to May in 2023", None, ("2023-01", "2023-05")),
        ("the first 9 months of this year", date(2024, 10, 14), ("2024-01", "2024-09")),
    ],
)
def test_periods(phrase: str, published: date | None, months: tuple[str, str]) -> None:
    mentions = [m for m in when.find(f"Trade rose in {phrase}.", when.Context(published))]
    assert [(m.first, m.last) for m in mentions if not m.base] == [months]


def test_periods_compared_with_are_bases_and_dates_are_not_months() -> None:
    mentions = when.find("Trade rose 29.3% in 2022 compared with 2021.", when.Context(None))
    assert [(m.text, m.base) for m in mentions] == [("2022", False), ("2021", True)]
    assert when.find("Figures issued on October 13 show", when.Context(None)) == []


def test_a_period_carries_to_the_next_sentence() -> None:
    article = source.from_text(
        "t", "Trade reached $100 billion in H1 2023. Within that period, exports rose 5%."
    )
    second = reader.read(article, PAIR).readings[1]
    assert second.period == ("2023-01", "2023-06")
    assert second.period_text.endswith("(from an earlier sentence)")


@pytest.mark.parametrize(
    ("text", "flow"),
    [
        ("trade between Russia and China", "total"),
        ("bilateral trade", "total"),
        ("turnover", "total"),
        ("China's exports to Russia", "CHN->RUS"),
        ("Russia's imports from China", "CHN->RUS"),
        ("China supplied goods to Russia", "CHN->RUS"),
        ("deliveries from China", "CHN->RUS"),
        ("China imported goods from Russia", "RUS->CHN"),
        ("Russian exports to China", "RUS->CHN"),
        ("deliveries from Russia", "RUS->CHN"),
        ("supplies from Russia", "RUS->CHN"),
        ("combined imports and exports", "total"),
    ],
)
def test_flows(text: str, flow: str) -> None:
    found = flows.Reader(*PAIR).find(f"In 2023 {text} grew.")
    assert found[0].flow == flow


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("the trade balance continues to favor Russia", -1),
        ("Russia's trade surplus reached", -1),
        ("China's deficit with Russia widened", -1),
        ("a surplus in China's favour", 1),
        ("Russia posted a trade surplus of $13 billion with China", -1),
        ("trade with Russia left China with a deficit of $13 bn", -1),
    ],
)
def test_balance_sides(text: str, side: int) -> None:
    found = [m for m in flows.Reader(*PAIR).find(text) if m.side is not None]
    assert found[0].side == side


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Trade hit $1.5 bln. in Jan. and the U.S. lagged.\nNext line"
    found = sentences.split(text)
    assert [s.text for s in found] == [
        "Trade hit $1.5 bln. in Jan. and the U.S. lagged.",
        "Next line",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_page_furniture_is_skipped() -> None:
    text = (
        '{"title":"Trade"}\n\nNo time to read?\nGet a summary\n\nTrade rose 5% in 2023.\n'
        "Previous Article\n\nMarkets rally 10% in 2023\n"
    )
    result = reader.read(source.from_text("t", text), PAIR)
    assert [r.figure_text for r in result.readings] == ["5%"]
    furniture = [s.text.split("\n")[0] for s in result.skipped if s.reason == "page furniture"]
    assert furniture == [
        '{"title":"Trade"}',
        "No time to read?",
        "Get a summary",
        "Previous Article",
    ]


def test_written_digits_are_kept() -> None:
    (figure,) = figures.find("$176.50 billion")
    assert figure.number == Decimal("176.50") and str(figure.number) == "176.50"


def test_the_worlds_trade_and_the_us_dollar_sign_are_told_apart() -> None:
    text = (
        "In 2023, China's trade surplus with the world hit $823 billion. "
        "Russian exports to China were worth US$129.14 bn in 2023."
    )
    result = reader.read(source.from_text("t", text), PAIR)
    assert [(r.figure_text, r.flow) for r in result.readings] == [("US$129.14 bn", "RUS->CHN")]
    assert reasons(result)["$823 billion"] == "trade with the whole world, not between the pair"


def test_headline_year_earlier_world_trade_and_forecasts() -> None:
    result = readings("two_months_2025.txt", date(2025, 3, 7))
    jan_feb = ("2025-01", "2025-02")
    assert [(r.figure_text, r.flow, r.period, r.value) for r in result.readings] == [
        ("9%", "total", jan_feb, "-9"),  # the headline takes the story's period
        ("9%", "total", jan_feb, "-9"),
        ("$36.7 billion", "total", jan_feb, "36.7"),
        ("$40.4 billion", "total", ("2024-01", "2024-02"), "40.4"),  # "a year earlier"
        ("8.4%", "CHN->RUS", jan_feb, "-8.4"),
        ("$16.3 billion", "CHN->RUS", jan_feb, "16.3"),
        ("9.6%", "RUS->CHN", jan_feb, "-9.6"),
        ("$20.4 billion", "RUS->CHN", jan_feb, "20.4"),
        ("$244.8 billion", "total", ("2024-01", "2024-12"), "244.8"),
        ("1.9%", "total", ("2024-01", "2024-12"), "1.9"),
    ]
    found = reasons(result)
    assert found["2.3%"] == "trade with the whole world, not between the pair"
    assert found["5%"] == "a forecast or target, not a figure the data holds"
    assert found["about 20%"] == "a share of China's crude, not of the pair's trade"
    assert found["95%"] == "payments, not goods trade"
    assert found["10 billion yuan"] == "bonds, not goods trade"


def test_targets_shares_of_other_totals_and_periods_after_another_figure() -> None:
    result = readings("record_2023_dated.txt")
    assert result.published == date(2024, 1, 13)
    year, jan_nov = ("2023-01", "2023-12"), ("2023-01", "2023-11")
    assert [(r.figure_text, r.flow, r.period) for r in result.readings] == [
        ("26.3%", "total", year),
        ("$240.1 billion", "total", year),
        ("$110.97 billion", "CHN->RUS", year),
        ("46.9%", "CHN->RUS", year),
        ("12.7%", "RUS->CHN", year),  # "Moscow's exports to Beijing"
        ("50.2 per cent", "CHN->RUS", jan_nov),
        ("$100.33 billion", "CHN->RUS", jan_nov),  # not the November after the next figure
        ("13%", "CHN->RUS", ("2023-11", "2023-11")),
    ]
    found = reasons(result)
    assert found["exceeded the $200 billion"] == "a forecast or target, not a figure the data holds"
    assert found["about 5%"] == "a share of China's total, not of the pair's trade"
    assert found["107 million"] == "a quantity in tonnes, not a sum of money"


def test_commodities_deals_currencies_and_plans_are_not_the_pairs_trade() -> None:
    result = readings("not_trade_2023.txt")
    nine_months = ("2023-01", "2023-09")
    assert [(r.figure_text, r.flow, r.period) for r in result.readings] == [
        ("29.5%", "total", nine_months),
        ("$176.4 billion", "total", nine_months),
    ]
    found = reasons(result)
    assert found["7%"] == "the trade in one commodity (car), not the pair's total"
    assert found["12.1%"] == "the trade in one commodity (oil), not the pair's total"
    assert found["$270 billion"] == "deal, not goods trade"
    assert found["20%"] == found["3.6%"] == "no trade flow named"
    assert found["4%"].startswith("a share of China's")
    assert found["1,200"] == "a number that is not a trade figure"
    assert found["$300 billion"] == "a forecast or target, not a figure the data holds"
    assert found["5th"] == "a rank or ordinal" and found["13"] == "a date"


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("Trade hit a record $240.11 billion in 2023.", True),
        ("Trade hit a record **$240.11 billion** in 2023.", True),
        ("Trade reached a new all-time high of $240.11 billion in 2023.", True),
        ("Trade reached $240.11 billion in 2023.", False),
    ],
)
def test_a_record_is_read(text: str, record: bool) -> None:
    (reading,) = reader.read(source.from_text("t", text), PAIR).readings
    assert reading.record is record


def test_yuan_figures_and_changes_on_the_month_before() -> None:
    text = (
        "In the January-October period of 2025, overall China-Russia trade fell 8.7% to 1.31 "
        "trillion yuan. In August 2024, trade between the two countries decreased by 10.1% "
        "compared to July and reached $21.68 bln."
    )
    result = reader.read(source.from_text("t", text), PAIR)
    assert [
        (r.figure_text, r.metric, r.period, r.value, r.unit, r.currency) for r in result.readings
    ] == [
        ("8.7%", "yoy_pct", ("2025-01", "2025-10"), "-8.7", "pct", "CNY"),
        ("1.31 trillion yuan", "value", ("2025-01", "2025-10"), "1.31", "CNY trn", "CNY"),
        ("10.1%", "mom_pct", ("2024-08", "2024-08"), "-10.1", "pct", "USD"),
        ("$21.68 bln", "value", ("2024-08", "2024-08"), "21.68", "USD bn", "USD"),
    ]


def test_another_pair_reads_its_own_countries() -> None:
    text = "In 2023, US exports to China fell 4% while trade between Russia and China rose 26.3%."
    result = reader.read(source.from_text("t", text), ("USA", "CHN"))
    assert [(r.figure_text, r.flow) for r in result.readings] == [("4%", "USA->CHN")]
    assert reasons(result)["26.3%"] == "trade of another country (Russia)"
    assert flows.names_of("W00") == ("World", "W00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In H1 2023, China's exports to Russia accounted for 46% of bilateral trade.",
            ("46%", "share_pct", "CHN->RUS", "46", None),
        ),
        (
            "Trade in 2023 left Russia with a surplus of $13.39 bn.",
            ("$13.39 bn", "value", "balance", "-13.39", None),
        ),
        (
            "In 2023 trade rose, reaching roughly $240 billion.",
            ("roughly $240 billion", "value", "total", "240", "roughly"),
        ),
    ],
)
def test_shares_surpluses_and_rough_figures(text: str, expected: tuple) -> None:
    (reading,) = reader.read(source.from_text("t", text), PAIR).readings
    assert (
        reading.figure_text,
        reading.metric,
        reading.flow,
        reading.value,
        reading.qualifier,
    ) == expected


def test_undated_article_months_take_the_year_written_before_them() -> None:
    text = (
        "Trade between Russia and China grew in the first three quarters of 2023, to $176.4 "
        "billion.\n\nLooking at September alone, mutual trade came to about 21 billion dollars."
    )
    result = reader.read(source.from_text("t", text), PAIR)
    assert [r.period for r in result.readings] == [("2023-01", "2023-09"), ("2023-09", "2023-09")]


def test_an_undated_headline_takes_the_first_year_of_the_story() -> None:
    text = (
        "Russia-China trade up by 1.7 pc in Jan-Feb to $16 Bln\n\n"
        "Trade between Russia and China rose 1.7 percent to $16.04 billion in January-February "
        "2019. In March of this year, exports went up to $3 billion."
    )
    result = reader.read(source.from_text("t", text), PAIR)
    jan_feb = ("2019-01", "2019-02")
    assert [(r.figure_text, r.period, r.qualifier) for r in result.readings] == [
        ("1.7 pc", jan_feb, None),
        ("$16 Bln", jan_feb, None),
        ("1.7 percent", jan_feb, None),
        ("$16.04 billion", jan_feb, None),
        ("$3 billion", None, None),  # "went up to" is a rise; "this year" needs a date
    ]


def test_comparisons_with_other_years_conversions_and_narrative_years() -> None:
    text = (
        "Exports to Russia rose 46.9% in 2023 and were up 64.2% on 2021. "
        "The two sides have drawn closer since the events of 2022. "
        "Over the year, two-way trade came to 1.69 trillion yuan ($235.9 billion), up 32.7%. "
        "US-China trade fell 11.6% in 2023. Beijing set a goal of an annual $250 billion. "
        "In March alone ... Russia exported $7.84 billion of goods to China."
    )
    result = reader.read(source.from_text("t", text), PAIR, date(2024, 1, 13))
    year = ("2023-01", "2023-12")
    assert [(r.figure_text, r.flow, r.period) for r in result.readings] == [
        ("46.9%", "CHN->RUS", year),
        ("1.69 trillion yuan", "total", year),  # the year carried past the narrative one
        ("$235.9 billion", "total", year),  # the conversion in brackets shares it
        ("32.7%", "total", year),
        ("$7.84 billion", "RUS->CHN", ("2023-03", "2023-03")),  # an ellipsis is not an end
    ]
    found = reasons(result)
    assert found["64.2%"] == "a change on 2021, not on the year before"
    assert found["11.6%"] == "trade of another country (US)"
    assert found["$250 billion"] == "a forecast or target, not a figure the data holds"
