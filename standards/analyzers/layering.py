"""Layering: which parts of the repo import which, and in what direction.

Why: a dependency that points the wrong way (a model importing a service) couples the
stable core to what changes most, and makes cycles. The layers are learned from the
import graph, not from folder names: two sibling folders or modules are units, the
direction clearly most of their imports take between them is the rule, and an import
against it is a counter-example. Units with the same name in several places (`views.py` in every
Django app) form one layer, and so do the sibling packages of one family (an
integration each, `integrations/*`): members of a recipe, not layers of one another.
Emits `layering.python.direction` (layers top to bottom) when the graph has a clear
order, `layering.python.direction.inner` (or `.outer`) for the layers at the next depth
(the files inside every package, or the packages around them), and
`layering.python.cycles` (advice) for units that import each other in a ring.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from posixpath import basename, dirname

from standards.analyzers import AnalyzerExample, families, places, roles
from standards.analyzers.evidence import ENFORCE_RATIO, counted, evidence, standard
from standards.languages import Language, language_for
from standards.model import Example, FileFacts, Level, Param, Standard

MIN_EDGES = 3
"""Import lines across units needed before the repo is said to have layers at all."""
LISTED = 12
"""Layers a reader takes in at a glance; more (a layer per module of a flat repo) are
counted where a rule or a message would list them, and listed by tier in the playbook."""
PEER_FILES = 5
"""Files of one folder that never import one another, all on one side of its imports (a
rule or a command per file), from which on they are one layer named by their folder."""
TANGLED = 0.1
"""Share of a ring's import lines that may point up its best order for it to be layers
with exceptions rather than units entangled."""
MUTUAL = 0.25
"""Share of the import lines between two units that, going against the direction most
take (and at least `MIN_EDGES` of them), leaves the two unordered: maybe's models and
jobs (11 lines one way, 7 back), Django's db and core (51 and 58), not pretix's presale
and base (103 and 15)."""

ROLES = {
    "presentation": {
        *("routes", "views", "controllers", "api", "handlers", "endpoints", "urls"),
        *("route", "view", "controller", "handler"),  # files named for their role
    },
    "service": {"services", "service", "use_cases", "usecases", "domain", "interactors"},
    "data": {
        *("models", "repositories", "repos", "db", "dal", "schemas", "entities"),
        *("model", "repository", "entity", "schema"),
    },
    "shared": {"utils", "lib", "common", "core", "helpers", "util", "helper"},
}

OURS = "standards-check"
"""The checker of a layering beside the main one (at another depth), in any language."""

Edge = tuple[str, int, str, str]
"""(importing file, line, importing layer, imported layer)."""
Paths = dict[str, set[str]]
"""Each layer's name -> the units (folders or files) it is made of."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    lang = language.NAME
    depths = _depths(lang, facts)
    if not depths:
        return []
    best, edges, paths = depths[0]
    result = _layering(f"layering.{lang}.direction", language.CHECKER, edges, paths, cycles=True)
    for depth, edges, paths in depths[1:]:
        # the plugin and the cop take one layering: we check the other depth ourselves
        nested = "inner" if depth > best else "outer"
        if found := _layering(f"layering.{lang}.direction.{nested}", OURS, edges, paths):
            return result + found
    return result


