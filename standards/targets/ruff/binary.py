"""How to start ruff: its binary itself, found the way `python -m ruff` finds it.

`python -m ruff` starts an interpreter only to exec the binary: 80 ms of CPU (more with
many site packages) before ruff starts, on each of the dozen runs learning takes and on
the two every `standards check` makes.
"""

from __future__ import annotations

import sys
import threading
from functools import cache

_FINDING = threading.Lock()
"""`standards check` runs ruff's format and lint checks in two threads at once, and the
lookup's first use of `sysconfig` is not thread-safe: one thread would see its variables
half filled."""


@cache
def ruff() -> list[str]:
    """The command that runs ruff: the binary of the `ruff` package installed with us."""
    try:
        from ruff import find_ruff_bin  # type: ignore[import-untyped]

        with _FINDING:
            return [find_ruff_bin()]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "ruff"]
