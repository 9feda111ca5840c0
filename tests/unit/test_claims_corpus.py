"""Every usable USD figure in the research quotes, checked as a claim: each comes out
consistent or explained (a swapped direction, a first release, a yuan basis), except the
figures the research itself records as wrong. The tally is the one in docs/claims.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claims_corpus import claim_of, research_rows
from tradetui.data import claims
from tradetui.data.load import load_dataset

DOCS = Path(__file__).resolve().parents[2] / "docs" / "claims.md"

# Figures wrong at the source: the research (data/research/cn_ru_gacc_reports.md) records
# the first two; the others are a page's own rounding that GACC's digits do not give.
# (page, period start, period end, flow, metric) -> why.
KNOWN_WRONG = {
    ("https://nworeport.me/russia-china-trade-booming-data/", "2023-01", "2023-04", "total", "yoy_pct"):  # noqa: E501
        "Jan–Apr 2023: +41.3%, but an RT copy says 'more than 43%'",
    ("https://applet.10100.com/article/1078964", "2023-01", "2023-12", "total", "yoy_pct"):
        "applet.10100 gives +26.1% for 2023 against +26.3% elsewhere",
    ("https://cultureru.com/russian-exports-to-china-drop-in-wartime-first", "2022-01", "2022-12", "total", "value"):  # noqa: E501
        "'a record $191 billion': GACC's 190.271 rounds to 190",
    ("https://cultureru.com/russian-exports-to-china-drop-in-wartime-first", "2022-01", "2022-12", "total", "yoy_pct"):  # noqa: E501
        "'jumping 30%': GACC's +29.3% rounds to 29",
    ("https://de.news-front.su/2021/06/07/der-handelsumsatz-zwischen-russland-und-china-ist-seit-jahresbeginn-um-236-prozent-gewachsen", "2021-05", "2021-05", "total", "value"):  # noqa: E501
        "'10,5 Milliarden' for May 2021: GACC's month is 10.449 (10.443 derived), 10.4",
}  # fmt: skip
# Growth rates the page hedges ("nearly 30 percent"), with their bound.
HEDGED = {
    ("https://babel.ua/en/news/102072-russia-s-trade-with-china-reached-a-record-200-billion-in-one-year", "2022-01", "2022-12"): "about",  # noqa: E501
    ("https://www3.nhk.or.jp/nhkworld/en/news/20230113_36/", "2022-01", "2022-12"): "nearly",
}  # fmt: skip

# Figures the research leaves out as a bound ("more than", "almost"), with their bound;
# the others it leaves out for that reason are round numbers, checked as written. All are
# totals.
BOUNDS = {
    ("http://big5.sputniknews.cn/russia_china_relations/202104091033445082/", "2021-01", "2021-02"): "over",  # noqa: E501
    ("https://www.urdupoint.com/en/world/russia-china-trade-in-2021-may-reach-new-reco-1345495.html", "2021-01", "2021-08"): "nearly",  # noqa: E501
    ("https://www.rt.com/business/544578-russia-china-trade-booming/", "2021-01", "2021-11"): "over",  # noqa: E501
    ("https://babel.ua/en/news/102072-russia-s-trade-with-china-reached-a-record-200-billion-in-one-year", "2023-01", "2023-11"): "over",  # noqa: E501
    ("https://tass.com/economy/1863483", "2024-01", "2024-09"): "over",
    ("https://world-news.su/world/146711-tovarooborot-mezhdu-rossiej-i-kitaem-vyros-na-47.html", "2024-01", "2024-04"): "over",  # noqa: E501
    ("https://profile.ru/news/economy/v-2024-godu-tovarooborot-mezhdu-kitaem-i-ssha-vyros-bolshe-chem-mezhdu-kitaem-i-rf-1647553/amp", "2024-01", "2024-12"): "nearly",  # noqa: E501
}  # fmt: skip


def corpus() -> list[tuple[dict, claims.Claim]]:
    """(row, claim) for every usable USD value and growth rate in the research quotes."""
    out = []
    for row in research_rows():
        if row["currency"] != "USD" or row["usable"] != "true":
            continue
        if row["value"]:
            out.append((row, claim_of(row, index=len(out) + 1)))
        if row["yoy_pct"]:
            bound = HEDGED.get((row["source_url"], row["period_start"], row["period_end"]))
            hedge = {"bound": bound} if bound else {}
            out.append((row, claim_of(row, "yoy_pct", index=len(out) + 1, **hedge)))
    return out


def outcome(check: claims.Check) -> str:
    """The verdict, and for a consistent one what it rests on."""
    if check.verdict != claims.CONSISTENT:
        return check.verdict
    for note, name in (
        ("truncated", "consistent: truncated"),
        ("first release", "consistent: a first release"),
        ("published version", "consistent: another published version"),
        ("as published", "consistent: GACC's figure, the data has none"),
        ("computed", "consistent: computed rate"),
    ):
        if any(note in n for n in check.notes):
            return name
    if check.basis == "published" and check.claim.metric == "yoy_pct":
        return "consistent: a published growth rate"
    return "consistent: the data's figure"


@pytest.fixture(scope="module")
def checked() -> list[tuple[dict, claims.Check]]:
    found = corpus()
    results = claims.check_claims([c for _, c in found], load_dataset())
    return [(row, result) for (row, _), result in zip(found, results, strict=True)]


def test_every_usable_usd_figure_is_consistent_or_explained(checked) -> None:
    assert len(checked) > 1000
    unexplained = []
    for row, result in checked:
        key = _key(row, result)
        if key in KNOWN_WRONG:
            assert result.verdict == claims.INCONSISTENT, key
            continue
        explained = result.verdict in (claims.CONSISTENT, claims.DIFFERENT_BASIS) or (
            result.verdict == claims.DIRECTION_SWAPPED and result.opposite_flow is not None
        )
        if not explained:
            unexplained.append((key, result.claim.written, result.computed, result.verdict))
        # Every verdict names the published figure it rests on, with its page.
        assert result.published is not None, key
        assert (result.published.source_url or "").startswith("http"), key
    assert unexplained == []
    assert set(KNOWN_WRONG) <= {_key(row, result) for row, result in checked}


def _key(row: dict, result: claims.Check) -> tuple[str, ...]:
    period = (row["period_start"], row["period_end"])
    return (row["source_url"], *period, row["flow"], result.claim.metric)


def test_the_yuan_growth_given_as_dollars_is_a_different_basis(checked) -> None:
    basis = [
        (r["source_url"], c.claim.written) for r, c in checked if c.verdict == "different-basis"
    ]
    assert (
        "https://global.espreso.tv/world-news-china-cuts-goods-supplies-to-russia-for-the-first-time-in-4-months-amid-payment-issues",
        "34",
    ) in basis


def test_every_yuan_figure_holds_as_a_yuan_claim() -> None:
    rows = [r for r in research_rows() if r["currency"] == "CNY"]
    found = [
        claim_of(row, metric, index=i)
        for i, (row, metric) in enumerate(
            [(r, "value") for r in rows if r["value"]]
            + [(r, "yoy_pct") for r in rows if r["yoy_pct"]],
            start=1,
        )
    ]
    assert len(found) > 90
    results = claims.check_claims(found, load_dataset())
    assert {r.verdict for r in results} == {claims.CONSISTENT}
    assert all(r.published is not None and r.published.currency == "CNY" for r in results)


def test_figures_left_out_as_bounds_hold_as_bounds() -> None:
    rows = [r for r in research_rows() if "bound" in r["excluded_because"]]
    assert len(rows) >= 10
    found = []
    for row in rows:
        key = (row["source_url"], row["period_start"], row["period_end"])
        bound = BOUNDS.get(key) if row["flow"] == "total" else None
        found.append(claim_of(row, index=len(found) + 1, **({"bound": bound} if bound else {})))
    results = claims.check_claims(found, load_dataset())
    verdicts = {(c.claim.source, c.claim.period, c.claim.written): c.verdict for c in results}
    # Not checkable: Jan–Feb and Jan–Aug 2021, Jan–Apr 2024, which the data cannot give.
    assert set(verdicts.values()) <= {claims.CONSISTENT, claims.NOT_CHECKABLE}, verdicts
    bounded = [c for c in results if c.claim.bound is not None]
    assert all(c.verdict == claims.CONSISTENT for c in bounded if c.computed is not None)


def tally_table(checked) -> str:
    counts = Counter(outcome(result) for _, result in checked)
    metrics = Counter(result.claim.metric for _, result in checked)
    lines = [
        f"{len(checked)} figures: {metrics['value']} values, {metrics['yoy_pct']} growth rates.",
        "",
        "| outcome | figures |",
        "| --- | ---: |",
        *[f"| {name} | {n} |" for name, n in sorted(counts.items())],
    ]
    return "\n".join(lines)


def test_the_tally_in_the_docs_is_current(checked) -> None:
    table = tally_table(checked)
    assert table in DOCS.read_text(encoding="utf-8"), table
