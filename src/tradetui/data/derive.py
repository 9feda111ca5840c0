"""Monthly values from the chosen published figures: every value the figures determine.

Two kinds of identity tie the figures together, for every year and flow:

- cumulative: YTD(a) − YTD(b) = the sum of the months after b through a (YTD(Jan–Feb) is
  the Jan–Feb period; "before January" is zero);
- flows: total = exports + imports, for a month and for a year-to-date figure alike.

Values come first from the figures themselves: Jan–Feb as released (``ytd_first``),
YTD(n) − YTD(n−1) (``ytd_diff``), else the month as published (``published_month``). Then
any identity with exactly one unknown gives it, fewest figures first: total − the other
flow (``flow_difference``), exports + imports (``flow_sum``), or YTD(a) − YTD(b) − the
other months of the span (``ytd_less_months``), until nothing more follows. Each value
is kept as the signed sum of the published figures it comes from, so its arithmetic and
inputs are exact and its precision is that of its least precise input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tradetui.data import schema

Key = tuple[str, int, int, str]  # ("M" month | "C" year to date, year, last month, flow)
_START = 0  # "before January": the cumulative base, zero


@dataclass(frozen=True)
class Figure:
    figure_id: str
    value: float  # USD bn
    half_unit: float  # half a unit of the last published digit, USD bn
    flow: str
    single_month: bool  # published for one month (not Jan–Feb, not year to date)
    label: str  # e.g. "Jan–Mar 2025 exports"


@dataclass(frozen=True)
class Value:
    """A value as a signed sum of published figures."""

    terms: tuple[tuple[str, int], ...]  # (figure_id, +1 or -1), in order of use
    method: str | None = None

    def plus(self, other: Value, sign: int) -> Value:
        coefficients: dict[str, int] = dict(self.terms)
        for figure_id, c in other.terms:
            coefficients[figure_id] = coefficients.get(figure_id, 0) + sign * c
        return Value(tuple((f, c) for f, c in coefficients.items() if c))


ZERO = Value(())

METHOD_FLOW_DIFFERENCE = schema.METHOD_FLOW_DIFFERENCE
METHOD_FLOW_SUM = schema.METHOD_FLOW_SUM
METHOD_YTD_LESS_MONTHS = schema.METHOD_YTD_LESS_MONTHS
DERIVED_METHODS = schema.DERIVED_METHODS


@dataclass(frozen=True)
class Relation:
    """sum(sign * cell) = 0 over its cells."""

    cells: tuple[tuple[Key, int], ...]
    flows: bool  # a flow identity (else cumulative)


def relations(years: list[int], last: dict[int, int]) -> list[Relation]:
    """Every identity among the cells of ``years``; ``last[year]`` is its last month."""
    out: list[Relation] = []
    for year in years:
        ends = list(range(2, last[year] + 1))
        for end in ends:
            for kind in ("M", "C"):
                out.append(
                    Relation(
                        (
                            ((kind, year, end, schema.TOTAL), 1),
                            ((kind, year, end, schema.EXPORT), -1),
                            ((kind, year, end, schema.IMPORT), -1),
                        ),
                        flows=True,
                    )
                )
        for flow in schema.FLOWS:
            for a in ends:
                for b in [_START, *range(2, a)]:
                    cells = [(("C", year, a, flow), 1)]
                    if b != _START:
                        cells.append((("C", year, b, flow), -1))
                    cells += [(("M", year, m, flow), -1) for m in ends if b < m <= a]
                    out.append(Relation(tuple(cells), flows=False))
    return out


def _solvable(relation: Relation, known: dict[Key, Value]) -> tuple[Key, Value] | None:
    unknown = [(cell, sign) for cell, sign in relation.cells if cell not in known]
    if len(unknown) != 1:
        return None
    (target, target_sign) = unknown[0]
    value = ZERO
    for cell, sign in relation.cells:
        if cell != target:
            # sign*cell + target_sign*target = 0  =>  target = -(target_sign*sign)*cell
            value = value.plus(known[cell], -target_sign * sign)
    return target, value


def _method(target: Key, value: Value, figures: dict[str, Figure]) -> str:
    """The arithmetic of a derived month, told from its inputs: figures of its own flow only
    (year-to-date figures less months), or of other flows (a flow identity)."""
    if all(figures[f].flow == target[3] for f, _ in value.terms):
        return METHOD_YTD_LESS_MONTHS
    return METHOD_FLOW_SUM if target[3] == schema.TOTAL else METHOD_FLOW_DIFFERENCE


def solve(
    cumulative: dict[Key, str],
    months: dict[Key, str],
    figures: dict[str, Figure],
    last: dict[int, int],
) -> dict[Key, Value]:
    """Every month cell the figures determine. ``cumulative`` maps ("C", ...) keys and
    ``months`` ("M", ...) keys to the chosen figure ids published for them."""
    known: dict[Key, Value] = {k: Value(((i, 1),)) for k, i in cumulative.items()}
    result: dict[Key, Value] = {}
    for key in sorted(_month_keys(last)):
        _, year, end, flow = key
        jan_feb = ("C", year, 2, flow)
        if end == 2 and jan_feb in cumulative:
            result[key] = Value(known[jan_feb].terms, schema.METHOD_YTD_FIRST)
        elif (
            end > 2
            and ("C", year, end, flow) in cumulative
            and (("C", year, end - 1, flow) in cumulative)
        ):
            terms = (
                (cumulative[("C", year, end - 1, flow)], -1),
                (cumulative[("C", year, end, flow)], 1),
            )
            result[key] = Value(terms, schema.METHOD_YTD_DIFF)
        elif key in months:
            result[key] = Value(((months[key], 1),), schema.METHOD_PUBLISHED_MONTH)
    known.update(result)

    identities = relations(sorted(last), last)
    while True:
        candidates: dict[Key, tuple[tuple[bool, float, int, bool], Value]] = {}
        for relation in identities:
            found = _solvable(relation, known)
            if found is None:
                continue
            target, value = found
            if not value.terms or _bn(value, figures) < 0:
                continue  # an identity that cancels out, or a value no trade can have
            # Never a mixed release where an unmixed one will do; then the most precise
            # inputs, the fewest, and a flow identity before a cumulative one.
            rank = (
                mixes_releases(value, figures),
                precision(value, figures),
                len(value.terms),
                not relation.flows,
            )
            method = _method(target, value, figures) if target[0] == "M" else None
            if target not in candidates or rank < candidates[target][0]:
                candidates[target] = (rank, Value(value.terms, method))
        if not candidates:
            return result
        best = min(rank for rank, _ in candidates.values())
        for target, (rank, value) in sorted(candidates.items()):
            if rank == best:
                known[target] = value
                if target[0] == "M":
                    result[target] = value


def _month_keys(last: dict[int, int]) -> Iterator[Key]:
    for year, end in last.items():
        for m in range(2, end + 1):
            for flow in schema.FLOWS:
                yield ("M", year, m, flow)


def _bn(value: Value, figures: dict[str, Figure]) -> float:
    return sum(c * figures[f].value for f, c in value.terms)


def amount(value: Value, figures: dict[str, Figure]) -> float:
    """The value in USD bn; rounding only drops float noise (figures have ≤ 3 decimals
    of bn, or of mn)."""
    return round(_bn(value, figures), 6)


def precision(value: Value, figures: dict[str, Figure]) -> float:
    """Half a unit of the last digit of the value's least precise input."""
    return max(figures[f].half_unit for f, _ in value.terms)


def mixes_releases(value: Value, figures: dict[str, Figure]) -> bool:
    """True when a value combines a single month's own release with a difference of two
    year-to-date releases: the month is a first estimate, the difference carries the
    revisions GACC made between the two releases."""
    single = sum(figures[f].single_month for f, _ in value.terms)
    return single > 0 and len(value.terms) - single >= 2


def formula(value: Value, figures: dict[str, Figure]) -> str:
    """The arithmetic in words: "Jan–Mar 2025 total 53.212 (g0656) − Mar 2025 total 18.448
    (g0783)"."""
    parts = []
    terms = sorted(value.terms, key=lambda term: term[1] < 0)  # what is added, then taken away
    for n, (f, c) in enumerate(terms):
        figure = figures[f]
        text = f"{figure.label} {figure.value:g} ({f})"
        parts.append(text if n == 0 and c > 0 else f"{'+' if c > 0 else '−'} {text}")
    return " ".join(parts)
