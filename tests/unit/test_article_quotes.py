"""The research quotes read by the article reader: at least 90% of the self-contained
English ones read right (figure, period and flow). The figure is in docs/claims.md."""

from __future__ import annotations

from article_quotes import measure, misreading, quotes, why_not_self_contained

THRESHOLD = 0.90


def test_share_of_self_contained_quotes_read_right() -> None:
    right, total, wrong = measure()
    assert total >= 100, "the corpus of self-contained English quotes shrank"
    listed = "\n".join(f"row {q.row}: {why}" for q, why in wrong)
    assert right / total >= THRESHOLD, f"{right}/{total} read right; misread:\n{listed}"


def test_the_corpus_filter_and_the_comparison_can_fail() -> None:
    by_row = {q.row: q for q in quotes()}
    russian = next(q for q in by_row.values() if "Товарооборот" in q.quote)
    assert why_not_self_contained(russian) == "not English"
    swapped = next(q for q in by_row.values() if "scobricsinsight" in q.url)
    assert why_not_self_contained(swapped).startswith("page misstates it")
    good = next(
        q for q in by_row.values()
        if q.quote.startswith("Trade of goods between China and Russia reached $53.85 billion")
    )  # fmt: skip
    assert why_not_self_contained(good) is None and misreading(good) is None
    wrong_flow = type(good)(**{**good.__dict__, "flow": "CHN->RUS"})
    assert misreading(wrong_flow) is not None


def test_every_quote_in_any_language_is_read_and_checked_without_error() -> None:
    from tradetui.data.article import reader, source, verdicts
    from tradetui.data.load import load_dataset

    every = reader.ArticleReading("quotes", "", None, "unknown", ("CHN", "RUS"))
    for q in quotes():
        found = reader.read(source.from_text("quote", q.quote), ("CHN", "RUS"), q.published)
        every.readings += found.readings
    checks = verdicts.check_article(every, load_dataset(None))  # one checker for all
    assert len(checks) == len(every.readings) > 500
