"""Each reading of an article through the claims checker, with the published page behind it.

A reading becomes a claims table (the claims-file format), is parsed by the claims reader
and judged by ``check_claims``, so an article's figures follow the same rules as a claims
file: precision from the written digits, bounds ("nearly", "over"), first releases,
basis, direction-swapped, sign-only statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tradetui.data import claims
from tradetui.data.article.reader import ArticleReading, Reading
from tradetui.data.countries import country_name
from tradetui.data.load import Dataset
from tradetui.data.periods import period_label
from tradetui.data.summary import possessive, range_name

# The claims format's bounds for the words a writer puts before a figure.
BOUND_OF = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "approx": "about", "approx.": "about", "some": "about", "an estimated": "about",
    "estimated": "about", "circa": "about", "~": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just below": "nearly",
    "more than": "over", "over": "over", "above": "over", "exceeding": "over",
    "in excess of": "over", "upwards of": "over", "just over": "over", "just above": "over",
    "less than": "under", "under": "under", "below": "under", "up to": "under",
    "nears": "nearly", "nearing": "nearly", "approaching": "nearly", "approaches": "nearly",
    "tops": "over", "topped": "over", "topping": "over", "surpass": "over",
    "surpasses": "over", "surpassed": "over", "surpassing": "over", "exceed": "over",
    "exceeds": "over", "exceeded": "over", "cross": "over",
    "crosses": "over", "crossed": "over", "crossing": "over",
}  # fmt: skip


@dataclass(frozen=True)
class ArticleCheck:
    reading: Reading
    check: claims.Check | None  # None when the reading cannot be checked (its problem)
    verdict: str
    why: str


# How a reading's metric is said to people (the claims format's ids stay in TOML and JSON).
METRIC_WORDS = {
    "value": "value",
    "yoy_pct": "growth on a year earlier",
    "mom_pct": "change on the month before",
    "share_pct": "share",
}


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
        return out
    out["value"] = Decimal(reading.value or "0")
    out["unit"] = reading.unit
    bound = BOUND_OF.get(reading.qualifier or "")
    if bound is not None:
        out["bound"] = bound
    if reading.record:
        out["record"] = True
    if reading.currency != "USD" and reading.unit == "pct":
        out["currency"] = reading.currency  # a value's currency is in its unit
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
    mark = {"about": "≈", "nearly": "≲", "over": ">", "under": "<"}.get(
        BOUND_OF.get(reading.qualifier or "", ""), ""
    )
    value = reading.value or ""
    if reading.metric == "yoy_pct" and not value.startswith("-"):
        value = "+" + value
    record = ", a record" if reading.record else ""
    return (
        f"{flow_name(reading.flow, pair)}, {period}, "
        f"{METRIC_WORDS.get(reading.metric, reading.metric)}, stated "
        f"{mark}{value}{unit}{record}"
    )


def check_article(article: ArticleReading, dataset: Dataset) -> list[ArticleCheck]:
    """A verdict for every reading, in the article's order."""
    checkable = [r for r in article.readings if r.problem is None]
    parsed = [
        claims.parse_claim(table(r, article.name), article.name, i)
        for i, r in enumerate(checkable, start=1)
    ]
    results = dict(zip(map(id, checkable), claims.check_claims(parsed, dataset), strict=True))
    out: list[ArticleCheck] = []
    for reading in article.readings:
        check = results.get(id(reading))
        if check is None:
            out.append(ArticleCheck(reading, None, claims.NOT_CHECKABLE, reading.problem or ""))
        else:
            out.append(ArticleCheck(reading, check, check.verdict, why(check, article.pair)))
    return out


def _stated(claim: claims.Claim) -> str:
    return f"{claim.written}{'%' if claim.unit == 'pct' else ' ' + claim.unit}"


def why(check: claims.Check, pair: tuple[str, str]) -> str:
    """One line saying why the verdict is what it is."""
    claim = check.claim
    if check.verdict == claims.NOT_CHECKABLE:
        return check.reason or "the data cannot give this figure"
    data = "—" if check.computed is None else claims.format_figure(claim, check.computed)
    if claim.sign is not None:
        side = country_name(pair[0] if (check.computed or 0.0) > 0 else pair[1])
        holds = "as stated" if check.verdict == claims.CONSISTENT else "not as stated"
        return f"the data's balance is {data}: in {possessive(side)} favour, {holds}"
    if check.verdict == claims.DIRECTION_SWAPPED:
        other = claims.format_figure(claim, check.opposite_value or 0.0)
        opposite = check.opposite_flow or ""
        named = flow_name(opposite, pair) if "->" in opposite else opposite
        return f"{_stated(claim)} is {named} ({other}), not {flow_name(claim.flow, pair)} ({data})"
    if check.verdict == claims.DIFFERENT_BASIS:
        return check.notes[0] if check.notes else f"the data gives {data} on its own basis"
    low, high = claims.stated_range(claim)
    places = max(0, -int(Decimal(claim.written or "0").as_tuple().exponent))
    shown = f"{claims.stated_short(claim)} allows {_range(low, high, places + 1)}"
    if check.verdict == claims.CONSISTENT:
        note = f"; {check.notes[0]}" if check.notes else ""
        found = check.published
        if (
            found is not None
            and low <= found.value <= high
            and not low <= (check.computed or 0) <= high
        ):
            held = claims.format_figure(claim, found.value)
            return f"published as {held} ({found.figure_id}), in what {shown}{note}"
        return f"the data's figure is {data}{claims.basis_note(check)}, in what {shown}{note}"
    if claim.bound is None and check.computed is not None:
        rounded = f"{round(check.computed, places):.{places}f}"
        return (
            f"{claim.written} stands for {_range(low, high, places + 1)}; the data gives {data}, "
            f"which rounds to {rounded}, so {claim.written} is not a rounding of it"
        )
    note = f"; {check.notes[0]}" if check.notes else ""
    return f"{shown}; the data gives {data}{note}"


def _range(low: float, high: float, places: int) -> str:
    if low == float("-inf"):
        return f"up to {high:.{places}f}"
    if high == float("inf"):
        return f"above {low:.{places}f}"
    return f"{low:.{places}f} to {high:.{places}f}"
