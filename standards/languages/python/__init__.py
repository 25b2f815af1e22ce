"""Python: one file's source into language-neutral `FileFacts`, with tree-sitter.

One query captures everything of interest in a single pass run in C; Python code only
looks at the captured nodes. Facts never depend on naming (a constant is a module-level
literal, not an UPPER_CASE name), so the naming analyzer can learn case without
reasoning in a circle.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import fields, replace
from functools import cache
from operator import attrgetter
from pathlib import Path

import tree_sitter
import tree_sitter_python

from standards.languages import linking, syntax
from standards.languages import text as text_stats
from standards.languages.python import links, migrations, orm, routes, schema
from standards.model import (
    CALLABLES,
    Definition,
    DefinitionKind,
    FileFacts,
    Handler,
    Import,
    Index,
    PathRoles,
    StyleStats,
    Table,
)

NAME: str = "python"
EXTENSIONS: tuple[str, ...] = (".py", ".pyi")
FILE_TYPES: tuple[str, ...] = ("python",)
LINTER = "ruff"
CHECKER = "standards-check"
ROLES = PathRoles(
    test_folders=frozenset({"tests", "test", "testing"}),
    test_files=("test_*.py", "*_test.py", "tests.py"),
    glue_files=tuple(
        f"{stem}.{ext}"
        for stem in ("__init__", "__main__", "conftest", "setup", "manage")
        for ext in ("py", "pyi")
    ),
    package_files=("__init__.py", "__init__.pyi"),
    tool_folders=frozenset({"migrations", "alembic"}),
    tool_folder_files=("[0-9]*.py", "env.py", "versions/*", "__init__.py"),
    tool_files=("docs/conf.py", "docs/*/conf.py", "doc/conf.py", "doc/*/conf.py"),
)
"""pytest's and unittest's test names; glue that wires packages and projects together;
what Django, Alembic and Sphinx write or dictate: Django's numbered migrations, Alembic's
`env.py` and `versions/`, not any folder named `migrations` (mealie's data importers)."""

BRANCHES = [
    "if_statement",
    "elif_clause",
    "for_statement",
    "while_statement",
    "except_clause",
    "case_clause",
    "conditional_expression",
    "boolean_operator",
    "for_in_clause",
    "if_clause",
]
STATEMENTS = [
    "expression_statement",
    "return_statement",
    "pass_statement",
    "break_statement",
    "continue_statement",
    "raise_statement",
    "assert_statement",
    "delete_statement",
    "global_statement",
    "nonlocal_statement",
    "import_statement",
    "import_from_statement",
    "if_statement",
    "for_statement",
    "while_statement",
    "try_statement",
    "with_statement",
    "match_statement",
    "function_definition",
    "class_definition",
]
QUERY = f"""
(function_definition) @function
(class_definition) @class
(import_statement) @import
(import_from_statement) @import
(string) @string
(expression_statement (string) @bare_string)
[{" ".join(f"({t})" for t in BRANCHES)}] @branch
[{" ".join(f"({t})" for t in STATEMENTS)}] @statement
(assignment left: (_) @target)
(augmented_assignment left: (_) @target)
(for_statement left: (_) @target)
(for_in_clause left: (_) @target)
(as_pattern alias: (as_pattern_target (_) @target))
(named_expression name: (identifier) @target)
{routes.QUERY}{orm.QUERY}{migrations.QUERY}"""
ROUTE_DECORATORS = frozenset(
    ["route", "get", "post", "put", "patch", "delete", "head", "options", "api_route", "websocket"]
)
VIEW_BASE_SUFFIXES = ("View", "ViewSet", "APIView", "Resource")
"""Bases of view classes: Django's, Django REST framework's, Flask's `MethodView`, and the
`Resource` of Flask-RESTful, Flask-RESTX and Falcon, whose HTTP methods are handlers."""
LITERALS = frozenset(
    ["integer", "float", "string", "concatenated_string", "true", "false", "none", "unary_operator"]
)
COLLECTIONS = frozenset(["tuple", "list", "set", "dictionary", "pair", "parenthesized_expression"])
ORDERED = ("function", "class", "target", "registration")
"""Captures read in source order (the query engine returns each name's in its own order)."""
PREFIXES = "rRbBuUfFtT"
DEFINITION_ORDER = attrgetter(*(f.name for f in fields(Definition) if f.compare))
"""The tuple a definition's dataclass ordering compares, built once per definition."""

Node = tree_sitter.Node


@cache
def _language() -> tuple[tree_sitter.Parser, tree_sitter.Query]:
    language = tree_sitter.Language(tree_sitter_python.language())
    return tree_sitter.Parser(language), tree_sitter.Query(language, QUERY)


def parse(path: str, source: bytes) -> FileFacts:
    """Everything the analyzers need to know about one file, or why it could not be read."""
    if problem := syntax.undecodable(source):
        return FileFacts(path, NAME, source.count(b"\n") + 1, problems=(problem,))
    text = source.decode("utf-8")
    parser, query = _language()
    tree = parser.parse(source)
    captures = tree_sitter.QueryCursor(query).captures(tree.root_node)
    nodes = {name: captures.get(name, []) for name in query_names()}
    for name in ORDERED:
        nodes[name].sort(key=_position)
    definitions = _definitions(nodes)
    declared = [*schema.models(nodes["class"]), *migrations.operations(nodes["operation"])]
    return FileFacts(
        path=path,
        language=NAME,
        lines=len(text.splitlines()),
        definitions=tuple(sorted(definitions, key=DEFINITION_ORDER)),
        imports=tuple(sorted(_import(node) for node in nodes["import"])),
        calls=tuple(sorted(orm.calls(nodes["query"]))),
        handlers=tuple(sorted(_handlers(path, nodes["function"], definitions))),
        routes=tuple(routes.registrations(nodes["registration"])),
        tables=tuple(sorted(t for t in declared if isinstance(t, Table))),
        indexes=tuple(sorted(i for i in declared if isinstance(i, Index))),
        migration=migrations.migration(path, tree.root_node, nodes["class"]),
        style=_style(text, source, nodes["string"], {n.id for n in nodes["bare_string"]}),
        problems=syntax.problems(tree.root_node),
    )


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    return syntax.comments(_language()[0], source)


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Resolve every import to the repo file it names, then registered views to handlers.

    `facts` are the whole repo's; what comes back are this language's files, linked.
    """
    own = [f for f in facts if f.language == NAME]
    imported = (i for f in own for i in f.imports if not i.relative)
    resolve = links.resolver([f.path for f in own], imported)
    return routes.register([linking.resolved(f, resolve) for f in own])


def query_names() -> tuple[str, ...]:
    return (
        "function",
        "class",
        "import",
        "query",
        "operation",
        "string",
        "bare_string",
        "branch",
        "statement",
        "target",
        "registration",
    )


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _position(node: Node) -> tuple[int, int]:
    """Source order, a node before the nodes it holds."""
    return node.start_byte, -node.end_byte


def _enclosing(node: Node) -> Node | None:
    """The nearest function around `node`, through any classes between."""
    parent = node.parent
    while parent is not None and parent.type != "function_definition":
        parent = parent.parent
    return parent


# --- definitions ------------------------------------------------------------------------


def _definitions(nodes: dict[str, list[Node]]) -> list[Definition]:
    functions = nodes["function"]
    nesting = _nesting(functions)
    branches = _per_function(functions, nesting, nodes["branch"])
    statements = _per_function(functions, nesting, nodes["statement"])
    result = [
        _function(f, 1 + b, s) for f, b, s in zip(functions, branches, statements, strict=True)
    ]
    result += [_class(node) for node in nodes["class"]]
    scopes = sorted([*functions, *nodes["class"]], key=_position)
    result += _assignments(nodes["target"], _innermost(scopes, nodes["target"]))
    return result


def _nesting(spans: list[Node]) -> list[int | None]:
    """For nodes in source order, the index of the innermost other one holding each."""
    parents: list[int | None] = []
    stack: list[tuple[int, int]] = []
    for index, node in enumerate(spans):
        end = node.end_byte
        while stack and stack[-1][1] < end:
            stack.pop()
        parents.append(stack[-1][0] if stack else None)
        stack.append((index, end))
    return parents


def _per_function(functions: list[Node], nesting: list[int | None], nodes: list[Node]) -> list[int]:
    """How many of `nodes` each function holds directly (not in nested functions).

    Counted by position: a node's parent costs a walk down from the root in tree-sitter,
    a bisection of the sorted start offsets costs nothing.
    """
    starts = sorted(n.start_byte for n in nodes)
    inside = [
        bisect_left(starts, f.end_byte) - bisect_right(starts, f.start_byte) for f in functions
    ]
    counts = inside[:]
    for child, parent in enumerate(nesting):
        if parent is not None:
            counts[parent] -= inside[child]
    return counts


def _innermost(scopes: list[Node], nodes: list[Node]) -> list[Node | None]:
    """For nodes in source order, the innermost of `scopes` (also in order) holding each."""
    found: list[Node | None] = []
    stack: list[Node] = []
    following = iter(scopes)
    scope = next(following, None)
    for node in nodes:
        start, end = node.start_byte, node.end_byte
        while scope is not None and scope.start_byte <= start:
            while stack and stack[-1].end_byte < scope.end_byte:
                stack.pop()
            stack.append(scope)
            scope = next(following, None)
        while stack and stack[-1].end_byte < end:
            stack.pop()
        found.append(stack[-1] if stack else None)
    return found


def _owner_class(parent: Node | None) -> Node | None:
    """The class whose body defines the node under `parent` directly, if any."""
    if parent is not None and parent.type == "decorated_definition":
        parent = parent.parent
    if parent is not None and parent.type == "block" and parent.parent is not None:
        return parent.parent if parent.parent.type == "class_definition" else None
    return None


def _decorators(parent: Node | None) -> tuple[str, ...]:
    if parent is None or parent.type != "decorated_definition":
        return ()
    names = []
    for decorator in parent.children:
        if decorator.type == "decorator" and decorator.named_children:
            expression = decorator.named_children[0]
            if expression.type == "call":
                expression = expression.child_by_field_name("function") or expression
            names.append(syntax.text(expression))
    return tuple(names)


def _function(node: Node, complexity: int, statements: int) -> Definition:
    parent = node.parent
    owner = _owner_class(parent)
    parameters_node = node.child_by_field_name("parameters")
    parameters = parameters_node.named_children if parameters_node else []
    annotated = node.child_by_field_name("return_type") is not None or any(
        p.type in ("typed_parameter", "typed_default_parameter") for p in parameters
    )
    return Definition(
        kind=DefinitionKind.METHOD if owner is not None else DefinitionKind.FUNCTION,
        name=syntax.text(node.child_by_field_name("name")),
        line=_line(node),
        end_line=node.end_point[0] + 1,
        parameters=tuple(name for p in parameters if (name := _parameter(p))),
        complexity=complexity,
        statements=statements,
        decorators=_decorators(parent),
        parent=syntax.text(owner.child_by_field_name("name")) if owner is not None else None,
        annotated=annotated,
    )


def _parameter(node: Node) -> str:
    if node.type == "identifier":
        return syntax.text(node)
    if node.type == "list_splat_pattern":
        return "*" + syntax.text(node.named_children[0]) if node.named_children else ""
    if node.type == "dictionary_splat_pattern":
        return "**" + syntax.text(node.named_children[0]) if node.named_children else ""
    named = node.child_by_field_name("name")
    if named is not None:
        return syntax.text(named)
    return _parameter(node.named_children[0]) if node.named_children else ""


def _class(node: Node) -> Definition:
    parent = node.parent
    owner = _owner_class(parent)
    superclasses = node.child_by_field_name("superclasses")
    bases = [] if superclasses is None else superclasses.named_children
    return Definition(
        kind=DefinitionKind.CLASS,
        name=syntax.text(node.child_by_field_name("name")),
        line=_line(node),
        end_line=node.end_point[0] + 1,
        decorators=_decorators(parent),
        bases=tuple(syntax.text(b) for b in bases if b.type != "keyword_argument"),
        parent=syntax.text(owner.child_by_field_name("name")) if owner is not None else None,
    )


def _assignments(targets: list[Node], scopes: list[Node | None]) -> list[Definition]:
    """Module-level constants and variables, and each function's local variables once;
    names bound in a class body are its attributes, not variables."""
    seen: set[tuple[int, str]] = set()
    owners: dict[int, str] = {}
    result = []
    for target, scope in zip(targets, scopes, strict=True):
        if scope is not None and scope.type == "class_definition":
            continue
        for name_node in _names(target):
            name = syntax.text(name_node)
            if name == "_" or name.startswith("__"):
                continue
            if scope is None:
                definition = _module_assignment(target, name_node, name)
                if definition is None:
                    continue
                key = (definition.line, f"None.{name}")
            else:
                if scope.id not in owners:
                    owners[scope.id] = syntax.text(scope.child_by_field_name("name"))
                key = (-1, f"{owners[scope.id]}.{name}")
                if key in seen:
                    continue
                line = _line(name_node)
                definition = Definition(
                    DefinitionKind.VARIABLE, name, line, line, parent=owners[scope.id]
                )
            if key not in seen:
                seen.add(key)
                result.append(definition)
    return result


def _names(target: Node) -> list[Node]:
    if target.type == "identifier":
        return [target]
    if target.type in ("pattern_list", "tuple_pattern", "list_pattern"):
        return [n for child in target.named_children for n in _names(child)]
    return []


def _module_assignment(target: Node, name_node: Node, name: str) -> Definition | None:
    """A constant or variable the module's own statement `name = value` defines."""
    statement = target.parent
    at_module = (
        statement is not None
        and statement.type == "assignment"
        and statement.parent is not None
        and statement.parent.type == "expression_statement"
        and statement.parent.parent is not None
        and statement.parent.parent.type == "module"
        and target.type == "identifier"
    )
    if not at_module or statement is None:
        return None
    constant = _is_literal(statement.child_by_field_name("right")) or "Final" in syntax.text(
        statement.child_by_field_name("type")
    )
    kind = DefinitionKind.CONSTANT if constant else DefinitionKind.VARIABLE
    return Definition(kind, name, _line(name_node), statement.end_point[0] + 1)


def _is_literal(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type in LITERALS:
        return node.type != "string" or not any(c.type == "interpolation" for c in node.children)
    if node.type in COLLECTIONS:
        return all(_is_literal(child) for child in node.named_children)
    return False


# --- imports and handlers ---------------------------------------------------------------


def _import(node: Node) -> Import:
    line = _line(node)
    if node.type == "import_statement":
        names = [n.child_by_field_name("name") or n for n in node.children_by_field_name("name")]
        return Import(",".join(syntax.text(n) for n in names), line)
    module = syntax.text(node.child_by_field_name("module_name"))
    imported, bound = [], []
    for child in node.children_by_field_name("name"):
        name = syntax.text(child.child_by_field_name("name") or child)
        imported.append(name)
        bound.append(syntax.text(child.child_by_field_name("alias")) or name)
    if any(c.type == "wildcard_import" for c in node.children):
        imported.append("*")
        bound.append("*")
    return Import(
        module, line, tuple(imported), relative=module.startswith("."), bound=tuple(bound)
    )


def _handlers(path: str, functions: list[Node], definitions: list[Definition]) -> list[Handler]:
    by_line = {d.line: d for d in definitions if d.kind in CALLABLES}
    bases = {d.name: d.bases for d in definitions if d.kind is DefinitionKind.CLASS}
    views = "view" in path.lower()
    result = []
    for node in functions:
        definition = by_line.get(_line(node))
        if definition is None:
            continue
        framework, route = _handler_kind(node, definition, bases, views)
        if framework:
            result.append(routes.handler(definition, framework, route))
    return result


def _handler_kind(
    node: Node, definition: Definition, bases: dict[str, tuple[str, ...]], views: bool
) -> tuple[str, str | None]:
    """A routed function, a function of a views module taking the request first, or an
    HTTP method of a view class; a helper taking the request elsewhere (middleware's
    `get_user(request)`) is a view only where a URL pattern names it (`routes`)."""
    for decorator in definition.decorators:
        if "." in decorator and decorator.rsplit(".", 1)[1] in ROUTE_DECORATORS:
            return "route-decorator", _route(node)
    if definition.kind is DefinitionKind.FUNCTION and definition.parameters[:1] == ("request",):
        return ("django-function-view", None) if views and _enclosing(node) is None else ("", None)
    class_bases = bases.get(definition.parent or "", ())
    is_view = any(b.rsplit(".", 1)[-1].endswith(VIEW_BASE_SUFFIXES) for b in class_bases)
    if (
        definition.kind is DefinitionKind.METHOD
        and is_view
        and definition.name in routes.HTTP_METHODS
    ):
        return "django-class-view", None
    return "", None


def _route(node: Node) -> str | None:
    decorated = node.parent
    for decorator in decorated.children if decorated is not None else []:
        call = decorator.named_children[0] if decorator.named_children else None
        arguments = (
            call.child_by_field_name("arguments")
            if call is not None and call.type == "call"
            else None
        )
        first = (
            arguments.named_children[0]
            if arguments is not None and arguments.named_children
            else None
        )
        if first is not None and first.type == "string":
            return "".join(syntax.text(c) for c in first.children if c.type == "string_content")
    return None


# --- style ------------------------------------------------------------------------------


def _style(text: str, source: bytes, strings: list[Node], bare: set[int]) -> StyleStats:
    quoted = _quotes(source, strings, bare)
    found = {"quotes": {"double": quoted['"'], "single": quoted["'"]}}
    return replace(text_stats.layout(text, _opens_block), habits=text_stats.habits(found))


def _opens_block(line: str) -> bool:
    return line.endswith(":")


def _quotes(source: bytes, strings: list[Node], bare: set[int]) -> dict[str, list[int]]:
    """Lines of strings by quote character, leaving out docstrings, triple quotes and escapes.

    `bare` are the strings that are statements of their own, the only possible docstrings.
    """
    lines: dict[str, list[int]] = {"'": [], '"': []}
    for node in strings:
        first = node.child(0)
        start = source[first.start_byte : first.end_byte] if first is not None else b""
        quote = start.decode("utf-8", "replace").lstrip(PREFIXES)
        if quote not in lines or (node.id in bare and _is_docstring(node)):
            continue  # `x` is Python 2's repr, which the grammar reads as a string
        other = '"' if quote == "'" else "'"
        if other.encode() in source[node.start_byte : node.end_byte]:
            content = "".join(syntax.text(c) for c in node.children if c.type == "string_content")
            if other in content:
                continue
        lines[quote].append(node.start_point[0] + 1)
    return lines


def _is_docstring(node: Node) -> bool:
    statement = node.parent
    if statement is None or statement.type != "expression_statement":
        return False
    block = statement.parent
    return block is not None and block.named_child(0) == statement
