"""Python: one file's source into language-neutral `FileFacts`, with tree-sitter.

One query captures everything of interest in a single pass run in C; Python code only
looks at the captured nodes. Facts never depend on naming (a constant is a module-level
literal, not an UPPER_CASE name), so the naming analyzer can learn case without
reasoning in a circle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import tree_sitter
import tree_sitter_python

from standards.languages import syntax
from standards.languages import text as text_stats
from standards.languages.python import links, migrations, orm, routes, schema
from standards.model import (
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
    tool_files=("docs/conf.py", "docs/*/conf.py", "doc/conf.py", "doc/*/conf.py"),
)
"""pytest's and unittest's test names; glue that wires packages and projects together;
what Django, Alembic and Sphinx write or dictate."""

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
(call function: (attribute)) @call
(string) @string
[{" ".join(f"({t})" for t in BRANCHES)}] @branch
[{" ".join(f"({t})" for t in STATEMENTS)}] @statement
(assignment left: (_) @target)
(augmented_assignment left: (_) @target)
(for_statement left: (_) @target)
(for_in_clause left: (_) @target)
(as_pattern alias: (as_pattern_target (_) @target))
(named_expression name: (identifier) @target)
{routes.QUERY}"""
ROUTE_DECORATORS = frozenset(
    ["route", "get", "post", "put", "patch", "delete", "head", "options", "api_route", "websocket"]
)
VIEW_BASE_SUFFIXES = ("View", "ViewSet", "APIView")
LITERALS = frozenset(
    ["integer", "float", "string", "concatenated_string", "true", "false", "none", "unary_operator"]
)
COLLECTIONS = frozenset(["tuple", "list", "set", "dictionary", "pair", "parenthesized_expression"])

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
    nodes = {
        name: sorted(captures.get(name, []), key=lambda n: (n.start_byte, -n.end_byte))
        for name in query_names()
    }
    definitions = _definitions(nodes)
    declared = [*schema.models(nodes["class"]), *migrations.operations(nodes["call"])]
    return FileFacts(
        path=path,
        language=NAME,
        lines=len(text.splitlines()),
        definitions=tuple(sorted(definitions)),
        imports=tuple(sorted(_import(node) for node in nodes["import"])),
        calls=tuple(sorted(orm.calls(nodes["call"]))),
        handlers=tuple(sorted(_handlers(nodes["function"], definitions))),
        routes=tuple(routes.registrations(nodes["registration"])),
        tables=tuple(sorted(t for t in declared if isinstance(t, Table))),
        indexes=tuple(sorted(i for i in declared if isinstance(i, Index))),
        migration=migrations.migration(path, tree.root_node, nodes["class"]),
        style=_style(text, nodes["string"]),
        problems=syntax.problems(tree.root_node),
    )


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    return syntax.comments(_language()[0], source)


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Resolve every import to the repo file it names, then registered views to handlers.

    `facts` are the whole repo's; what comes back are this language's files, linked.
    """
    own = [f for f in facts if f.language == NAME]
    resolve = links.resolver([f.path for f in own])
    return routes.register(
        [
            replace(f, imports=tuple(replace(i, target=resolve(f.path, i)) for i in f.imports))
            if f.imports
            else f
            for f in own
        ]
    )


def query_names() -> tuple[str, ...]:
    return (
        "function",
        "class",
        "import",
        "call",
        "string",
        "branch",
        "statement",
        "target",
        "registration",
    )


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _enclosing(node: Node, types: tuple[str, ...] = ("function_definition",)) -> Node | None:
    """The nearest ancestor of one of `types`, stopping at class bodies for functions."""
    parent = node.parent
    while parent is not None and parent.type not in types:
        parent = parent.parent
    return parent


# --- definitions ------------------------------------------------------------------------


def _definitions(nodes: dict[str, list[Node]]) -> list[Definition]:
    counts = _per_function(nodes["branch"]), _per_function(nodes["statement"])
    result = [_function(node, *counts) for node in nodes["function"]]
    result += [_class(node) for node in nodes["class"]]
    result += _assignments(nodes["target"])
    return result


def _per_function(nodes: list[Node]) -> Counter[int]:
    """How many of `nodes` each function holds directly (not in nested functions)."""
    counts: Counter[int] = Counter()
    for node in nodes:
        owner = _enclosing(node)
        if owner is not None:
            counts[owner.id] += 1
    return counts


def _owner_class(node: Node) -> Node | None:
    """The class whose body defines `node` directly, if any."""
    parent = node.parent
    if parent is not None and parent.type == "decorated_definition":
        parent = parent.parent
    if parent is not None and parent.type == "block" and parent.parent is not None:
        return parent.parent if parent.parent.type == "class_definition" else None
    return None


def _decorators(node: Node) -> tuple[str, ...]:
    parent = node.parent
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


def _function(node: Node, branches: Counter[int], statements: Counter[int]) -> Definition:
    owner = _owner_class(node)
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
        complexity=1 + branches[node.id],
        statements=statements[node.id],
        decorators=_decorators(node),
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
    owner = _owner_class(node)
    superclasses = node.child_by_field_name("superclasses")
    bases = [] if superclasses is None else superclasses.named_children
    return Definition(
        kind=DefinitionKind.CLASS,
        name=syntax.text(node.child_by_field_name("name")),
        line=_line(node),
        end_line=node.end_point[0] + 1,
        decorators=_decorators(node),
        bases=tuple(syntax.text(b) for b in bases if b.type != "keyword_argument"),
        parent=syntax.text(owner.child_by_field_name("name")) if owner is not None else None,
    )


def _assignments(targets: list[Node]) -> list[Definition]:
    """Module-level constants and variables, and each function's local variables once."""
    seen: set[tuple[int, str]] = set()
    result = []
    for target in targets:
        for name_node in _names(target):
            name = syntax.text(name_node)
            if name == "_" or name.startswith("__"):
                continue
            definition = _assignment(target, name_node, name)
            key = (
                definition.line if definition.parent is None else -1,
                f"{definition.parent}.{name}",
            )
            if definition.kind is not DefinitionKind.MODULE and key not in seen:
                seen.add(key)
                result.append(definition)
    return result


