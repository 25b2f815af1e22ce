"""Agent context: `AGENTS.md`, `CLAUDE.md` and Cursor rules, rendered from the standards.

Why: coding agents read instructions from the files their tool looks for, not from our
playbook. Each file says only what a standard backs: `AGENTS.md` (short) where the
playbook is, the commands the hooks run and how many enforced rules each checks;
`CLAUDE.md` imports it and the playbook. Cursor rules carry each rule with the command
that checks it, split by where they apply (`globs`): one language everywhere, the
folders a standard names (`folders` of a naming standard, the layers' paths), or test
files; advice is marked as advice. A folder name that cannot be written as a
plain glob (a comma, a quote, a space, a newline) widens its rule to the whole language
rather than risk a frontmatter that means something else.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from standards.languages import LANGUAGES
from standards.model import Analysis, Change, GeneratedFile, Level, Param, Standard
from standards.targets import active_targets
from standards.templating import md_inline, render
from standards.wiring import marked

CURSOR = "cursor/rules"
NAMED_FOLDERS = 3
"""Folders a Cursor rule's description names; past that it says how many more."""
TOOL_OF = {"standards-check": "standards"}
"""Where a standard's target name differs from the target that checks it."""
SEGMENT = r"(?!\.\.?(?:/|$))[A-Za-z0-9_.@+][A-Za-z0-9_.@+-]*"
SAFE_FOLDER = re.compile(rf"{SEGMENT}(?:/{SEGMENT})*")
"""Folder names written as they are into a glob or an import: no glob or YAML syntax."""


@dataclass(frozen=True)
class Rule:
    """A standard as agents read it: the command that checks it, if a hook runs one."""

    standard: Standard
    command: str


@dataclass(frozen=True)
class Scope:
    """Where a group of rules applies: a language, and folders or test files in it."""

    language: str
    folders: tuple[str, ...] = ()
    tests: bool = False

    @property
    def name(self) -> str:
        """A file name: the language, then the first folder and how many more."""
        more = [f"and-{len(self.folders) - 1}-more"] if len(self.folders) > 1 else []
        parts = ["standards", self.language, *self.folders[:1], *more]
        parts += ["tests"] if self.tests else []
        return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")

    def description(self, repo: str) -> str:
        """Where the rules apply: the folders, or the first few and how many more (the
        globs list them all)."""
        shown, more = self.folders[:NAMED_FOLDERS], len(self.folders) - NAMED_FOLDERS
        folders = " and ".join(shown) if more <= 0 else f"{', '.join(shown)} and {more} more"
        where = "test files" if self.tests else folders or "every file"
        return f"Rules of {repo} for {self.language}: {where}"

    def globs(self) -> tuple[str, ...]:
        language = LANGUAGES[self.language]
        ends = [f"*{ext}" for ext in language.EXTENSIONS]
        if self.tests:
            folders = sorted(language.ROLES.test_folders)
            return (
                *(f"**/{folder}/**/{end}" for folder in folders for end in ends),
                *(f"**/{name}" for name in language.ROLES.test_files),
            )
        return tuple(f"{folder}/**/{end}" for folder in self.folders for end in ends) or tuple(
            f"**/{end}" for end in ends
        )


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    rules = _rules(analysis, out)
    if not rules:
        return ()
    values = {
        "repo": analysis.root.name,
        "out": out,
        "commands": _commands(analysis, out),
        "counts": (len(rules), sum(r.standard.level is Level.ENFORCE for r in rules)),
        "tools": _by_command(r for r in rules if r.standard.level is Level.ENFORCE),
    }
    files = [
        GeneratedFile("AGENTS.md", render("agents/AGENTS.md.j2", **values)),
        GeneratedFile("CLAUDE.md", render("agents/CLAUDE.md.j2", **values)),
        GeneratedFile(f"{CURSOR}/standards.mdc", render("agents/always.mdc.j2", **values)),
    ]
    for name, scope, scoped in _by_scope(rules):
        text = render("agents/scoped.mdc.j2", scope=scope, rules=scoped, **values)
        files.append(GeneratedFile(f"{CURSOR}/{name}.mdc", text))
    return tuple(files)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """A marked block pointing at the playbook in the repo's own AGENTS.md and CLAUDE.md
    (created if absent), and the Cursor rules copied into `.cursor/rules/`."""
    if not (out / "AGENTS.md").exists():
        return ()
    where = Path(os.path.relpath(out, root)).as_posix()
    pointer = (
        f"Follow the rules learned from this repository's own code in "
        f"{md_inline(where + '/playbook.md')}, and check each change with the commands "
        f"in {md_inline(where + '/AGENTS.md')}."
    )
    claude = f"{pointer}\n\n@{where}/CLAUDE.md" if SAFE_FOLDER.fullmatch(where) else pointer
    blocks = {"AGENTS.md": pointer, "CLAUDE.md": claude}
    changes = [_marked(root, name, block) for name, block in blocks.items()]
    return (*changes, *_cursor_copies(root, out / CURSOR))


