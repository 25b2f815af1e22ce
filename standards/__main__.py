"""The `standards` command's entry point: `check`, which every commit hook runs, starts
without the CLI framework; every other command goes to the Typer app in `standards.cli`,
and so does a `check` asking for help or one that cannot start (no generated standards,
an unknown tool), which Typer runs again to report as a usage error.

A check runs without the cyclic garbage collector: it makes little garbage and ends
soon, and the collections its imports set off found none (a few ms on Django). Its
objects are frozen once the report is written, so Python's last collection at exit
skips them too (walking everything the imports made cost a tenth of a check). Its
threads hand the interpreter over every half millisecond instead of five: those that only
start a tool and wait for it get their turn at once while others parse and import.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    from standards import check_cli
    from standards.check import CheckError

    argv = sys.argv[1:]
    if argv[:1] == ["check"] and (args := check_cli.parse(argv[1:])) is not None:
        gc.disable()
        sys.setswitchinterval(0.0005)
        try:
            report, code = check_cli.run(args)
        except CheckError:
            gc.enable()
        else:
            sys.stdout.write(report)
            gc.freeze()
            sys.exit(code)
    from standards.cli import main as app

    app()


if __name__ == "__main__":
    main()