def _layering(
    id_: str, checker: str, edges: list[Edge], paths: Paths, cycles: bool = False
) -> list[Standard]:
    """The direction of one depth's imports (and its cycles, advice, where asked): none
    where its units have no clear order.

    Units in a ring are one layer, placed among the others as its members' imports
    place it: a ring has no order inside, but the kit below it still may not import it.
    """
    counts = Counter((a, b) for _, _, a, b in edges)
    dominant = _untangled({pair for pair in counts if _directed(pair, counts)}, counts)
    cyclic = _cyclic(dominant)
    result = []
    if cyclic and cycles:
        result.append(_cycles(id_.split(".")[1], sorted(cyclic)))
    rings = {_ring(group): group for group in cyclic}
    layer = {unit: name for name, group in rings.items() for unit in group}
    kept = [(p, n, layer.get(a, a), layer.get(b, b)) for p, n, a, b in edges]
    kept = [e for e in kept if e[2] != e[3]]
    directions = {(layer.get(a, a), layer.get(b, b)) for a, b in dominant}
    order = _order({(a, b) for _, _, a, b in kept if (a, b) in directions})
    merged: Paths = defaultdict(set)
    for name, units in paths.items():
        merged[layer.get(name, name)] |= units
    if len(order) >= 2 and len(kept) >= MIN_EDGES:
        result.append(_direction(id_, checker, order, merged, kept, rings, directions))
    return result


def _directed(pair: tuple[str, str], counts: Counter[tuple[str, str]]) -> bool:
    """Whether most lines between two units take this direction, and fewer than
    `MIN_EDGES` or at most `MUTUAL` of them the other: a few lines back are exceptions,
    many a dependency both ways (Django's db and core, 51 and 58 lines)."""
    n, back = counts[pair], counts[pair[::-1]]
    return n > back and (back < MIN_EDGES or back <= MUTUAL * (n + back))


def _ring(group: tuple[str, ...]) -> str:
    """The name of a ring's layer: its units, or the first of many and how many more."""
    return " & ".join(group) if len(group) <= 3 else f"{group[0]} & {len(group) - 1} more"


def order(s: Standard) -> str:
    """The layers top to bottom as a message names them: the rule's tiers, or how many
    layers there are and where to read them."""
    layers = s.parameters.get("layers", ())
    if isinstance(layers, tuple) and len(layers) > LISTED:
        return f"{len(layers)} layers, listed by `standards explain {s.id}`"
    return s.rule.split(": ", 1)[-1].rstrip(".")


def unit_of(importer: str, target: str) -> tuple[str, str]:
    """The sibling paths under the deepest folder the two files share."""
    a, b = importer.split("/"), target.split("/")
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[shared] == b[shared]:
        shared += 1
    return "/".join(a[: shared + 1]), "/".join(b[: shared + 1])


def _name(unit: str, shared: Counter[tuple[int, str]]) -> str:
    """A unit's layer name: a folder's name, or a module file's without its extension;
    a file named for its role (`article.controller.ts`) by that role, where several units
    of its depth share it: every controller is one layer, as `views.py` in every app is."""
    if not language_for(unit):
        return basename(unit)
    role = _role_suffix(unit)
    return role if role and shared[(unit.count("/"), role)] > 1 else roles.stem(unit)


def _role_suffix(unit: str) -> str:
    """`controller` of `article.controller.ts`; "" for a name without one."""
    return places.role(unit)[1:].rsplit(".", 1)[0]


def _depths(lang: str, facts: Sequence[FileFacts]) -> list[tuple[int, list[Edge], Paths]]:
    """Import lines between units, per folder depth, the depth where most agree first.

    Units are the children of the deepest folder an importer and its target share; each
    depth is its own layering, so `views.py -> models.py` inside every app is one and
    `app/routes -> app/services` (or `shop -> graphql`) another, never mixed.
    """
    by_depth: dict[int, list[tuple[str, int, str, str]]] = defaultdict(list)
    members = families.member_folders(facts, lang, peers=True)
    found = [
        (f.path, i.line, *unit_of(f.path, i.target))
        for f in roles.authored(facts, lang)
        for i in f.imports
        if i.target is not None and counts(f.path, i.target)
    ]
    units = {u for *_, ua, ub in found for u in (ua, ub)}
    shared = Counter((u.count("/"), _role_suffix(u)) for u in units)
    peers = _peer_files(found)

    def name(unit: str) -> str:
        return members.get(unit) or peers.get(unit) or _name(unit, shared)

    for path, line, ua, ub in found:
        if name(ua) != name(ub):
            by_depth[ua.count("/")].append((path, line, ua, ub))
    best = _depth(by_depth, name) if by_depth else 0
    ranked = sorted(sorted(by_depth), key=lambda d: (d != best, -_agreeing(by_depth[d], name)))
    return [(depth, *_named(by_depth[depth], name)) for depth in ranked]


