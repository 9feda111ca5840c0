"""Snapshot of the claims view at 120×40: the shipped claims checked against the embedded data."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import press, settle
from tradetui.app import make_app


async def open_claims(pilot: Pilot) -> None:
    await settle(pilot)
    # The checks run in a worker; press settles until they are shown.
    await press(pilot, "5")


def test_claims_view(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_claims)
