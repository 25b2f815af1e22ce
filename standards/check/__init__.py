"""check: changed files against the generated standards (`runner`).

`CheckError` lives here, not beside the runner that raises it, so the entry point can
catch it without importing the checker first: git is asked about changed files before
that import, and works meanwhile.
"""

from __future__ import annotations


class CheckError(Exception):
    """The generated standards are missing or unusable; says what to run instead."""
