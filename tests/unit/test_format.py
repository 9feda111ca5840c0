"""The one number format: units, decimals, the minus policy and zero."""

from __future__ import annotations

import itertools

import pytest

from tradetui.present.format import ASCII_MINUS, TRUE_MINUS, Format, machine_text


def test_numbers_use_separators_one_decimal_and_a_true_minus() -> None:
    fmt = Format()
    assert fmt.number(1234.56) == "1,234.6"
    assert fmt.number(-2.04) == f"{TRUE_MINUS}2.0"
    assert fmt.number(None) == fmt.missing == "—"


def test_growth_is_signed_both_ways() -> None:
    fmt = Format()
    assert fmt.growth(12.84) == "+12.8%"
    assert fmt.growth(-4.2) == "−4.2%"
    assert fmt.growth(None) == "—"
    assert fmt.points(1.25) == "+1.2 pp"


def test_the_format_sets_decimals_and_the_unit_of_money() -> None:
    fmt = Format("mn", 2)
    assert fmt.money(1.23456) == "1,234.56"
    assert fmt.money(-0.5) == "−500.00"
    assert fmt.unit_label == "USD mn"
    assert fmt.number(12.5) == "12.50"  # a percentage or share keeps its scale
    assert fmt.growth(3.14159) == "+3.14%"
    assert fmt.with_unit(25.0) == "USD 25,000.00 mn"
    assert Format("bn", 0).money(228.14) == "228"


def test_a_value_that_rounds_to_zero_is_written_without_a_sign() -> None:
    for fmt, value in itertools.product(
        (Format(), Format("mn", 2), Format(decimals=0), Format().for_machine()),
        (0.0, -0.0, 1e-9, -1e-9, -4e-7, 4e-7),
    ):
        for text in (fmt.money(value), fmt.balance(value), fmt.growth(value), fmt.points(value)):
            assert not text.startswith(("+", TRUE_MINUS, ASCII_MINUS)), (fmt, value, text)


@pytest.mark.parametrize("value", [-1234.5678, -0.06, -7.0, -250000.0])
def test_the_machine_format_reads_back_as_the_same_number(value: float) -> None:
    fmt = Format("mn", 2).for_machine()
    text = fmt.money(value)
    assert TRUE_MINUS not in text and "," not in text
    assert float(text) == pytest.approx(value * 1000, abs=0.005)
    # and the screen's text, copied, becomes the machine's
    assert machine_text(Format("mn", 2).money(value)) == text


def test_a_positive_balance_is_signed_and_a_negative_one_has_a_true_minus() -> None:
    fmt = Format()
    assert fmt.balance(1.04) == "+1.0"
    assert fmt.balance(-2.1) == "−2.1"
    assert fmt.money(1.04) == "1.0"


def test_axis_labels_are_never_cut_and_follow_the_format() -> None:
    fmt = Format("mn", 2)
    labels = fmt.axis_labels([0.0, 5000.0, 10000.0, 25000.0])
    assert labels == ["0", "5,000", "10,000", "25,000"]
    assert fmt.axis_width([0.0, 5000.0, 25000.0]) == len("25,000")
    assert Format().axis_labels([-0.5, 0.0, 0.5]) == ["−0.5", "0.0", "0.5"]


def test_text_that_is_not_a_figure_is_copied_as_it_is() -> None:
    assert machine_text("Sep") == "Sep"
    assert machine_text("—") == "—"
    assert machine_text("−4.2%") == "-4.2%"


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError):
        Format("kn")


def test_exports_write_figures_in_the_machine_policy(tmp_path) -> None:
    import json

    import polars as pl

    from tradetui.data.export import write_frame

    frame = pl.DataFrame({"period": ["2023-09"], "balance": [-1234.5]})
    csv = write_frame(frame, tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "-1234.5" in csv and TRUE_MINUS not in csv and "1,234" not in csv
    dumped = write_frame(frame, tmp_path / "out.json").read_text(encoding="utf-8")
    assert json.loads(dumped)[0]["balance"] == -1234.5
    assert float(Format().for_machine().number(-1234.5)) == -1234.5