def _names(target: Node) -> list[Node]:
    if target.type == "identifier":
        return [target]
    if target.type in ("pattern_list", "tuple_pattern", "list_pattern"):
        return [n for child in target.named_children for n in _names(child)]
    return []


def _assignment(target: Node, name_node: Node, name: str) -> Definition:
    function = _enclosing(target, ("function_definition", "class_definition"))
    line = _line(name_node)
    if function is not None and function.type == "function_definition":
        owner = syntax.text(function.child_by_field_name("name"))
        return Definition(DefinitionKind.VARIABLE, name, line, line, parent=owner)
    statement = target.parent
    at_module = (
        function is None
        and statement is not None
        and statement.type == "assignment"
        and statement.parent is not None
        and statement.parent.type == "expression_statement"
        and statement.parent.parent is not None
        and statement.parent.parent.type == "module"
        and target.type == "identifier"
    )
    if not at_module or statement is None:
        return Definition(DefinitionKind.MODULE, name, line, line)
    constant = _is_literal(statement.child_by_field_name("right")) or "Final" in syntax.text(
        statement.child_by_field_name("type")
    )
    kind = DefinitionKind.CONSTANT if constant else DefinitionKind.VARIABLE
    return Definition(kind, name, line, statement.end_point[0] + 1)


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


def _handlers(functions: list[Node], definitions: list[Definition]) -> list[Handler]:
    by_line = {
        d.line: d for d in definitions if d.kind in (DefinitionKind.FUNCTION, DefinitionKind.METHOD)
    }
    bases = {d.name: d.bases for d in definitions if d.kind is DefinitionKind.CLASS}
    result = []
    for node in functions:
        definition = by_line.get(_line(node))
        if definition is None:
            continue
        framework, route = _handler_kind(node, definition, bases)
        if framework:
            result.append(routes.handler(definition, framework, route))
    return result


def _handler_kind(
    node: Node, definition: Definition, bases: dict[str, tuple[str, ...]]
) -> tuple[str, str | None]:
    for decorator in definition.decorators:
        if "." in decorator and decorator.rsplit(".", 1)[1] in ROUTE_DECORATORS:
            return "route-decorator", _route(node)
    if definition.kind is DefinitionKind.FUNCTION and definition.parameters[:1] == ("request",):
        return ("django-function-view", None) if _enclosing(node) is None else ("", None)
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


def _style(text: str, strings: list[Node]) -> StyleStats:
    quoted = _quotes(strings)
    found = {"quotes": {"double": quoted['"'], "single": quoted["'"]}}
    return replace(text_stats.layout(text, _opens_block), habits=text_stats.habits(found))


def _opens_block(line: str) -> bool:
    return line.endswith(":")


def _quotes(strings: list[Node]) -> dict[str, list[int]]:
    """Lines of strings by quote character, leaving out docstrings, triple quotes and escapes."""
    lines: dict[str, list[int]] = {"'": [], '"': []}
    for node in strings:
        start = syntax.text(node.children[0]) if node.children else ""
        quote = start.lstrip("rRbBuUfFtT")
        if len(quote) != 1 or _is_docstring(node):
            continue
        content = "".join(syntax.text(c) for c in node.children if c.type == "string_content")
        other = '"' if quote == "'" else "'"
        if other in content:
            continue
        lines[quote].append(node.start_point[0] + 1)
    return lines


def _is_docstring(node: Node) -> bool:
    statement = node.parent
    if statement is None or statement.type != "expression_statement":
        return False
    block = statement.parent
    return block is not None and block.named_children[:1] == [statement]
