"""The Node tools generated configs run with: ESLint, typescript-eslint, Prettier, danger-js
and tsc, at the versions of the lockfile that ships with standards.

They are installed once per lockfile into the user's cache (as pre-commit keeps its hook
environments), never into the repo, and linked into the output folder as `node_modules`,
where a flat config's bare imports look for them. A fresh clone needs no node_modules of
its own: the first check installs them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import TracebackType

from standards.cache import cache_dir

PINNED = ("package.json", "package-lock.json")
DONE = ".standards-complete"
"""Written last into an install, so a half-finished one is never taken for a whole one."""

NPM = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"]


class NodeError(Exception):
    """Node or npm is missing, or the pinned tools could not be installed."""


def pinned(name: str) -> bytes:
    return (resources.files("standards.rule_templates") / "node" / name).read_bytes()


def installed() -> Path:
    """The node_modules of the pinned tools, installed on first use."""
    key = hashlib.sha256(b"".join(pinned(n) for n in PINNED)).hexdigest()[:16]
    home = cache_dir() / "node" / key
    if (home / "node_modules" / DONE).exists():
        return home / "node_modules"
    home.parent.mkdir(parents=True, exist_ok=True)
    with _locked(home.parent / f"{key}.lock"):
        if not (home / "node_modules" / DONE).exists():
            _install(home)
    return home / "node_modules"


_LINKING = threading.Lock()
"""Targets learn in threads side by side: one replaces a stale link while none looks."""


def link(out: Path) -> Path:
    """`out/node_modules`, a link to the installed tools (replacing a stale link)."""
    target = installed()
    here = out / "node_modules"
    with _LINKING:
        if here.is_symlink() and here.resolve() != target.resolve():
            here.unlink()
        if not here.exists():
            out.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # a run beside this one made it first
                here.symlink_to(target, target_is_directory=True)
    return here


def run(out: Path, tool: str, args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one of the pinned tools' binaries from `cwd`."""
    binary = link(out) / ".bin" / tool
    try:
        return subprocess.run(
            [str(binary), *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise NodeError(f"could not run {tool}: {error}") from error


def script(out: Path, source: str) -> subprocess.CompletedProcess[str]:
    """Run an ES module given as text in the output folder, where its imports resolve."""
    link(out)
    return run_node(["--input-type=module", "-e", source], cwd=out)


def run_node(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run Node itself (for scripts and `node --test`), from `cwd`."""
    if shutil.which("node") is None:
        raise NodeError("node not found: install Node.js (20.19 or newer) to run these checks")
    return subprocess.run(["node", *args], cwd=cwd, capture_output=True, text=True, check=False)


WORKER = """
const { run } = await import(process.argv[1]);
const { createInterface } = await import("node:readline");
const reply = process.stdout.write.bind(process.stdout);
const exit = process.exit.bind(process);
let out = [], err = [];
const into = (which) => (chunk, encoding, done) => {
  (which === "out" ? out : err).push(String(chunk));
  (typeof encoding === "function" ? encoding : done)?.();
  return true;
};
process.stdout.write = into("out");
process.stderr.write = into("err");
const answer = (code, exiting = false) => {
  const found = { code: code ?? 0, stdout: out.join(""), stderr: err.join(""), exiting };
  reply(JSON.stringify(found) + "\\n");
};
process.exit = (code) => { answer(code ?? process.exitCode, true); exit(code); };
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  out = []; err = []; process.exitCode = undefined;
  await run(JSON.parse(line));
  answer(process.exitCode);
}
"""
"""Runs a CLI module's `run(args)` once per line of arguments read, answering each with
what the command would have printed and its exit status (an exit mid-run answers too)."""


class Warm:
    """A pinned tool's command kept loaded: each run is one request to a Node process
    that has the tool in memory, with up to `size` such processes for runs at once.

    Why: Prettier's option search formats the same files once per candidate; a process
    per run pays Node's start, the tool's loading and a cold JIT each time, more than
    the formatting of a few hundred files. Each request runs the command's own entry
    point (`module`, a path under node_modules exporting `run(args)`, or the absolute
    path of a script of ours in `out`, whose imports resolve there) from `cwd`, so it
    prints and exits as the command would; colour is off (`NO_COLOR`), as for a pipe.
    Processes start on first use and end with the `with` block.
    """

    def __init__(self, out: Path, module: str, cwd: Path, size: int) -> None:
        self.out = out
        self.module = module
        self.cwd = cwd
        self.idle: list[subprocess.Popen[str]] = []
        self.started: list[subprocess.Popen[str]] = []
        self.size = threading.BoundedSemaphore(size)
        self.lock = threading.Lock()

    def __enter__(self) -> Warm:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for process in self.started:
            if process.stdin is not None:
                process.stdin.close()
            process.wait()

    def run(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        """What the command prints and returns with `args`, from a loaded process."""
        with self.size:
            process = self._take()
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(json.dumps(list(args)) + "\n")
                process.stdin.flush()
                answer = process.stdout.readline()
            except OSError:
                answer = ""
            if not answer:
                process.wait()
                raise NodeError(f"node stopped (exit {process.returncode}) running {self.module}")
            found = json.loads(answer)
            if found["exiting"]:
                process.wait()
            else:
                with self.lock:
                    self.idle.append(process)
        return subprocess.CompletedProcess(args, found["code"], found["stdout"], found["stderr"])

    def _take(self) -> subprocess.Popen[str]:
        """An idle process, or a new one."""
        with self.lock:
            if self.idle:
                return self.idle.pop()
        if shutil.which("node") is None:
            raise NodeError("node not found: install Node.js (20.19 or newer) to run these checks")
        entry = (link(self.out) / self.module).absolute().as_uri()
        command = ["node", "--input-type=module", "-e", WORKER, entry]
        process = subprocess.Popen(
            command,
            cwd=self.cwd,
            env={**os.environ, "NO_COLOR": "1"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        with self.lock:
            self.started.append(process)
        return process


def _install(home: Path) -> None:
    if shutil.which("npm") is None:
        raise NodeError("npm not found: install Node.js (20.19 or newer) to run these checks")
    scratch = Path(tempfile.mkdtemp(prefix="install-", dir=home.parent))
    for name in PINNED:
        (scratch / name).write_bytes(pinned(name))
    done = subprocess.run(NPM, cwd=scratch, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise NodeError(f"npm ci failed: {lines[-1] if lines else done.returncode}")
    (scratch / "node_modules" / DONE).write_text("")
    shutil.rmtree(home, ignore_errors=True)
    scratch.rename(home)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One installer at a time per lockfile, across processes (pytest workers, hooks)."""
    with path.open("w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: installs may race, each into its own scratch folder
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
