"""Tolerances shared by the data layer and the CLI's help (kept free of polars so the
command line can start the explorer without importing it)."""

# Derived and directly published months further apart than this are listed (USD bn).
RECONCILE_THRESHOLD_BN = 0.2

# Customs compute growth against the revised prior year, so a growth rate recomputed
# from published levels drifts from the published one. The 95th percentile of that drift
# over the research data, in percentage points (docs/claims.md; a test recomputes it).
YOY_MARGIN_PP = 2.9
