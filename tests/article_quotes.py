"""The research quotes as a corpus for the article reader: how many are read right.

Each row of data/research/cn_ru_gacc_reports.csv is one figure as one page published it,
with its period, flow and value, and the page's sentence in ``quote``. A quote is
*self-contained* when, on its own (with the page's date where it has one), it says the
figure, the period and the flow, in English and in US dollars (or without a currency).
It is *read right* when the reader finds every figure of the row in it (value and growth
rate) with the row's period and flow.

Run ``uv run python tests/article_quotes.py`` to print the share and the misreadings.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tradetui.data.article import reader, source

CSV = Path(__file__).resolve().parents[1] / "data" / "research" / "cn_ru_gacc_reports.csv"
PAIR = ("CHN", "RUS")
FLOWS = {"total": "total", "cn_exports_to_ru": "CHN->RUS", "cn_imports_from_ru": "RUS->CHN"}

# Pages whose wording states the direction or currency wrongly, per the research notes
# (cn_ru_gacc_reports.md, "Flows reversed or periods mislabelled"): the row holds the real
# flow, the quote the page's words, so a reading as written cannot match the row.
MISSTATED = {
    "scobricsinsight.com": "writes £ for $ and 'China imported … to Russia'",
    "life24news": "'China imported goods to Russia' for China's exports",
    "bst.bratsk": "'China imported … to Russia' for China's exports",
    "nordot.app": "'Russian exports to China' for China's exports to Russia",
    "themoscowtimes.com/2026/01/14": "'imports from China' for imports from Russia",
    "thegeopost": "'imports from China' for imports from Russia",
    "london-news": "'imports from China' for imports from Russia",
    "asiabusinessoutlook": "China's imports described as Russia's imports",
    "menafn": "China's imports described as Russia's imports",
    "geagency": "China's imports described as Russia's imports",
    "portnews": "'January-April 2023' for the five-month figure",
}
_ENGLISH = re.compile(r"\b(?:the|to|of|in|and|by|with|from)\b", re.IGNORECASE)
_PERIOD_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|quarters?|half|months|H[12]|"
    r"Q[1-4]|(?:19|20)\d{2}|last\s(?:month|year)|this\syear|year\sto\sdate)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# Periods a figure is compared with, and dates of publication, name no period of a figure.
_NOT_ITS_PERIOD = re.compile(
    r"(?:compared\s(?:to|with)|\bfrom\b(?!\s(?:January|Jan)\b)|\bthan\b|\bagainst\b|"
    r"\bversus\b|\bafter\b|same\speriod\sof)(?:[^,;.()]|\.(?=\d))*|\b(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\s\d{1,2}\b",
)
_FLOW_WORDS = re.compile(
    r"trade|turnover|export|import|suppl|deliver|shipment|surplus|balance|purchas", re.I
)


@dataclass(frozen=True)
class Quote:
    row: int  # line in the CSV (2 = first data row)
    quote: str
    start: str
    end: str
    flow: str  # total | CHN->RUS | RUS->CHN | balance
    value: str | None
    yoy: str | None
    published: date | None
    url: str


def _written(number: str, quote: str) -> bool:
    """The number appears in the quote as written (a decimal comma or point)."""
    plain = Decimal(number).normalize()
    text = format(plain, "f")
    forms = {text, text.replace(".", ",")}
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d])", quote) for f in forms)


def quotes() -> list[Quote]:
    out = []
    with CSV.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            flow = FLOWS.get(row["flow"], row["flow"])
            published = date.fromisoformat(row["published"]) if row["published"] else None
            out.append(
                Quote(
                    number, row["quote"], row["period_start"], row["period_end"], flow,
                    row["value"] or None, row["yoy_pct"] or None, published, row["source_url"],
                )
            )  # fmt: skip
    return out


def why_not_self_contained(q: Quote) -> str | None:
    text = q.quote
    if not text.isascii() and re.search(r"[^\x00-\x7f£$€–—’‘“”…−]", text):
        return "not English"
    if not _ENGLISH.search(text):
        return "not English"
    misstated = next((why for part, why in MISSTATED.items() if part in q.url), None)
    if misstated:
        return f"page misstates it: {misstated}"
    if re.search(r"yuan|renminbi|RMB|CNY", text, re.IGNORECASE):
        return "a yuan figure"
    figures = [n for n in (q.value, q.yoy) if n is not None and _written(n, text)]
    if not figures:
        return "the row's figure is not written in the quote"
    own = _NOT_ITS_PERIOD.sub(" ", text)
    if not _PERIOD_WORDS.search(own):
        return "no period named (only a period compared with, or a date)"
    if q.published is None and not _YEAR.search(own):
        return "a period without its year and no page date"
    if not _FLOW_WORDS.search(text):
        return "no flow named"
    return None


def misreading(q: Quote) -> str | None:
    """None when every figure of the row written in the quote is read right, else what."""
    article = source.from_text("quote", q.quote)
    readings = reader.read(article, PAIR, q.published).readings
    expected = []
    if q.value is not None and _written(q.value, q.quote):
        value = Decimal(q.value)
        expected.append(("value", -value if q.flow == "balance" else value))
    if q.yoy is not None and _written(q.yoy, q.quote):
        expected.append(("yoy_pct", Decimal(q.yoy)))
    for metric, number in expected:
        same = [
            r
            for r in readings
            if r.metric == metric and r.value is not None and Decimal(r.value) == number
        ]
        if not same:
            return f"{metric} {number} not found (read: {[(r.metric, r.value) for r in readings]})"
        right = [r for r in same if r.period == (q.start, q.end) and r.flow == q.flow]
        if not right:
            got = [(r.period, r.flow) for r in same]
            return f"{metric} {number}: expected {(q.start, q.end)} {q.flow}, read {got}"
    return None


def measure() -> tuple[int, int, list[tuple[Quote, str]]]:
    """(read right, self-contained, misreadings)."""
    contained = [q for q in quotes() if why_not_self_contained(q) is None]
    wrong = [(q, m) for q in contained if (m := misreading(q)) is not None]
    return len(contained) - len(wrong), len(contained), wrong


if __name__ == "__main__":
    right, total, wrong = measure()
    for q, why in wrong:
        print(f"row {q.row}: {why}\n    {q.quote}", file=sys.stdout)
    print(f"read right: {right} of {total} self-contained English quotes ({right / total:.1%})")
