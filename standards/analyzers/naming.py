"""Naming: the case style each kind of name follows, and the affixes folders give roles.

Why: consistent names let a reader tell a class from a constant at a glance and find a
service by its folder and suffix; a new name in another style is noise in every review.
Emits `naming.python.<kind>-case` per kind (modules, classes, functions, methods,
constants, local variables, test functions) and `naming.python.class-affix.<folder>` /
`naming.python.file-affix.<folder>` where most of a folder's classes or files share a
role word (`UserService` in services/, `user_service.py`).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from posixpath import basename, dirname

from standards.analyzers import AnalyzerExample, families, places, roles
from standards.analyzers.evidence import MAX_EXAMPLES, evidence, shown, standard
from standards.languages import Language
from standards.model import (
    Definition,
    DefinitionKind,
    Evidence,
    Example,
    FileFacts,
    Level,
    Standard,
)

STYLES = {
    "snake_case": re.compile(r"_*[a-z][a-z0-9]*(_[a-z0-9]+)*_*"),
    "PascalCase": re.compile(r"_*[A-Z][a-zA-Z0-9]*"),
    "camelCase": re.compile(r"_*[a-z][a-z0-9]*([A-Z][a-z0-9]*)+|_*[a-z][a-z0-9]*"),
    "UPPER_CASE": re.compile(r"_*[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*"),
}
"""Checked in this order, so a tie goes to the more common style."""
CASED = re.compile(r"[^\W_]").search
"""A name with a letter or digit has a case; `_` and Ruby's operator methods (`/`, `<=>`,
`[]=`) have none."""

AFFIX_MIN_SHARE = 0.6
"""Share of a folder's classes or files that must share a role word to call it a rule."""

