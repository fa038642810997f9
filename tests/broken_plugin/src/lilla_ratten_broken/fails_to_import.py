"""A plugin whose import fails, as when a dependency is missing."""

import a_module_that_is_not_installed  # noqa: F401
