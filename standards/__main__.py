"""The `standards` command's entry point: `check`, which every commit hook runs, starts
without the CLI framework; every other command goes to the Typer app in `standards.cli`,
and so does a `check` asking for help or one that cannot start (no generated standards,
an unknown tool), which Typer runs again to report as a usage error.

A check ends as soon as its report is written: its objects are frozen first, so Python's
last collection at exit skips them (walking everything the imports made cost a check
a tenth of its time).
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    from standards import check_cli
    from standards.check import CheckError

    argv = sys.argv[1:]
    if argv[:1] == ["check"] and (args := check_cli.parse(argv[1:])) is not None:
        try:
            report, code = check_cli.run(args)
        except CheckError:
            pass
        else:
            sys.stdout.write(report)
            gc.freeze()
            sys.exit(code)
    from standards.cli import main as app

    app()


if __name__ == "__main__":
    main()
