"""What a claim is and what its check says: the records shared by reading, rules and output."""

from __future__ import annotations

from dataclasses import dataclass, field

CONSISTENT = "consistent"
DIRECTION_SWAPPED = "direction-swapped"
DIFFERENT_BASIS = "different-basis"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not-checkable"
VERDICTS = (CONSISTENT, DIRECTION_SWAPPED, DIFFERENT_BASIS, INCONSISTENT, NOT_CHECKABLE)

METRICS = ("value", "yoy_pct", "mom_pct", "share_pct")
# Units allowed per metric, with their factor from USD bn where it applies.
METRIC_UNITS: dict[str, dict[str, float | None]] = {
    "value": {"USD bn": 1.0, "USD mn": 1000.0, "CNY bn": 1.0, "CNY mn": 1000.0, "CNY trn": 0.001},
    "yoy_pct": {"pct": None},
    "mom_pct": {"pct": None},
    "share_pct": {"pct": None},
}
CURRENCIES = ("USD", "CNY")  # GACC publishes both; the data's series is in dollars
SIGNS = ("positive", "negative")
# How a stated figure bounds the true one: "about 21", "nearly 81.4", "over 200", "under 20".
BOUNDS = ("about", "nearly", "over", "under")
SHARE_TOTAL = "total"  # a direction's share of the pair's own total trade

APPROX_SHARE = 0.02  # "about", "nearly": within 2% of the stated figure
APPROX_PP = 1.0  # ... and for a percentage at least one point ("nearly 30%" for 29.3%)


def claim_label(file: str, index: int, text: object) -> str:
    """'claims.toml: claim 3 ("Trade in the first three…")'."""
    words = text.split() if isinstance(text, str) else []
    kept: list[str] = []
    for word in words[:6]:
        if kept and len(" ".join([*kept, word])) > 48:
            break
        kept.append(word)
    snippet = " ".join(kept) + ("…" if len(kept) < len(words) else "")
    return f'{file}: claim {index} ("{snippet}")' if snippet else f"{file}: claim {index}"


@dataclass(frozen=True)
class Claim:
    """One claim as written, with its period resolved to months and its precision.

    A claim states either a figure (``value``) or only the sign of one (``sign``:
    "the balance favours Russia", "trade fell").
    """

    file: str
    index: int  # 1-based position in its file
    text: str
    source: str | None
    period: str  # as written
    start: str  # YYYY-MM
    end: str
    flow: str  # as written: total | balance | XXX->YYY
    metric: str
    value: float | None  # in ``unit``; None for a sign-only claim
    written: str | None  # the value as written in the file, e.g. "176.4"
    half_unit: float  # half a unit of the last stated digit, in ``unit`` (0 without a value)
    unit: str
    bound: str | None = None  # one of BOUNDS; None for a figure stated as exact
    sign: str | None = None  # one of SIGNS, for a claim without a magnitude
    share_of: str = SHARE_TOTAL  # share_pct only: "total", or e.g. "CHN imports" (world)
    currency: str = "USD"  # the figure's currency: a yuan value, or growth in yuan terms
    record: bool = False  # "a record": above every earlier period of its kind

    @property
    def approx(self) -> bool:
        return self.bound == "about"

    @property
    def label(self) -> str:
        return claim_label(self.file, self.index, self.text)


@dataclass(frozen=True)
class Published:
    """A published figure a claim was compared with: its id, figure and page."""

    figure_id: str
    value: float  # in the claim's unit
    source_url: str | None
    kind: str  # month | ytd | year
    currency: str | None


@dataclass(frozen=True)
class Check:
    """The verdict on one claim. Figures are in the claim's unit."""

    claim: Claim
    verdict: str
    computed: float | None  # the figure from the data for the stated flow
    difference: float | None  # stated - computed
    tolerance: float  # largest |difference| still consistent at the stated precision
    basis: str | None  # "data" (levels), "published" or "computed" (growth rates)
    figure_id: str | None = None  # the published figure ``computed`` is, when it is one
    low: float | None = None  # a computed growth rate: what rounding and revisions allow
    high: float | None = None
    published: Published | None = None  # the published figure the verdict rests on
    opposite_flow: str | None = None  # the flow the claim fits instead (direction-swapped)
    opposite_value: float | None = None
    reason: str | None = None  # why not checkable
    notes: tuple[str, ...] = field(default=())  # first release, truncation, basis, ...