AFFIX_MIN_MEMBERS = 3
FIXED_NAMES = frozenset(
    {"setUp", "tearDown", "setUpClass", "tearDownClass", "setUpTestData", "asyncSetUp"}
    | {"constructor", "initialize"}
    | {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
)
"""Names a framework (unittest; Next.js and SvelteKit route handlers, one per HTTP method)
or the language (JavaScript's `constructor`, Ruby's `initialize`) fixes: no choice of the
authors, so neither a vote nor an example."""
FUNCTION, METHOD = DefinitionKind.FUNCTION, DefinitionKind.METHOD
VARIABLE, MODULE = DefinitionKind.VARIABLE, DefinitionKind.MODULE
KIND_NAMES = {kind: kind.value for kind in DefinitionKind}
"""Plain names and values: reading an enum's member or value, or hashing one to find it in
a set, is slow on Python 3.11; `is` is not."""
LINTED = frozenset({"class", "function", "method", "variable", "interface", "type", "enum"})
"""Kinds whose case the language's linter checks (pep8-naming, ESLint's naming rules);
file names and constants are left to our own checks."""
CHECKED = frozenset({"module", "constant"})
WHY = {
    "module": "Module names are import paths; one style keeps them guessable.",
    "class": "Classes in one style are told apart from functions and constants at a glance.",
    "function": "One style for functions keeps call sites uniform.",
    "component": "Components (functions that return JSX) in one style read apart from "
    "the helpers beside them, and JSX tells a component from an HTML tag by its case.",
    "method": "One style for methods keeps call sites uniform.",
    "constant": "A constant's style tells readers it never changes.",
    "variable": "Local variables in the repo's style read like the code around them.",
    "test-function": "Test runners and readers find tests by a fixed name pattern.",
    "interface": "Interfaces in one style read as types wherever they are used.",
    "type": "Type aliases in one style read as types wherever they are used.",
    "enum": "Enums in one style read as types wherever they are used.",
}


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    authored = roles.authored(facts, language.NAME)
    fitting = _Fitting()
    found = _names_by_kind(authored)
    result = [s for kind, names in found if (s := _case(language, kind, names, fitting))]
    result += _affixes(language, authored, families.member_folders(facts, language.NAME))
    result += _word_orders(language, authored)
    return result


def fits(name: str, style: str) -> bool:
    return STYLES[style].fullmatch(name) is not None


Places = dict[str, list[tuple[str, int]]]
"""Each name -> every (path, line) it is defined at: names repeat, and each distinct name
is judged once."""


def _names_by_kind(facts: Sequence[FileFacts]) -> Iterator[tuple[str, Places]]:
    kinds: dict[str, Places] = {k: {} for k in WHY}
    modules = kinds["module"]
    for f in facts:
        path = f.path
        if not roles.is_glue(path):
            modules.setdefault(roles.base_name(path), []).append((path, 1))
        test_file = roles.is_test_file(path)
        for d in f.definitions:
            if found := judged_as(d, test_file):
                kinds[found[0]].setdefault(found[1], []).append((path, d.line))
    yield from ((k, v) for k, v in kinds.items() if v)


def judged_as(d: Definition, test_file: bool) -> tuple[str, str] | None:
    """(kind, name) a definition's case is judged as, or None for a name with no case
    (`__init__`, `<=>`, a computed `[Symbol.iterator]`) or one the language fixes."""
    name = d.name
    if name.startswith(("__", "[")) or not CASED(name):
        return None
    kind = _kind(d, test_file)
    # Ruby's predicate, bang and writer marks and JavaScript's private `#` are no part
    # of the case
    return (kind, name.rstrip("?!=").lstrip("#")) if kind else None


def _kind(d: Definition, test_file: bool) -> str | None:
    kind = d.kind
    if (kind is FUNCTION or kind is METHOD) and d.name.startswith("test"):
        return "test-function" if test_file else KIND_NAMES[kind]
    if kind is FUNCTION and d.renders:
        return "component"
    if (kind is METHOD or kind is FUNCTION) and d.name in FIXED_NAMES:
        return None
    if kind is VARIABLE:
        return "variable" if d.parent else None
    if kind is MODULE:
        return "class"  # a namespace (Ruby's `module`) is named like a class
    return KIND_NAMES[kind]


def _judged(kind: str, name: str) -> str:
    """The part of a name whose case is judged: a test's name after the runner's prefix,
    where a word may start with a digit (`test_30_days_works` is snake_case)."""
    if kind != "test-function":
        return name
    return name.removeprefix("test_").lstrip("0123456789_") or name


def _case(language: Language, kind: str, names: Places, fitting: _Fitting) -> Standard | None:
    """The style most names of a kind follow; a name defined twice at one place votes once."""
    tests = kind == "test-function"
    judged = {name: _judged(kind, name) if tests else name for name in names}
    votes: dict[str, int] = {}
    for name, at in names.items():
        j = judged[name]
        key = j.strip("_") or j
        votes[key] = votes.get(key, 0) + (len(at) if len(at) == 1 else len(set(at)))
    style = _dominant(votes, fitting)
    if style is None:
        return None
    good = {name: places for name, places in names.items() if style in fitting[judged[name]]}
    bad = {name: places for name, places in names.items() if name not in good}
    params: dict[str, str] = {"style": style}
    if tests:
        params["prefix"] = "test_"
    label = kind.replace("-", " ") + ("es" if kind == "class" else "s")
    followed = sum(map(len, good.values()))
    ev = Evidence(
        followed=followed,
        total=followed + sum(map(len, bad.values())),
        examples=_first(good),
        counter_examples=_first(bad),
    )
    return standard(
        f"naming.{language.NAME}.{kind}-case",
        language=language.NAME,
        rule=f"Name {label} in {style}.",
        why=WHY[kind],
        parameters=params,
        ev=ev,
        targets=_enforcer(language, kind) + ("playbook",),
    )


def _first(names: Places) -> tuple[Example, ...]:
    """The first examples in sorted order: they are among the places of the names
    whose own first places come first, so only those few names' places are sorted."""
    leading = heapq.nsmallest(MAX_EXAMPLES, ((min(at), name) for name, at in names.items()))
    return shown((*place, name) for _, name in leading for place in names[name])


def _enforcer(language: Language, kind: str) -> tuple[str, ...]:
    if kind in LINTED:
        return (language.LINTER,)
    return (language.CHECKER,) if kind in CHECKED else ()


class _Fitting(dict[str, tuple[str, ...]]):
    """The styles each name fits, matched once per distinct name (names repeat a lot)."""

    def __missing__(self, name: str) -> tuple[str, ...]:
        found = self[name] = tuple(s for s, style in STYLES.items() if style.fullmatch(name))
        return found


def _dominant(names: Mapping[str, int], fitting: _Fitting) -> str | None:
    """The style that most names fitting only one style follow; ties in STYLES order."""
    votes: Counter[str] = Counter()
    for name, count in names.items():
        styles = fitting[name]
        if len(styles) == 1:
            votes[styles[0]] += count
    if not votes:
        return None
    best = max(votes.values())
    return next(style for style in STYLES if votes[style] == best)


# --- role affixes -----------------------------------------------------------------------


def _affixes(
    language: Language, facts: Sequence[FileFacts], members: Mapping[str, str]
) -> list[Standard]:
    """Affixes of folders that are a role; a family member's folder is one of its kind,
    not a role, and what its members share is said once by the family standard."""
    classes: dict[str, list[Example]] = {}
    files: dict[str, list[Example]] = {}
    for f in facts:
        folder = dirname(f.path)
        if roles.is_test(f.path) or folder in members:
            continue
        if not roles.is_glue(f.path):
            files.setdefault(folder, []).append(Example(f.path, 1, roles.stem(f.path)))
        for d in f.definitions:
            if places.top_class(d):
                classes.setdefault(folder, []).append(Example(f.path, d.line, d.name))
    return _affix_standards(language, "class", classes, class_words) + _affix_standards(
        language, "file", files, _file_words
    )


def class_words(name: str) -> tuple[str, str]:
    """The first and last words of a class name (`Order`, `Service` of `OrderService`)."""
    words = re.findall(r"[A-Z][a-z0-9]*", name)
    return (words[0] if len(words) > 1 else "", words[-1] if len(words) > 1 else "")


def _file_words(stem: str) -> tuple[str, str]:
    """The first and last words of a file name with their separator (`user_`, `.service`)."""
    cuts = [i for i, char in enumerate(stem) if char in "._-" and 0 < i < len(stem) - 1]
    if cuts:
        return stem[: cuts[0] + 1], stem[cuts[-1] :]
    words = re.findall(r"[A-Z]?[a-z0-9]+", stem)
    return (words[0], words[-1]) if len(words) > 1 and stem[1:] != stem[1:].lower() else ("", "")


def _affix_standards(
    language: Language,
    what: str,
    by_folder: dict[str, list[Example]],
    words: Callable[[str], tuple[str, str]],
) -> list[Standard]:
    """One standard per role, not per folder.

    Folders of one name that share an affix (`forms/` in every Django app, each with
    classes ending in `Form`) are one rule, as same-named units are one layer.
    """
    groups: dict[tuple[str, str, str], list[str]] = {}
    for folder, members in sorted(by_folder.items()):
        if found := _affix(folder, members, words):
            groups.setdefault((basename(folder), *found), []).append(folder)
    return [
        _affix_standard(language, what, tuple(folders), by_folder, affix, position)
        for (_, affix, position), folders in sorted(groups.items())
    ]


def _affix(
    folder: str, members: list[Example], words: Callable[[str], tuple[str, str]]
) -> tuple[str, str] | None:
    """(affix, position) that most of a folder's members share, if any."""
    if len(members) < AFFIX_MIN_MEMBERS or not folder:
        return None
    for position, index in (("suffix", 1), ("prefix", 0)):
        counts = Counter(words(m.detail)[index] for m in members)
        counts.pop("", None)
        if counts:
            affix, count = counts.most_common(1)[0]
            shared = count >= AFFIX_MIN_SHARE * len(members)
            if shared and _folder_role(folder, members, affix, position):
                return affix, position
    return None


def _folder_role(folder: str, members: list[Example], affix: str, position: str) -> bool:
    """Whether the affix is the folder's role: shared by most of its files (two at
    least), not one big file's (a file role, said per file name), and not the folder's
    own name (a family member's classes are named after it, which the family standard
    says once)."""
    files = {m.path for m in members}
    having = {m.path for m in members if has_affix(m.detail, affix, position)}
    word = affix.lower().strip("._-")
    own_name = position == "prefix" and places.camel(basename(folder)).lower().startswith(word)
    return 1 < len(having) >= AFFIX_MIN_SHARE * len(files) and not own_name


def has_affix(name: str, affix: str, position: str) -> bool:
    return name.endswith(affix) if position == "suffix" else name.startswith(affix)


def _affix_standard(
    language: Language,
    what: str,
    folders: tuple[str, ...],
    by_folder: dict[str, list[Example]],
    affix: str,
    position: str,
) -> Standard:
    members = [m for folder in folders for m in by_folder[folder]]
    many = len(folders) > 1
    where = f"every {basename(folders[0])}/ folder" if many else f"{folders[0]}/"
    named = basename(folders[0]) if many else folders[0]
    slug = re.sub(r"[^a-z0-9]+", "-", named.lower()).strip("-") + ("-folders" if many else "")
    noun = "classes" if what == "class" else "module files"
    return standard(
        f"naming.{language.NAME}.{what}-affix.{slug}",
        language=language.NAME,
        rule=f"Give {noun} in {where} the {position} {affix!r}.",
        why=f"The {position} names the role every {what} in {where} plays, so readers "
        "and tools find it by name.",
        parameters={"folders": folders, "affix": affix, "position": position},
        ev=evidence(
            [m for m in members if has_affix(m.detail, affix, position)],
            [m for m in members if not has_affix(m.detail, affix, position)],
        ),
        targets=(language.CHECKER, "playbook"),
    )


# --- word order of role classes ---------------------------------------------------------

# fmt: off
VERBS = frozenset((
    "Accept", "Add", "Apply", "Approve", "Archive", "Assign", "Authenticate", "Authorize",
    "Build", "Calculate", "Cancel", "Change", "Charge", "Check", "Close", "Complete", "Compute",
    "Confirm", "Copy", "Create", "Deactivate", "Delete", "Deliver", "Destroy", "Disable",
    "Enable", "Export", "Fetch", "Find", "Finish", "Generate", "Get", "Import", "Invite",
    "List", "Load", "Lock", "Merge", "Move", "Notify", "Open", "Parse", "Pay", "Process",
    "Publish", "Refresh", "Refund", "Register", "Reject", "Remove", "Render", "Reset",
    "Restore", "Save", "Schedule", "Search", "Send", "Set", "Ship", "Sign", "Start", "Stop",
    "Submit", "Sync", "Track", "Transfer", "Unlock", "Update", "Upload", "Validate", "Verify",
))
# fmt: on
"""Verbs that open or close the names of classes that do one thing (`CreateOrder`)."""


def _word_orders(language: Language, facts: Sequence[FileFacts]) -> list[Standard]:
    """Whether a folder's one-action classes name the action first (`CreateOrderService`,
    `CreateOrder`) or the model first (`OrderCreateService`), where most name a verb.

    A verb that names one of the repo's own modules or folders is a noun there (`List` in
    a mailing-list app with a `list.py`: `ListSubscribe` names the list first)."""
    verbs = VERBS - _module_words(facts)
    by_folder: dict[str, list[tuple[Example, str]]] = {}
    for f in facts:
        if roles.is_test(f.path):
            continue
        for d in f.definitions:
            if d.kind is DefinitionKind.CLASS and d.parent is None:
                order = _word_order(d.name, verbs)
                if order:
                    example = Example(f.path, d.line, d.name)
                    by_folder.setdefault(dirname(f.path), []).append((example, order))
    return [
        _word_order_standard(language, folder, members)
        for folder, members in sorted(by_folder.items())
        if folder and len(members) >= AFFIX_MIN_MEMBERS
    ]


def _module_words(facts: Sequence[FileFacts]) -> frozenset[str]:
    """The one-word names of the repo's modules and folders, capitalized (`list.py`,
    `orders/`: `List`, `Orders`)."""
    names = {roles.stem(f.path) for f in facts} | {
        part for f in facts for part in dirname(f.path).split("/")
    }
    return frozenset(n.capitalize() for n in names if n.isalpha())


def _word_order(name: str, verbs: frozenset[str]) -> str | None:
    words = re.findall(r"[A-Z][a-z0-9]*", name)
    if len(words) > 2 and words[-1] not in verbs:
        words = words[:-1]  # the role word: Service, Job, Command
    if len(words) < 2 or (words[0] in verbs) == (words[-1] in verbs):
        return None
    return "action-first" if words[0] in verbs else "model-first"


def _word_order_standard(
    language: Language, folder: str, members: list[tuple[Example, str]]
) -> Standard:
    orders = Counter(order for _, order in members)
    order = max(sorted(orders), key=lambda o: orders[o])
    first = (
        "the action first (CreateOrder)"
        if order == "action-first"
        else ("the model first (OrderCreate)")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", folder.lower()).strip("-")
    return standard(
        f"naming.{language.NAME}.word-order.{slug}",
        language=language.NAME,
        rule=f"Name the classes in {folder}/ with {first}, as their neighbours are.",
        why="One word order lists a folder's classes by what they do or by what they act "
        "on; mixing both hides one of the two.",
        parameters={"folder": folder, "order": order},
        ev=evidence([e for e, o in members if o == order], [e for e, o in members if o != order]),
        targets=("playbook",),
    )


COMPONENTS = ("Button", "Card", "Dialog", "Menu", "Badge")
HELPERS = ("formatDate", "slugify", "toCents", "parseQuery", "clamp")

EXAMPLES = (
    AnalyzerExample(  # React: components in PascalCase, helpers in camelCase, Next's GET
        files={
            **{
                f"components/{c.lower()}.tsx": f"export function {c}() {{\n  return <div />\n}}\n"
                for c in COMPONENTS
            },
            **{f"lib/{h.lower()}.ts": f"export const {h} = (x: number) => x\n" for h in HELPERS},
            "app/api/posts/route.ts": "export async function GET() {\n  return null\n}\n",
        },
        expect={
            "naming.typescript.component-case": (Level.ENFORCE, {"style": "PascalCase"}),
            "naming.typescript.function-case": (Level.ENFORCE, {"style": "camelCase"}),
        },
    ),
    AnalyzerExample(
        files={
            f"app/services/{name}_service.py": f"class {name.title()}Service:\n"
            f"    def load_all(self):\n        found_items = []\n        return found_items\n"
            for name in ("user", "order", "product", "invoice", "mail")
        },
        expect={
            "naming.python.class-case": (Level.ENFORCE, {"style": "PascalCase"}),
            "naming.python.method-case": (Level.ENFORCE, {"style": "snake_case"}),
            "naming.python.variable-case": (Level.ENFORCE, {"style": "snake_case"}),
            "naming.python.class-affix.app-services": (
                Level.ENFORCE,
                {"affix": "Service", "position": "suffix"},
            ),
            "naming.python.file-affix.app-services": (Level.ENFORCE, {"affix": "_service"}),
        },
    ),
    AnalyzerExample(
        files={
            "lib.py": "".join(f"def load_item_{i}():\n    pass\n" for i in range(6))
            + "def loadItem():\n    pass\n",
        },
        expect={"naming.python.function-case": (Level.ADVISE, {"style": "snake_case"})},
        absent=("naming.python.class-case",),
    ),
    AnalyzerExample(
        files={
            "tests/test_dates.py": "".join(
                f"def test_{days}_days_works():\n    pass\n" for days in (1, 7, 30, 90, 365)
            )
            + "def test_2fa_login():\n    pass\n",
        },
        expect={"naming.python.test-function-case": (Level.ENFORCE, {"style": "snake_case"})},
    ),
    AnalyzerExample(
        files={
            "app/settings.py": "".join(f"LIMIT_{i} = {i}\n" for i in range(5)),
            "app/migrations/0001_initial.py": "revision = 'a1'\ndown_revision = None\n",
            "docs/conf.py": "project = 'app'\nauthor = 'me'\nversion = '1'\n",
        },
        expect={"naming.python.constant-case": (Level.ENFORCE, {"style": "UPPER_CASE"})},
    ),
    AnalyzerExample(
        files={
            f"{app}/forms/{name}.py": f"class {name.title()}Form:\n    pass\n"
            for app in ("shop", "blog")
            for name in ("edit", "create", "search")
        },
        expect={
            "naming.python.class-affix.forms-folders": (
                Level.ENFORCE,
                {"folders": ("blog/forms", "shop/forms"), "affix": "Form"},
            )
        },
        absent=("naming.python.class-affix.shop-forms", "naming.python.class-affix.blog-forms"),
    ),
    AnalyzerExample(  # Django's forms/: the role is per file (fields.py, widgets.py)
        files={
            "django/forms/fields.py": "".join(
                f"class {n}Field:\n    pass\n"
                for n in ("Char", "Integer", "Date", "Url", "File", "Email", "Slug")
            ),
            "django/forms/widgets.py": "class TextWidget:\n    pass\n\n\n"
            "class DateWidget:\n    pass\n",
            "django/forms/forms.py": "class Form:\n    pass\n",
            "django/forms/formsets.py": "class FormSet:\n    pass\n",
        },
        expect={},
        absent=("naming.python.class-affix.django-forms",),
    ),
    AnalyzerExample(  # a mailing-list app: `List` is its model, not the verb
        files={
            "app/list.py": "def show():\n    pass\n",
            "app/forms.py": "".join(
                f"class List{word}:\n    pass\n"
                for word in ("New", "Subscribe", "Delete", "Archive", "Update")
            ),
        },
        expect={"naming.python.word-order.app": (Level.ADVISE, {"order": "model-first"})},
    ),
    AnalyzerExample(  # operators have no case; a tool's dotfile is named by the tool
        files={
            "app/models/money.rb": "class Money\n"
            + "".join(f"  def {n}(other)\n    other\n  end\n" for n in ("/", "<=>", "[]=", "-@"))
            + "".join(f"  def to_{n}\n    1\n  end\n" for n in ("s", "i", "f", "d", "h"))
            + "end\n",
            **{
                f"lib/{n}_tools.rb": "module Tools\nend\n" for n in ("money", "tax", "shop", "ship")
            },
            ".active_record_doctor.rb": "ActiveRecordDoctor.configure { |c| c }\n",
        },
        expect={
            "naming.ruby.method-case": (Level.ENFORCE, {"style": "snake_case"}),
            "naming.ruby.module-case": (Level.ENFORCE, {"style": "snake_case"}),
        },
    ),
    AnalyzerExample(
        files={
            f"app/services/{verb.lower()}_order.rb": f"class {verb}Order\n  def call; end\nend\n"
            for verb in ("Create", "Cancel", "Refund", "Ship", "Archive")
        }
        | {"app/services/order_track.rb": "class OrderTrack\nend\n"},
        expect={
            "naming.ruby.word-order.app-services": (Level.ADVISE, {"order": "action-first"}),
            "naming.ruby.class-case": (Level.ENFORCE, {"style": "PascalCase"}),
        },
    ),
)
