"""Figures as written in a sentence: sums of money and percentages, with their qualifiers.

Offsets are within the sentence. A figure keeps its digits as written ("176.50" stays two
decimals), so the checker can tell the precision the writer gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# 1,234.5 (thousands), 114,15 (a decimal comma), 176.5, 21
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_MONEY = re.compile(
    rf"""(?P<pre>(?:US\s?\$|USD|\$|£|€|RMB|CNY|¥)\s?)?
    (?P<num>{_NUMBER})\s?
    (?P<scale>trillion|trln|trn|tn|billion|bln|bn|b|million|mln|mn|m)\b
    (?:\s(?P<post>US\sdollars|U\.S\.\sdollars|dollars|USD|yuan|renminbi|RMB|euros?|pounds|rubles|roubles))?""",
    re.VERBOSE | re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?P<sign>[-−–+])?(?P<num>{_NUMBER})\s?(?P<unit>%|percent\b|per cent\b|pct\b|pc\b)"
    r"(?P<points>\s?(?:percentage\s)?points?\b)?",
    re.IGNORECASE,
)
# (unit, power of ten): a trillion is written in bn with its digits' precision (1.31E+3).
_SCALE = {
    "trillion": ("bn", 3), "trln": ("bn", 3), "trn": ("bn", 3), "tn": ("bn", 3),
    "billion": ("bn", 0), "bln": ("bn", 0), "bn": ("bn", 0), "b": ("bn", 0),
    "million": ("mn", 0), "mln": ("mn", 0), "mn": ("mn", 0), "m": ("mn", 0),
}  # fmt: skip
_CURRENCY = {
    "us$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "dollars": "USD", "£": "GBP", "pounds": "GBP", "€": "EUR", "euro": "EUR", "euros": "EUR",
    "rmb": "CNY", "cny": "CNY", "¥": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "rubles": "RUB", "roubles": "RUB",
}  # fmt: skip

# Words just before a figure that say it is not exact (or a bound), as written.
_QUALIFIER = re.compile(
    r"(?:\b(?P<q>about|around|roughly|approximately|approx\.?|nearly|almost|close to|some|"
    r"an estimated|estimated|more than|over|above|exceeding|in excess of|upwards of|"
    r"less than|under|below|just over|just under|just above|just below|up to|circa|~|"
    r"nears|nearing|approaching|approaches|tops|topped|topping|surpass(?:es|ed|ing)?|"
    r"exceed(?:s|ed|ing)?|cross(?:es|ed|ing)?)\s*"
    r"(?:the\s|a\s|an\s)?(?:record\s|whopping\s|total\sof\s)?)$",
    re.IGNORECASE,
)
# "a record $240.11 billion", "a new all-time high of $240 billion": above every earlier one.
_RECORD = re.compile(
    r"\b(?:a|the|its)\s(?:new\s)?(?:all-time\s)?(?:record(?:-high|\shigh)?|high)(?:\sof)?\s*[*_]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    start: int  # in the sentence, including its qualifier
    end: int
    number_start: int  # where the digits (or currency sign) begin
    kind: str  # "money" or "percent"
    number: Decimal  # as written, its exponent kept: 176.5, 1.31E+3 (a trillion in bn)
    scale: str  # "bn" or "mn" for money, "pct" for a percentage
    currency: str | None  # USD, CNY, GBP, EUR, RUB, or None when the text names none
    qualifier: str | None  # "about", "more than", ...
    signed: str | None  # "+" or "-" written before a percentage
    points: bool  # "percentage points": a change of a share, not a growth rate
    record: bool = False  # "a record $240.11 billion"

    @property
    def approx(self) -> bool:
        return self.qualifier is not None


def _decimal(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    return Decimal(text.replace(",", "."))  # "114,15": a decimal comma


# "went up to $8.97 billion" is a rise to the figure, not a bound on it.
_RISE_TO = re.compile(
    r"\b(?:went|go|goes|gone|going|rose|moved|climbed|jumped|shot|picked|edged|inched|ticked)\s$",
    re.IGNORECASE,
)


def _qualifier(sentence: str, start: int) -> tuple[str | None, int]:
    match = _QUALIFIER.search(sentence[max(0, start - 40) : start])
    if not match:
        return None, start
    qualifier = " ".join(match.group("q").lower().split())
    begin = start - len(match.group(0))
    if qualifier == "up to" and _RISE_TO.search(sentence[max(0, begin - 12) : begin]):
        return None, start
    return qualifier, begin


def find(sentence: str) -> list[Figure]:
    """Money and percentage figures of one sentence, in order."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in _MONEY.finditer(sentence):
        scale = match.group("scale").lower()
        pre = (match.group("pre") or "").replace(" ", "").lower()
        post = (match.group("post") or "").lower()
        if scale in ("b", "m") and not pre:  # "5 m" is metres, not money, without a sign
            continue
        currency = _CURRENCY.get(pre) or _CURRENCY.get(post)
        unit, power = _SCALE[scale]
        if currency == "CNY" and power:  # GACC writes yuan in trillions: kept as written
            unit, power = "trn", 0
        number = _decimal(match.group("num")).scaleb(power)
        qualifier, begin = _qualifier(sentence, match.start())
        record = bool(_RECORD.search(sentence[max(0, begin - 40) : begin]))
        out.append(
            Figure(
                begin, match.end(), match.start(), "money", number, unit, currency,
                qualifier, None, False, record,
            )
        )  # fmt: skip
        taken.append((match.start(), match.end()))
    for match in _PERCENT.finditer(sentence):
        if any(a <= match.start() < b for a, b in taken):
            continue
        qualifier, begin = _qualifier(sentence, match.start())
        sign = match.group("sign")
        signed = None if sign is None else ("+" if sign == "+" else "-")
        number = _decimal(match.group("num"))
        out.append(
            Figure(
                begin, match.end(), match.start(), "percent", number, "pct", None,
                qualifier, signed, bool(match.group("points")),
            )
        )  # fmt: skip
    return sorted(out, key=lambda f: f.start)


NUMBER_TOKEN = re.compile(rf"(?<![\w.,])(?:{_NUMBER})(?:st|nd|rd|th)?(?![\w])")
