"""Command line: ``passionmap run | sample | report | cache clear``."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from . import __version__
from .config import Config, default_cache_dir
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
    d = Config()
    a.add_argument(
        "--resolution",
        type=float,
        default=d.resolution,
        help="Leiden/Louvain resolution; higher: more, smaller communities "
        "(default 1.0: standard modularity)",
    )
    a.add_argument(
        "--communities",
        type=_communities,
        default="auto",
        help="auto (default: as many as the data gives) or a number N: the resolution "
        "is searched to give N communities",
    )
    a.add_argument("--seed", type=int, default=d.seed, help=f"random seed (default {d.seed})")
    a.add_argument(
        "--min-mentions",
        type=int,
        default=d.min_mentions,
        help=f"customers an interest needs (default {d.min_mentions})",
    )
    a.add_argument(
        "--min-cluster-size",
        type=int,
        default=d.min_cluster_size,
        help=f"smallest community (default {d.min_cluster_size})",
    )
    a.add_argument(
        "--max-chars",
        type=int,
        default=d.max_chars,
        help=f"longer comments are truncated (default {d.max_chars})",
    )
    a.add_argument("--stop-terms", type=Path, help="file of extra terms to ignore, one a line")
    a.add_argument("--patterns", type=Path, action="append", default=[], help="extra JSONL")
    a.add_argument("--no-progress", action="store_true", help="no progress bars")
    v = p.add_argument_group("privacy")
    v.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace customer ids by a keyed hash (key: $PASSIONMAP_KEY or --key-file)",
    )
    v.add_argument("--key-file", type=Path, help="file holding the --pseudonymize key")
    v.add_argument("--no-text", action="store_true", help="leave comment text out of exports")
    x = p.add_argument_group("speed and scale")
    x.add_argument(
        "--cache-dir",
        type=Path,
        help="mentions cache (default: $PASSIONMAP_CACHE_DIR or ~/.cache/passionmap)",
    )
    x.add_argument("--no-cache", action="store_true", help="read every comment with spaCy again")
    x.add_argument("--n-process", type=int, default=1, help="spaCy processes (default 1)")
    x.add_argument(
        "--chunk-rows",
        type=_positive,
        default=d.chunk_rows,
        help=f"records read and extracted at a time; memory holds one chunk of text "
        f"(default {d.chunk_rows:,})",
    )
    x.add_argument(
        "--algorithm",
        choices=("leiden", "louvain"),
        default="leiden",
        help="community detection, both in igraph (default leiden)",
    )
    x.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where extraction runs (dask: pip install 'passionmap[dask]')",
    )
    x.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    x.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")


def _communities(value: str) -> str:
    if value == "auto" or (value.isdigit() and int(value) >= 1):
        return value
    raise argparse.ArgumentTypeError(f"expected auto or a positive number, got {value!r}")


def _positive(value: str) -> int:
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")


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
    if args.pseudonymize:  # no key: stop now, before reading anything
        from .privacy import read_key

        read_key(args.key_file)
    elif args.key_file is not None:
        raise PassionmapError("--key-file is only used with --pseudonymize")
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
        communities=None if args.communities == "auto" else int(args.communities),
        seed=args.seed,
        min_mentions=args.min_mentions,
        min_cluster_size=args.min_cluster_size,
        max_chars=args.max_chars,
        extra_stop_terms=stop,
        patterns=tuple(str(p) for p in args.patterns),
        progress=not args.no_progress,
        pseudonymize=args.pseudonymize,
        key_file=str(args.key_file) if args.key_file is not None else None,
        no_text=args.no_text,
        cache_dir=None if args.no_cache else str(args.cache_dir or default_cache_dir()),
        n_process=args.n_process,
        chunk_rows=args.chunk_rows,
        algorithm=args.algorithm,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="passionmap",
        description="Map customers' passions, channels and communities from their comments.",
    )
    p.add_argument("--version", action="version", version=f"passionmap {__version__}")
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
    w.add_argument(
        "--week",
        help="ISO week YYYY-Www (default: the latest complete week in the data, "
        "else the latest week, called partial)",
    )
    _input_options(w)
    c = sub.add_parser("cache", help="manage the mentions cache of run and report")
    c.add_argument("action", choices=("clear",), help="clear: delete every cached mention")
    c.add_argument("--cache-dir", type=Path, help="the cache (default: the one run uses)")
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
    if args.command == "cache":
        from .cache import clear

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
            from .pipeline import run

            with warnings.catch_warnings():
                warnings.simplefilter("default")
                s = run(args.input, args.out, config).summary
            reuse.keep(key, config.cache_dir, args.out)
        else:
            print(
                "unchanged input and settings: outputs reused from the cache "
                "(--no-cache computes them again)",
                file=sys.stderr,
            )
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
