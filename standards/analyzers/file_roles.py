"""File roles: what the classes in same-named files across the repo share.

Why: in many repos the role is in the file's name, not its folder: every `forms.py`
holds forms, every `admin.py` admin classes, every `transport.py` a transport. A folder
mixes roles (Django's `forms/` holds `fields.py` and `widgets.py`), so a folder-wide
affix would be wrong where the per-file one is right. The classes of every file of one
name are one role: the affix most of them share, in most of those files, and the base
class most of them derive from.
Emits `naming.python.file-role.<name>` per file name that carries a role; `standards
check` flags a class in such a file without the affix (or the base).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from posixpath import basename, dirname

from standards.analyzers import AnalyzerExample, naming, places, roles
from standards.analyzers.evidence import evidence, standard
from standards.languages import Language
from standards.model import Definition, Example, FileFacts, Level, Standard

MIN_FILES = 2
"""Files of one name, in different folders, before their name is called a role."""

SHARE = 0.6
"""Share of the classes (and of the files) that must agree on an affix or a base."""

MIN_AFFIX = 3
"""Letters an affix needs to name a role: `W` of `WKBReader` is an acronym's first letter."""

CHECKED_BY = {"standards-check": "standards-check"}
"""Checkers with a file-role rule: `standards check` has one, ESLint's plugin not yet, so
a JavaScript file role is written down, never claimed to be checked."""

Found = tuple[str, Definition]


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    by_name: dict[str, list[Found]] = defaultdict(list)
    for f in roles.authored(facts, language.NAME):
        if roles.is_test(f.path) or roles.is_glue(f.path):
            continue
        by_name[basename(f.path)].extend((f.path, d) for d in f.definitions if places.top_class(d))
    result = []
    for name, classes in sorted(by_name.items()):
        files = {path for path, _ in classes}
        if len({dirname(p) for p in files}) >= MIN_FILES and (role := _role(classes)):
            result.append(_standard(language, name, classes, *role))
    return result


def follows(d: Definition, affix: str, position: str, base: str) -> bool:
    """Whether a class has the role's affix and, when the role has one, its base."""
    return naming.has_affix(d.name, affix, position) and (
        not base or any(_last(b) == _last(base) for b in d.bases)
    )


def _last(base: str) -> str:
    return base.rsplit(".", 1)[-1]


def _role(classes: list[Found]) -> tuple[str, str, str] | None:
    """(affix, position, base) most classes share, in most of the files, if any."""
    for position, index in (("suffix", 1), ("prefix", 0)):
        words = Counter(naming.class_words(d.name)[index] for _, d in classes)
        words.pop("", None)
        for short in [w for w in words if len(w) < MIN_AFFIX]:
            del words[short]
        if not words:
            continue
        affix, count = words.most_common(1)[0]
        own = position == "prefix" and _stem(classes).startswith(affix.lower())
        if count >= SHARE * len(classes) and _in_most_files(classes, affix, position) and not own:
            return affix, position, _base(classes, affix, position)
    return None


def _stem(classes: list[Found]) -> str:
    """The files' own name, squashed: a prefix that is this name (`Order` in orders.py)
    is the file's topic, not a role."""
    return roles.stem(classes[0][0]).replace("_", "").lower()


def _in_most_files(classes: list[Found], affix: str, position: str) -> bool:
    files = {p for p, _ in classes}
    having = {p for p, d in classes if follows(d, affix, position, "")}
    return len(having) >= SHARE * len(files)


def _base(classes: list[Found], affix: str, position: str) -> str:
    """The base most of the affixed classes name (as most spell it), or ""."""
    named = [d for _, d in classes if follows(d, affix, position, "")]
    counts = Counter(_last(b) for d in named for b in d.bases)
    if not counts:
        return ""
    last, count = counts.most_common(1)[0]
    if count < SHARE * len(named):
        return ""
    spelled = Counter(b for d in named for b in d.bases if _last(b) == last)
    return spelled.most_common(1)[0][0]


def _standard(
    language: Language, name: str, classes: list[Found], affix: str, position: str, base: str
) -> Standard:
    good = [Example(p, d.line, d.name) for p, d in classes if follows(d, affix, position, base)]
    bad = [Example(p, d.line, d.name) for p, d in classes if not follows(d, affix, position, base)]
    derive = f" and derive them from {base}" if base else ""
    return standard(
        f"naming.{language.NAME}.file-role.{places.slug(roles.stem(name))}",
        language=language.NAME,
        rule=f"Give classes in every {name} the {position} {affix!r}{derive}.",
        why=f"Every {name} plays one role; its classes say so by name, so readers and tools "
        "find them without opening the file.",
        parameters={"file": name, "affix": affix, "position": position, "base": base},
        ev=evidence(good, bad),
        targets=tuple(dict.fromkeys((CHECKED_BY.get(language.CHECKER, "playbook"), "playbook"))),
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            **{
                f"{app}/forms.py": f"class {app.title()}Form(forms.Form):\n    pass\n\n\n"
                f"class {app.title()}EditForm(forms.Form):\n    pass\n"
                for app in ("shop", "blog", "news")
            },
            "blog/widgets.py": "class DateWidget(Widget):\n    pass\n",
        },
        expect={
            "naming.python.file-role.forms": (
                Level.ENFORCE,
                {"file": "forms.py", "affix": "Form", "position": "suffix", "base": "forms.Form"},
            )
        },
        absent=("naming.python.file-role.widgets",),
    ),
)
