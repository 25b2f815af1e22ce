"""Rule codes written the way people write them: whole families where they can be.

Why: a list of 400 codes is unreadable; `select = ["B", "D", "E4", "UP"]` is what a
person writes by hand. A family (`B`, or further down, `E4`) is written when every
code of it that could be kept was; otherwise its codes are listed one by one. Codes
left out on purpose inside a written family (a conflict, the team's own ignore) go to
`ignore`, so the file says exactly what is enforced. Within a family that is not whole,
the longest shared prefixes stand for their codes (`PLR09` for PLR0911-PLR0917).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from standards.targets.ruff import catalogue


def under(code: str, selector: str) -> bool:
    """`selector` selects `code` (ruff's prefixes stop at the linter: `E` is not `EM`)."""
    return selector.startswith(catalogue.family(code)) and code.startswith(selector)


def compact(chosen: Collection[str], universe: Iterable[str]) -> tuple[str, ...]:
    """Selectors for `chosen`, a subset of `universe`: a family, or any longer prefix
    of its codes, stands for them when all of its codes in `universe` are chosen."""
    families: dict[str, list[str]] = defaultdict(list)
    for code in universe:
        families[catalogue.family(code)].append(code)
    selectors: list[str] = []
    for family, codes in families.items():
        whole = all(c in chosen for c in codes)
        selectors += [family] if whole else _selectors(family, codes, chosen)
    return tuple(sorted(selectors))


def _selectors(prefix: str, codes: list[str], chosen: Collection[str]) -> list[str]:
    """`prefix` when it covers only chosen codes (and more than one), else the same
    question one character further down."""
    picked = [c for c in codes if c in chosen]
    if len(picked) == len(codes) and len(codes) > 1:
        return [prefix]
    if len(codes) == 1:
        return picked
    groups: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        groups[code[: len(prefix) + 1]].append(code)
    return [s for sub, members in sorted(groups.items()) for s in _selectors(sub, members, chosen)]


def ignored(select: Iterable[str], blocked: Iterable[str]) -> tuple[str, ...]:
    """The `blocked` codes a written selector would otherwise enable."""
    chosen = tuple(select)
    return tuple(sorted(c for c in blocked if any(under(c, s) for s in chosen)))
