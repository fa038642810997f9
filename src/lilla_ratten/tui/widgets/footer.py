"""The footer, with each key's description in the language the app speaks now.

Binding descriptions are ``N_`` msgids (ours and the plugins'), not text translated when
their module was imported: whoever imported the TUI first would otherwise choose the
language of every footer after it (a test kit's ``lr_app(lang="en")`` after a Swedish
app). Textual's footer reads ``binding.description`` each time it is composed; here
that text is translated (``i18n.shown``) as it is put on screen.

Textual recomposes its footer each time the screen's bindings are refreshed — a question
opening over the screen and closing, the focus leaving and coming back — even when the
keys shown stay the same: a dozen keys restyled, laid out and drawn, most of the time of
``d`` (the delete question) and ``y`` (the row gone) on any list (issue 34). Here the footer
is composed again only when what it would show differs from what it shows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel

from lilla_ratten.i18n import shown


class Footer(TextualFooter):
    _shown_keys: Any = None

    def _keys(self, screen: Any) -> tuple:
        """What ``compose`` would show for ``screen``'s bindings, in the language spoken now."""
        out = []
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
            if not binding.show and key != self.app.COMMAND_PALETTE_BINDING:
                continue  # not in the footer
            group = binding.group
            out.append((key, binding.action, shown(binding.description), enabled, tooltip,
                        self.app.get_key_display(binding), group and (shown(group.description), group.compact)))
        return (self.show_command_palette, tuple(out))

    def bindings_changed(self, screen: Any) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen and self._keys(screen) == self._shown_keys:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown_keys = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = shown(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = shown(widget.tooltip)
            elif isinstance(widget, FooterLabel) and isinstance(widget.content, str):  # a binding group's words
                widget.update(shown(widget.content))
            yield widget
