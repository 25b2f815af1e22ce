"""Wire a generated `rubocop.yml` into the repo's `.rubocop.yml` through `inherit_from`.

Why: plain `rubocop` from the repo root should apply the learned cops, with the team's
own settings still winning. RuboCop applies `inherit_from` files in order and the file's
own keys last, so ours goes first in the list. The entry is one marked block: at the top
of a config with no `inherit_from` (created if the file is absent), or as the first item
of the team's block list. Every line a person wrote stays; an inline `inherit_from`
(`inherit_from: .rubocop_todo.yml`) is left alone with a note, since adding to it would
mean rewriting their line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from standards.model import Change
from standards.templating import yaml_str
from standards.wiring import BEGIN, END, WiringError

FILE_NAME = "rubocop.yml"
REPO_CONFIG = ".rubocop.yml"
KEY = "inherit_from"


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """The change that makes `.rubocop.yml` inherit the generated config, if there is one."""
    if not (out / FILE_NAME).exists():
        return ()
    entry = Path(os.path.relpath(out / FILE_NAME, root)).as_posix()
    path = root / REPO_CONFIG
    before = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        after = inherited(before or "", entry)
    except WiringError as error:
        return (Change(REPO_CONFIG, before, before or "", f"left alone: {error}"),)
    return (Change(REPO_CONFIG, before, after),)


def inherited(text: str, entry: str) -> str:
    """`text` with `entry` first in its top-level `inherit_from` list, in a marked block
    that replaces an earlier one; the rest of the document parses to what it did."""
    own = _without_block(text)
    document = _mapping(own)
    current = document.get(KEY)
    if current == entry or (isinstance(current, list) and entry in current):
        return own
    quoted = yaml_str(entry)
    lines = own.splitlines(True)
    if current is None:
        at = next((i for i, line in enumerate(lines) if re.match(r"[^\s#]", line)), len(lines))
        block = [f"# {BEGIN}\n", f"{KEY}:\n", f"  - {quoted}\n", f"# {END}\n"]
    else:
        at, indent = _first_item(lines, current)
        block = [f"{indent}# {BEGIN}\n", f"{indent}- {quoted}\n", f"{indent}# {END}\n"]
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    after = "".join([*lines[:at], *block, *lines[at:]])
    _check(document, _mapping(after), entry)
    return after


def _without_block(text: str) -> str:
    """`text` without the block an earlier install added."""
    pattern = rf"^[ \t]*# {re.escape(BEGIN)}\n.*?^[ \t]*# {re.escape(END)}\n?"
    return re.sub(pattern, "", text, count=1, flags=re.M | re.S)


def _first_item(lines: list[str], current: object) -> tuple[int, str]:
    """Where the first item of the block list under `inherit_from:` starts, and its indent."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"{KEY}:\s*(#.*)?$", line)), None)
    if start is None or not isinstance(current, list):
        raise WiringError(f"{KEY} is written inline; put it first in that list by hand")
    for i in range(start + 1, len(lines)):
        found = re.match(r"([ \t]*)- ", lines[i])
        if found:
            above = i
            while above - 1 > start and lines[above - 1].lstrip().startswith("#"):
                above -= 1
            return above, found.group(1)
    raise WiringError(f"no list under {KEY} found")


def _mapping(text: str) -> dict[str, object]:
    import yaml

    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise WiringError(f"not valid YAML: {error}") from error
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise WiringError("the file is not a mapping of settings")
    return document


def _check(before: dict[str, object], after: dict[str, object], entry: str) -> None:
    """Only our entry changed: first in `inherit_from`, the rest as it was."""
    listed = after.get(KEY)
    old = before.get(KEY)
    kept = [] if old is None else old if isinstance(old, list) else [old]
    if listed != [entry, *kept] or {**after, KEY: None} != {**before, KEY: None}:
        raise WiringError(f"could not add {entry} to {KEY} safely")
