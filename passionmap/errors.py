"""Errors the command line turns into one clear line and exit code 2."""

from __future__ import annotations

import os


class PassionmapError(Exception):
    """A problem the user can fix (bad file, bad option); never shown as a traceback."""


class InputError(PassionmapError):
    """An input file that cannot be read at all."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def first_line(text: object) -> str:
    """The first non-blank line of ``text`` (an exception, a message), stripped."""
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0].strip() if lines else ""
