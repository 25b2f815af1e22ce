"""JavaScript (and JSX): one file's source into language-neutral `FileFacts`.

The TypeScript module reads its files with the same extraction and only another grammar,
so both languages' facts mean the same things. Linking sees both languages' files, since
one repo often mixes them and imports across.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.languages import linking, syntax
from standards.languages.javascript import (
    definitions,
    imports,
    migrations,
    orm,
    resolve,
    typeorm,
    web,
)
from standards.languages.javascript.query import captures, grammar
from standards.languages.javascript.style import style
from standards.model import FileFacts, Index, PathRoles, Table

NAME = "javascript"
EXTENSIONS: tuple[str, ...] = (".js", ".mjs", ".cjs", ".jsx")
FILE_TYPES: tuple[str, ...] = ("javascript", "jsx")
LINTER = "eslint"
CHECKER = "eslint"
FAMILY = ("javascript", "typescript")
"""Languages whose files import each other and resolve the same way."""


def roles(extensions: Sequence[str]) -> PathRoles:
    """Where JavaScript and TypeScript tooling puts tests, glue and generated code (a
    `cypress/` folder holds Cypress's specs, support code and fixtures; `*.cy.*` are its
    specs anywhere; uptime-kuma's `knex_migrations/` are its migrations); a dotfile
    (`.eslintrc.js`, `.releaserc.js`, `.mocharc.cjs`) is a tool's config, named by the tool."""
    folders = {"__tests__", "test", "tests", "spec", "e2e", "__mocks__", "cypress"}
    return PathRoles(
        test_folders=frozenset(folders),
        test_files=("*.test.*", "*.spec.*", "*.cy.*"),
        glue_files=(
            *(f"index{e}" for e in extensions),
            "*.config.*",
            ".*",
            "gulpfile.*",
            "Gruntfile.*",
        ),
        package_files=tuple(f"index{e}" for e in extensions),
        tool_folders=frozenset(
            {"migrations", "*_migrations", "*-migrations", "generated", "__generated__", "coverage"}
        ),
    )


ROLES = roles(EXTENSIONS)


def parse(path: str, source: bytes) -> FileFacts:
    return extract(NAME, "javascript", path, source)


def extract(language: str, grammar: str, path: str, source: bytes) -> FileFacts:
    """Everything the analyzers need to know about one file, or why it could not be read."""
    if problem := syntax.undecodable(source):
        return FileFacts(path, language, source.count(b"\n") + 1, problems=(problem,))
    text = source.decode("utf-8")
    root, nodes = captures(grammar, source)
    defined = definitions.definitions(nodes, imports.exported(nodes))
    branches = definitions.per_function(nodes["branch"])
    declared = [*typeorm.entities(nodes["class"], nodes["call"]), *migrations.schema(path, text)]
    return FileFacts(
        path=path,
        language=language,
        lines=len(text.splitlines()),
        definitions=tuple(sorted(defined)),
        imports=tuple(sorted([*imports.imports(nodes), *imports.type_imports(grammar, source)])),
        calls=tuple(sorted(orm.calls(nodes["call"]))),
        handlers=tuple(sorted(web.handlers(path, nodes, defined, branches))),
        routes=tuple(web.routes(nodes)),
        tables=tuple(sorted(t for t in declared if isinstance(t, Table))),
        indexes=tuple(sorted(i for i in declared if isinstance(i, Index))),
        migration=migrations.migration(path),
        style=style(text, nodes),
        problems=syntax.problems(root),
    )


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    return syntax.comments(grammar("javascript")[0], source)


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    return link_language(NAME, root, facts)


def link_language(language: str, root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """`language`'s files with imports resolved among JavaScript and TypeScript files,
    then handlers registered by reference marked where they are defined, and model calls
    on a package's classes, or in a browser app, left out."""
    family = [f for f in facts if f.language in FAMILY]
    resolve_ = resolve.resolver(root, [f.path for f in family])
    linked = [linking.resolved(f, resolve_) for f in family]
    own, manifest = orm.own(linked), resolve.manifests(root)
    return tuple(
        orm.own_models(f, own, orm.browser_app(manifest(f.path)))
        for f in web.register(linked)
        if f.language == language
    )
