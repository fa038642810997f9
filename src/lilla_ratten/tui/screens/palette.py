"""The command palette (Ctrl+P) in the user's language: Textual says "No matches found" in English."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from lilla_ratten.i18n import _
from lilla_ratten.tui.text import styled


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        # as Textual's own, with the words translated (the rest of the palette is ours already)
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(styled("[not bold]$words[/]", words=_("No matches")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
