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


class ConfigValueError(PassionmapError):
    """A :class:`passionmap.Config` field set to a value no run can use.

    ``field`` names it and ``need`` says what it must be; ``unset`` where None
    (the library's "not set") is allowed too. The command line says it as the
    option's error (``argument --max-share: must be ...``) without reading this text.
    """

    def __init__(self, field: str, need: str, value: object, unset: bool = False) -> None:
        self.field = field
        self.option_text = f"must be {need}, not {value!r}"  # what the option's error says
        either = " (or None)" if unset else ""
        super().__init__(f"{field} must be {need}{either}, not {value!r}")


def first_line(text: object) -> str:
    """The first non-blank line of ``text`` (an exception, a message), stripped."""
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0].strip() if lines else ""
