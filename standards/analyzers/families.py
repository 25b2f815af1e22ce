"""Families: sibling packages that share a skeleton, and how to add one more.

Why: one folder per integration, plugin, backend or app, each with the same files and a
main class named after the folder, is the repo's recipe for that kind of change. Seen
as layers it is noise (`discord, email, slack > base`); seen as a family it tells an
agent exactly what a new member needs: the folder, the skeleton files, the class and
its base, where its tests go, and which existing member to copy.
Emits `structure.python.family.<folder>` per folder whose sub-packages share a skeleton
that most of them have whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from posixpath import basename

from standards.analyzers import AnalyzerExample, places, roles
from standards.analyzers.evidence import evidence, standard
from standards.languages import Language
from standards.model import Definition, Example, FileFacts, Level, Param, Standard

MIN_MEMBERS = 3
"""Sibling packages needed before they are called a family."""

KIN_SHARE = 3
"""Members must be at least one in this many of the folder's sub-packages."""

MIN_SKELETON = 2
"""Entries (files, folders, the main class) a skeleton needs to say more than a name."""

CLASS = "<class>"
"""Skeleton entries for a main class are this, the file and the suffix: `<class>views.py:View`."""


@dataclass(frozen=True)
class Main:
    """A class each member names after itself: `<Name>Transport(Transport)` in transport.py."""

    entry: str
    suffix: str
    base: str

    @property
    def key(self) -> str:
        return f"{CLASS}{self.entry}:{self.suffix}"

    @property
    def name(self) -> str:
        return f"<Name>{self.suffix}"


@dataclass(frozen=True)
class Family:
    folder: str
    members: dict[str, frozenset[str]]
    """Member folder -> its entries (top-level files, sub-folders, the main class)."""
    skeleton: tuple[str, ...]
    mains: tuple[Main, ...]
    tests: tuple[str, ...]
    """Skeleton entries that hold tests (`tests/`, `tests.py`), most test files first:
    a new member's go in the first."""
    peers: bool
    """Whether the members hardly import one another: then they are one unit, no layers."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    return [_standard(language, family) for family in families(facts, language.NAME)]


_last: dict[str, tuple[Sequence[FileFacts], tuple[Family, ...]]] = {}
"""The families last found in each language, with the facts they were found in."""


def families(facts: Sequence[FileFacts], language: str) -> tuple[Family, ...]:
    """Every folder whose sub-packages share a skeleton that most of them have whole.

    Three analyzers ask this of one analysis (this one, naming and layering for the
    members), and finding them reads every file: the answer for the same facts (one
    tuple object, which nothing can change) is remembered.
    """
    held = _last.get(language)
    if held is not None and held[0] is facts:
        return held[1]
    found = tuple(_families(facts, language))
    if isinstance(facts, tuple):
        _last[language] = (facts, found)
    return found


def _families(facts: Sequence[FileFacts], language: str) -> Iterator[Family]:
    authored = roles.authored(facts, language)
    tests = [f.path for f in authored if roles.is_test(f.path)]
    for folder, siblings in sorted(_siblings(authored).items()):
        if family := _family(folder, siblings, authored, tests):
            yield family


def _family(
    folder: str, siblings: dict[str, Held], facts: Sequence[FileFacts], tests: list[str]
) -> Family | None:
    kin = _kin(siblings)
    if len(kin) < MIN_MEMBERS:
        return None
    inside = [f for f in facts if f.path.startswith(folder + "/") or not folder]
    imports = _imports_between(kin, inside)
    members = _without_foundations(kin, imports)
    mains = _mains(members)
    entries = {
        m: frozenset(held) | {c.key for c in mains if _main_of(m, held, c)}
        for m, held in members.items()
    }
    skeleton = _skeleton(entries)
    if len(members) < MIN_MEMBERS or len(skeleton) < MIN_SKELETON:
        return None
    kept = tuple(c for c in mains if c.key in skeleton)
    held = {e: n for e in skeleton if (n := _tested(e, members, tests))}
    tested = sorted(held, key=lambda e: -held[e])
    crossing = sum(n for (a, b), n in imports.items() if a in members and b in members)
    return Family(folder, entries, skeleton, kept, tuple(tested), crossing * 2 < len(members))


def _tested(entry: str, members: Iterable[str], tests: list[str]) -> int:
    """How many test files lie under the entry in the members."""
    under = tuple(f"{m}/{entry}" for m in members)
    return sum(p.startswith(under) for p in tests)


def member_folders(
    facts: Sequence[FileFacts], language: str, peers: bool = False
) -> dict[str, str]:
    """Each family member's folder -> its family's name (`integrations/*`); with `peers`,
    only of families whose members hardly import one another: those are one unit of a
    recipe, never layers of one another (apps that build on each other keep their order)."""
    return {
        member: f"{basename(family.folder) or '.'}/*"
        for family in families(facts, language)
        if family.peers or not peers
        for member in family.members
    }


Held = dict[str, tuple[Definition, ...]]
"""What a member holds at its top: entry (`forms.py`, `tests/`) -> its classes."""


def _siblings(facts: Sequence[FileFacts]) -> dict[str, dict[str, Held]]:
    """For every folder, its sub-folders of code and what each holds at its top."""
    found: dict[str, dict[str, Held]] = defaultdict(lambda: defaultdict(dict))
    for f in facts:
        parts = f.path.split("/")
        for depth in range(1, len(parts)):
            if parts[depth - 1] in roles.roles_of(f.path).test_folders:
                break
            folder, member = "/".join(parts[: depth - 1]), "/".join(parts[:depth])
            is_file = depth == len(parts) - 1
            if is_file and roles.is_glue(f.path):
                continue
            entry = parts[depth] if is_file else parts[depth] + "/"
            classes = tuple(d for d in f.definitions if is_file and places.top_class(d))
            held = found[folder][member]
            held[entry] = held.get(entry, ()) + classes
    return found


def _kin(siblings: dict[str, Held]) -> dict[str, Held]:
    """The siblings that hold the most common entry, if they are a fair part of them all:
    a family can share its folder with utilities (`utils/`, `cli/`) that are not members."""
    counts = Counter(e for held in siblings.values() for e in held)
    if not counts:
        return {}
    anchor, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    if count * KIN_SHARE < len(siblings):
        return {}
    return {m: held for m, held in siblings.items() if anchor in held}


def _imports_between(
    members: dict[str, Held], facts: Sequence[FileFacts]
) -> Counter[tuple[str, str]]:
    """Import lines from one member to another, tests left out (they import anything)."""
    lines: Counter[tuple[str, str]] = Counter()
    for f in facts:
        own = _member_of(f.path, members)
        if own is None or roles.is_test(f.path):
            continue
        for i in f.imports:
            target = _member_of(i.target or "", members)
            if target is not None and target != own:
                lines[own, target] += 1
    return lines


def _without_foundations(
    members: dict[str, Held], imports: Counter[tuple[str, str]]
) -> dict[str, Held]:
    """The members that most of the others do not import: one they all build on (`base/`,
    `core/`) is a layer below them, not one more of them."""
    users: dict[str, set[str]] = defaultdict(set)
    for a, b in imports:
        users[b].add(a)
    return {m: held for m, held in members.items() if len(users[m]) * 2 <= len(members) - 1}


def _member_of(path: str, members: dict[str, Held]) -> str | None:
    member = "/".join(path.split("/")[: len(next(iter(members), "").split("/"))])
    return member if member in members and path.startswith(member + "/") else None


def _main_of(member: str, held: Held, main: Main) -> bool:
    return any(_suffix(member, d.name) == main.suffix for d in held.get(main.entry, ()))


def _suffix(member: str, name: str) -> str | None:
    """What follows the member's own name in a class name, if the class starts with it."""
    own = places.camel(basename(member))
    return name[len(own) :] if name.lower().startswith(own.lower()) else None


