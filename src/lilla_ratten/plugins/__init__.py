"""Plugins: hook specifications, the plugin host (loading and isolation), built-in types."""

import pluggy

hookimpl = pluggy.HookimplMarker("lilla_ratten")

# the plugin API's version: raised when something in ``lilla_ratten.api`` changes incompatibly.
# A plugin declares the one it was written for as ``LILLA_RATTEN_API = N``; a newer one is refused.
API_VERSION = 1
