"""One reading per trade figure of an article, and a reason for every number skipped.

A reading is what the sentence states, as written: the figure, its period, its flow
(direction as written, so a swapped direction reaches the checker as written) and its
metric. Numbers that are not the pair's goods trade (dates, years, ranks, tonnes,
yuan sums, other countries' trade, shares of settlements) are listed with the reason.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

from tradetui.data.article import figures, flows, growth, leftovers, sentences, when
from tradetui.data.article.leftovers import Skipped
from tradetui.data.article.source import ArticleText

_CURRENCY_NAMES = {"CNY": "yuan", "GBP": "pounds", "EUR": "euros", "RUB": "roubles"}
_NOT_TRADE = re.compile(
    r"\b(?P<w>bonds?|loans?|credit|investments?|invested|GDP|gross\sdomestic\sproduct|deals?|"
    r"contracts?|funds?|reserves|budget|capital|capitali[sz]ation|settlements?|payments|"
    r"projects?|revenues?|profits?|debt|spending|stake|population|inflation|interest\srate|"
    r"pipeline|capacity|production|output|market\sshare)\b",
    re.IGNORECASE,
)
_FORECAST = re.compile(
    r"\b(?:forecasts?|expected|expects?|expectations|estimates?|targets?|goal|aims?\sto|"
    r"projected|predicts?|predicted|hopes?|plans?|could|would|will|might|should)\b",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"^\s?(?:a|per|each|every)\s(?:month|year|day|week)\b(?!\s(?:earlier|ago|before|later))|"
    r"^\s?annually\b",
    re.IGNORECASE,
)
_YUAN_TERMS = re.compile(
    r"\b(?:in\s)?(?:yuan|renminbi|RMB)(?:[\s-](?:terms|basis|denominated))?\b", re.IGNORECASE
)
_OF_TRADE = re.compile(
    r"^\s?of\s(?:the\s)?(?:(?:bilateral|total|mutual|their|overall)\s)?(?:trade|turnover)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """One trade figure as the article states it; offsets are in the article text."""

    sentence: sentences.Sentence
    start: int
    end: int
    figure_text: str
    metric: str  # value | yoy_pct | share_pct
    flow: str  # total | balance | XXX->YYY
    flow_text: str
    period: tuple[str, str] | None  # (first month, last month), None when unknown
    period_text: str  # the words the period was read from (or where it was carried from)
    value: str | None  # the stated number, as written, signed for growth; None: sign only
    unit: str  # USD bn | USD mn | pct
    approx: bool
    qualifier: str | None
    sign: str | None = None  # a sign-only balance: "negative" or "positive"
    problem: str | None = None  # why the checker cannot take it
    record: bool = False  # stated as a record ("a record $240.11 billion")
    currency: str = "USD"  # CNY for a yuan sum or a growth rate "in yuan terms"


@dataclass
class ArticleReading:
    name: str
    text: str
    published: date | None
    published_from: str  # "--published", "the article", "unknown"
    pair: tuple[str, str]
    readings: list[Reading] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


Period = tuple[tuple[str, str] | None, str]  # (months or None when unknown, words read)


@dataclass
class _Carry:
    """What a sentence hands to the next: its period, and its last flow for 'That's …'."""

    period: Period | None = None
    flow: flows.FlowMention | None = None


# A sentence that goes on about the figure before it ("That's 19.8% higher").
_BACK_REFERENCE = re.compile(
    r"^(?:That|This|It|Which|The\s(?:figure|increase|rise|growth|drop|decline))(?:['’]s|\s)"
    r"|\b(?:this|the\ssame)\s(?:figure|indicator|number)\b",
)


