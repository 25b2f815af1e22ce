"""The repo's own config files, read as data and never run.

A missing or unreadable file, or one its format rejects, is None: a team's config is
evidence where it can be read, and no reason to stop where it cannot. Text that is not
UTF-8 is read with replacement characters (a setup.cfg with an author's name in Latin-1
still says which Python it needs).
"""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path
from typing import Any


def toml(path: Path) -> dict[str, Any] | None:
    """The TOML document at `path`."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, tomllib.TOMLDecodeError):
        return None


def ini(path: Path) -> configparser.ConfigParser | None:
    """The INI file at `path` (setup.cfg, tox.ini), a key repeated as its last value."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"), source=str(path))
    except (OSError, configparser.Error):
        return None
    return parser
