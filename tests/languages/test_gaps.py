"""Valid code the grammars cannot parse is read around, never reported as the author's
syntax error, and keeps its lines and imports."""

from __future__ import annotations

from standards.languages import javascript, typescript
from standards.languages.javascript import gaps

TYPE_IMPORTS = b"""\
import { A } from "./a";
export declare const repo: import("typeorm").Repository<A>;
export declare function list(): Promise<import("../models").User[] | undefined>;
type Handler = () => import("express").RequestHandler<import("./params").P, any>;
const loaded = import("./lazy").then((m) => m.run);
export class Box<in I, out O, in out T extends A = A> {
  open(): void {
    if (loaded) {
      return;
    }
  }
}
"""

KEYWORD_NAMES = b"""\
const _null = null;
function make() {}
export { _null as null, make as new };
import { void as nothing } from "./words";
export function after() { return 1; }
"""

NO_SEMICOLONS = b"""\
export interface Counts {
  all: number
  in_progress: number
  instanceof_x: number
}
export class Task {
  done = false
  in_queue = true
}
export function total(counts: Counts) {
  return counts.all
}
"""

STYLED = b"""\
import styled from "styled-components";
import { Flex } from "./flex";

const Badge = styled.span<{ yellow?: boolean; primary?: boolean }>`
  color: ${({ yellow }) => (yellow ? "gold" : "inherit")};
`;
const Row = styled(Flex)<{
  /** How far it is indented */
  depth: number;
  onPick: (id: string) => void;
}>`
  margin-left: ${(props) => props.depth * 8}px;
`;
const Cell = styled.td<Omit<Props, "id">>`
  padding: 0;
`;
export function width(depth: number): number {
  return depth < 2 && depth > 0 ? 1 : 2;
}
"""


def test_typescript_type_imports_and_variance_parse_and_keep_their_imports() -> None:
    facts = typescript.parse("src/box.ts", TYPE_IMPORTS)
    assert facts.problems == ()
    modules = sorted((i.line, i.module) for i in facts.imports)
    assert modules == [
        (1, "./a"),
        (2, "typeorm"),
        (3, "../models"),
        (4, "./params"),
        (4, "express"),
        (5, "./lazy"),
    ]
    found = {d.name: d for d in facts.definitions}
    assert (found["Box"].line, found["open"].line, found["open"].complexity) == (6, 7, 2)


def test_javascript_keyword_export_names_parse() -> None:
    facts = javascript.parse("src/words.js", KEYWORD_NAMES)
    assert facts.problems == ()
    assert [i.module for i in facts.imports] == ["./words"]
    assert {d.name for d in facts.definitions} >= {"make", "after"}


def test_masking_keeps_every_byte_position_and_real_errors_still_show() -> None:
    for grammar, source in (("typescript", TYPE_IMPORTS), ("javascript", KEYWORD_NAMES)):
        masked = gaps.readable(grammar, source)
        assert len(masked) == len(source) and masked.count(b"\n") == source.count(b"\n")
        assert masked != source
    assert gaps.readable("javascript", TYPE_IMPORTS) == TYPE_IMPORTS
    broken = typescript.parse("src/bad.ts", TYPE_IMPORTS + b"const = ;\n")
    assert broken.problems == ("syntax error at line 13",)
    assert gaps.readable("typescript", b"for (const k in out) {}\n") == b"for (const k in out) {}\n"


def test_a_line_starting_with_an_in_name_ends_the_statement_before_it() -> None:
    facts = typescript.parse("src/counts.ts", NO_SEMICOLONS)
    assert facts.problems == ()
    assert {d.name: d.line for d in facts.definitions if d.parent is None} == {
        "Counts": 1,
        "Task": 6,
        "total": 10,
    }
    masked = gaps.readable("typescript", NO_SEMICOLONS)
    assert masked.count(b";") == 3 and len(masked) == len(NO_SEMICOLONS)
    for kept in (b"const has = key\n  in items\n", b"const o = {\n  a: 1,\n  in_b: 2,\n}\n"):
        assert gaps.readable("javascript", kept) == kept


def test_typeof_import_as_a_type_argument_parses_and_counts_its_module() -> None:
    source = (
        b'vi.mock("./api", async (original) => {\n'
        b'  const m = await original<typeof import("./api")>();\n'
        b"  return m;\n"
        b"});\n"
    )
    facts = typescript.parse("src/api.test.ts", source)
    assert facts.problems == ()
    assert sorted((i.line, i.module) for i in facts.imports) == [(2, "./api")]


def test_tagged_templates_with_type_arguments_parse() -> None:
    """styled-components' `styled.div<Props>`...``: 108 of Outline's files."""
    for path in ("src/badge.ts", "src/badge.tsx"):
        facts = typescript.parse(path, STYLED)
        assert facts.problems == ()
        assert [(d.name, d.line) for d in facts.definitions if d.name == "width"] == [("width", 17)]
        assert [i.module for i in facts.imports] == ["./flex", "styled-components"]
    masked = gaps.readable("typescript", STYLED)
    assert len(masked) == len(STYLED) and masked.count(b"\n") == STYLED.count(b"\n")
    assert b"Omit" not in masked and b"depth < 2 && depth > 0" in masked


def test_a_bare_ampersand_in_jsx_text_parses() -> None:
    """wagtail's `<h3>Light & dark theme colours</h3>` was reported as a syntax error."""
    source = (
        b"export const Title = () => <h3>Light & dark, A&B &amp; more</h3>;\nexport const x = 1;\n"
    )
    for path in ("src/title.tsx", "src/title.jsx"):
        parse = typescript.parse if path.endswith(".tsx") else javascript.parse
        facts = parse(path, source)
        assert facts.problems == (), path
        assert {d.name for d in facts.definitions} >= {"Title", "x"}
    masked = gaps.jsx_text(source)
    assert len(masked) == len(source) and masked.count(b"&") == 1  # the entity stays
    code = b"const y = a > b & c < d;\nconst = ;\n"
    assert javascript.parse("src/code.js", code).problems == ("syntax error at line 2",)