def read(
    article: ArticleText, pair: tuple[str, str], published: date | None = None
) -> ArticleReading:
    """Every trade figure of the article as a reading; every other number as skipped."""
    found = published or article.found_date
    origin = "--published" if published else ("the article" if found else "unknown")
    result = ArticleReading(article.name, article.text, found, origin, pair)
    flow_reader = flows.Reader(*pair)
    context = when.Context(found)
    furniture = [(f.start, f.end) for f in article.furniture]
    for item in article.furniture:
        result.skipped.append(Skipped(item.start, item.end, item.text, "page furniture"))
    body = [
        s for s in sentences.split(article.text) if not any(a <= s.start < b for a, b in furniture)
    ]
    carry = _Carry()
    for number, sentence in enumerate(body):
        if found is None and number == 0:
            context.year = _first_year(body)  # an undated headline's "Jan-Feb": the story's year
        carry = _read_sentence(sentence, flow_reader, context, carry, result)
        if number == 0 and found is None:
            # The guess served the headline; the body goes on from the years it writes.
            found_years = when.find(sentence.text, when.Context(None))
            written = [m.year for m in found_years if m.year and not m.base]
            context.year = written[-1] if written else None
    result.readings = _headline_periods(result.readings)
    result.skipped.sort(key=lambda s: s.start)
    return result


def _first_year(body: list[sentences.Sentence]) -> int | None:
    scratch = when.Context(None)
    for sentence in body:
        for mention in when.find(sentence.text, scratch):
            if mention.year is not None and not mention.base:
                return mention.year
    return None


def _headline_periods(readings: list[Reading]) -> list[Reading]:
    """A headline names no period ("trade slips 9%"): it is the story's, the first one named."""
    if not readings:
        return readings
    first = readings[0].sentence
    headline = first.start == 0 or not first.text.rstrip().endswith((".", "!", "?"))
    later = next((r for r in readings if r.sentence is not first and r.period), None)
    if not headline or later is None:
        return readings
    return [
        dataclasses.replace(
            r, period=later.period, period_text=f"{later.period_text} (the story's period)",
            problem=None,
        )
        if r.sentence is first and r.period is None and not r.period_text
        else r
        for r in readings
    ]  # fmt: skip


def _read_sentence(
    sentence: sentences.Sentence,
    flow_reader: flows.Reader,
    context: when.Context,
    carry: _Carry,
    result: ArticleReading,
) -> _Carry:
    """Read one sentence's figures into ``result``; hand its period and flow to the next."""
    text, base = sentence.text, sentence.start
    periods = when.find(text, context)
    mentions = flow_reader.find(text)
    found = figures.find(text)
    if carry.flow is not None and carry.flow.flow == "world":
        # After a sentence on China's trade with the world, "imports fell" is that trade too.
        mentions = [
            dataclasses.replace(m, flow="world") if m.partnerless and "->" in m.flow else m
            for m in mentions
        ]
    if not mentions and carry.flow is not None and _BACK_REFERENCE.search(text):
        # At offset -1: the flow of the sentence before, so it counts as preceding the figure.
        mentions = [flows.FlowMention(-1, -1, carry.flow.text, carry.flow.flow, carry.flow.side)]
    carried = (
        (carry.period[0], f"{carry.period[1]} (from an earlier sentence)") if carry.period else None
    )
    used: list[tuple[int, int]] = []
    respectively = _respectively(text, found, mentions)
    chosen = [respectively.get(i) or _flow_for(text, f, mentions) for i, f in enumerate(found)]
    last_period = carry.period
    sign: int | None = None  # of the growth rate before: "exports rose 5% and imports 8%"
    for index, figure in enumerate(found):
        used.append((figure.start, figure.end))
        previous_end = found[index - 1].end if index else 0
        own_period, shifted = _period_for(index, found, chosen, periods, text)
        period = own_period or carried
        outcome = _reading(sentence, figure, chosen[index], period, text, previous_end, sign)
        if isinstance(outcome, str):
            result.skipped.append(
                Skipped(base + figure.start, base + figure.end, text[figure.start : figure.end],
                        outcome)
            )  # fmt: skip
            continue
        result.readings.append(outcome)
        if outcome.metric == "yoy_pct" and outcome.value:
            sign = -1 if outcome.value.startswith("-") else 1
        if outcome.period is not None and not shifted and last_period is carry.period:
            last_period = (outcome.period, period[1] if period else "")
    balance_with_figure = any(
        r.flow == "balance" and r.sentence is sentence for r in result.readings
    )
    for mention in mentions:
        if mention.flow == "balance" and mention.sign_only and not balance_with_figure:
            period = _nearest_period(mention.start, periods) or carried
            reading = _sign_reading(sentence, mention, period, mentions)
            result.readings.append(reading)
    result.skipped += leftovers.skip(sentence, used, periods)
    own = [p for p in periods if not p.base]
    about_trade = found or any(m.flow not in ("other", "world") for m in mentions)
    if own and about_trade:  # its own (first) period goes on, even one whose year is unknown
        months = (own[0].first, own[0].last) if own[0].first else None
        last_period = (months, own[0].text)  # type: ignore[assignment]
    named = [m for m in mentions if m.flow != "other" and m.start >= 0]
    return _Carry(last_period, named[-1] if named else None)


