"""Benchmark `standards analyze` on real corpora next to `ruff check` on the same tree.

Corpora come from the package registries (shared/CORPORA.md) into bench/corpora/, which
is git-ignored: third-party code is measured here, never committed.

    python bench/run.py [flaskbb django pretix ...]
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from standards import pipeline
from standards.targets import ruff as ruff_target

CORPORA = Path(__file__).resolve().parent / "corpora"
PIP = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python"]
SOURCES = {
    "flaskbb": ["--no-binary", ":all:", "flaskbb==2.2.0"],
    "django": ["--no-binary", ":all:", "Django==6.1.3"],
    "pretix": ["--only-binary", ":all:", "pretix==2026.8.0"],
    "postorius": ["--no-binary", ":all:", "postorius==1.3.13"],
    "netbox": ["--no-binary", ":all:", "netbox==4.7.3"],
}


def corpus(name: str) -> Path:
    """The unpacked corpus folder, downloaded and unpacked on first use."""
    target = CORPORA / name
    if target.exists():
        return target
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([*PIP, "-d", scratch, *SOURCES[name]], check=True, capture_output=True)
        (archive,) = Path(scratch).iterdir()
        if archive.suffix in {".whl", ".zip"}:
            zipfile.ZipFile(archive).extractall(target)
        else:
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
    return target


def bench(name: str) -> None:
    """Print analysis speed next to `ruff check` on the same tree, measured in one run,
    and what learning the ruff config (every probe run) costs on top."""
    root = corpus(name)
    start = time.perf_counter()
    analysis = pipeline.analyze(root)
    seconds = time.perf_counter() - start
    lines = sum(f.lines for f in analysis.facts)
    ruff = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--exit-zero", "-q"]
    start = time.perf_counter()
    subprocess.run([*ruff, str(root)], capture_output=True, check=False)
    ruff_seconds = time.perf_counter() - start
    start = time.perf_counter()
    ruff_target.learn(analysis)
    probe_seconds = time.perf_counter() - start
    print(
        f"{name:10} {len(analysis.facts):6} files {lines:8} lines  "
        f"analyze {seconds:6.2f}s ({lines / seconds:9,.0f} lines/s)  "
        f"ruff check {ruff_seconds:5.2f}s  ratio {seconds / ruff_seconds:5.1f}x  "
        f"ruff probe {probe_seconds:5.2f}s"
    )


if __name__ == "__main__":
    for corpus_name in sys.argv[1:] or ["flaskbb", "django"]:
        bench(corpus_name)
