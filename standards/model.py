"""The data every stage hands to the next: frozen, sorted, and free of our other modules.

Stages see only the types of the stage before them (discover -> parse -> facts ->
analyzers -> standards -> emitters -> verify), so this module imports nothing of ours.
Paths are always repo-relative POSIX strings, so results never depend on where a repo
was checked out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

# A learned parameter: what a standard says (a style, a threshold, a layer order).
Param = str | int | float | bool | tuple["Param", ...] | Mapping[str, "Param"]


class SkipReason(StrEnum):
    """Why discovery left a file out; every skip is counted and reported by reason."""

    VENDORED = "vendored"
    TEST_DATA = "test-data"
    GENERATED = "generated"
    MINIFIED = "minified"
    BINARY = "binary"
    TOO_LARGE = "too-large"
    SYMLINK_OUTSIDE = "symlink-outside-repo"
    SYMLINK_LOOP = "symlink-loop"
    UNREADABLE = "unreadable"
    EXCLUDED = "excluded"
    DECLARATION = "declaration"


@dataclass(frozen=True)
class Settings:
    """What a team decides once and keeps in the repo (`[tool.standards]`); defaults
    are what `standards` does without any. `source` names the file they came from."""

    exclude: tuple[str, ...] | None = None
    """Paths left out instead of the default vendored and test-data folders."""
    extend_exclude: tuple[str, ...] = ()
    enforce_ratio: float = 0.95
    min_cases: int = 5
    disable: tuple[str, ...] = ()
    """Analyzers and targets that do not run (`controllers`, `mypy`)."""
    advise_only: tuple[str, ...] = ()
    """Paths held to advice: what a check finds there is shown, never fails."""
    enforce: tuple[str, ...] = ()
    """Standards enforced whatever their adherence; today's exceptions go to the baseline."""
    out: str = ".standards"
    playbook_words: int = 1500
    source: str = ""


class Level(StrEnum):
    """Enforce what the code already follows consistently; advise the rest."""

    ENFORCE = "enforce"
    ADVISE = "advise"


class DefinitionKind(StrEnum):
    MODULE = "module"
    CLASS = "class"
    INTERFACE = "interface"
    TYPE = "type"
    ENUM = "enum"
    FUNCTION = "function"
    METHOD = "method"
    CONSTANT = "constant"
    VARIABLE = "variable"


CALLABLES = frozenset({DefinitionKind.FUNCTION, DefinitionKind.METHOD})
"""The kinds that run; one set to test against, as reading enum members is slow (3.11)."""


@dataclass(frozen=True)
class PathRoles:
    """What part a file plays, told from its path: each language declares its own names.

    Globs use fnmatch (`*` crosses `/`). `test_files` and `glue_files` match a file's
    name; `tool_files` match its whole path or any tail of it that starts at a folder.
    """

    test_folders: frozenset[str] = frozenset()
    test_files: tuple[str, ...] = ()
    glue_files: tuple[str, ...] = ()
    """Files that wire a package or project together (`__init__.py`, `index.ts`)."""
    package_files: tuple[str, ...] = ()
    """Files that stand for their folder when imported (`__init__.py`, `index.ts`)."""
    tool_folders: frozenset[str] = frozenset()
    """Folders whose files a tool writes or dictates (migrations, generated clients), by
    name or glob (`*_migrations`)."""
    tool_folder_files: tuple[str, ...] = ()
    """Where given, the files (globs below the folder) that make a tool folder the tool's:
    a folder of that name holding none of them is the team's own code."""
    tool_files: tuple[str, ...] = ()


# --- discover ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class SourceFile:
    path: str
    language: str
    size: int


@dataclass(frozen=True, order=True)
class Skip:
    path: str
    reason: SkipReason


@dataclass(frozen=True)
class Discovery:
    root: Path
    files: tuple[SourceFile, ...]
    skipped: tuple[Skip, ...]


# --- parse: facts of one file -----------------------------------------------------------