_CARRIED = " (from an earlier sentence)"


def _carried_text(text: str) -> str:
    return text if text.endswith(_CARRIED) else text + _CARRIED


def _respectively(
    text: str, found: list[figures.Figure], mentions: list[flows.FlowMention]
) -> dict[int, flows.FlowMention]:
    """'A and B … $x and $y respectively': figures matched to flows in order."""
    if "respectively" not in text.lower() or not found:
        return {}
    before = [m for m in mentions if m.end <= found[0].start and m.flow != "other"]
    money = [i for i, f in enumerate(found) if f.kind == "money"]
    if len(before) < 2 or len(money) != len(before):
        return {}
    return dict(zip(money, before, strict=True))


def _clause_bounds(text: str, position: int) -> tuple[int, int]:
    breaks = [
        m.end()
        for m in re.finditer(
            r";|\swhile\s|\swhereas\s|,\sas\s|\sbut\s|,\s(?=(?:and\s)?in\s(?:19|20)\d\d\b)", text
        )
    ]
    start = max([b for b in breaks if b <= position], default=0)
    end = min([b for b in breaks if b > position], default=len(text))
    return start, end


def _flow_for(
    text: str, figure: figures.Figure, mentions: list[flows.FlowMention]
) -> flows.FlowMention | None:
    """The flow a figure is of: the one around it, else the last before it in its clause,
    else the first after it, else the nearest in the sentence."""
    start, end = _clause_bounds(text, figure.number_start)
    inside = [m for m in mentions if start <= m.start < end]
    spanning = [m for m in inside if m.start <= figure.start and m.end >= figure.end]
    if spanning:
        return spanning[-1]
    before = [m for m in inside if m.end <= figure.start]
    if before:
        return before[-1]
    after = [m for m in inside if m.start >= figure.end]
    if after:
        return after[0]
    earlier = [m for m in mentions if m.end <= figure.start]
    if earlier:
        return earlier[-1]
    later = [m for m in mentions if m.start >= figure.end]
    return later[0] if later else None


def _nearest_period(position: int, periods: list[when.Mention]) -> Period | None:
    own = [p for p in periods if not p.base]
    if not own:
        return None
    nearest = min(own, key=lambda p: min(abs(p.end - position), abs(p.start - position)))
    return ((nearest.first, nearest.last) if nearest.first else None, nearest.text)


_BASE_YEAR = re.compile(
    r"^\s?(?:\S+\s){0,3}?(?:compared\s(?:to|with)|from|than|over|against|versus|on)\s(?:the\s)?"
    r"((?:19|20)\d\d)\b"
)
_NEW_TIME = re.compile(
    r"\b(?:after|before|following|compared|against|versus|than|from|while|whereas)\b", re.I
)


def _tight(mention: when.Mention, figure: figures.Figure, text: str) -> bool:
    """The period follows the figure at once ("$240.1 billion in 2023"): it is that figure's."""
    gap = text[figure.end : max(figure.end, mention.start)]
    return 0 <= mention.start - figure.end <= 12 and not re.search(r"[,;(]", gap)


