"""TypeScript facts: types, decorators, annotations, tsconfig paths, Nest and Next handlers."""

from __future__ import annotations

import json
from pathlib import Path

from standards.languages import javascript, typescript
from standards.model import DefinitionKind, FileFacts, Handler

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CONTROLLER = b"""\
import { Controller, Get } from '@nestjs/common';

interface User {
  id: number;
}
type Id = string | number;
enum Color { Red, Green }

@Controller('users')
export class UsersController implements OnInit {
  constructor(private readonly prisma: PrismaService) {}

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<User> {
    return this.prisma.user.findUnique({ where: { id: Number(id) } });
  }

  private helper(a?: number, b = 2): void {}
}
"""


def _parse(path: str, source: bytes) -> FileFacts:
    return typescript.parse(path, source)


def test_types_decorators_visibility_and_annotations() -> None:
    facts = _parse("src/users/users.controller.ts", CONTROLLER)
    found = {d.name: d for d in facts.definitions}
    kinds = {n: d.kind for n, d in found.items()}
    assert kinds["User"] is DefinitionKind.INTERFACE and kinds["Id"] is DefinitionKind.TYPE
    assert (
        kinds["Color"] is DefinitionKind.ENUM and kinds["UsersController"] is DefinitionKind.CLASS
    )
    controller = found["UsersController"]
    assert (controller.decorators, controller.bases, controller.exported) == (
        ("Controller",),
        ("OnInit",),
        True,
    )
    assert (found["findOne"].decorators, found["findOne"].annotated) == (("Get",), True)
    assert (found["helper"].visibility, found["helper"].parameters) == ("private", ("a", "b"))
    assert found["constructor"].parameters == ("prisma",)
    assert facts.handlers == (Handler("findOne", 14, 16, "nestjs", "/users/:id"),)


def test_tsx_components_and_next_route_handlers() -> None:
    page = _parse("src/app/Card.tsx", b"export const Card = (): JSX.Element => <div>{'x'}</div>;\n")
    assert [(d.name, d.kind, d.exported) for d in page.definitions] == [
        ("Card", DefinitionKind.FUNCTION, True)
    ]
    route = _parse(
        "app/api/users/route.ts",
        b"export async function GET(request: Request) {\n  return Response.json([]);\n}\n"
        b"function helper() {}\n",
    )
    assert route.handlers == (Handler("GET", 1, 3, "nextjs", "/api/users"),)
    api = javascript.parse("pages/api/hello.js", b"export default function hello(req, res) {}\n")
    assert [(h.name, h.framework) for h in api.handlers] == [("hello", "nextjs")]


COMPONENTS = b"""\
export function Page() { return <><Nav /></> }
const Row = () => (<li>x</li>)
const Maybe = ({ on }: { on: boolean }) => on ? <Nav /> : null
function Guard() { if (x) { return null } return ok && (<Nav />) }
function toLabel(n: number) { return `#${n}` }
const items = [1].map((n) => <li key={n} />)
function Rows({ rows }) { return rows.map((row) => { return <li>{row}</li> }) }
const Cells = ({ cells }) => (cells.map(function (c) { return <td>{c}</td> }))
function labels(xs) { return xs.map((x) => `#${x}`) }
"""


def test_functions_that_return_jsx_render() -> None:
    """Components are told by what they return, never by their name's case; a list of
    JSX (`rows.map((row) => <li />)`) is what redash's `DynamicFormFields` returns."""
    typed = _parse("src/page.tsx", COMPONENTS)
    plain = javascript.parse("src/page.jsx", COMPONENTS.replace(b": { on: boolean }", b""))
    for facts in (typed, plain):
        assert {d.name: d.renders for d in facts.definitions} == {
            "Page": True,
            "Row": True,
            "Maybe": True,
            "Guard": True,
            "toLabel": False,
            "Rows": True,
            "Cells": True,
            "labels": False,
        }, facts.path


def test_imports_resolve_through_tsconfig_paths_indexes_and_workspaces(tmp_path: Path) -> None:
    (tmp_path / "tsconfig.base.json").write_text(
        '{\n  // shared\n  "compilerOptions": {"baseUrl": ".", '
        '"paths": {"@app/*": ["src/*"],},},\n}\n'
    )
    (tmp_path / "tsconfig.json").write_text('{"extends": "./tsconfig.base.json"}')
    (tmp_path / "package.json").write_text(json.dumps({"imports": {"#lib/*": "./src/lib/*.ts"}}))
    (tmp_path / "packages/ui").mkdir(parents=True)
    (tmp_path / "packages/ui/package.json").write_text(
        json.dumps({"name": "@shop/ui", "exports": {".": {"import": "./src/index.ts"}}})
    )
    files = {
        "src/main.ts": b"import { a } from '@app/services';\nimport b from './util.js';\n"
        b"import { c } from '#lib/math';\nimport { Button } from '@shop/ui';\n"
        b"import express from 'express';\nimport { x } from '../outside';\n",
        "src/services/index.ts": b"export const a = 1;\n",
        "src/util.ts": b"export default 2;\n",
        "src/lib/math.ts": b"export const c = 3;\n",
        "packages/ui/src/index.ts": b"export const Button = 4;\n",
    }
    parsed = [typescript.parse(p, s) for p, s in files.items()]
    linked = {f.path: f for f in typescript.link(tmp_path, parsed)}
    targets = {i.module: i.target for i in linked["src/main.ts"].imports}
    assert targets == {
        "@app/services": "src/services/index.ts",
        "./util.js": "src/util.ts",
        "#lib/math": "src/lib/math.ts",
        "@shop/ui": "packages/ui/src/index.ts",
        "express": None,
        "../outside": None,
    }


def test_the_nest_fixture_yields_what_its_readme_promises() -> None:
    root = FIXTURES / "nest_prisma"
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.ts"))
    linked = {
        f.path: f
        for f in typescript.link(
            root, [typescript.parse(p, (root / p).read_bytes()) for p in paths]
        )
    }
    controller = linked["src/orders/orders.controller.ts"]
    checkout = [h for h in controller.handlers if h.name == "checkout"][0]
    assert (checkout.line, checkout.length, checkout.route) == (35, 32, "/orders/:id/checkout")
    inside = [c for c in controller.calls if checkout.line <= c.line <= checkout.end_line]
    assert len(inside) == 6 and {c.model for c in inside} == {"order", "cart", "review", "user"}
    service = linked["src/users/users.service.ts"]
    assert {i.module: i.target for i in service.imports}["@app/prisma/prisma.service"] == (
        "src/prisma/prisma.service.ts"
    )
    assert sum(len(f.handlers) for f in linked.values()) == 21
