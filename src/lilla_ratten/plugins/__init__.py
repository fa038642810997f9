"""Plugins: hook specifications, the plugin host (loading and isolation), built-in types."""

import pluggy

hookimpl = pluggy.HookimplMarker("lilla_ratten")
