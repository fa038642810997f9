"""Small plugins loaded with --plugin / $LILLA_RATTEN_PLUGINS in tests."""

from lilla_ratten import api


class _Good:
    @api.hookimpl
    def lr_sections(self):
        return []


good = _Good()
