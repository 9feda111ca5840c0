"""'Get a summary' for an article: the brief of the period it discusses, and its errors.

The brief is the summary generator's own paragraph (the same as `s` in the explorer) for
the period most of the article's claims are about; the corrections say, in a line each,
what the data says where the article does not hold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tradetui.data import claims
from tradetui.data.article.verdicts import ArticleCheck, flow_name
from tradetui.data.load import Dataset
from tradetui.data.summary import range_name, summarise
from tradetui.present.format import Format
from tradetui.present.summary import write_text


@dataclass(frozen=True)
class Brief:
    period: tuple[str, str] | None  # the period discussed, None when no claim has one
    text: str  # the summary's paragraph, or why there is none
    corrections: tuple[str, ...]


def discussed_period(checks: list[ArticleCheck]) -> tuple[str, str] | None:
    """The period most claims are about (the first of them on a tie)."""
    periods = [c.reading.period for c in checks if c.reading.period is not None]
    if not periods:
        return None
    counts = Counter(periods)
    return max(periods, key=lambda p: (counts[p], -periods.index(p)))


def correction(check: ArticleCheck, pair: tuple[str, str]) -> str | None:
    """'the 81.4 bn is China's exports to Russia, not its imports from Russia', or None."""
    inner, reading = check.check, check.reading
    if inner is None or check.verdict == claims.CONSISTENT:
        return None
    stated = reading.figure_text
    when = range_name(*reading.period, short=True) if reading.period else ""
    if check.verdict == claims.DIRECTION_SWAPPED and inner.opposite_flow:
        other = inner.opposite_flow
        named = flow_name(other, pair) if "->" in other else other
        return f"the {stated} ({when}) is {named}, not {flow_name(reading.flow, pair)}"
    if check.verdict == claims.INCONSISTENT and inner.computed is not None:
        figure = claims.format_figure(inner.claim, inner.computed)
        return f"{flow_name(reading.flow, pair)} in {when} was {figure}, not {stated}"
    if check.verdict == claims.NOT_CHECKABLE:
        return f"{stated} ({when or 'period unknown'}) cannot be checked: {check.why}"
    return f"{stated} ({when}): {check.why}"


def brief(checks: list[ArticleCheck], dataset: Dataset, pair: tuple[str, str]) -> Brief:
    period = discussed_period(checks)
    corrections = tuple(c for check in checks if (c := correction(check, pair)) is not None)
    if period is None:
        return Brief(None, "The article names no period the data can summarise.", corrections)
    summary = summarise(dataset, period[0], period[1], *pair)
    return Brief(period, write_text(summary, Format()), corrections)


def render(result: Brief) -> str:
    lines = [result.text]
    if result.corrections:
        lines += ["", "What the article gets wrong:"]
        lines += [f"- {line}" for line in result.corrections]
    elif result.period is not None:
        lines += ["", "Every figure checked holds."]
    return "\n".join(lines)
