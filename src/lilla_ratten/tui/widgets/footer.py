"""The footer, with each key's description in the language the app speaks now.

Binding descriptions are ``N_`` msgids (ours and the plugins'), not text translated when
their module was imported: whoever imported the TUI first would otherwise choose the
language of every footer after it (a test kit's ``lr_app(lang="en")`` after a Swedish
app). Textual's footer reads ``binding.description`` each time it is composed; here
that text is translated (``i18n.shown``) as it is put on screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel

from lilla_ratten.i18n import shown


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = shown(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = shown(widget.tooltip)
            elif isinstance(widget, FooterLabel) and isinstance(widget.content, str):  # a binding group's words
                widget.update(shown(widget.content))
            yield widget
