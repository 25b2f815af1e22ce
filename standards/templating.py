"""The one jinja2 environment every emitter renders with, and its escaping filters.

Every value taken from the repo (a path, a name, a pattern) passes through the filter of
the language it lands in, so a crafted folder name can never become code or config.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2
    import jinja2.bccache

PACKAGES = {"playbook": "standards.playbook"}
"""Template folders outside rule_templates/: the playbook lives with its method document."""


def _load(name: str) -> str:
    folder, _, file = name.partition("/")
    package = PACKAGES.get(folder, "standards.rule_templates")
    base = resources.files(package)
    path = base / file if folder in PACKAGES else base / folder / file
    return path.read_text(encoding="utf-8")


@cache
def environment() -> jinja2.Environment:
    import jinja2  # loaded when something is rendered, not by `standards check`

    from standards.cache import cache_dir

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        bytecode_cache=_compiled(cache_dir() / "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        toml_str=toml_str,
        toml_value=toml_value,
        glob_literal=glob_literal,
        yaml_str=yaml_str,
        js_str=js_str,
        js_json=js_json,
        ruby_str=ruby_str,
        md_inline=md_inline,
        md_text=md_text,
    )
    return env


def _compiled(folder: Path) -> jinja2.BytecodeCache | None:
    """Templates compiled once per source (jinja checks a digest of it), not on every run:
    compiling was most of rendering an unchanged repo's files. A folder that cannot be
    written only costs that time."""
    import jinja2

    class Compiled(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Compiled(str(folder))


def render(template: str, **values: object) -> str:
    return environment().get_template(template).render(**values)


def toml_str(value: object) -> str:
    """A TOML basic string; JSON's escapes are a subset TOML accepts."""
    return json.dumps(str(value), ensure_ascii=True)


def toml_value(value: object) -> str:
    """A TOML value on one line: strings escaped, lists as arrays, mappings as inline
    tables with quoted keys, booleans in TOML's spelling."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{toml_str(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return toml_str(value)


def glob_literal(value: object) -> str:
    """A glob that matches exactly `value`: metacharacters in classes, backslashes escaped."""
    escaped = str(value).replace("\\", "\\\\")
    return re.sub(r"[][*?{}]", lambda m: f"[{m.group()}]", escaped)


def yaml_str(value: object) -> str:
    """A double-quoted YAML scalar: ASCII-only JSON is valid YAML."""
    return json.dumps(str(value), ensure_ascii=True)


def js_str(value: object) -> str:
    """A JavaScript string literal that cannot close a script tag or a line."""
    return json.dumps(str(value), ensure_ascii=True).replace("</", "<\\/")


def js_json(value: object) -> str:
    """Data as a JavaScript literal: sorted JSON, ASCII only, unable to close a script tag."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=True).replace("</", "<\\/")


def ruby_str(value: object) -> str:
    """A single-quoted Ruby string: nothing inside is interpolated."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def md_inline(value: object) -> str:
    """A markdown code span that holds any text on one line."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def md_text(value: object) -> str:
    """Prose from the repo as one markdown line with no markup of its own."""
    text = " ".join(str(value).split())
    return re.sub(r"([\\`*_\[\]<|#])", r"\\\1", text)
