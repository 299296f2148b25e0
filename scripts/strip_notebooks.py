#!/usr/bin/env python
"""Strip outputs, execution counts and run metadata from notebooks (for git).

Usage::

    python scripts/strip_notebooks.py            # strip notebooks/*.ipynb in place
    python scripts/strip_notebooks.py --check    # exit 1 if any notebook needs it
    python scripts/strip_notebooks.py a.ipynb    # only these files

``make strip`` runs the first form; a pre-commit hook or CI can run ``--check``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from passionmap.viz.report import notebook_problems, strip_notebook  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Strip (or with ``--check`` only report) the given notebooks; 1 when dirty in check mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)"
    )
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if unclean")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    dirty = 0
    for path in paths:
        if args.check:
            problems = notebook_problems(path)
            for problem in problems:
                print(problem, file=sys.stderr)
            dirty += bool(problems)
        elif strip_notebook(path):
            print(f"stripped {path}")
    if args.check and dirty:
        print(
            f"{dirty} notebook(s) have outputs: run `make strip` before committing",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