@dataclass(frozen=True, order=True)
class Definition:
    """A named thing a file defines; `parent` is the enclosing class for methods."""

    kind: DefinitionKind
    name: str
    line: int
    end_line: int
    parameters: tuple[str, ...] = ()
    complexity: int = 1
    statements: int = 0
    decorators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    parent: str | None = None
    annotated: bool = False
    exported: bool = False
    visibility: str = "public"
    renders: bool = False
    """A function that returns JSX: a React component, named as the repo names components."""

    @property
    def length(self) -> int:
        return self.end_line - self.line + 1


@dataclass(frozen=True, order=True)
class Import:
    """`module` as written (leading dots kept); `target` is the repo file it resolves to.

    `bound` holds the local name each of `names` is bound to (its alias, or itself).
    `reference` marks a name the file uses that autoloading resolves (a Ruby constant):
    a dependency, but no statement whose style a team chooses.
    """

    module: str
    line: int
    names: tuple[str, ...] = ()
    relative: bool = False
    target: str | None = None
    bound: tuple[str, ...] = ()
    reference: bool = False


@dataclass(frozen=True, order=True)
class Call:
    """A call of interest: `kind` is "orm-query" for now; `receiver` is what it is called on."""

    kind: str
    name: str
    line: int
    receiver: str
    model: str | None = None
    columns: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Table:
    """A model (or table) a file declares, in any ORM: `model` is the name queries use
    (a class, a Prisma model), `table` the database name where one is written, `orm`
    the library that declares it ("django", "sqlalchemy", "prisma", "typeorm"), so a
    remedy is written the way that library writes one; `columns` are its fields, and
    `flags` those of them that hold a boolean, which a plain index rarely serves.

    `relations` pair a field with the model it points at, so a lookup such as Django's
    `customer__email` can be followed; `foreign_keys` are the columns that hold a
    reference (a migration declares them per operation, at its line); `managers` name
    the classes whose queries are this model's (a Django manager or queryset).
    """

    model: str
    line: int
    table: str | None = None
    orm: str = ""
    columns: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    foreign_keys: tuple[str, ...] = ()
    managers: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Index:
    """An index or unique constraint on `columns` of `model` (a model or a table name).

    `source` says where it was declared: "field" (`db_index=True`, `@unique`), "meta"
    (`Meta.indexes`, `__table_args__`, `@@index`), "primary" (a primary key), "foreign-key"
    (an ORM that indexes its foreign keys), or "migration". A migration that drops an index
    records it with `removed`, matched by `name` where it has one, else by columns.
    """

    model: str
    columns: tuple[str, ...]
    line: int
    unique: bool = False
    source: str = "field"
    removed: bool = False
    name: str | None = None


@dataclass(frozen=True)
class Migration:
    """The file is a schema migration: `id` names it and `after` the migrations it follows
    (Django's dependencies, Alembic's down_revision); indexes replay in that order."""

    id: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Handler:
    """A request handler: a routed function, a Django view, or a class-based view method."""

    name: str
    line: int
    end_line: int
    framework: str
    route: str | None = None
    branches: int = 0

    @property
    def length(self) -> int:
        return self.end_line - self.line + 1


@dataclass(frozen=True)
class Route:
    """A view registered by a call (`path("x/", views.index)`, `add_url_rule`), as written.

    `view` is the dotted reference (`views.OrderView` for `views.OrderView.as_view()`);
    linking resolves it to the file and definition it names.
    """

    view: str
    line: int
    framework: str
    route: str | None = None


@dataclass(frozen=True, order=True)
class Habit:
    """How often one file answers a style question one way: `name` is the question
    ("quotes", "semicolons"), `choice` the answer ("double", "always"), `line` the first
    place it does, so a counter-example points at the line that breaks the habit."""

    name: str
    choice: str
    count: int
    line: int


@dataclass(frozen=True)
class StyleStats:
    """Counts from which formatting habits are learned; histograms are (value, count).

    `line_lengths` adds the first line of each length. `habits` holds every other
    either-or choice a language counts, one `Habit` per (question, answer) seen.
    """

    line_lengths: tuple[tuple[int, int, int], ...] = ()
    indent_widths: tuple[tuple[int, int], ...] = ()
    tab_indented_lines: int = 0
    habits: tuple[Habit, ...] = ()

    def habit(self, name: str) -> dict[str, Habit]:
        """This file's answers to one question, by choice."""
        return {h.choice: h for h in self.habits if h.name == name}


