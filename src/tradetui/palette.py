"""Textual's command palette, with paging made safe.

Right after the commands arrive, the palette's list has no lines laid out yet (that
happens on the next refresh), and Textual 8's page up / page down look them up and fail
with a KeyError. The seeded monkey test (tests/app/test_monkey.py) found it; until then
paging has nothing to move through, so it waits for the layout.
"""

from __future__ import annotations

from textual.command import CommandList
from textual.command import CommandPalette as TextualPalette


class CommandPalette(TextualPalette):
    def _action_command_list(self, action: str) -> None:
        commands = self.query_one(CommandList)
        if action in ("page_up", "page_down") and not commands.scrollable_content_region:
            return
        super()._action_command_list(action)
