"""JavaScript facts: definitions, imports and their targets, handlers, queries, habits."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from standards.analyzers import roles
from standards.languages import javascript, typescript
from standards.languages.javascript import orm
from standards.model import Call, DefinitionKind, FileFacts, Handler, Route

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

SOURCE = b"""\
'use strict';
import fs, { a as b, c } from './x';
const { q, r: rr } = require('./q');
export const MAX = 10;
const ITEMS = ['a', "b"];
export default function handler(req, res) {
  if (a && b) {
    return 1;
  }
  return req ? 2 : 3;
}
const load = async (x, ...rest) => x ?? 2;
class UserService extends Base {
  #secret = 1;
  static find(id, { strict } = {}) {
    const found = id;
    return found;
  }
  save = () => this.#secret;
}
exports.list = function (req) { return req; };
module.exports = { load, helpers: { twice: (n) => n * 2 } };
const lazy = import('./lazy.js');
"""


def _facts(source: bytes = SOURCE, path: str = "src/app.js") -> FileFacts:
    return javascript.parse(path, source)


def test_definitions_with_kinds_lines_and_exports() -> None:
    found = {(d.kind, d.name): d for d in _facts().definitions}
    assert sorted((k.value, n) for k, n in found) == [
        ("class", "UserService"),
        ("constant", "ITEMS"),
        ("constant", "MAX"),
        ("function", "handler"),
        ("function", "list"),
        ("function", "load"),
        ("function", "twice"),
        ("method", "find"),
        ("method", "save"),
        ("variable", "found"),
    ]
    handler = found[(DefinitionKind.FUNCTION, "handler")]
    assert (handler.line, handler.end_line, handler.complexity, handler.statements) == (6, 11, 4, 3)
    assert handler.exported and found[(DefinitionKind.CONSTANT, "MAX")].exported
    assert found[(DefinitionKind.FUNCTION, "load")].parameters == ("x", "*rest")
    assert found[(DefinitionKind.FUNCTION, "load")].exported
    assert found[(DefinitionKind.METHOD, "find")].parameters == ("id", "{}")
    assert found[(DefinitionKind.METHOD, "find")].parent == "UserService"
    assert found[(DefinitionKind.CLASS, "UserService")].bases == ("Base",)
    assert found[(DefinitionKind.VARIABLE, "found")].parent == "find"


def test_imports_bind_their_names() -> None:
    found = {i.module: i for i in _facts().imports}
    assert sorted(found) == ["./lazy.js", "./q", "./x"]
    assert found["./x"].names == ("default", "a", "c")
    assert found["./x"].bound == ("fs", "b", "c")
    assert (found["./q"].names, found["./q"].bound) == (("q", "r"), ("q", "rr"))
    assert found["./lazy.js"].relative and found["./lazy.js"].line == 23


def test_handlers_inline_and_by_reference_across_files() -> None:
    routes = b"""\
