"""Valid JavaScript and TypeScript the bundled grammars cannot parse, read around.

tree-sitter-javascript 0.25 and tree-sitter-typescript 0.23 lag the language in a few
places that real code (and the declaration files tsc writes) uses all the time. The
error would be the grammar's, not the author's, and would hide the rest of the file's
facts, so these are masked byte for byte before parsing: lines and columns stay as
written, and nothing the analyzers read changes.
"""

from __future__ import annotations

import re
import string

IMPORT_MEMBER = re.compile(
    rb"""(?<![\w$.])(?:(?<=typeof )|(?=import\([^)\n]*\)\s*\.))"""
    rb"""import\(\s*(["'])([^"'\n]*)\1\s*\)"""
)
"""`import("x").T`: read as a value, so as a type (`import("x").T<U>`, `import("x").T[]`)
it fails at what follows, and so does `typeof import("x")` as a type argument (vitest's
`importOriginal<typeof import("x")>()`). Read as an identifier of the same length;
`imports` still counts the module."""

VARIANCE = re.compile(
    rb"[<,](?:\s|/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*\n)*"
    rb"((?:in\s+)?out\s+|in\s+)(?=[A-Za-z_$][\w$]*\s*(?:[,>=]|extends\b))"
)
"""`<in T, out U>`: TypeScript 4.7's variance annotations; blanked."""

KEYWORDS = (
    rb"break|case|catch|class|const|continue|debugger|delete|do|else|export|extends|false|"
    rb"finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|"
    rb"throw|true|try|typeof|var|void|while|with"
)
KEYWORD_NAME = re.compile(
    rb"\bas\s+(" + KEYWORDS + rb")(?=\s*[,}])|(?<=[{,])\s*(" + KEYWORDS + rb")(?=\s+as\b)"
)
"""`export { _null as null }`, `import { new as make }`: ES2015 allows any name there,
the JavaScript grammar no keyword; its first letter is read as `_`."""

IN_NAME = re.compile(rb"\n[ \t]*([ \t])in(?:stanceof)?[\d_$]")
"""A line starting with a name like `in_progress` after one that could end a statement
(`all: number` above it in a semicolon-free interface): the grammars' scanner takes the
`in` for the operator and joins the lines. The last space before the name becomes the
`;` the scanner would have inserted; a name at the start of its line is left alone."""
STATEMENT_ENDS = frozenset(string.ascii_letters.encode() + string.digits.encode() + b"_$)]}'\"`")


TAGGED = re.compile(rb">`")
"""The end of ``styled.div<Props>`...` ``: type arguments of a tagged template
(TypeScript 2.9), which styled-components and emotion code writes on every component
and the TypeScript grammar cannot parse (Outline: 108 files). Blanked, newlines kept:
whitespace between a tag and its template is still a tagged template."""
TAG_END = re.compile(rb"[\w$)\]]")
"""What a tag ends with: a name (`css`, `styled.div`) or a call (`styled(Button)`)."""
TYPE_ARGUMENTS_REACH = 4096
"""Bytes searched back for the `<` that opens them."""


JSX_TEXT = re.compile(rb">([^<>{}]*)<")
"""Text between a tag's `>` and the next `<`, where a JSX `&` can stand."""
BARE_AMPERSAND = re.compile(rb"(?<!&)&(?![&=]|[A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)")
"""`<h3>Light & dark</h3>`: an `&` that starts no entity is text to Babel and TypeScript,
an error to both grammars (wagtail's colour stories). Read as a space, and only where
the file does not parse otherwise (`a > b & c < d` is code)."""


def jsx_text(source: bytes) -> bytes:
    """`source` with each bare `&` of what may be JSX text read as a space."""
    masked = bytearray(source)
    for text in JSX_TEXT.finditer(source):
        for found in BARE_AMPERSAND.finditer(source, text.start(1), text.end(1)):
            masked[found.start()] = ord(" ")
    return bytes(masked)


def readable(grammar: str, source: bytes) -> bytes:
    """`source` as the grammar ("javascript", "typescript", "tsx") can parse it."""
    masked = bytearray(source)
    for found in IN_NAME.finditer(source):
        if _ends_statement(source, found.start()):
            masked[found.start(1)] = ord(";")
    if grammar == "javascript":
        for found in KEYWORD_NAME.finditer(source):
            masked[found.start(found.lastindex or 0)] = ord("_")
        return bytes(masked)
    for found in type_imports(grammar, source):
        masked[found.start() + 6 : found.end()] = b"_" * (found.end() - found.start() - 6)
    if b">`" in source:
        for start, end in tagged_type_arguments(source):
            masked[start:end] = re.sub(rb"[^\n]", b" ", source[start:end])
    if b"in " in source or b"out " in source:
        for found in VARIANCE.finditer(source):
            masked[found.start(1) : found.end(1)] = b" " * (found.end(1) - found.start(1))
    return bytes(masked)


def _ends_statement(source: bytes, newline: int) -> bool:
    """Whether the line before `newline` ends in what can end a statement."""
    end = newline
    while end > 0 and source[end - 1] in b" \t\r":
        end -= 1
    return end > 0 and source[end - 1] in STATEMENT_ENDS


def type_imports(grammar: str, source: bytes) -> list[re.Match[bytes]]:
    """The IMPORT_MEMBERs of a TypeScript file, which its tree holds as identifiers."""
    if grammar == "javascript" or b"import(" not in source:
        return []
    return list(IMPORT_MEMBER.finditer(source))


def tagged_type_arguments(source: bytes) -> list[tuple[int, int]]:
    """Where each tagged template's type arguments are, `<` to `>` inclusive."""
    spans = []
    for found in TAGGED.finditer(source):
        start = _opening(source, found.start())
        if start is not None:
            spans.append((start, found.start() + 1))
    return spans


def _opening(source: bytes, close: int) -> int | None:
    """The `<` matching the `>` at `close`, where a tag ends before it; an object type's
    `;` and `{}` inside are stepped over, a statement's end or a template stops."""
    depth, braces = 1, 0
    for i in range(close - 1, max(0, close - TYPE_ARGUMENTS_REACH), -1):
        char = source[i]
        if char == 62 and source[i - 1] != 61:  # `>`, not an arrow's `=>`
            depth += 1
        elif char == 60:  # `<`
            depth -= 1
            if depth == 0:
                return i if TAG_END.match(source, i - 1) else None
        elif char == 125:  # `}`
            braces += 1
        elif char == 123:  # `{`
            braces -= 1
            if braces < 0:
                return None
        elif char == 96 or (char == 59 and not braces):  # a template, a statement's `;`
            return None
    return None
