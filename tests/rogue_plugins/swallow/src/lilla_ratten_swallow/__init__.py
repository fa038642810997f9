"""A validator that retries forever, catching everything: the app's interruption included."""

from __future__ import annotations

import time

from lilla_ratten import api


@api.hookimpl
def lr_validate(project):
    while True:
        try:
            time.sleep(0.05)
        except BaseException:  # noqa: BLE001 - the bug under test
            pass
