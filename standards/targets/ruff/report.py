"""Ruff's JSON-lines report read as `Violation`s: every finding, or only the first of each
rule in each file.

Why: `--select ALL` on a large repo reports hundreds of thousands of findings (Django:
177,000 lines, 90 MB), and what the rule probes learn from is only which files break
each rule, with one example each. Decoding every line cost more than ruff's own run;
a line whose rule and file were already seen is recognised from its raw bytes instead
(ruff writes `code` and `filename` first, and a JSON string holds no bare quote), and
only the first of each pair is decoded. A line the shortcut cannot read is decoded.
Rule codes are interned: kept findings then store each code once, and load faster.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from standards.model import Violation

DECODER = json.JSONDecoder()
"""Each line is one JSON object: decoded without `json.loads`' checks around it."""
SYNTAX = "syntax-error"
START = b'{"cell":null,"code":"'
FILENAME = b'"filename":"'


def findings(stdout: bytes, prefix: str, tool: str, first: bool) -> Iterator[Violation]:
    """The findings of one report in ruff's order (with `first`, the first of each rule in
    each file); `prefix` is the resolved repo root, which ruff's file names start with."""
    seen: set[bytes] = set()
    kept: set[tuple[str, str]] = set()
    # split on newlines only: a path may hold U+2028, which splitlines() splits on
    for line in filter(None, stdout.split(b"\n")):
        if first and (key := _key(line)) is not None:
            if key in seen:
                continue
            seen.add(key)
        item = DECODER.raw_decode(line.decode("utf-8", "surrogateescape"))[0]
        found = _violation(prefix, item, tool)
        if first:
            if (found.rule, found.path) in kept:
                continue
            kept.add((found.rule, found.path))
        yield found


def _key(line: bytes) -> bytes | None:
    """The rule and file name of a line as ruff wrote them, or None when the line is not
    laid out as expected (or its file name ends in an escape): decode it then."""
    if not line.startswith(START):
        return None
    code = line.find(b'"', len(START))
    name = line.find(FILENAME, code)
    end = line.find(b'"', name + len(FILENAME))
    if code < 0 or name < 0 or end < 0 or line[end - 1] == ord("\\"):
        return None
    return line[len(START) : code] + b"\0" + line[name + len(FILENAME) : end]


def _violation(prefix: str, item: dict[str, Any], tool: str) -> Violation:
    location = item.get("location") or {}
    filename = str(item["filename"]).removeprefix(prefix)
    code = sys.intern(str(item.get("code") or SYNTAX))
    return Violation(
        path=filename.replace(os.sep, "/"),
        line=int(location.get("row", 1)),
        rule=SYNTAX if code == "invalid-syntax" else code,
        message=str(item.get("message", "")),
        tool=tool,
    )
