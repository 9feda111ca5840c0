"""Properties of the number format over any value, unit and decimals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tradetui.present.format import ASCII_MINUS, MISSING, TRUE_MINUS, Format, machine_text

values = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
formats = st.builds(Format, unit=st.sampled_from(["bn", "mn"]), decimals=st.integers(0, 3))


@given(values, formats)
def test_the_machine_text_reads_back_as_the_rounded_value(value: float, fmt: Format) -> None:
    text = fmt.for_machine().money(value)
    assert TRUE_MINUS not in text and "," not in text
    assert float(text) == round(value * fmt.scale, fmt.decimals)
    # The screen's text, copied, is the machine's text.
    assert machine_text(fmt.money(value)) == text


@given(values, formats)
def test_a_sign_is_written_only_for_a_value_that_does_not_round_to_zero(
    value: float, fmt: Format
) -> None:
    shown = round(value * fmt.scale, fmt.decimals)
    for text in (fmt.money(value), fmt.balance(value)):
        assert text.startswith(TRUE_MINUS) == (shown < 0)
        assert ASCII_MINUS not in text
    assert fmt.balance(value).startswith("+") == (shown > 0)
    assert fmt.growth(value).startswith("+") == (round(value, fmt.decimals) > 0)


@given(st.lists(values, min_size=2, max_size=8, unique=True).map(sorted), formats)
def test_axis_width_fits_every_label(ticks: list[float], fmt: Format) -> None:
    labels = fmt.axis_labels(ticks)
    assert len(labels) == len(ticks)
    assert fmt.axis_width(ticks) == max(len(label) for label in labels)
    assert MISSING not in labels


@given(formats)
def test_missing_is_one_mark_in_every_format(fmt: Format) -> None:
    for text in (fmt.money(None), fmt.growth(None), fmt.points(None), fmt.balance(None)):
        assert text == MISSING
