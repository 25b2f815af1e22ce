"""Benchmark `standards` on real corpora, next to the linter each language's config runs.

For each corpus, in one run: files and lines analyzed, `standards analyze --no-verify`
cold (`--no-cache`), warm (unchanged repo, cache filled: the run is replayed) and after
editing one file, the analysis alone cold and warm (discover, parse, link, analyzers:
without the tool runs targets learn from), lines/s, the peak RSS of the largest process
of the run, and the reference linter on the same files (ruff with every rule, ESLint's
recommended rules with the pinned Node tools, RuboCop) with the ratios; then `standards
check` on one file changed before each run, named and found by git. Times are medians
of `--runs` rounds, each round running every command once, so ratios compare runs made
under the same load.

Corpora are downloaded with the registries' own clients (pip, npm, apt) into
bench/corpora/, which is git-ignored, and made git checkouts of their own there, as a
user's repo would be: third-party code is measured here, never committed.

    python bench/run.py [--runs N] [CORPUS ...]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from standards import node
from standards.discovery import discover
from standards.languages import LANGUAGES
from standards.model import SourceFile

CORPORA = Path(__file__).resolve().parent / "corpora"
STANDARDS = shutil.which("standards", path=str(Path(sys.executable).parent)) or "standards"
PIP = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python"]
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
ESLINT_CONFIG = """import js from "@eslint/js";
export default [js.configs.recommended, {linterOptions: {reportUnusedDisableDirectives: "off"}}];
"""
MINE = """import sys
from pathlib import Path
from standards import pipeline
from standards.cache import FactsCache
pipeline.analyze(Path("."), cache=None if "--no-cache" in sys.argv else FactsCache.default())
"""
COMMENT = {"python": "#", "javascript": "//", "typescript": "//", "ruby": "#"}


@dataclass(frozen=True)
class Corpus:
    """Where a corpus comes from (`fetch` fills a scratch folder with one archive) and
    which folder of the unpacked archive is the repo (`inside`)."""

    language: str
    fetch: Callable[[Path], None]
    inside: str = ""


def pip(*spec: str) -> Callable[[Path], None]:
    return lambda scratch: _quiet([*PIP, "-d", str(scratch), *spec])


def npm(spec: str) -> Callable[[Path], None]:
    return lambda scratch: _quiet(["npm", "pack", "--silent", spec], scratch)


def apt(package: str) -> Callable[[Path], None]:
    return lambda scratch: _quiet(["apt-get", "download", "-qq", package], scratch)


SOURCES = {
    "flaskbb": Corpus("python", pip("--no-binary", ":all:", "flaskbb==2.2.0")),
    "postorius": Corpus("python", pip("--no-binary", ":all:", "postorius==1.3.13")),
    "pretix": Corpus("python", pip("--only-binary", ":all:", "pretix==2026.8.0")),
    "netbox": Corpus("python", pip("--no-binary", ":all:", "netbox==4.7.3")),
    "django": Corpus("python", pip("--no-binary", ":all:", "Django==6.1.3")),
    "ghost": Corpus("javascript", npm("ghost@5.130.6"), "package"),
    "medusa": Corpus("javascript", npm("@medusajs/medusa@1.20.11"), "package/dist"),
    "redmine": Corpus("ruby", apt("redmine"), "usr/share/redmine"),
}
DEFAULT = ("flaskbb", "pretix", "netbox", "django", "ghost", "medusa", "redmine")


def _quiet(command: list[str], cwd: Path | None = None) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def corpus(name: str) -> Path:
    """The corpus as a git checkout, downloaded, unpacked and committed on first use."""
    source = SOURCES[name]
    target = CORPORA / name
    if not target.exists():
        with tempfile.TemporaryDirectory() as scratch:
            source.fetch(Path(scratch))
            (archive,) = Path(scratch).iterdir()
            _unpack(archive, target)
    root = _root(target / source.inside)
    if not (root / ".git").exists():
        _quiet(["git", "init", "-q"], root)
        (root / ".git" / "info" / "exclude").write_text(".standards/\n")
        _quiet(["git", "add", "-A"], root)
        _quiet([*GIT, "commit", "-q", "--no-gpg-sign", "-m", name], root)
    return root


def _unpack(archive: Path, target: Path) -> None:
    if archive.suffix in {".whl", ".zip"}:
        zipfile.ZipFile(archive).extractall(target)
    elif archive.suffix == ".deb":
        _quiet(["dpkg", "-x", str(archive), str(target)])
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")


def _root(folder: Path) -> Path:
    """An sdist unpacks into one folder named after it: that folder is the repo."""
    entries = [p for p in folder.iterdir() if p.name != ".git"]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else folder


@dataclass(frozen=True)
class Run:
    """One command's wall and CPU seconds (user + system, every process it started:
    the honest figure on a shared machine) and the peak RSS of its largest process."""

    wall: float
    cpu: float
    rss: int
    code: int = 0


def measure(command: list[str], cwd: Path) -> Run:
    """`command` run from a fresh process, so earlier runs never count."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", *command],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return Run(**json.loads(done.stdout.splitlines()[-1]))


