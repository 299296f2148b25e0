"""Command line: ``passionmap run | sample | report``."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from .config import Config
from .errors import PassionmapError

EXIT_BAD_INPUT = 2


def _input_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("input columns (your names for passionmap's columns)")
    g.add_argument("--text-col", default="text", help="comment text column (default: text)")
    g.add_argument("--customer-col", default="customer_id", help="customer column")
    g.add_argument("--id-col", default="comment_id", help="comment id column (default: record no.)")
    g.add_argument("--time-col", default="timestamp", help="timestamp column")
    g.add_argument("--channel-col", default="channel", help="channel column")
    g.add_argument("--age-col", default="age", help="age column (years)")
    g.add_argument("--channel", help="one channel for the whole file, e.g. twitter")
    g.add_argument("--dayfirst", action="store_true", help="dates are day-first (24-02-2015)")
    g.add_argument("--encoding", help="file encoding (default: detected)")
    a = p.add_argument_group("analysis")
    a.add_argument("--model", help="spaCy model (default: en_core_web_sm; 'blank' for rules only)")
    a.add_argument(
        "--resolution",
        type=float,
        default=0.5,
        help="Louvain resolution; higher: smaller communities (0.5)",
    )
    a.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    a.add_argument(
        "--min-mentions", type=int, default=2, help="customers an interest needs (default 2)"
    )
    a.add_argument("--min-cluster-size", type=int, default=3, help="smallest community (3)")
    a.add_argument("--max-chars", type=int, default=5000, help="longer comments are truncated")
    a.add_argument("--stop-terms", type=Path, help="file of extra terms to ignore, one a line")
    a.add_argument("--patterns", type=Path, action="append", default=[], help="extra JSONL")
    a.add_argument("--no-progress", action="store_true", help="no progress bars")


def config_from(args: argparse.Namespace) -> Config:
    """Build the frozen Config from parsed options."""
    stop = ()
    if args.stop_terms is not None:
        from .nlp import read_terms

        try:
            stop = tuple(sorted(read_terms(args.stop_terms)))
        except OSError as exc:
            raise PassionmapError(
                f"{args.stop_terms}: cannot read stop terms ({exc.strerror})"
            ) from None
    return Config(
        text_col=args.text_col,
        customer_col=args.customer_col,
        id_col=args.id_col,
        time_col=args.time_col,
        channel_col=args.channel_col,
        age_col=args.age_col,
        channel=args.channel,
        dayfirst=args.dayfirst,
        encoding=args.encoding,
        model=args.model,
        resolution=args.resolution,
        seed=args.seed,
        min_mentions=args.min_mentions,
        min_cluster_size=args.min_cluster_size,
        max_chars=args.max_chars,
        extra_stop_terms=stop,
        patterns=tuple(str(p) for p in args.patterns),
        progress=not args.no_progress,
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="passionmap",
        description="Map customers' passions, channels and communities from their comments.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the pipeline and write every output file")
    r.add_argument("input", type=Path, help="comments: CSV, JSON Lines or Parquet")
    r.add_argument("--out", type=Path, required=True, help="output folder")
    _input_options(r)
    s = sub.add_parser("sample", help="write the embedded sample comments (with ground truth)")
    s.add_argument("--out", type=Path, required=True, help="CSV file to write")
    s.add_argument("--customers", type=int, default=600, help="customers (default 600)")
    s.add_argument("--weeks", type=int, default=6, help="weeks of comments (default 6)")
    s.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    w = sub.add_parser("report", help="render the weekly report (papermill -> HTML)")
    w.add_argument("input", type=Path, nargs="?", help="comments file (default: the sample)")
    w.add_argument("--out", type=Path, default=Path("reports"), help="report folder")
    w.add_argument("--week", help="ISO week YYYY-Www (default: the latest in the data)")
    _input_options(w)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _dispatch(args)
    except PassionmapError as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        print("passionmap: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130


def _fail(message: str) -> int:
    print(f"passionmap: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "sample":
        from .sample import write_sample

        path = write_sample(args.out, customers=args.customers, weeks=args.weeks, seed=args.seed)
        print(f"wrote {path}")
        return 0
    config = config_from(args)
    if args.command == "run":
        from .pipeline import run

        with warnings.catch_warnings():
            warnings.simplefilter("default")
            result = run(args.input, args.out, config)
        s = result.summary
        print(
            f"{s['rows_read']} rows read, {s['rows_used']} used, {s['rows_rejected']} rejected; "
            f"{s['customers']} customers, {s['interests']} interests, {s['channels']} channels, "
            f"{s['clusters']} communities (modularity {s['modularity']}) -> {args.out}"
        )
        print("seconds: " + json.dumps(s["seconds"]))
        return 0
    from .report import render_report

    html = render_report(args.input, args.out, args.week, config)
    print(f"wrote {html}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
