"""Every cop the installed RuboCop (and the extensions the repo uses, where they are
installed) offers, read from `rubocop --show-cops`, with its default settings.

Debian ships RuboCop 1.39, so the catalog is whatever that version knows: a cop newer
than the installed RuboCop is never named in a config it would reject.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from typing import Any

import yaml

from standards.targets import ToolError
from standards.targets.rubocop.run import executable

INERT = ("Style/Copyright", "Lint/Syntax", "Style/DocumentationMethod")
"""Cops that only mean something with options a team chooses, or that cannot be turned off."""


class _Loader(yaml.SafeLoader):
    """Reads RuboCop's YAML, where some defaults are Ruby regexps (`!ruby/regexp`)."""


_Loader.add_multi_constructor("!ruby/", lambda loader, suffix, node: loader.construct_scalar(node))


@cache
def installed(extension: str) -> bool:
    """Whether RuboCop can load an extension (a gem) on this machine."""
    return _show(extension) is not None


@cache
def catalog(extensions: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """Cop name -> its default settings, for RuboCop and the given extensions."""
    found = _show(*extensions)
    if found is None:
        raise ToolError("could not list RuboCop's cops (rubocop --show-cops failed)")
    return {name: value for name, value in found.items() if "/" in name and name not in INERT}


@cache
def _show(*extensions: str) -> dict[str, Any] | None:
    """RuboCop's default settings of every cop, once per set of extensions."""
    command = [executable(), "--show-cops", *(a for e in extensions for a in ("--require", e))]
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(command, cwd=empty, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    loaded = yaml.load(done.stdout, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    return loaded if isinstance(loaded, dict) else None