def _period_for(
    index: int,
    found: list[figures.Figure],
    chosen: list[flows.FlowMention | None],
    periods: list[when.Mention],
    text: str,
) -> tuple[Period | None, bool]:
    """The period nearest the figure, leaving out one that belongs to a figure compared with it.

    The flag says the period was moved a year back ("… a year earlier"): the sentence's own
    period is not that one, so it is not carried to the next sentence.
    """
    figure = found[index]
    own = [p for p in periods if not p.base]
    tight = [p for p in own if _tight(p, figure, text)]
    # "$40.4 billion a year earlier": the months the sentence names, one year back.
    # A growth rate "from a year earlier" is this period's: only a level is moved back.
    earlier = [
        p
        for p in periods
        if figure.kind == "money" and p.base and p.kind == "lastyear" and _tight(p, figure, text)
    ]
    if not tight and not earlier:
        # "1.69 trillion yuan ($235.90 billion) last year": a conversion shares the period.
        others = [
            j
            for j, other in enumerate(found)
            if j != index
            and other.kind == figure.kind
            and chosen[j] == chosen[index]
            and not _converted(text, figure, other)
        ]
        own = [p for p in own if not any(_tight(p, found[j], text) for j in others)]
    candidates = tight or own
    if not candidates:
        return None, False
    start, end = _clause_bounds(text, figure.number_start)
    candidates = [p for p in candidates if start <= p.start < end] or candidates
    # "$9.6 billion, after rising 30.3 percent in January": a later figure's period.
    candidates = [
        p
        for p in candidates
        if not any(
            figure.end <= f.start
            and f.end <= p.start
            and _NEW_TIME.search(text[figure.end : f.start])
            for f in found
        )
    ]
    if not candidates:
        return None, False
    # A period after another figure is that figure's ("$100.33 billion, a 13% jump in November").
    candidates = [
        p for p in candidates if not any(figure.end <= f.start and f.end <= p.start for f in found)
    ] or candidates

    def distance(p: when.Mention) -> tuple[int, int]:
        if p.end <= figure.start:
            return figure.start - p.end, 0
        if p.start >= figure.end:
            return p.start - figure.end, 1
        return 0, 0

    nearest = min(candidates, key=distance)
    months = (nearest.first, nearest.last) if nearest.first else None
    if earlier and months:
        shifted = (_year_back(months[0]), _year_back(months[1]))
        return (shifted, f"{nearest.text}, {earlier[0].text}"), True
    return (months, nearest.text), False


def _converted(text: str, one: figures.Figure, other: figures.Figure) -> bool:
    """One figure given in brackets right after the other: the same sum, converted."""
    first, second = (one, other) if one.start < other.start else (other, one)
    return re.fullmatch(r"\s*\(\s*", text[first.end : second.start]) is not None


def _year_back(month: str) -> str:
    return f"{int(month[:4]) - 1}{month[4:]}"


