"""Command line: ``passionmap run | sample | report | cache clear``."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from dataclasses import MISSING, Field, fields
from pathlib import Path
from typing import NoReturn

from . import __version__
from .config import Config, default_cache_dir
from .errors import ConfigValueError, PassionmapError

EXIT_BAD_INPUT = 2
#: what ``passionmap report`` imports beyond the core (pyproject's ``report`` extra)
REPORT_MODULES = ("papermill", "nbformat", "nbconvert", "matplotlib", "ipykernel")


GROUPS = {
    "input": "input columns (your names for passionmap's columns)",
    "analysis": "analysis",
    "privacy": "privacy",
    "speed": "speed and scale",
}
_TYPES = {"int": int, "float": float, "str": str}


def _field_type(f: Field[object]) -> type:
    """int, float or str: the type of a Config field (its default's, or its annotation's)."""
    if f.default is not None and f.default is not MISSING:
        return type(f.default)
    return _TYPES[str(f.type).split("|")[0].strip()]


def _input_options(p: argparse.ArgumentParser) -> None:
    """Every Config field that has a command-line option (its ``metadata``), in its group."""
    groups = {key: p.add_argument_group(title) for key, title in GROUPS.items()}
    for f in fields(Config):
        meta = f.metadata
        if "flag" not in meta:
            continue  # library-only settings (keep_text)
        kind = meta.get("type")
        kw: dict = {"dest": f.name}
        text = meta["help"]
        default = f.default if f.default is not MISSING else f.default_factory()
        if isinstance(default, bool):
            kw["action"] = "store_false" if default else "store_true"
        elif kind == "append":
            kw.update(action="append", type=Path, default=[], metavar="FILE")
        elif kind in ("terms_file", "cache", "labels_file"):
            kw.update(type=Path, default=None, metavar="DIR" if kind == "cache" else "FILE")
        elif kind == "date":
            kw.update(type=_day, default=None, metavar="YYYY-MM-DD")
        elif kind == "auto_or_positive":
            kw.update(type=_communities, default="auto")
        else:
            convert = {"positive": _positive, "count": _count}.get(kind) or _field_type(f)
            kw.update(type=convert, default=default)
            if "choices" in meta:
                kw["choices"] = meta["choices"]
            if default is not None and "(default" not in text:
                shown = f"{default:,}" if isinstance(default, int) else default
                # "age column (years; default age)", not "(years) (default age)"
                text = (
                    f"{text[:-1]}; default {shown})"
                    if text.endswith(")")
                    else f"{text} (default {shown})"
                )
        if kw.get("action") is None:  # one value: a second one is said, not dropped silently
            kw["action"] = _Once
        groups[meta["group"]].add_argument(meta["flag"], help=text, **kw)
    groups["speed"].add_argument(
        "--no-cache", action="store_true", help="no cache: read every comment with spaCy again"
    )


class _Once(argparse.Action):
    """Store one value; an option given again with another value says which one is used.

    ``--text-col Title --text-col "Review Text"`` used to keep the last without a
    word. The last still wins (a script may append an override), with one line
    on stderr.
    """

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        seen = namespace.__dict__.setdefault("_given", {})
        if self.dest in seen and seen[self.dest] != values:
            old, new = (_shown(v) for v in (seen[self.dest], values))
            print(
                f"passionmap: warning: {option_string} given twice ({old}, then {new}); "
                f"using {new}",
                file=sys.stderr,
            )
        seen[self.dest] = values
        setattr(namespace, self.dest, values)


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _communities(value: str) -> str:
    if value == "auto" or (value.isdigit() and int(value) >= 1):
        return value
    raise argparse.ArgumentTypeError(f"expected auto or a positive number, got {value!r}")


def _day(value: str) -> str:
    from .io.dates import day

    try:
        return day(value, "")
    except PassionmapError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _week(value: str) -> str:
    """``--week``: checked before the input is read (a typo used to cost a whole load)."""
    from .weekly.weeks import parse_week

    try:
        parse_week(value)
    except PassionmapError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value.strip()


def _count(value: str) -> int:
    if value.isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(f"expected 0 or a positive number, got {value!r}")


def _positive(value: str) -> int:
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")


def config_from(args: argparse.Namespace) -> Config:
    """Build the frozen Config from parsed options (the fields :func:`_input_options` added)."""
    values = {}
    for f in fields(Config):
        if "flag" not in f.metadata:
            continue
        value = getattr(args, f.name)
        kind = f.metadata.get("type")
        if kind == "terms_file":
            value = _stop_terms(value)
        elif kind == "labels_file":
            value = _labels(value)
        elif kind == "append":
            value = tuple(str(p) for p in value)
            if f.name == "patterns":  # a broken file: one line now, not a traceback mid-run
                from .nlp.lexicon import read_jsonl

                for path in value:
                    read_jsonl(path, patterns=True)
        elif kind == "cache":
            value = None if args.no_cache else str(value or default_cache_dir())
        elif kind == "auto_or_positive":
            value = None if value == "auto" else int(value)
        elif isinstance(value, Path):
            value = str(value)
        values[f.name] = value
    if values["since"] and values["until"] and values["since"] > values["until"]:
        raise PassionmapError(f"--since {values['since']} is after --until {values['until']}")
    if args.pseudonymize:  # no key: stop now, before reading anything
        from .io.privacy import read_key

        read_key(args.key_file)
    elif args.key_file is not None:
        raise PassionmapError("--key-file is only used with --pseudonymize")
    try:
        return Config(**values)
    except ConfigValueError as exc:  # "max_share must be ...": said as the option's error
        flag = next((f.metadata.get("flag") for f in fields(Config) if f.name == exc.field), None)
        if flag is None:
            raise
        raise OptionError(f"argument {flag}: {exc.option_text}") from None


class OptionError(PassionmapError):
    """A bad option value found past argparse: said as argparse says one (README)."""


def _stop_terms(path: Path | None) -> tuple[str, ...]:
    if path is None:
        return ()
    from .nlp.lexicon import read_terms  # no spaCy import for a word list

    return tuple(sorted(read_terms(path, "stop terms")))  # unreadable or not UTF-8: one line


def _labels(path: Path | None) -> tuple[tuple[str, str], ...]:
    if path is None:
        return ()
    from .analysis.labels import read_labels

    return read_labels(path)  # a malformed file: one line, exit 2


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad option told in one line (not the 20-line usage) and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="passionmap",
        description="Map customers' passions, channels and communities from their comments.",
    )
    p.add_argument("--version", action="version", version=f"passionmap {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the pipeline and write every output file")
    r.add_argument("input", type=Path, help="comments: CSV, JSON Lines or Parquet")
    r.add_argument("--out", type=Path, required=True, action=_Once, help="output folder")
    _input_options(r)
    s = sub.add_parser("sample", help="write the embedded sample comments (with ground truth)")
    s.add_argument("--out", type=Path, required=True, help="CSV file to write")
    s.add_argument("--customers", type=_positive, default=600, help="customers (default 600)")
    s.add_argument("--weeks", type=_positive, default=6, help="weeks of comments (default 6)")
    s.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    w = sub.add_parser("report", help="render the weekly report (papermill -> HTML)")
    w.add_argument("input", type=Path, nargs="?", help="comments file (default: the sample)")
    w.add_argument(
        "--out",
        type=Path,
        default=Path("reports"),
        action=_Once,
        help="report folder (default reports)",
    )
    w.add_argument(
        "--week",
        type=_week,
        metavar="YYYY-Www",
        action=_Once,
        help="ISO week YYYY-Www (default: the latest complete week in the data, "
        "else the latest week, called partial)",
    )
    _input_options(w)
    c = sub.add_parser("cache", help="manage the mentions cache of run and report")
    c.add_argument(
        "action",
        choices=("clear",),
        help="clear: delete every cached mention and every kept run output",
    )
    c.add_argument("--cache-dir", type=Path, help="the cache (default: the one run uses)")
    p.commands = {"run": r, "sample": s, "report": w, "cache": c}
    return p


def _unrecognized(extra: list[str], command: argparse.ArgumentParser) -> str:
    """``unrecognized arguments: --text-colum x (did you mean --text-col?)``."""
    from difflib import get_close_matches

    known = [o for a in command._actions for o in a.option_strings]
    near = [
        m[0]
        for word in extra
        if word.startswith("--") and (m := get_close_matches(word.split("=")[0], known, n=1))
    ]
    hint = f" (did you mean {', '.join(dict.fromkeys(near))}?)" if near else ""
    return f"unrecognized arguments: {' '.join(extra)}{hint}"


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)
    command = p.commands[args.command]
    if extra:  # said by the subcommand, whose --help lists its options
        command.error(_unrecognized(extra, command))
    try:
        return _dispatch(args)
    except OptionError as exc:  # a value argparse let through, e.g. --max-share 2
        command.error(str(exc))
    except PassionmapError as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        print("passionmap: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130


def _require_report_extra() -> None:
    """``report`` needs the ``report`` extra (papermill, nbconvert, ...): say so in one line."""
    from importlib.util import find_spec

    def absent(name: str) -> bool:
        try:
            return find_spec(name) is None
        except (ImportError, ValueError):
            return True

    missing = [m for m in REPORT_MODULES if absent(m)]
    if missing:
        raise PassionmapError(
            f"report needs {', '.join(missing)}: pip install 'passionmap[report]'"
        )


#: control characters shown escaped, so that an error is always one line
_ONE_LINE = {i: f"\\x{i:02x}" for i in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def _fail(message: str) -> int:
    print(f"passionmap: error: {message.strip().translate(_ONE_LINE)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "sample":
        from .datasets.sample import write_sample

        if args.out.is_dir():
            return _fail(f"--out {args.out} is a folder: name the CSV file to write, e.g. "
                         f"{args.out / 'sample_comments.csv'}")  # fmt: skip
        path = write_sample(args.out, customers=args.customers, weeks=args.weeks, seed=args.seed)
        print(f"wrote {path}")
        return 0
    if args.command == "cache":
        from .nlp.cache import clear

        root = args.cache_dir or default_cache_dir()
        print(f"removed {clear(root)} cache file(s) from {root}")
        return 0
    config = config_from(args)
    if args.command == "run":
        from . import reuse

        config = config.replace(keep_text=False)  # the exports hold no text: let it go
        key = reuse.run_key(args.input, config) if config.cache_dir else None
        s = reuse.reuse(key, config.cache_dir, args.out, args.input)
        if s is None:
            from .analysis.labels import UnknownLabels
            from .pipeline import run

            with warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.filterwarnings("ignore", category=UnknownLabels)  # one line, below
                s = run(args.input, args.out, config).summary
            reuse.keep(key, config.cache_dir, args.out)
        else:
            print(
                "unchanged input and settings: outputs reused from the cache "
                "(--no-cache computes them again)",
                file=sys.stderr,
            )
        if s.get("labels_unknown"):
            from .analysis.labels import unknown_text

            print(f"passionmap: warning: {unknown_text(s['labels_unknown'])}", file=sys.stderr)
        outside = s.get("rows_outside_dates")
        dates = f" ({outside} outside --since/--until)" if outside else ""
        agree = s.get("agreement")  # how far the seeded runs agree (1: all the same)
        agree = f"; runs agree {agree:.2f}" if agree is not None else ""
        print(
            f"{s['rows_read']} rows read, {s['rows_used']} used, {s['rows_rejected']} rejected"
            f"{dates}; "
            f"{s['customers']} customers, {s['interests']} interests, {s['channels']} channels, "
            f"{s['clusters']} communities (modularity {s['modularity']}{agree}) -> {args.out}"
        )
        print("seconds: " + json.dumps(s["seconds"]))
        return 0
    _require_report_extra()
    from .viz.report import render_report

    html = render_report(args.input, args.out, args.week, config)
    print(f"wrote {html}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
