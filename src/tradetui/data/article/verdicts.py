"""Each reading of an article through the claims checker, with the published page behind it.

A reading becomes a claims table (the claims-file format), is parsed by the claims reader
and judged by ``check_claims``, so an article's figures follow the same rules as a claims
file: precision from the written digits, first releases, basis, direction-swapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from tradetui.data import claims
from tradetui.data.article.reader import ArticleReading, Reading
from tradetui.data.countries import country_name
from tradetui.data.load import Dataset
from tradetui.data.periods import period_label
from tradetui.data.summary import possessive, range_name


@dataclass(frozen=True)
class Page:
    """A published figure the data's figure agrees with, and the page that gave it."""

    figure_id: str
    value: float | None
    yoy_pct: float | None
    url: str
    title: str | None


@dataclass(frozen=True)
class ArticleCheck:
    reading: Reading
    check: claims.Check | None  # None when the reading cannot be checked (its problem)
    verdict: str
    why: str
    page: Page | None  # the published figure for the reading's own period and flow


def table(reading: Reading, source: str) -> dict:
    """The reading as a [[claim]] table of a claims file."""
    first, last = reading.period or ("", "")
    out: dict = {
        "text": reading.sentence.text,
        "source": source,
        "period": period_label(first, last),
        "flow": reading.flow,
        "metric": reading.metric,
    }
    if reading.sign is not None:
        out["sign"] = reading.sign
        out["unit"] = reading.unit
        return out
    out["value"] = Decimal(reading.value or "0")
    out["unit"] = reading.unit
    if reading.approx:
        out["approx"] = True
    return out


def flow_name(flow: str, pair: tuple[str, str]) -> str:
    """'China's imports from Russia' for RUS->CHN, from the reporter's side."""
    reporter, partner = pair
    me, them = country_name(reporter), country_name(partner)
    if flow == "total":
        return f"{me}–{them} trade"
    if flow == "balance":
        return f"{possessive(me)} balance with {them}"
    if flow == f"{reporter}->{partner}":
        return f"{possessive(me)} exports to {them}"
    return f"{possessive(me)} imports from {them}"


def describe(reading: Reading, pair: tuple[str, str]) -> str:
    """'China's imports from Russia, Jan–Sep 2023, value, stated ≈81.4 USD bn'."""
    period = range_name(*reading.period, short=True) if reading.period else "period unknown"
    if reading.sign is not None:
        side = country_name(pair[1] if reading.sign == "negative" else pair[0])
        return f"{flow_name(reading.flow, pair)}, {period}, sign: in {possessive(side)} favour"
    unit = "%" if reading.unit == "pct" else f" {reading.unit}"
    mark = "≈" if reading.approx else ""
    value = reading.value or ""
    if reading.metric == "yoy_pct" and not value.startswith("-"):
        value = "+" + value
    return (
        f"{flow_name(reading.flow, pair)}, {period}, {reading.metric}, stated {mark}{value}{unit}"
    )


def check_article(article: ArticleReading, dataset: Dataset) -> list[ArticleCheck]:
    """A verdict for every reading, in the article's order."""
    checkable = [r for r in article.readings if r.problem is None]
    parsed = [
        claims.parse_claim(table(r, article.name), article.name, i)
        for i, r in enumerate(checkable, start=1)
    ]
    results = dict(zip(map(id, checkable), claims.check_claims(parsed, dataset), strict=True))
    published = _published(dataset, article.pair)
    out: list[ArticleCheck] = []
    for reading in article.readings:
        check = results.get(id(reading))
        if check is None:
            out.append(
                ArticleCheck(reading, None, claims.NOT_CHECKABLE, reading.problem or "", None)
            )
            continue
        page = _page(published, reading, article.pair)
        line = why(check, article.pair, reading.qualifier)
        out.append(ArticleCheck(reading, check, check.verdict, line, page))
    return out


def _published(dataset: Dataset, pair: tuple[str, str]) -> pl.DataFrame:
    return dataset.published.collect().filter(
        pl.col("chosen").fill_null(False),
        pl.col("currency") == "USD",
        pl.col("reporter") == pair[0],
        pl.col("partner") == pair[1],
    )


def _side(flow: str, pair: tuple[str, str]) -> str:
    if flow in ("total", "balance"):
        return flow
    return "export" if flow == f"{pair[0]}->{pair[1]}" else "import"


def _page(published: pl.DataFrame, reading: Reading, pair: tuple[str, str]) -> Page | None:
    if reading.period is None:
        return None
    rows = published.filter(
        pl.col("period_start") == reading.period[0],
        pl.col("period_end") == reading.period[1],
        pl.col("flow") == _side(reading.flow, pair),
    )
    if reading.metric == "yoy_pct":
        rows = rows.filter(pl.col("yoy_pct").is_not_null())
    if rows.is_empty():
        return None
    row = rows.row(0, named=True)
    return Page(
        row["figure_id"], row["value"], row["yoy_pct"], row["source_url"], row["source_title"]
    )


def why(check: claims.Check, pair: tuple[str, str], qualifier: str | None = None) -> str:
    """One line saying why the verdict is what it is."""
    claim = check.claim
    if check.verdict == claims.NOT_CHECKABLE:
        return check.reason or "the data cannot give this figure"
    if getattr(claim, "sign", None):
        return _why_sign(check, pair)
    data = claims.format_figure(claim, check.computed or 0.0)
    stated = f"{claim.written}{'%' if claim.unit == 'pct' else ' ' + claim.unit}"
    if check.verdict == claims.DIRECTION_SWAPPED:
        other = claims.format_figure(claim, check.opposite_value or 0.0)
        return (
            f"{stated} is {_named(check.opposite_flow, pair)} ({other}), not "
            f"{flow_name(claim.flow, pair)} ({data})"
        )
    low, high = claim.value - check.tolerance, claim.value + check.tolerance
    places = max(0, -Decimal(claim.written).as_tuple().exponent)  # type: ignore[operator]
    if check.verdict == claims.CONSISTENT:
        how = f"within {claim.written} ±{check.tolerance:.4g}"
        if claim.approx:
            how += f" ({qualifier or 'approximate'}: 2%)"
        basis = (
            f" published as {data} ({check.published_figure})"
            if check.basis == "published"
            else f" {data}"
        )
        return f"the data's figure is{basis}, {how}"
    rounded = f"{round(check.computed or 0.0, places):.{places}f}"
    if claim.approx:
        return (
            f"{stated} with its 2% allowance covers {low:.{places + 1}f} to {high:.{places + 1}f}; "
            f"the data gives {data}"
        )
    return (
        f"{claim.written} stands for {low:.{places + 1}f} to {high:.{places + 1}f}; the data gives "
        f"{data}, which rounds to {rounded}, so {claim.written} is not a rounding of it"
    )


def _named(flow: str | None, pair: tuple[str, str]) -> str:
    if flow and "->" in flow:
        return flow_name(flow, pair)
    return flow or "the opposite flow"


def _why_sign(check: claims.Check, pair: tuple[str, str]) -> str:
    data = claims.format_figure(check.claim, check.computed or 0.0)
    side = country_name(pair[0] if (check.computed or 0.0) > 0 else pair[1])
    return f"the data's balance is {data}: in {possessive(side)} favour"
