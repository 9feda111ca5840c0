"""Tolerances shared by the data layer and the CLI's help (kept free of polars so the
command line can start the explorer without importing it)."""

# Derived and directly published months further apart than this are listed (USD bn).
RECONCILE_THRESHOLD_BN = 0.2
