"""Whether the repo's migrations index the foreign-key-like columns they add.

Why: a column that points at another table is joined and filtered on; added without an
index, every such query scans the table, and nobody notices until it is large. Django
indexes a ForeignKey unless `db_index=False`; Rails indexes `add_reference` and
`t.references` unless `index: false`, but not a bare `add_column :x, :user_id`; Alembic
indexes nothing unless `index=True` or an `op.create_index` names the column. Each
dialect is described as regular expressions that Python (learning, over today's
migrations) and JavaScript (the dangerfile, over a change's added lines) both apply,
so the check and its evidence read migrations the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from standards.analyzers.evidence import evidence, standard
from standards.model import Example, Settings, SourceFile, Standard
from standards.targets.danger.gate import gated


@dataclass(frozen=True)
class Dialect:
    """How one migration tool adds a column: `columns` are (pattern, indexed by default);
    each pattern captures the column's name and the rest of its call."""

    name: str
    language: str
    files: str
    columns: tuple[tuple[str, bool], ...]
    unindexed: str
    indexed: str
    index_of: str
    """A separate index on the column, `{column}` standing for its name."""


PYTHON_MIGRATIONS = r"(^|/)(migrations|alembic|versions)/(.*/)?[^/]+\.py$"
"""Django's and Alembic's folders (Alembic's `versions/` sits wherever a project puts
it); each dialect's patterns match only its own syntax
(`models.ForeignKey(` against `Column(`), so a file is read by the one that wrote it."""
REST = r"([^\n]*)"
RUBY_NAME = r"[:'\"]?\w+['\"]?"
"""A table or column as Rails migrations name it: `:orders`, `"orders"`."""
NEVER = r"(?!)"
"""A pattern nothing matches: Django has no separate index a ForeignKey needs."""
DIALECTS = (
    Dialect(
        "django",
        "python",
        PYTHON_MIGRATIONS,
        (
            (
                r"['\"](\w+)['\"]\s*,\s*(?:field\s*=\s*)?models\."
                r"(?:ForeignKey|OneToOneField)\(([^)]*)\)",
                True,
            ),
        ),
        r"db_index\s*=\s*False",
        r"db_index\s*=\s*True",
        NEVER,
    ),
    Dialect(
        "alembic",
        "python",
        PYTHON_MIGRATIONS,
        (
            (rf"Column\(\s*['\"](\w+_id)['\"]{REST}", False),
            (r"Column\(\s*['\"](\w+)['\"]([^\n]*ForeignKey[^\n]*)", False),
        ),
        r"index\s*=\s*False",
        r"index\s*=\s*True|primary_key\s*=\s*True",
        r"create_index\([^\[]*\[\s*['\"]{column}['\"]",
    ),
    Dialect(
        "rails",
        "ruby",
        r"(^|/)db/migrate/[^/]+\.rb$",
        (
            (rf"add_reference\s*\(?\s*{RUBY_NAME}\s*,\s*[:'\"](\w+)['\"]?{REST}", True),
            (rf"t\.(?:references|belongs_to)\s*\(?\s*[:'\"](\w+)['\"]?{REST}", True),
            (rf"add_column\s*\(?\s*{RUBY_NAME}\s*,\s*[:'\"](\w+_id)\b['\"]?{REST}", False),
            (rf"t\.(?:column|integer|bigint|uuid)\s*\(?\s*[:'\"](\w+_id)\b['\"]?{REST}", False),
        ),
        r"index:\s*false|:index\s*=>\s*false",
        r"index:\s*(?:true|\{)|:index\s*=>\s*(?:true|\{)",
        rf"(?:add_index\s*\(?\s*{RUBY_NAME}\s*,\s*|t\.index\s*\(?\s*)\[?\s*[:'\"]{{column}}\b",
    ),
)


def standard_id(language: str) -> str:
    return f"indexes.{language}.migration-foreign-keys"


def columns(dialect: Dialect, text: str, context: str) -> Iterator[tuple[str, bool]]:
    """Each foreign-key-like column the migration text adds, and whether it is indexed
    there or by a separate index anywhere in `context` (all of the migrations read)."""
    seen = set()
    for pattern, by_default in dialect.columns:
        for match in re.finditer(pattern, text):
            column, rest = match.group(1), match.group(2)
            if column in seen:
                continue
            seen.add(column)
            separate = dialect.index_of.replace("{column}", re.escape(column))
            off = re.search(dialect.unindexed, rest) is not None
            on = by_default or re.search(dialect.indexed, rest) or re.search(separate, context)
            yield column, bool(on) and not off


def learn(root: Path, files: Sequence[SourceFile], settings: Settings) -> list[Standard]:
    found = []
    for language in sorted({d.language for d in DIALECTS}):
        followed: list[Example] = []
        broken: list[Example] = []
        for dialect in (d for d in DIALECTS if d.language == language):
            paths = sorted(f.path for f in files if re.search(dialect.files, f.path))
            texts = {p: (root / p).read_text(encoding="utf-8", errors="replace") for p in paths}
            context = "\n".join(texts.values())
            for path, text in texts.items():
                for column, indexed in columns(dialect, text, context):
                    (followed if indexed else broken).append(Example(path, 1, column))
        if followed or broken:
            s = _standard(language, followed, broken)
            if (kept := gated(s, settings)) is not None:
                found.append(kept)
    return found


def _standard(language: str, followed: list[Example], broken: list[Example]) -> Standard:
    return standard(
        standard_id(language),
        language=language,
        rule="Index every foreign-key-like column a migration adds.",
        why="Such columns are joined and filtered on; without an index every such query "
        "scans the table.",
        parameters={},
        ev=evidence(followed, broken),
        targets=("danger",),
    )


def dialects(language: str) -> list[Mapping[str, object]]:
    """The dialects of a language as the dangerfile reads them."""
    return [
        {
            "name": d.name,
            "files": d.files,
            "columns": [list(c) for c in d.columns],
            "unindexed": d.unindexed,
            "indexed": d.indexed,
            "index_of": d.index_of,
        }
        for d in DIALECTS
        if d.language == language
    ]