def _measured(command: list[str]) -> None:
    """Run `command` and print what `measure` returns as JSON."""
    start = time.perf_counter()
    done = subprocess.run(
        command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime
    rss = used.ru_maxrss // 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "rss": rss, "code": done.returncode}))


def linter(language: str, root: Path, files: list[str]) -> tuple[str, list[str]]:
    """The reference linter's name and command on exactly the files analysis reads."""
    if language == "python":
        ruff = [sys.executable, "-m", "ruff", "check", "--select", "ALL", "--isolated"]
        return "ruff", [*ruff, "--output-format", "concise", "--no-cache", "--exit-zero", *files]
    if language == "ruby":
        return "rubocop", ["rubocop", "--cache", "false", "--format", "quiet", *files]
    config = CORPORA / ".eslint"
    config.mkdir(parents=True, exist_ok=True)
    (config / "eslint.config.mjs").write_text(ESLINT_CONFIG)
    eslint = str(node.link(config) / ".bin" / "eslint")
    return "eslint", [eslint, "--config", str(config / "eslint.config.mjs"), "--no-cache", *files]


@dataclass(frozen=True)
class Row:
    """A corpus's medians. `cold` and `warm` are the command; `mined_cold` and
    `mined_warm` its analysis alone (discover, parse, link, analyzers), without what
    the targets learn by running their tools."""

    name: str
    files: int
    lines: int
    cold: Run
    warm: Run
    edited: Run
    mined_cold: Run
    mined_warm: Run
    linter: str
    linted: Run
    check_file: Run
    check_changed: Run


def bench(name: str, runs: int) -> Row | None:
    """Every measurement of one corpus, or None (saying why) for a language we lack."""
    source = SOURCES[name]
    if source.language not in LANGUAGES:
        print(f"{name}: skipped, standards has no {source.language} support yet", flush=True)
        return None
    root = corpus(name)
    files = sorted(
        (f for f in discover(root).files if f.language in LANGUAGES),
        key=lambda f: f.path,
    )
    lines = sum((root / f.path).read_bytes().count(b"\n") for f in files)
    own = [f.path for f in files if f.language == source.language]
    tool, lint = linter(source.language, root, own)
    analyze = [STANDARDS, "analyze", ".", "--no-verify", "--format", "json"]
    measure(analyze, root)  # fills the cache and writes .standards/ for `check`
    mine = [sys.executable, "-c", MINE]
    rounds: list[list[Run]] = [[] for _ in range(5)]
    for _ in range(runs):
        commands = ([*analyze, "--no-cache"], analyze, [*mine, "--no-cache"], mine, lint)
        for times, command in zip(rounds, commands, strict=True):
            times.append(measure(command, root))
            if times is not rounds[-1] and times[-1].code != 0:
                raise SystemExit(f"{name}: {' '.join(command[:3])} exited {times[-1].code}")
    medians = [_median(times) for times in rounds]
    changed = _changed_file(files, source.language)
    edited = _edited(root, changed, source.language, runs, analyze)
    checked = _check(root, changed, source.language, runs)
    row = Row(
        name, len(files), lines, *medians[:2], edited, *medians[2:4], tool, medians[4], *checked
    )
    print(_line(row), flush=True)
    return row


def _changed_file(files: list[SourceFile], language: str) -> str:
    """A typical file to change: the median-sized one of the corpus's language."""
    own = sorted((f for f in files if f.language == language), key=lambda f: (f.size, f.path))
    return own[len(own) // 2].path


def _median(runs: list[Run]) -> Run:
    """Median wall and CPU; the peak RSS of all."""
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
    )


def _edited(root: Path, path: str, language: str, runs: int, analyze: list[str]) -> Run:
    """Median of `analyze` after one file is edited anew before every run: the other
    files' facts and tool findings come from the cache."""
    original = (root / path).read_bytes()
    times = []
    try:
        for i in range(runs):
            (root / path).write_bytes(original + f"\n{COMMENT[language]} edit {i}\n".encode())
            times.append(measure(analyze, root))
    finally:
        (root / path).write_bytes(original)
    return _median(times)


def _check(root: Path, path: str, language: str, runs: int) -> tuple[Run, Run]:
    """Median wall time of `standards check FILE` and of `standards check` (changed
    against HEAD), with the file changed anew before every run, as in a commit hook."""
    original = (root / path).read_bytes()
    named, changed = [], []
    try:
        for i in range(runs):
            for times, args in ((named, [path]), (changed, [])):
                edit = f"\n{COMMENT[language]} bench edit {i} {len(times)}\n"
                (root / path).write_bytes(original + edit.encode())
                times.append(measure([STANDARDS, "check", *args], root))
    finally:
        (root / path).write_bytes(original)
    return _median(named), _median(changed)


HEADER = (
    "| corpus | files | lines | analyze cold | warm | edited | analysis alone cold | warm "
    "| lines/s | peak RSS | linter | cold / linter | warm / linter | check FILE | check |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)
"""Times are wall (CPU) seconds, medians of the rounds. Ratios to the linter: the whole
command's wall time, then (in brackets) the analysis alone's, and the CPU ratios of both.
Lines/s: the cold analysis alone."""


def _line(row: Row) -> str:
    def both(run: Run) -> str:
        return f"{run.wall:.2f} s ({run.cpu:.2f})"

    def ratio(whole: Run, alone: Run) -> str:
        walls = f"{whole.wall / row.linted.wall:.1f}x ({alone.wall / row.linted.wall:.1f}x"
        return f"{walls}; CPU {whole.cpu / row.linted.cpu:.1f}x, {alone.cpu / row.linted.cpu:.1f}x)"

    check = [
        f"{r.wall * 1000:.0f} ms ({r.cpu * 1000:.0f})" for r in (row.check_file, row.check_changed)
    ]
    return (
        f"| {row.name} | {row.files:,} | {row.lines:,} | {both(row.cold)} | {both(row.warm)} "
        f"| {both(row.edited)} "
        f"| {both(row.mined_cold)} | {both(row.mined_warm)} "
        f"| {row.lines / row.mined_cold.wall:,.0f} | {max(row.cold.rss, row.warm.rss)} MiB "
        f"| {row.linter} {both(row.linted)} | {ratio(row.cold, row.mined_cold)} "
        f"| {ratio(row.warm, row.mined_warm)} | {check[0]} | {check[1]} |"
    )


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        _measured(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", help=f"any of {', '.join(SOURCES)}")
    parser.add_argument("--runs", type=int, default=3, help="rounds per corpus (median)")
    args = parser.parse_args()
    if unknown := sorted(set(args.corpora) - set(SOURCES)):
        parser.error(f"no corpus {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    rows = [row for name in args.corpora or DEFAULT if (row := bench(name, args.runs))]
    print("\n" + HEADER)
    for row in rows:
        print(_line(row))


if __name__ == "__main__":
    main()
