"""Claims: published statements of a figure, checked against the data.

A claims file is TOML with one ``[[claim]]`` table per claim (format in docs/claims.md).
Each claim gets a verdict: consistent, direction-swapped, different-basis, inconsistent or
not-checkable. ``reading`` turns TOML into Claim records, ``rules`` gives verdicts (with
``lookup`` and ``rates`` for the figures compared), ``render`` writes them out.

Pure polars (no textual), like the rest of the data layer.
"""

from tradetui.data.claims.model import (
    APPROX_SHARE,
    BOUNDS,
    CONSISTENT,
    DIFFERENT_BASIS,
    DIRECTION_SWAPPED,
    INCONSISTENT,
    METRIC_UNITS,
    METRICS,
    NOT_CHECKABLE,
    SIGNS,
    VERDICTS,
    Check,
    Claim,
    Published,
)
from tradetui.data.claims.reading import claim_files, parse_claim, read_claims
from tradetui.data.claims.render import (
    SHOWN_DECIMALS,
    basis_note,
    format_figure,
    render_text,
    source_line,
    stated_short,
    stated_text,
    tally,
    to_dict,
)
from tradetui.data.claims.rules import check_claims, stated_range, tolerance

__all__ = [
    "APPROX_SHARE",
    "BOUNDS",
    "CONSISTENT",
    "DIFFERENT_BASIS",
    "DIRECTION_SWAPPED",
    "INCONSISTENT",
    "METRICS",
    "METRIC_UNITS",
    "NOT_CHECKABLE",
    "SHOWN_DECIMALS",
    "SIGNS",
    "VERDICTS",
    "Check",
    "Claim",
    "Published",
    "basis_note",
    "check_claims",
    "claim_files",
    "format_figure",
    "parse_claim",
    "read_claims",
    "render_text",
    "source_line",
    "stated_range",
    "stated_short",
    "stated_text",
    "tally",
    "to_dict",
    "tolerance",
]
