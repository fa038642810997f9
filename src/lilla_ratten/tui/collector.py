"""The garbage collector after a large view is built: what it built is set aside, in idle time.

The app freezes what exists at its first frame (``app._after_first_frame``); a list built
afterwards (the activity tab's 50 000 rows, their lookups and orders) is young, and the
collector's first full pass over it fell on the next key that allocated: the first delete
after opening the tab took 31 ms of CPU in one generation-2 pass, later deletes none.
Frozen after the frame that shows the list, a full pass no longer walks it. Objects frozen
are still freed when nothing refers to them; only a reference cycle among them would stay.
"""

from __future__ import annotations

import gc
from typing import Any

LARGE = 2_000  # rows: below this a full pass costs little, and nothing is frozen


def built(widget: Any, rows: int) -> None:
    """``widget`` has just computed ``rows`` rows anew: after its frame, freeze what is alive."""
    if rows >= LARGE and gc.isenabled():
        widget.call_after_refresh(_settle)


def _settle() -> None:
    if gc.isenabled():
        gc.collect(1)  # the young garbage goes first, so it is not kept for good
        gc.freeze()