@dataclass(frozen=True)
class FileFacts:
    path: str
    language: str
    lines: int
    definitions: tuple[Definition, ...] = ()
    imports: tuple[Import, ...] = ()
    calls: tuple[Call, ...] = ()
    handlers: tuple[Handler, ...] = ()
    routes: tuple[Route, ...] = ()
    tables: tuple[Table, ...] = ()
    indexes: tuple[Index, ...] = ()
    migration: Migration | None = None
    style: StyleStats = field(default_factory=StyleStats)
    problems: tuple[str, ...] = ()


# --- analyze: standards with evidence ---------------------------------------------------


@dataclass(frozen=True, order=True)
class Example:
    """One place in the repo that follows (or breaks) a standard, and what is there."""

    path: str
    line: int
    detail: str


@dataclass(frozen=True)
class Evidence:
    followed: int
    total: int
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[Example, ...] = ()

    @property
    def ratio(self) -> float:
        return self.followed / self.total if self.total else 0.0


@dataclass(frozen=True)
class Standard:
    """A rule the repo already follows, with the evidence that it does.

    `id` is stable across runs (`naming.python.function-case`); `targets` names the
    emitters or checks that can enforce it ("ruff", "standards-check", "playbook").
    """

    id: str
    language: str
    rule: str
    why: str
    parameters: Mapping[str, Param]
    evidence: Evidence
    confidence: float
    level: Level
    targets: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Analysis:
    """Everything learned from one repo: what emitters and reports are made from."""

    root: Path
    discovery: Discovery
    facts: tuple[FileFacts, ...]
    standards: tuple[Standard, ...]
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Summary:
    """What a report says of the files a run read; all of it a replayed run keeps."""

    files: int
    lines: int
    skipped: tuple[Skip, ...]
    problems: tuple[tuple[str, str], ...]
    """(path, problem) for every file read in part or not at all."""

    @classmethod
    def of(cls, analysis: Analysis) -> Summary:
        facts = analysis.facts
        problems = tuple((f.path, p) for f in facts for p in f.problems)
        return cls(len(facts), sum(f.lines for f in facts), analysis.discovery.skipped, problems)


# --- emit, verify, check ----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class GeneratedFile:
    """A file an emitter produces, path relative to the output folder."""

    path: str
    content: str


@dataclass(frozen=True)
class Outcome:
    """What a run without verification makes of its inputs: the standards, the files
    to write and the summary to report; replayed when the inputs come again."""

    standards: tuple[Standard, ...]
    files: tuple[GeneratedFile, ...]
    summary: Summary


@dataclass(frozen=True, order=True)
class Change:
    """An edit to a file a person owns, path relative to the repo: `before` is None for
    a file `standards install` creates; `note` says what it could not do and why."""

    path: str
    before: str | None
    after: str
    note: str = ""


def fingerprint(rule: str, path: str, line_text: str) -> str:
    """A short hash of what is wrong where, independent of the line's number and indent."""
    digest = hashlib.sha1(f"{rule}\0{path}\0{line_text.strip()}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, order=True)
class Violation:
    """One place that breaks a rule; `fingerprint` keys the baseline so it survives edits."""

    path: str
    line: int
    rule: str
    message: str
    tool: str
    fingerprint: str = ""

    def whole_file(self) -> Violation:
        """This finding as one about the whole file (its name, its length), keyed by rule
        and path alone: ESLint reports `max-lines` at the first line past the limit, so a
        line added above it made a baselined long file a new violation."""
        return replace(self, fingerprint=fingerprint(self.rule, self.path, "\0whole file"))


@dataclass(frozen=True)
class Verification:
    """What running a real tool on the repo with a generated config showed."""

    tool: str
    ok: bool
    rules_enabled: int
    violations: tuple[Violation, ...]
    message: str = ""
