"""Ruby (and Rails): one file's source into language-neutral `FileFacts`.

Rails code depends on other files by naming their constants, not by requiring them, so
a file's imports are the constants it names, resolved to files by Zeitwerk's rules when
the repo is linked; that is what layering, service discovery and the custom cops see.
Roles follow Rails' folders: specs and tests, glue that boots the app, and what Rails
writes itself (migrations, `db/schema.rb`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from posixpath import dirname

from standards.languages import linking, syntax
from standards.languages.ruby import autoload, definitions, imports, models, orm, schema, web
from standards.languages.ruby.query import captures, grammar
from standards.languages.ruby.style import style
from standards.model import FileFacts, Import, PathRoles

NAME = "ruby"
EXTENSIONS: tuple[str, ...] = (".rb", ".rake")
FILE_TYPES: tuple[str, ...] = ("ruby",)
LINTER = "rubocop"
CHECKER = "rubocop"
ROLES = PathRoles(
    test_folders=frozenset({"spec", "test", "features"}),
    test_files=("*_spec.rb", "*_test.rb"),
    glue_files=(
        "config.ru",
        "Rakefile",
        "Gemfile",
        "*.gemspec",
        "*.rake",
        "routes.rb",
        "application.rb",
        "environment.rb",
        "boot.rb",
        "spec_helper.rb",
        "rails_helper.rb",
        "test_helper.rb",
        ".*",
    ),
    tool_folders=frozenset({"migrate", "initializers", "environments", "locales"}),
    tool_files=("db/schema.rb", "db/seeds.rb", "bin/*", f"db/*/{'[0-9]' * 14}_*.rb"),
)
"""RSpec's and minitest's names; files that boot and wire the app, and a tool's dotfile
(`.pryrc.rb`, `.active_record_doctor.rb`); what Rails writes or dictates (migrations,
also those a team archives beside `db/migrate`, the schema dump, generated initializers
and environments)."""


def parse(path: str, source: bytes) -> FileFacts:
    """Everything the analyzers need to know about one file, or why it could not be read."""
    if problem := syntax.undecodable(source):
        return FileFacts(path, NAME, source.count(b"\n") + 1, problems=(problem,))
    text = source.decode("utf-8")
    root, nodes = captures(source)
    defined = definitions.namespaced(definitions.definitions(nodes), path)
    migration = schema.migration(path)
    if migration is not None or schema.is_schema(path):
        tables, indexes = schema.schema(nodes["call"], migration is not None)
    else:
        tables = list(models.models(path, nodes["scope"]))
        indexes = models.primary_keys(tables)
    return FileFacts(
        path=path,
        language=NAME,
        lines=len(text.splitlines()),
        definitions=tuple(sorted(defined)),
        imports=tuple(sorted(imports.imports(nodes))),
        calls=tuple(sorted(orm.calls(nodes["call"]))),
        handlers=tuple(sorted(web.handlers(path, defined))),
        routes=tuple(web.routes(path, nodes["call"])),
        tables=tuple(tables),
        indexes=tuple(sorted(indexes)),
        migration=migration,
        style=style(text, nodes),
        problems=syntax.problems(root),
    )


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    return syntax.comments(grammar()[0], source)


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Ruby files with the constants they name resolved to the files that define them,
    and handlers marked with their routes."""
    ruby = [f for f in facts if f.language == NAME]
    resolve = autoload.resolver(f.path for f in ruby)
    linked = [linking.resolved(f, partial(_across, resolve=resolve)) for f in ruby]
    return models.link(web.link(linked))


def _across(path: str, item: Import, resolve: autoload.Resolve) -> str | None:
    """The file a constant names, when it lies in another part of the app.

    Zeitwerk loads a folder's files as one namespace, and Rails all of `app/models` (or
    `app/controllers`...) as one tree: a model naming another model, in its folder or a
    namespace's (`app/models/spree/calculator/` naming `Spree::TaxRate`), is not a
    dependency between parts of the app, and would drown the ones that are (a model
    naming a controller). Files a `require` names are resolved wherever they are.
    """
    target = resolve(path, item)
    if target is not None and item.names and _part(target) == _part(path):
        return None
    return target


APP_PART = re.compile(r"(?:.*/)?app/[^/]+/")
"""Where Rails autoloads a file from: `app/models/` of app/models/spree/order.rb, and an
engine's `core/app/models/`."""


def _part(path: str) -> str:
    """The tree of `app/` the file is in, or its own folder outside `app/`."""
    found = APP_PART.match(path)
    return found.group() if found else dirname(path)