def _named(
    lines: list[tuple[str, int, str, str]], name: Callable[[str], str]
) -> tuple[list[Edge], Paths]:
    paths: Paths = defaultdict(set)
    edges: list[Edge] = []
    for path, line, ua, ub in lines:
        paths[name(ua)].add(ua)
        paths[name(ub)].add(ub)
        edges.append((path, line, name(ua), name(ub)))
    return edges, paths


def _peer_files(found: list[tuple[str, int, str, str]]) -> dict[str, str]:
    """Each file of a folder of peers -> the folder's name. Peers are PEER_FILES or more
    files of one folder that never import one another and that only import its other
    units, or are only imported by them (eslint's `lib/rules/*.js`, a command per
    file): one layer, as a family of packages is, where a layer per file would list
    hundreds in an order nothing shows (they never import one another)."""
    files: dict[str, set[str]] = defaultdict(set)
    sides: dict[str, set[bool]] = defaultdict(set)
    linked = set()
    for *_, ua, ub in found:
        folder = dirname(ua)
        if language_for(ua) and language_for(ub):
            linked.add(folder)
        for unit, importing in ((ua, True), (ub, False)):
            if language_for(unit):
                files[folder].add(unit)
                sides[folder].add(importing)
    return {
        unit: basename(folder)
        for folder, units in files.items()
        if folder and len(units) >= PEER_FILES and folder not in linked and len(sides[folder]) == 1
        for unit in units
    }


def _depth(by_depth: dict[int, list[tuple[str, int, str, str]]], name: Callable[[str], str]) -> int:
    """The depth where the most import lines agree, unless one where nearly all agree
    (ENFORCE_RATIO) holds at least half as many: a NestJS app's files by role
    (controller > service > repository, 105 of 105 lines) are its layers, more than its
    feature folders importing one another (178 of 198)."""
    agreeing = {d: _agreeing(by_depth[d], name) for d in sorted(by_depth)}
    best = max(agreeing, key=lambda d: agreeing[d])
    consistent = [
        d
        for d, n in agreeing.items()
        if n >= MIN_EDGES and n >= ENFORCE_RATIO * len(by_depth[d]) and n * 2 >= agreeing[best]
    ]
    return max(consistent, key=lambda d: agreeing[d], default=best)


def _agreeing(lines: list[tuple[str, int, str, str]], name: Callable[[str], str]) -> int:
    """How many import lines take the direction most lines between their two layers take:
    the depth where the most agree is where the repo is layered (a depth of units that
    import one another both ways is not)."""
    pairs = Counter((name(ua), name(ub)) for *_, ua, ub in lines)
    return sum(n for (a, b), n in pairs.items() if n > pairs[(b, a)])


def counts(importer: str, target: str) -> bool:
    """Whether an import says something about layers.

    Glue modules, tests and tool-owned files (migrations) wire, exercise or snapshot every
    layer, so their imports belong to none. A package's `__init__.py` (or `index.ts`) is
    glue when it imports, but importing it is importing that package, unless the importer
    is inside it.
    """
    if _glue(importer) or roles.is_test(target) or target == importer:
        return False
    if roles.is_package_file(target):
        package = dirname(target)
        return bool(package) and not importer.startswith(package + "/")
    return not _glue(target)


def _glue(path: str) -> bool:
    return roles.is_glue(path) or roles.is_test(path) or roles.is_tool_owned(path)


