"""Snapshots at unit = "mn", decimals = 2: the table, the chart's axis and the summary dialog."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import main, settle
from tradetui.app import make_app
from tradetui.config import Config

MN_2 = Config(unit="mn", decimals=2)


async def loaded(pilot: Pilot) -> None:
    await settle(pilot)


async def summary_jan_sep_2023(pilot: Pilot) -> None:
    await settle(pilot)
    main(pilot).open_summary("2023-01", "2023-09")
    await settle(pilot)


def test_main_screen_with_chart_in_usd_mn(snap_compare) -> None:
    assert snap_compare(
        make_app(settings=MN_2), press=["4"], terminal_size=(120, 40), run_before=loaded
    )


def test_summary_in_usd_mn(snap_compare) -> None:
    assert snap_compare(
        make_app(settings=MN_2), terminal_size=(120, 40), run_before=summary_jan_sep_2023
    )
