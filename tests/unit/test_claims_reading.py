"""The claims format: sign-only claims, bounds, shares of something, and what is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradetui.data import claims
from tradetui.data.errors import DataError

BASE = {
    "text": "Trade between the two countries fell in the first half",
    "period": "2024-01..2024-06",
    "flow": "total",
    "metric": "yoy_pct",
}


def parse(**fields) -> claims.Claim:
    return claims.parse_claim({**BASE, **fields}, "a.toml", 4)


def refused(**fields) -> str:
    with pytest.raises(DataError) as err:
        parse(**fields)
    message = str(err.value)
    assert message.startswith('a.toml: claim 4 ("Trade between the two countries fell…"): ')
    assert "\n" not in message
    return message


def test_parse_claim_reads_one_table() -> None:
    claim = parse(value=Decimal("-2.50"), unit="pct", source="https://example.org/x")
    assert (claim.file, claim.index, claim.start, claim.end) == (
        "a.toml",
        4,
        "2024-01",
        "2024-06",
    )
    assert (claim.value, claim.written, claim.half_unit) == (-2.5, "-2.50", 0.005)
    assert (claim.sign, claim.bound, claim.approx) == (None, None, False)


def test_a_growth_claim_may_give_only_its_sign() -> None:
    claim = parse(sign="negative")
    assert (claim.value, claim.written, claim.sign, claim.unit) == (None, None, "negative", "pct")
    assert claims.stated_range(claim)[1] < 0


def test_a_balance_claim_may_give_only_its_sign() -> None:
    claim = parse(flow="balance", metric="value", sign="negative")
    assert (claim.unit, claim.sign) == ("USD bn", "negative")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "give either field 'value'"),
        ({"sign": "negative", "value": 1, "unit": "pct"}, "not both"),
        ({"sign": "down"}, "field sign: found 'down', expected positive or negative"),
        ({"sign": "negative", "metric": "value"}, "only a growth rate (yoy_pct, mom_pct)"),
        ({"sign": "negative", "metric": "share_pct", "flow": "RUS->CHN"}, "only a growth rate"),
        ({"sign": "negative", "unit": "USD bn"}, "field unit: 'USD bn' does not match"),
        ({"sign": "negative", "bound": "over"}, "a claim without a value has no bound"),
        ({"value": 200, "metric": "value"}, "missing field 'unit'"),
    ],
)
def test_sign_and_value_are_refused_where_they_do_not_fit(fields: dict, expected: str) -> None:
    assert expected in refused(**fields)


@pytest.mark.parametrize("bound", claims.BOUNDS)
def test_bounds(bound: str) -> None:
    claim = parse(value=200, unit="USD bn", metric="value", bound=bound)
    low, high = claims.stated_range(claim)
    assert {
        "about": (low, high) == (196, 204),
        "nearly": (low, high) == (196, 200.5),
        "over": (low, high) == (200, float("inf")),
        "under": (low, high) == (float("-inf"), 200),
    }[bound]


def test_approx_true_is_bound_about() -> None:
    claim = parse(value=200, unit="USD bn", metric="value", approx=True)
    assert (claim.bound, claim.approx) == ("about", True)
    assert "not both" in refused(value=200, unit="pct", approx=True, bound="about")
    assert "field bound: found 'more than'" in refused(value=200, unit="pct", bound="more than")


def test_share_of_names_what_the_share_is_of() -> None:
    share = {"metric": "share_pct", "flow": "RUS->CHN", "value": Decimal("4.3"), "unit": "pct"}
    assert parse(**share).share_of == "total"
    assert parse(**share, share_of="CHN imports").share_of == "CHN imports"
    assert "field share_of: found 'imports'" in refused(**share, share_of="imports")
    assert "only a share_pct claim has it" in refused(sign="negative", share_of="total")


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e13"])
def test_a_value_beyond_any_trade_figure_is_a_bad_claims_file(tmp_path: Path, value: str) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(
        '[[claim]]\ntext = "x"\nperiod = "2023"\nflow = "total"\nmetric = "value"\n'
        f'value = {value}\nunit = "USD bn"\n',
        "utf-8",
    )
    with pytest.raises(DataError, match=r"claim 1 .*field value: .* is beyond any trade figure"):
        claims.read_claims(path)


def test_a_claim_in_yuan() -> None:
    value = {"metric": "value", "value": Decimal("1.74"), "flow": "total"}
    assert parse(**value, unit="CNY trn").currency == "CNY"
    assert parse(**value, unit="USD bn").currency == "USD"
    assert parse(value=Decimal("2.7"), unit="pct", currency="CNY").currency == "CNY"
    assert "currency: CNY does not match unit 'USD bn'" in refused(
        **value, unit="USD bn", currency="CNY"
    )
    assert "field currency: found 'RUB'" in refused(value=1, unit="pct", currency="RUB")


def test_a_record_may_stand_alone_on_a_level() -> None:
    alone = parse(metric="value", record=True)
    assert (alone.record, alone.value, alone.sign, alone.unit) == (True, None, None, "USD bn")
    with_value = parse(metric="value", record=True, value=Decimal("240.11"), unit="USD bn")
    assert (with_value.record, with_value.value) == (True, 240.11)
    assert "only a level of trade" in refused(record=True)  # a growth rate
    assert "a record has no sign" in refused(metric="value", sign="positive", record=True)
    assert "field record: found a string" in refused(metric="value", record="yes")