def _reading(
    sentence: sentences.Sentence,
    figure: figures.Figure,
    mention: flows.FlowMention | None,
    period: Period | None,
    text: str,
    previous_end: int,
    previous_sign: int | None,
) -> Reading | str:
    """A reading of the figure, or the reason it is not a trade claim."""
    clause_start, clause_end = _clause_bounds(text, figure.number_start)
    subject = text[max(clause_start, previous_end, figure.start - 100) : figure.start]
    tail = text[figure.end : min(clause_end, figure.end + 30)]
    noun = _NOT_TRADE.search(subject[-25:] + " " + tail[:25])
    if noun:
        return f"{noun.group('w')}, not goods trade"
    future = re.match(r"^\s?(?:target|goal|mark)\b|^\s?by\s(?:the\send\sof\s)?(?:19|20)\d\d", tail)
    if _FORECAST.search(subject) or future:
        return "a forecast or target, not a figure the data holds"
    if (
        figure.kind == "money"
        and figure.currency is None
        and (quantity := leftovers.QUANTITY.match(tail))
    ):
        return f"a quantity in {quantity.group('u').lower()}, not a sum of money"
    if figure.kind == "money" and (_RATE.match(tail) or re.search(r"\bannual\s$", subject)):
        return "an average per month or year, not the figure of a period"
    if figure.kind == "money" and figure.currency not in (None, "USD", "CNY"):
        name = _CURRENCY_NAMES.get(figure.currency or "", figure.currency)
        return f"a sum in {name}; GACC publishes dollars and yuan"
    # GACC's yuan figures are among the published ones: a yuan claim is checked against them.
    currency = "CNY" if figure.currency == "CNY" else "USD"
    if figure.kind == "percent":
        if figure.points:
            return "a change in percentage points, not a growth rate"
        if _YUAN_TERMS.search(text):
            currency = "CNY"
        if re.match(r"^\s?of\s", tail) and not _OF_TRADE.match(tail):
            what = " ".join(tail.split()[1:3]).rstrip(",.;")
            return f"a share of {what}, not of the pair's trade"
    if mention is None:
        return "no trade flow named"
    if mention.flow == "other":
        return f"trade of another country ({mention.text})"
    if mention.flow == "world":
        return "trade with the whole world, not between the pair"
    if mention.flow == "commodity":
        return f"the trade in one commodity ({mention.text}), not the pair's total"
    metric, value = "value", figure.number
    if figure.kind == "percent":
        share = re.match(r"^\s?of\s", tail) or re.search(r"\bshare\b", subject, re.IGNORECASE)
        if share:
            if "->" not in mention.flow:
                return "a share without a direction of trade"
            metric = "share_pct"
        else:
            after = text[figure.end : clause_end]
            metric = "yoy_pct"
            if growth.MONTH_ON_MONTH.search(tail + " " + after) or growth.compared_with_month(
                after
            ):
                # A change on the month before is checked for one month only.
                months = period[0] if period else None
                if months is None or months[0] != months[1]:
                    return "a change on the month before, for a period longer than a month"
                metric = "mom_pct"
            base_year = _BASE_YEAR.match(tail)
            months = period[0] if period else None
            if base_year and months and int(base_year.group(1)) != int(months[0][:4]) - 1:
                return f"a change on {base_year.group(1)}, not on the year before"
            sign = growth.sign(figure, subject, tail) or previous_sign
            if sign is None:
                return "a percentage that is neither a growth rate nor a share"
            value = value if sign > 0 else -value
    if mention.flow == "balance":
        if metric != "value":
            return "a change in the balance (its growth is not checked)"
        if mention.side is None:
            return "a balance whose side (whose surplus) the sentence does not say"
        value = value * mention.side
    start, end = sentence.start + figure.start, sentence.start + figure.end
    resolved, period_text = period if period else (None, "")
    problem = None
    if resolved is None:
        problem = (
            f"the year of {period_text!r} cannot be told: the article has no date "
            "(pass --published YYYY-MM-DD)"
            if period_text
            else "no period is named for this figure"
        )
    return Reading(
        sentence, start, end, text[figure.start : figure.end], metric, mention.flow,
        mention.text, resolved, period_text, str(value),
        "pct" if figure.kind == "percent" else f"{currency} {figure.scale}",
        figure.approx, figure.qualifier, None, problem,
        figure.record and metric == "value" and mention.flow != "balance", currency,
    )  # fmt: skip


def _sign_reading(
    sentence: sentences.Sentence,
    mention: flows.FlowMention,
    period: Period | None,
    mentions: list[flows.FlowMention],
) -> Reading:
    resolved, period_text = period if period else (None, "")
    # The span marked: from the balance named to the favoured country.
    start = min(m.start for m in mentions if m.flow == "balance" and m.end <= mention.end)
    country = re.match(
        r"\s(?:of\s)?(?:the\s)?[\w’']+(?:\sFederation)?", sentence.text[mention.end :]
    )
    end = mention.end + (country.end() if country else 0)
    problem = None if resolved else "no period is named for this balance"
    sign = "negative" if mention.side == -1 else "positive"
    return Reading(
        sentence, sentence.start + start, sentence.start + end, sentence.text[start:end],
        "value", "balance",
        mention.text, resolved, period_text, None, "USD bn", False, None, sign, problem,
    )  # fmt: skip