def _marked(root: Path, name: str, block: str) -> Change:
    path = root / name
    try:
        before = path.read_text(encoding="utf-8") if path.exists() else None
    except UnicodeDecodeError:
        return Change(name, None, "", "left alone: not UTF-8 text")
    return Change(name, before, marked(before, block, "<!--"))


def _cursor_copies(root: Path, rules: Path) -> list[Change]:
    """Each generated rule at the same name in `.cursor/rules/`; a file of that name a
    person wrote (without our marker line) is left alone, and a copy we made of a rule
    no longer generated is named for the person to delete (install never deletes)."""
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(rules.glob("*.mdc"))}
    marker = next(iter(sources.values())).splitlines()[1] if sources else ""
    found = sorted((root / ".cursor/rules").glob("*.mdc"))
    existing = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in found}
    ours = {name for name, text in existing.items() if marker and marker in text[:400]}
    changes = []
    for file in sorted(sources.keys() | ours):
        name, before = f".cursor/rules/{file}", existing.get(file)
        if file not in sources:
            changes.append(Change(name, before, before or "", "left alone: no longer generated"))
        elif before is not None and file not in ours:
            changes.append(Change(name, before, before, "left alone: a rule of the team's own"))
        else:
            changes.append(Change(name, before, sources[file]))
    return changes


def _rules(analysis: Analysis, out: str) -> list[Rule]:
    hooked = {h.target for t in active_targets(analysis.settings) for h in t.hooks(analysis)}
    found = []
    for s in sorted(analysis.standards, key=lambda s: s.id):
        if s.language not in LANGUAGES:
            continue
        tools = [TOOL_OF.get(t, t) for t in s.targets]
        checked = sorted(t for t in tools if t in hooked)
        found.append(Rule(s, _check(checked[0], out) if checked else ""))
    return found


def _check(tool: str, out: str) -> str:
    """The command that checks changed files with one tool ("" for all), as a shell word
    list: the output folder is named only where it is not the default."""
    where = [] if out == ".standards" else ["--out", out]
    return shlex.join(["standards", "check", *(["--tool", tool] if tool else []), *where])


def _commands(analysis: Analysis, out: str) -> tuple[str, ...]:
    """The commands that run every generated hook, when there are any."""
    if not any(t.hooks(analysis) for t in active_targets(analysis.settings)):
        return ()
    config = f"{out}/pre-commit-config.yaml"
    return (shlex.join(["pre-commit", "run", "-c", config, "--all-files"]), _check("", out))


def _by_command(rules: Iterable[Rule]) -> list[tuple[str, int, str]]:
    """Enforced rules by the command that checks them ("" for none): how many, and of
    which categories."""
    groups: dict[str, list[Standard]] = {}
    for rule in rules:
        groups.setdefault(rule.command, []).append(rule.standard)
    return [
        (command, len(found), ", ".join(sorted({s.category for s in found})))
        for command, found in sorted(groups.items(), key=lambda item: (not item[0], item[0]))
    ]


def _by_scope(rules: Sequence[Rule]) -> Iterator[tuple[str, Scope, list[Rule]]]:
    """Rules grouped by where they apply, in a stable order, each with a unique name."""
    groups: dict[Scope, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(_scope(rule.standard), []).append(rule)
    seen: set[str] = {"standards"}
    for scope in sorted(groups, key=lambda s: (s.language, s.tests, s.folders)):
        name = scope.name
        while name in seen:
            name += "-2"
        seen.add(name)
        yield name, scope, groups[scope]


def _scope(s: Standard) -> Scope:
    name = s.id.split(".", 2)[-1]
    if s.category == "tests" or name.startswith("test"):
        return Scope(s.language, tests=True)
    folders = set(_folders(s.parameters, LANGUAGES[s.language].EXTENSIONS))
    if not folders or "" in folders or not all(SAFE_FOLDER.fullmatch(f) for f in folders):
        return Scope(s.language)
    outer = [f for f in folders if not any(f.startswith(f"{o}/") for o in folders)]
    return Scope(s.language, tuple(sorted(outer)))


def _folders(parameters: Mapping[str, Param], extensions: tuple[str, ...]) -> Iterator[str]:
    """The folders a standard names as where it applies: its `folders`, or its layers'
    paths (a layer that is one file scopes to its folder, "" for the repo root)."""
    folders = parameters.get("folders", ())
    if isinstance(folders, tuple):
        yield from (str(f) for f in folders)
    layers = parameters.get("layers", ())
    for layer in layers if isinstance(layers, tuple) else ():
        paths = layer.get("paths", ()) if isinstance(layer, Mapping) else ()
        for path in map(str, paths if isinstance(paths, tuple) else ()):
            yield path.rpartition("/")[0] if path.endswith(extensions) else path
