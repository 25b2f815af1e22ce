"""Wire the generated flat config into the repo's own `eslint.config.*`, keeping every line.

The import goes in a marked block after the file's last import; the spread goes as the
first element of the exported array (`export default [`, `defineConfig([`) or the first
argument of `tseslint.config(`. A config we cannot place it in is left alone, with a
note saying what to add by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from standards.model import Change
from standards.templating import js_str
from standards.wiring import BEGIN, END, marked

NAMES = ("eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts")
BINDING = "standardsConfig"
OPENERS = (
    re.compile(r"export\s+default\s+\["),
    re.compile(r"export\s+default\s+(?:\w+\.)?(?:defineConfig|config)\(\s*\["),
    re.compile(r"export\s+default\s+(?:\w+\.)?(?:defineConfig|config)\("),
)
SPREAD = f"/* {BEGIN} */ ...{BINDING}, /* {END} */"


def wire(root: Path, generated: str) -> tuple[Change, ...]:
    name = next((n for n in NAMES if (root / n).exists()), None)
    source = f"./{generated}"
    if name is None:
        text = f"import {BINDING} from {js_str(source)};\n\nexport default [...{BINDING}];\n"
        return (Change("eslint.config.mjs", None, text),)
    before = (root / name).read_text(encoding="utf-8")
    if name.endswith(".cjs") or "module.exports" in before:
        note = f"left alone: a CommonJS config cannot import ESM; spread {source} by hand"
        return (Change(name, before, before, note),)
    after = _with_spread(_with_import(before, source))
    if after is None:
        note = f"left alone: no exported array found; add `...{BINDING}` from {source} by hand"
        return (Change(name, before, before, note),)
    return (Change(name, before, after),)


def _with_import(text: str, source: str) -> str:
    line = f"import {BINDING} from {js_str(source)};"
    if f"// {BEGIN}" in text:
        return marked(text, line, "//")
    imports = list(re.finditer(r"^import\b[^;]*;[ \t]*$", text, re.M | re.S))
    block = f"// {BEGIN}\n{line}\n// {END}\n"
    at = imports[-1].end() + 1 if imports else 0
    return text[:at] + block + text[at:]


def _with_spread(text: str) -> str | None:
    if SPREAD in text:
        return text
    for opener in OPENERS:
        found = opener.search(text)
        if found:
            return text[: found.end()] + SPREAD + " " + text[found.end() :]
    return None