const users = require('../controllers/users');
const { show } = require('../controllers/users');
router.get('/users', users.list);
router.get('/users/:id', auth, show);
router.post('/users', async (req, res) => {
  res.json(await User.create(req.body));
});
cache.get('key', () => compute());
"""
    controllers = (
        b"exports.list = (req, res) => res.json([]);\nexports.show = function (req, res) {};\n"
    )
    parsed = [
        javascript.parse("src/routes/users.js", routes),
        javascript.parse("src/controllers/users.js", controllers),
    ]
    by_path = {f.path: f for f in javascript.link(Path(), parsed)}
    route_file = by_path["src/routes/users.js"]
    assert route_file.routes == (
        Route("users.list", 3, "express", "/users"),
        Route("show", 4, "express", "/users/:id"),
    )
    assert route_file.handlers == (Handler("POST /users", 5, 7, "express", "/users"),)
    names = {(h.name, h.route) for h in by_path["src/controllers/users.js"].handlers}
    assert names == {("list", "/users"), ("show", "/users/:id")}


def test_handlers_wrapped_and_registered_on_a_chained_route() -> None:
    """node-express-boilerplate's controllers are `const getUser = catchAsync(async (req,
    res) => ...)`, registered by `router.route('/:id').get(...).patch(...)`: none was a
    handler, so no handler standard was learned and a controller's query passed."""
    routes = b"""\
const users = require('../controllers/users');
router.route('/').post(auth, users.create).get(users.list);
router.route('/:id').get(users.show);
"""
    controllers = b"""\
const create = catchAsync(async (req, res) => res.send(await User.create(req.body)));
const list = catchAsync(async (req, res) => {
  res.send([]);
});
const show = (req, res) => res.send({});
const ids = users.map((u) => u.id);
function count() {
  const total = compute(() => 2);
  return total;
}
module.exports = { create, list, show, count };
"""
    parsed = [
        javascript.parse("src/routes/users.js", routes),
        javascript.parse("src/controllers/users.js", controllers),
    ]
    by_path = {f.path: f for f in javascript.link(Path(), parsed)}
    assert {(r.view, r.route) for r in by_path["src/routes/users.js"].routes} == {
        ("users.create", "/"),
        ("users.list", "/"),
        ("users.show", "/:id"),
    }
    linked = by_path["src/controllers/users.js"]
    assert [(h.name, h.line, h.end_line) for h in linked.handlers] == [
        ("create", 1, 1),
        ("list", 2, 4),
        ("show", 5, 5),
    ]
    assert sorted((d.kind.value, d.name) for d in linked.definitions) == [
        ("function", "count"),
        ("function", "create"),
        ("function", "list"),
        ("function", "show"),
        ("variable", "total"),
    ]


def test_functions_shaped_as_handlers_beside_routed_ones_are_handlers() -> None:
    """An action added beside the routed ones (its route new, or in a file one check
    cannot read) is a handler, in the analysis as in the ESLint plugin; middleware, with
    its `next`, is none outside a routes folder."""
    files = {
        "src/routes/users.js": b"const users = require('../controllers/users');\n"
        b"router.get('/users', users.list);\n",
        "src/controllers/users.js": b"exports.list = (req, res) => res.json([]);\n",
        "src/controllers/admin.js": b"const stats = async (req, res) => res.json({});\n"
        b"function guard(req, res, next) { next(); }\nmodule.exports = { stats, guard };\n",
        "src/lib/util.js": b"const send = (req, res) => res.end();\nmodule.exports = { send };\n",
    }
    parsed = [javascript.parse(path, source) for path, source in files.items()]
    linked = {f.path: f for f in javascript.link(Path(), parsed)}
    assert [h.name for h in linked["src/controllers/admin.js"].handlers] == ["stats"]
    assert [h.name for h in linked["src/controllers/users.js"].handlers] == ["list"]
    assert linked["src/lib/util.js"].handlers == ()


def test_orm_queries_with_models_and_columns() -> None:
    source = b"""\
await prisma.user.findMany({ where: { email, active: true }, orderBy: { createdAt: 'desc' } });
await this.prisma.order.findUnique({ where: { id } });
await User.findAll({ where: { email }, order: [['name', 'ASC']] });
await User.findByPk(id);
await Person.find({ email, $or: [] });
await usersRepository.findOneBy({ email });
await getRepository(Invoice).find({ where: { number } });
await repo.createQueryBuilder('u').where('u.email = :email AND u.age > :age').getOne();
await knex('users').where({ email }).first();
await UserService.find(id);
await list.find((x) => x);
const o = Object.create(null), done = Promise.all([]), b = Array.from(items);
const app = await NestFactory.create(AppModule);
"""
    calls = _facts(source, "src/services/q.js").calls
    assert sorted(calls, key=lambda c: c.line) == [
        Call("orm-query", "findMany", 1, "prisma.user", "user", ("email", "active", "createdAt")),
        Call("orm-query", "findUnique", 2, "this.prisma.order", "order", ("id",)),
        Call("orm-query", "findAll", 3, "User", "User", ("email",)),
        Call("orm-query", "findByPk", 4, "User", "User", ("id",)),
        Call("orm-query", "find", 5, "Person", "Person", ("email",)),
        Call("orm-query", "findOneBy", 6, "usersRepository", None, ("email",)),
        Call("orm-query", "find", 7, "getRepository(Invoice)", "Invoice", ("number",)),
        Call("orm-query", "where", 8, "repo.createQueryBuilder('u')", None, ("email", "age")),
        Call("orm-query", "where", 9, "knex('users')", "users", ("email",)),
    ]


def test_habits_count_each_answer_with_its_first_line() -> None:
    habits = {(h.name, h.choice): (h.count, h.line) for h in _facts().style.habits}
    assert habits[("quotes", "single")] == (5, 1)
    assert habits[("quotes", "double")] == (1, 5)
    assert habits[("declarations", "const")][1] == 3
    assert habits[("functions", "declaration")] == (1, 6)
    assert habits[("functions", "arrow")] == (1, 12)
    assert habits[("semicolons", "always")][0] > 10 and ("semicolons", "never") not in habits
    lists = b"const a = [\n  1,\n  2,\n];\nconst b = {\n  x: 1\n};\nf(1, 2);\n"
    commas = {(h.name, h.choice): (h.count, h.line) for h in _facts(lists).style.habits}
    assert commas[("trailing-commas", "always")] == (1, 4)
    assert commas[("trailing-commas", "never")] == (1, 7)


def test_bad_files_are_problems_not_failures() -> None:
    broken = _facts(b"function ok() { return 1; }\nconst = ;\n")
    assert broken.problems == ("syntax error at line 2",)
    assert [d.name for d in broken.definitions] == ["ok"]
    latin = _facts(b"const s = '\xe9';\n")
    assert latin.problems[0].startswith("not valid UTF-8")
    assert pickle.loads(pickle.dumps(_facts())) == _facts()


def test_the_express_fixture_yields_what_its_readme_promises() -> None:
    root = FIXTURES / "express_layers"
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.js"))
    parsed = [javascript.parse(p, (root / p).read_bytes()) for p in paths]
    linked = {f.path: f for f in javascript.link(root, [*parsed, *_typescript_stub()])}
    fat = [h for h in linked["src/routes/orders.js"].handlers if h.line == 17][0]
    assert (fat.name, fat.length) == ("POST /:id/lines", 42)
    orm = [c for c in linked["src/routes/orders.js"].calls if fat.line <= c.line <= fat.end_line]
    assert len(orm) == 6
    upward = [i for i in linked["src/models/order.js"].imports if i.line == 6]
    assert upward[0].target == "src/services/orderService.js"
    health = linked["src/routes/health.js"]
    assert [(h.name, h.route) for h in health.handlers] == [("status", "/")]


def _typescript_stub() -> list[FileFacts]:
    """A TypeScript file in the repo does not change what JavaScript files resolve to."""
    return [typescript.parse("src/extra.ts", b"export const X = 1;\n")]


def test_default_exported_request_handlers_of_route_files() -> None:
    root = FIXTURES / "file_routes"
    found = {
        path: [
            (h.name, h.line, h.route)
            for h in javascript.parse(path, (root / path).read_bytes()).handlers
        ]
        for path in sorted(p.relative_to(root).as_posix() for p in root.rglob("*.js"))
    }
    routes = "src/api/routes/"
    assert {p: h for p, h in found.items() if h} == {
        routes + "admin/orders/cancel-order.js": [("default", 1, "/admin/orders")],
        routes + "admin/orders/get-order.js": [("getOrder", 3, "/admin/orders")],
        routes + "admin/orders/list-orders.js": [("default", 3, "/admin/orders")],
        routes + "store/carts/get-cart.js": [("default", 3, "/store/carts")],
        routes + "store/carts/update-cart.js": [("default", 3, "/store/carts")],
        routes + "store/products/get-product.js": [("default", 3, "/store/products")],
        routes + "store/products/list-products.js": [("default", 3, "/store/products")],
    }
    linked = javascript.link(root, [javascript.parse(p, (root / p).read_bytes()) for p in found])
    health = next(f for f in linked if f.path.endswith("store/health.js")).handlers
    assert [(h.name, h.line, h.route) for h in health] == [("health", 7, "/health")]
    compiled = b"exports.default = (function (req, res) {\n  if (req) {\n    res.end();\n  }\n});\n"
    handler = javascript.parse("dist/api/routes/x.js", compiled).handlers
    assert [(h.name, h.line, h.end_line, h.branches) for h in handler] == [("default", 1, 5, 1)]
    middleware = b"module.exports = function check(req, res, next) { next(); };\n"
    assert javascript.parse("lib/check.js", middleware).handlers == ()
    assert javascript.parse("lib/routes/check.js", middleware).handlers[0].name == "check"


def test_a_function_assigned_to_a_computed_key_is_anonymous() -> None:
    source = b"g[Symbol.iterator] = function () { return this; };\nexports.list = function () {};\n"
    assert [d.name for d in _facts(source).definitions] == ["list"]


QUERY_WORDS = ("PRISMA", "PRISMA_CLIENTS", "MODEL_METHODS", "NOT_MODELS", "BUILTINS")
QUERY_WORDS += ("REPOSITORY", "BUILDER", "KNEX")


def test_the_eslint_plugin_counts_queries_with_the_analysis_own_words() -> None:
    """The plugin's copy of the words that make a query (rule_templates/eslint/plugin.mjs)
    is the analysis' own, or the plugin and its examples disagree on a repo."""
    plugin = (Path(__file__).parents[2] / "rule_templates/eslint/plugin.mjs").read_text()
    for name in QUERY_WORDS:
        declared = re.search(rf"^const {name} = (.*?);$", plugin, re.MULTILINE | re.DOTALL)
        assert declared is not None, name
        words = {w for quoted in re.findall(r'"([^"]*)"', declared[1]) for w in quoted.split()}
        assert words == set(getattr(orm, name)), name


def test_a_tools_dotfile_is_glue() -> None:
    """`.releaserc.js`, `.mocharc.cjs`: named by the tool that reads them, not the team."""
    assert roles.is_glue(".releaserc.js") and roles.is_glue("packages/a/.mocharc.cjs")
    assert roles.is_glue(".eslintrc.js") and not roles.is_glue("src/release.js")


KOA_ROUTES = b"""\
const Router = require('koa-router');
const { TextSelection } = require('prosemirror-state');
const { Team } = require('../models/team');

const router = new Router();
router.post('teams.info', auth(), async (ctx) => {
  ctx.body = await Team.findByPk(ctx.request.body.id);
});
router.post('teams.cursor', async (ctx) => {
  ctx.body = TextSelection.create(ctx.request.body.doc, 0);
});
settings.get('theme', () => 'dark');
"""


def test_koa_routes_named_without_a_slash_and_library_classes_are_no_models() -> None:
    """Outline's 189 `router.post("documents.list", ...)` handlers were none, and
    prosemirror's `TextSelection.create()` made 801 of its queries."""
    files = {
        "src/routes/teams.js": KOA_ROUTES,
        "src/models/team.js": b"class Team extends Model {}\nmodule.exports = { Team };\n",
    }
    parsed = [javascript.parse(path, source) for path, source in files.items()]
    linked = {f.path: f for f in javascript.link(Path(), parsed)}["src/routes/teams.js"]
    assert [(h.name, h.line) for h in linked.handlers] == [
        ("POST teams.cursor", 9),
        ("POST teams.info", 6),
    ]
    assert [(c.receiver, c.name) for c in linked.calls] == [("Team", "findByPk")]


def test_model_shaped_calls_of_a_browser_app_are_no_queries(tmp_path: Path) -> None:
    """redash's React pages call `Destination.create()` on its API client: five "ORM
    queries" made an enforced standard of where a frontend queries. A package that
    depends on a database library keeps them, whatever else it uses."""
    page = b"import Destination from '../services/destination';\nDestination.create({ name });\n"
    service = (
        b"const Destination = { create: (d) => axios.post('/api', d) };\n"
        b"export default Destination;\n"
    )
    files = {"web/src/pages/List.jsx": page, "web/src/services/destination.js": service}
    files |= {"api/src/routes.js": page, "api/src/services/destination.js": service}
    for path, source in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(source)
    (tmp_path / "web/package.json").write_text('{"dependencies": {"react": "18", "axios": "1"}}')
    (tmp_path / "api/package.json").write_text('{"dependencies": {"react": "18", "mongoose": "8"}}')
    parsed = [javascript.parse(path, source) for path, source in files.items()]
    linked = {f.path: f for f in javascript.link(tmp_path, parsed)}
    assert linked["web/src/pages/List.jsx"].calls == ()
    assert [c.name for c in linked["api/src/routes.js"].calls] == ["create"]
