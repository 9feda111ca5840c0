"""Reconcile monthly values derived from YTD releases with single-month figures published directly.

A derived month (method ytd_diff or ytd_first) and a month figure quoted by a page should
agree; where they differ by more than a threshold one of the sources is rounded, revised
or wrong, and both are listed with their pages so the difference can be checked.
"""

from __future__ import annotations

import polars as pl

from tradetui.data import schema
from tradetui.data.load import Dataset
from tradetui.data.tolerances import RECONCILE_THRESHOLD_BN

# Columns of the frame :func:`reconcile` returns.
COLUMNS = (
    "period_start",
    "period_end",
    "reporter",
    "partner",
    "flow",
    "method",
    "derived",
    "published",
    "difference",
    "above_threshold",
    "derived_figures",  # list of figure ids the derived value comes from
    "derived_titles",
    "derived_urls",
    "published_figure",
    "published_title",
    "published_url",
)


def reconcile(dataset: Dataset, threshold: float = RECONCILE_THRESHOLD_BN) -> pl.DataFrame:
    """One row per derived month that also has a directly published figure.

    difference = derived - published (USD bn); above_threshold when |difference| exceeds
    ``threshold``. Sources are looked up in the published figures by figure id; an id the
    table does not hold gives a null title and link.
    """
    sources = dataset.published.select(
        "figure_id", title=pl.col("source_title"), url=pl.col("source_url")
    )
    rows = dataset.trade.filter(
        pl.col("method").is_in([schema.METHOD_YTD_DIFF, schema.METHOD_YTD_FIRST])
        & pl.col("value").is_not_null()
        & pl.col("published_value").is_not_null()
    ).with_row_index("_row")
    known = pl.col("figure_id").is_not_null()
    derived = (
        rows.select("_row", figure_id=pl.col("value_figures").str.split(";"))
        .explode("figure_id")
        .join(sources, on="figure_id", how="left", maintain_order="left")
        .group_by("_row", maintain_order=True)
        .agg(
            derived_figures=pl.col("figure_id").filter(known),
            derived_titles=pl.col("title").filter(known),
            derived_urls=pl.col("url").filter(known),
        )
    )
    published = sources.rename(
        {"figure_id": "published_figure", "title": "published_title", "url": "published_url"}
    )
    # Rounded so that float noise (11.505 - 11.1) neither shows nor tips the threshold.
    difference = (pl.col("value") - pl.col("published_value")).round(6)
    return (
        rows.join(derived, on="_row", how="left")
        .join(published, on="published_figure", how="left")
        .with_columns(
            derived=pl.col("value"),
            published=pl.col("published_value"),
            difference=difference,
            above_threshold=difference.abs() > threshold,
        )
        .sort("period_start", "reporter", "partner", "flow")
        .select(COLUMNS)
        .collect()
    )


def above(table: pl.DataFrame) -> pl.DataFrame:
    """The rows whose difference exceeds the threshold, largest first."""
    return table.filter("above_threshold").sort(
        pl.col("difference").abs(), "period_start", descending=[True, False]
    )


def to_dict(table: pl.DataFrame, threshold: float) -> dict:
    """The JSON shape documented in docs/cli.md."""

    def row_dict(row: dict) -> dict:
        return {
            "from": row["period_start"],
            "to": row["period_end"],
            "reporter": row["reporter"],
            "partner": row["partner"],
            "flow": row["flow"],
            "method": row["method"],
            "derived": row["derived"],
            "published": row["published"],
            "difference": row["difference"],
            "above_threshold": row["above_threshold"],
            "derived_sources": [
                {"figure_id": f, "title": t, "url": u}
                for f, t, u in zip(
                    row["derived_figures"] or [],
                    row["derived_titles"] or [],
                    row["derived_urls"] or [],
                    strict=True,
                )
            ],
            "published_source": {
                "figure_id": row["published_figure"],
                "title": row["published_title"],
                "url": row["published_url"],
            },
        }

    return {
        "unit": "USD bn",
        "threshold": threshold,
        "compared": table.height,
        "above_threshold": int(table["above_threshold"].sum()),
        "rows": [row_dict(row) for row in table.iter_rows(named=True)],
    }