def _mains(members: dict[str, Held]) -> tuple[Main, ...]:
    """Every (file, suffix) most members' main class has, with the base most of them
    derive from."""
    votes: Counter[tuple[str, str]] = Counter()
    bases: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for member, held in members.items():
        mains = {
            (entry, suffix): d
            for entry, classes in held.items()
            for d in classes
            if (suffix := _suffix(member, d.name))
        }
        votes.update(mains.keys())
        for key, d in mains.items():
            bases[key].update(d.bases)
    found = []
    for key, count in sorted(votes.items()):
        if count * 2 > len(members):
            top = min(bases[key].items(), key=lambda item: (-item[1], item[0]), default=("", 0))
            found.append(Main(*key, top[0] if top[1] * 2 > count else ""))
    return tuple(found)


def _skeleton(entries: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """The most common entries, added while most members still have all of them."""
    counts = Counter(e for held in entries.values() for e in held)
    skeleton: list[str] = []
    for entry, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        having = [m for m, held in entries.items() if {*skeleton, entry} <= held]
        if len(having) * 2 <= len(entries):
            break
        skeleton.append(entry)
    return tuple(sorted(skeleton))


def typical(family: Family) -> str:
    """The member closest to the skeleton: fewest entries missing or extra, then by name."""
    want = set(family.skeleton)
    return min(family.members, key=lambda m: (len(want ^ family.members[m]), m))


def noun(folder: str, skeleton: Sequence[str] = ()) -> str:
    """What one member is called: `app` where each is a Django app (`apps.py`: the
    folder is often the project's own package, readthedocs' `readthedocs/`),
    `integration` of `integrations/`, else `package`."""
    if "apps.py" in skeleton:
        return "app"
    name = basename(folder)
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss") and len(name) > 3:
        return name[:-1]
    return "package"


def _standard(language: Language, family: Family) -> Standard:
    want = set(family.skeleton)
    good, bad = [], []
    for member, held in sorted(family.members.items()):
        missing = sorted(want - held)
        if missing:
            bad.append(Example(member, 1, "no " + ", ".join(_said(e, family) for e in missing)))
        else:
            good.append(Example(member, 1, "whole skeleton"))
    files = [e for e in family.skeleton if not e.startswith(CLASS)]
    params: dict[str, Param] = {
        "folder": family.folder,
        "member": noun(family.folder, family.skeleton),
        "members": tuple(sorted(basename(m) for m in family.members)),
        "skeleton": tuple(files),
        "tests": family.tests,
        "typical": typical(family),
    }
    params["title"] = f"How to add a new {params['member']}"
    params["steps"] = _steps(family, files, str(params["member"]))
    if family.mains:
        params["main_classes"] = tuple(
            {"file": c.entry, "suffix": c.suffix, "base": c.base} for c in family.mains
        )
    main = "".join(
        f", a class {c.name}" + (f" deriving from {c.base}" if c.base else "") + f" in {c.entry}"
        for c in family.mains
    )
    where = f"{family.folder}/" if family.folder else "the repository's top folder"
    return standard(
        f"structure.{language.NAME}.family.{places.slug(family.folder) or 'top'}",
        language=language.NAME,
        rule=f"Give every {params['member']} in {where} the same skeleton: "
        + ", ".join(files)
        + main
        + ".",
        why="Members of one family are found, read and changed the same way; a new one "
        "that follows the skeleton needs no explanation.",
        parameters=params,
        ev=evidence(good, bad),
    )


def _said(entry: str, family: Family) -> str:
    """A skeleton entry as a reader says it: `forms.py`, or `class <Name>Form in forms.py`."""
    main = next((c for c in family.mains if c.key == entry), None)
    return f"class {main.name} in {main.entry}" if main else entry


def _steps(family: Family, files: list[str], member: str) -> tuple[tuple[str, ...], ...]:
    """Text and code in turn: the folder, the files, the class, the tests."""
    new = f"{family.folder}/<name>/" if family.folder else "<name>/"
    like = typical(family)
    steps: list[tuple[str, ...]] = [
        ("Create ", new, " by copying ", like + "/", f", the {member} closest to the skeleton."),
        ("Give it ", *_listed(files)),
    ]
    steps += [
        ("In ", c.entry, " write a class ", c.name, *_deriving(c.base), ", named after the folder.")
        for c in family.mains
    ]
    steps += [("Put its tests in ", new + entry, ".") for entry in family.tests[:1]]
    return tuple(steps)


def _deriving(base: str) -> tuple[str, ...]:
    """Prose and code for a base class, said the same in every language."""
    return (" deriving from ", base) if base else ()


def _listed(names: list[str]) -> tuple[str, ...]:
    """Names as code between prose separators: `a`, `b` and `c`."""
    parts: list[str] = []
    for index, name in enumerate(names):
        parts += [
            name,
            "." if index == len(names) - 1 else (" and " if index == len(names) - 2 else ", "),
        ]
    return tuple(parts)


_PLUGIN = {
    "transport.py": "from plugins.base import Transport\n\n\n"
    "class {0}Transport(Transport):\n    pass\n",
    "forms.py": "class {0}Form:\n    pass\n",
    "tests/test_transport.py": "def test_send():\n    assert True\n",
}
EXAMPLES = (
    AnalyzerExample(
        files={
            f"plugins/{name}/{file}": text.format(name.title())
            for name in ("slack", "email", "discord", "matrix")
            for file, text in _PLUGIN.items()
            if not (name == "matrix" and file == "forms.py")
        }
        | {"plugins/base.py": "class Transport:\n    pass\n"},
        expect={
            "structure.python.family.plugins": (
                Level.ADVISE,
                {
                    "skeleton": ("forms.py", "tests/", "transport.py"),
                    "main_classes": (
                        {"file": "forms.py", "suffix": "Form", "base": ""},
                        {"file": "transport.py", "suffix": "Transport", "base": "Transport"},
                    ),
                    "tests": ("tests/",),
                    "typical": "plugins/discord",
                },
            )
        },
    ),
    AnalyzerExample(  # tests in two places: the one that holds most of them comes first
        files={
            f"plugins/{name}/{file}": text.format(name.title())
            for name in ("slack", "email", "discord", "matrix")
            for file, text in (
                *_PLUGIN.items(),
                ("tests/test_forms.py", "def test_form():\n    assert True\n"),
                ("test_plugin.py", "def test_load():\n    assert True\n"),
            )
        }
        | {"plugins/base.py": "class Transport:\n    pass\n"},
        expect={
            "structure.python.family.plugins": (
                Level.ADVISE,
                {"tests": ("tests/", "test_plugin.py")},
            )
        },
    ),
    AnalyzerExample(  # the project's package holds Django apps: each is an `app`
        files={
            f"readthedocs/{name}/{file}": text
            for name in ("builds", "projects", "oauth", "search")
            for file, text in (
                ("__init__.py", ""),
                ("apps.py", f"class {name.title()}Config(AppConfig):\n    name = '{name}'\n"),
                ("models.py", f"class {name.title()}(models.Model):\n    pass\n"),
            )
        }
        | {"readthedocs/__init__.py": ""},
        expect={
            "structure.python.family.readthedocs": (
                Level.ADVISE,
                {"member": "app", "title": "How to add a new app"},
            )
        },
    ),
)
