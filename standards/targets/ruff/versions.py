"""`target-version`: the oldest Python the project supports, checked against its syntax.

Why: pyupgrade's rules and the import sorter's standard-library list depend on it, and
ruff reads it from `requires-python` only when its config sits beside the pyproject,
which ours does not. The claim comes from the project's own metadata (in the order
packaging tools honour it); ruff then reports syntax newer than the claim ("syntax was
added in Python 3.10"), and a claim that more than 5% of files break is raised to the
version they need. Without a claim, the syntax alone says how old a Python may be: the
newest version any file's syntax needs.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from standards.model import Violation
from standards.targets import configs
from standards.targets.ruff import catalogue

ADDED = re.compile(r"added in Python 3\.(\d+)")
MINIMUM = re.compile(r"(>=|~=|==|>)\s*3\.(\d+)")
CLASSIFIER = re.compile(r"Programming Language :: Python :: 3\.(\d+)$")
TOX_ENV = re.compile(r"\bpy3(\d+)\b")
SETUP_PY = re.compile(r"python_requires\s*=\s*[\"']([^\"']+)[\"']")


def claimed(root: Path) -> tuple[int, str] | None:
    """The oldest minor version the metadata supports, and where it says so."""
    for minor, source in _claims(root):
        if minor is not None:
            return minor, source
    return None


def _claims(root: Path) -> Iterator[tuple[int | None, str]]:
    project = _table((configs.toml(root / "pyproject.toml") or {}).get("project"))
    yield _requires(str(project.get("requires-python", ""))), "pyproject.toml requires-python"
    cfg = configs.ini(root / "setup.cfg") or configparser.ConfigParser()
    yield _requires(cfg.get("options", "python_requires", fallback="")), "setup.cfg python_requires"
    setup = _read(root / "setup.py")
    found = SETUP_PY.search(setup)
    yield _requires(found[1] if found else ""), "setup.py python_requires"
    classifiers = [
        *(str(c) for c in _list(project.get("classifiers"))),
        *cfg.get("metadata", "classifiers", fallback="").splitlines(),
    ]
    yield _oldest(CLASSIFIER.search(c.strip()) for c in classifiers), "classifiers"
    tox = configs.ini(root / "tox.ini") or configparser.ConfigParser()
    envlist = tox.get("tox", "envlist", fallback="")
    yield _oldest(TOX_ENV.finditer(re.sub(r"py\{([^}]*)\}", _expand, envlist))), "tox.ini envlist"


def _expand(match: re.Match[str]) -> str:
    return " ".join(f"py{v.strip()}" for v in match[1].split(","))


def _requires(spec: str) -> int | None:
    minors = [int(m[2]) + (1 if m[1] == ">" else 0) for m in MINIMUM.finditer(spec)]
    return min(minors) if minors else None


def _oldest(matches: Iterable[re.Match[str] | None]) -> int | None:
    minors = [int(m[1]) for m in matches if m]
    return min(minors) if minors else None


def needed(found: Iterable[Violation]) -> dict[str, int]:
    """Per file, the newest minor version its syntax needs beyond the probed target."""
    result: dict[str, int] = {}
    for v in found:
        match = ADDED.search(v.message) if v.rule == "syntax-error" else None
        if match:
            result[v.path] = max(result.get(v.path, 0), int(match[1]))
    return result


def resolve(start: int, needs: dict[str, int], allowed: float, claimed: bool) -> int:
    """A claim, unless more than `allowed` files need newer syntax: then the oldest
    version all but `allowed` fit. Without a claim, the newest any file needs, so no
    file breaks a version nobody chose."""
    if not claimed:
        return max(start, *needs.values()) if needs else start
    for minor in (v for v in catalogue.target_versions() if v >= start):
        if sum(1 for n in needs.values() if n > minor) <= allowed:
            return minor
    return catalogue.target_versions()[-1]


def name(minor: int) -> str:
    return f"py3{minor}"


def _table(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