def _cyclic(dominant: set[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Strongly connected groups of two or more units (Tarjan's algorithm, iteratively)."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(dominant):
        graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[tuple[str, ...]] = []
    for start in sorted({n for edge in dominant for n in edge}):
        if start not in index:
            _strongconnect(start, graph, index, low, stack, groups)
    return sorted(g for g in groups if len(g) > 1)


def _strongconnect(
    node: str,
    graph: dict[str, list[str]],
    index: dict[str, int],
    low: dict[str, int],
    stack: list[str],
    groups: list[tuple[str, ...]],
) -> None:
    index[node] = low[node] = len(index)
    stack.append(node)
    for nxt in graph[node]:
        if nxt not in index:
            _strongconnect(nxt, graph, index, low, stack, groups)
            low[node] = min(low[node], low[nxt])
        elif nxt in stack:
            low[node] = min(low[node], index[nxt])
    if low[node] == index[node]:
        group = []
        while True:
            member = stack.pop()
            group.append(member)
            if member == node:
                break
        groups.append(tuple(sorted(group)))


def _untangled(
    dominant: set[tuple[str, str]], counts: Counter[tuple[str, str]]
) -> set[tuple[str, str]]:
    """The dominant directions with a ring's few upward imports taken out: units in a ring
    whose lines against their best order are at most `TANGLED` of its lines are layers
    with exceptions (one model importing a view), which the direction rule then counts
    as counter-examples; a ring of many lines both ways (netbox's dcim and ipam) stays."""
    kept = set(dominant)
    for group in _cyclic(dominant):
        rank = {unit: n for n, unit in enumerate(_ranked(group, counts))}
        inner = [(a, b) for a, b in counts if a in rank and b in rank]
        upward = [(a, b) for a, b in inner if rank[a] > rank[b]]
        if sum(counts[e] for e in upward) <= TANGLED * sum(counts[e] for e in inner):
            kept -= set(upward)
    return kept


def _ranked(group: Sequence[str], counts: Counter[tuple[str, str]]) -> list[str]:
    """The group's units top to bottom, few lines pointing up (Eades, Lin and Smyth's
    greedy order): units nothing in the group imports go first, units that import nothing
    of it last, else the one whose lines out most outweigh its lines in."""
    left = sorted(group)
    head: list[str] = []
    tail: list[str] = []

    def lines(unit: str, out: bool) -> int:
        return sum(counts[(unit, o) if out else (o, unit)] for o in left if o != unit)

    while left:
        sinks = [u for u in left if not lines(u, out=True)]
        sources = [u for u in left if not lines(u, out=False)]
        if sinks:
            tail.insert(0, sinks[0])
            left.remove(sinks[0])
        else:
            chosen = (
                sources[0] if sources else max(left, key=lambda u: lines(u, True) - lines(u, False))
            )
            head.append(chosen)
            left.remove(chosen)
    return head + tail


def _order(dominant: set[tuple[str, str]]) -> list[str]:
    """Units top (importers) to bottom (imported), ties by name: Kahn's algorithm."""
    nodes = sorted({n for edge in dominant for n in edge})
    incoming = Counter(b for _, b in dominant)
    order: list[str] = []
    ready = sorted(n for n in nodes if not incoming[n])
    while ready:
        node = ready.pop(0)
        order.append(node)
        for a, b in sorted(dominant):
            if a == node:
                incoming[b] -= 1
                if not incoming[b]:
                    ready = sorted([*ready, b])
    return order


def _role(name: str) -> str | None:
    return next((role for role, names in ROLES.items() if name.lower() in names), None)


def reachable(edges: Sequence[Sequence[str]]) -> dict[str, set[str]]:
    """For each layer, every layer below it: what it may import, directly or not."""
    below: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        below[a].add(b)
    changed = True
    while changed:
        changed = False
        for layer in list(below):
            more = set().union(*(below[b] for b in below[layer] if b in below)) - below[layer]
            if more:
                below[layer] |= more
                changed = True
    return below


def _tiers(order: list[str], dominant: set[tuple[str, str]]) -> dict[str, int]:
    """Longest path from the top: layers on one tier have no order between them."""
    tier = dict.fromkeys(order, 1)
    for node in order:
        for a, b in dominant:
            if a == node:
                tier[b] = max(tier[b], tier[a] + 1)
    return tier


def _direction(
    id_: str,
    checker: str,
    order: list[str],
    paths: dict[str, set[str]],
    edges: list[Edge],
    rings: dict[str, tuple[str, ...]],
    directions: set[tuple[str, str]],
) -> Standard:
    """The layers in tiers, a ring's units named in its layer (`ring`); rings no other
    layer imports or is imported by have no tier and are named beside them (`cycles`),
    so a reader is not left to think the layers are the whole repo."""
    dominant = sorted({(a, b) for _, _, a, b in edges if (a, b) in directions})
    below = reachable(dominant)
    tier = _tiers(order, set(dominant))
    good = [(p, n, f"{a} imports {b}") for p, n, a, b in edges if b in below[a]]
    bad = [(p, n, f"{a} imports {b}") for p, n, a, b in edges if a in below[b]]
    layers = []
    for name in sorted(order, key=lambda n: (tier[n], n)):
        layer: dict[str, Param] = {
            "name": name,
            "paths": tuple(sorted(paths[name])),
            "tier": tier[name],
        }
        if role := _role(name):
            layer["role"] = role
        if name in rings:
            layer["ring"] = rings[name]
        layers.append(layer)
    apart = [group for name, group in rings.items() if name not in order]
    tiers = [
        ", ".join(sorted(n for n in order if tier[n] == t)) for t in sorted(set(tier.values()))
    ]
    mutual = _mutual(edges, below)
    return standard(
        id_,
        language=id_.split(".")[1],
        rule=f"Import only downward through the layers: {' > '.join(tiers)}."
        if len(order) <= LISTED
        else f"Import only downward through the {len(order)} layers, tier by tier "
        f"(`standards explain {id_}`).",
        why="An import against the direction the repo follows couples stable code to code "
        "that changes more, and starts import cycles.",
        parameters={
            "layers": tuple(layers),
            "edges": tuple(dominant),
            **({"cycles": tuple(_entangled(g, paths) for g in apart)} if apart else {}),
            **({"mutual": mutual} if mutual else {}),
        },
        ev=counted(good, bad),
        targets=(checker, "playbook"),
    )


def _mutual(edges: list[Edge], below: dict[str, set[str]]) -> tuple[tuple[str, str], ...]:
    """Layers that import each other with no order between them: on different tiers, the
    lower may still import the higher, which the tiers alone would not tell."""
    pairs = {(a, b) for *_, a, b in edges}
    return tuple(
        sorted(
            (a, b)
            for a, b in pairs
            if a < b and (b, a) in pairs and b not in below[a] and a not in below[b]
        )
    )


def _entangled(group: tuple[str, ...], paths: Paths) -> dict[str, Param]:
    return {"names": group, "paths": tuple(sorted(paths[_ring(group)]))}


def _cycles(lang: str, groups: list[tuple[str, ...]]) -> Standard:
    standard_ = standard(
        f"layering.{lang}.cycles",
        language=lang,
        rule="Break the import cycles between " + "; ".join(" <-> ".join(g) for g in groups) + ".",
        why="Units that import each other cannot be understood, tested or moved apart.",
        parameters={"cycles": tuple(groups)},
        ev=evidence([], [Example(g[0], 1, " <-> ".join(g)) for g in groups]),
    )
    return standard_


_APP_LAYERS: tuple[Param, ...] = (
    {"name": "routes", "paths": ("app/routes",), "tier": 1, "role": "presentation"},
    {"name": "services", "paths": ("app/services",), "tier": 2, "role": "service"},
    {"name": "models", "paths": ("app/models",), "tier": 3, "role": "data"},
)
"""The layers of the examples' app: routes > services > models."""


FEATURES = ("users", "orders", "auth", "mail")
RULE_FILE = 'const ast = require("./utils/ast");\nmodule.exports = ast;\n'


def _features(role: str) -> tuple[str, ...]:
    return tuple(f"src/{f}/{f}.{role}.ts" for f in ("article", "profile", "tag"))


def _package(name: str) -> dict[str, str]:
    """A feature package as polar's are: endpoints > service > repository, each on the kit."""
    kit = "from app.kit.db import Session\n"
    return {
        f"app/{name}/__init__.py": "",
        f"app/{name}/endpoints.py": f"from app.{name}.service import S\n{kit}",
        f"app/{name}/service.py": f"from app.{name}.repository import R\n{kit}",
        f"app/{name}/repository.py": kit,
    }


def _in_packages(name: str, tier: int, role: str) -> dict[str, Param]:
    paths = tuple(f"app/{p}/{name}.py" for p in ("carts", "orders", "users"))
    return {"name": name, "paths": paths, "tier": tier, "role": role}


EXAMPLES = (
    AnalyzerExample(
        files={
            "app/__init__.py": "",
            "app/routes/__init__.py": "",
            "app/services/__init__.py": "",
            "app/models/__init__.py": "",
            "app/routes/users.py": "from app.services.users import UserService\n"
            "from app.services.mail import MailService\n",
            "app/routes/orders.py": "from app.services.users import UserService\n",
            "app/services/users.py": "from app.models.user import User\n",
            "app/services/mail.py": "from app.models.user import User\n",
            "app/models/user.py": "X = 1\n",
        },
        expect={
            "layering.python.direction": (
                Level.ENFORCE,
                {"layers": _APP_LAYERS},
            )
        },
        absent=("layering.python.cycles",),
    ),
    AnalyzerExample(
        files={
            "app/__init__.py": "",
            **{f"app/{unit}/__init__.py": "" for unit in ("routes", "models", "x", "y", "z")},
            **{
                f"app/routes/{name}.py": "from app.models.user import User\n"
                for name in ("users", "orders", "carts", "items", "stock")
            },
            "app/models/user.py": "X = 1\n",
            "app/x/a.py": "from app.y.b import B\n",
            "app/y/b.py": "from app.z.c import C\n",
            "app/z/c.py": "from app.x.a import A\n",
        },
        expect={
            "layering.python.direction": (
                Level.ENFORCE,
                {"cycles": ({"names": ("x", "y", "z"), "paths": ("app/x", "app/y", "app/z")},)},
            )
        },
    ),
    AnalyzerExample(  # a folder per feature, its files named for their role (NestJS style)
        files={
            **{
                f"src/{f}/{f}.controller.ts": f"import {{ list }} from './{f}.service';\n"
                "export const get = list;\n"
                for f in ("article", "profile", "tag")
            },
            **{
                f"src/{f}/{f}.service.ts": f"import {{ Row }} from './{f}.model';\n"
                "export const list = (): Row[] => [];\n"
                for f in ("article", "profile", "tag")
            },
            **{
                f"src/{f}/{f}.model.ts": "export type Row = number;\n"
                for f in ("article", "profile", "tag")
            },
        },
        expect={
            "layering.typescript.direction": (
                Level.ENFORCE,
                {
                    "layers": (
                        {
                            "name": "controller",
                            "paths": _features("controller"),
                            "tier": 1,
                            "role": "presentation",
                        },
                        {
                            "name": "service",
                            "paths": _features("service"),
                            "tier": 2,
                            "role": "service",
                        },
                        {
                            "name": "model",
                            "paths": _features("model"),
                            "tier": 3,
                            "role": "data",
                        },
                    )
                },
            )
        },
    ),
    AnalyzerExample(  # a rule per file (eslint's lib/rules): peers, one layer, not five
        files={
            **{
                f"lib/rules/{rule}.js": RULE_FILE
                for rule in ("camelcase", "curly", "eqeqeq", "semi", "quotes")
            },
            "lib/rules/utils/ast.js": "module.exports = {};\n",
        },
        expect={
            "layering.javascript.direction": (
                Level.ENFORCE,
                {
                    "layers": (
                        {
                            "name": "rules",
                            "paths": tuple(
                                f"lib/rules/{rule}.js"
                                for rule in ("camelcase", "curly", "eqeqeq", "quotes", "semi")
                            ),
                            "tier": 1,
                        },
                        {
                            "name": "utils",
                            "paths": ("lib/rules/utils",),
                            "tier": 2,
                            "role": "shared",
                        },
                    )
                },
            )
        },
    ),
    AnalyzerExample(  # one model importing a route: an exception to the layers, not a ring
        files={
            **{f"app/{unit}/__init__.py": "" for unit in ("routes", "services", "models")},
            "app/__init__.py": "",
            **{f"app/routes/r{n}.py": f"from app.services.s{n} import S\n" for n in range(6)},
            **{f"app/services/s{n}.py": "from app.models.m import M\n" for n in range(6)},
            "app/models/m.py": "from app.routes.r0 import R\n",
        },
        expect={
            "layering.python.direction": (
                Level.ADVISE,
                {"layers": _APP_LAYERS},
            )
        },
        absent=("layering.python.cycles",),
    ),
    AnalyzerExample(  # packages on a kit, and inside each the same layers: both kept
        files={
            "app/__init__.py": "",
            "app/kit/__init__.py": "",
            "app/kit/db.py": "Session = 1\n",
            **_package("orders"),
            **_package("users"),
            **_package("carts"),
        },
        expect={
            "layering.python.direction": (Level.ENFORCE, {"edges": (("app/*", "kit"),)}),
            "layering.python.direction.inner": (
                Level.ENFORCE,
                {
                    "layers": (
                        _in_packages("endpoints", 1, "presentation"),
                        _in_packages("service", 2, "service"),
                        _in_packages("repository", 3, "data"),
                    )
                },
            ),
        },
    ),
    AnalyzerExample(  # NestJS: files by role agree (8 of 8), features less (11 of 12)
        files={
            **{
                f"src/{f}/{f}.{role}.ts": f"import {{ X }} from './{f}.{below}';\n"
                for f in FEATURES
                for role, below in (("controller", "service"), ("service", "repository"))
            },
            **{
                f"src/{f}/{f}.repository.ts": "export const X = 1;\n"
                for f in ("users", "orders", "auth", "mail")
            },
            **{
                f"src/orders/o{n}.ts": "import { X } from '../users/users.repository';\n"
                for n in range(6)
            },
            **{
                f"src/auth/a{n}.ts": "import { X } from '../users/users.repository';\n"
                for n in range(5)
            },
            "src/users/u0.ts": "import { X } from '../orders/orders.repository';\n",
        },
        expect={
            "layering.typescript.direction": (
                Level.ENFORCE,
                {"edges": (("controller", "service"), ("service", "repository"))},
            )
        },
    ),
    AnalyzerExample(  # models enqueue jobs and jobs load models: two units, no order
        files={
            **{f"app/{unit}/__init__.py": "" for unit in ("routes", "jobs", "models")},
            "app/__init__.py": "",
            **{f"app/routes/r{n}.py": f"from app.models.m{n} import M\n" for n in range(4)},
            "app/routes/r4.py": "from app.jobs.j0 import J\n",
            **{f"app/models/m{n}.py": f"from app.jobs.j{n} import J\n" for n in range(4)},
            **{f"app/jobs/j{n}.py": f"from app.models.m{n} import M\n" for n in range(3)},
        },
        expect={
            "layering.python.direction": (
                Level.ENFORCE,
                {
                    "edges": (("routes", "jobs"), ("routes", "models")),
                    "mutual": (("jobs", "models"),),
                },
            )
        },
        absent=("layering.python.cycles",),
    ),
)
