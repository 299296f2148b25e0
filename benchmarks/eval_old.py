"""Quality evaluation: ``python -m passionmap.eval`` (``make eval``).

Two measures of how close passionmap comes to what an analyst would find:

* **the embedded sample** (:mod:`passionmap.sample`) at several sizes and
  seeds, against its planted truth: community ARI and NMI, share of
  customers clustered, modularity, communities found vs planted, interest
  and channel precision / recall per comment, generation accuracy;
* **hand-labelled real text** (``benchmarks/gold/gold_mentions.jsonl``:
  airline tweets and clothing reviews): interest and channel precision /
  recall per comment, strict (same key) and lenient (one key is a
  word-boundary part of the other: ``softball`` ~ ``lsu softball``).

The spaCy model is loaded once. Results go to ``benchmarks/eval_results.json``
and ``benchmarks/eval_results.md``; every number in them is measured.

Examples
--------
>>> from passionmap import Config
>>> from passionmap.nlp import load_nlp
>>> nlp = load_nlp("blank")
>>> row = sample_row(60, 0, Config(model="blank", progress=False), nlp)
>>> sorted(row)[:3]
['ari', 'channel_p', 'channel_r']
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .config import Config
from .extract import extract
from .generation import generations
from .metrics import adjusted_rand, normalized_mutual_info, precision_recall
from .nlp import load_nlp, model_name
from .pipeline import analyze
from .sample import make_sample

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "gold_mentions.jsonl"
DATASETS = ROOT.parent / "shared" / "datasets"
OUT = ROOT / "benchmarks"
SIZES = (600, 5000)
SEEDS = (0, 1)
#: Targets of issue 5: (column, table, lowest acceptable value).
TARGETS = (
    ("ari", "sample", 0.90),
    ("channel_p", "sample", 0.95),
    ("channel_r", "sample", 0.98),
    ("interest_r", "sample", 0.85),
    ("interest_p", "gold", 0.70),
    ("interest_r", "gold", 0.60),
    ("accuracy", "generation", 0.80),
)
SAMPLE_COLUMNS = [
    "customers", "seed", "comments", "ari", "nmi", "clustered", "modularity",
    "found", "planted", "interest_p", "interest_r", "channel_p", "channel_r",
    "generation_acc", "seconds",
]  # fmt: skip
INFERENCE_COLUMNS = ["data", "n", "labelled", "correct", "coverage", "accuracy"]
GOLD_COLUMNS = [
    "dataset", "comments", "gold_interests", "found_interests", "interest_p",
    "interest_r", "interest_p_lenient", "interest_r_lenient", "gold_channels",
    "channel_p", "channel_r", "seconds",
]  # fmt: skip


# --- the embedded sample ----------------------------------------------------
def sample_row(customers: int, seed: int, config: Config, nlp: Language) -> dict:
    """Run the pipeline on one embedded sample and measure it against its truth.

    Parameters
    ----------
    customers, seed : int
        Arguments of :func:`passionmap.sample.make_sample`.
    config : Config
        Run settings (``progress`` is best off).
    nlp : spacy.Language
        The loaded pipeline, shared by every run.

    Returns
    -------
    dict
        One row of the sample table (see ``SAMPLE_COLUMNS``).
    """
    t0 = time.perf_counter()
    sample = make_sample(customers=customers, seed=seed)
    result = analyze(sample.comments, config, nlp)
    seconds = time.perf_counter() - t0
    truth = sample.truth.merge(result.customers, on="customer_id", validate="1:1")
    planted = sample.truth.loc[sample.truth["community"] >= 0, "community"].nunique()
    return {
        "customers": customers,
        "seed": seed,
        "comments": len(sample.comments),
        "ari": round(adjusted_rand(truth["community"], truth["cluster"]), 4),
        "nmi": round(normalized_mutual_info(truth["community"], truth["cluster"]), 4),
        "clustered": round(float((truth["cluster"] >= 0).mean()), 4),
        "modularity": result.summary.get("modularity", 0.0),
        "found": len(result.clusters),
        "planted": int(planted),
        **_mention_scores(sample.mentions, result.mentions),
        "generation_acc": generation_accuracy(sample, result.customers),
        "seconds": round(seconds, 1),
    }


def _mention_scores(gold: pd.DataFrame, found: pd.DataFrame) -> dict:
    keys = ["comment_id", "term"]
    out = {}
    for kind, short in (("interest", "interest"), ("channel", "channel")):
        pr = precision_recall(gold[gold["kind"] == kind], found[found["kind"] == kind], keys)
        out[f"{short}_p"], out[f"{short}_r"] = pr["precision"], pr["recall"]
    return out


def generation_accuracy(sample, customers: pd.DataFrame) -> float | None:
    """Share of customers whose generation matches the planted one.

    The planted generation comes from the true age (``sample.truth["age"]``,
    known even where the comments hide it; else the age in the comments) and
    the year of the customer's last comment. Customers without a planted age
    are left out; a missing found generation counts as wrong.
    """
    last = sample.comments.groupby("customer_id")["timestamp"].max().dt.year
    if "age" in sample.truth.columns:
        age = sample.truth.set_index("customer_id")["age"]
    else:
        age = sample.comments.dropna(subset=["age"]).groupby("customer_id")["age"].last()
    age = pd.to_numeric(age, errors="coerce").dropna()
    if age.empty:
        return None
    truth = generations(age, last.reindex(age.index))
    found = customers.set_index("customer_id")["generation"].reindex(truth.index)
    return round(float((found == truth).mean()), 4)


# --- hand-labelled real text ------------------------------------------------
def inference_rows(sizes, seeds, datasets: Path | None = DATASETS) -> list[dict]:
    """Generation inferred from text with the ages hidden (issue 8), per data set.

    On each sample (customers with a planted age) and, when present, on the
    clothing reviews (a real ``Age`` per review; one review, one customer).
    """
    from .age_cues import evaluate_generation_inference

    rows = []
    for n in sizes:
        for seed in seeds:
            got = evaluate_generation_inference(make_sample(customers=n, seed=seed).comments)
            rows.append({"data": f"sample {n} seed {seed}", **got})
    reviews = Path(datasets or "") / "clothing_reviews.csv"
    if datasets is not None and reviews.is_file():
        df = pd.read_csv(reviews)
        comments = pd.DataFrame(
            {
                "customer_id": df.iloc[:, 0].astype(str),
                "text": df["Review Text"].fillna(""),
                "age": df["Age"],
            }
        )
        rows.append({"data": "clothing reviews", **evaluate_generation_inference(comments)})
    return rows


def read_gold(path: Path = GOLD) -> pd.DataFrame:
    """The hand-labelled comments: dataset, row, text, interests, channels, note."""
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x]
    return pd.DataFrame(rows)


def gold_rows(gold: pd.DataFrame, config: Config, nlp: Language) -> list[dict]:
    """Extraction precision / recall on the hand-labelled comments.

    Returns one row per dataset and one for all of them (see ``GOLD_COLUMNS``).
    """
    t0 = time.perf_counter()
    gold = gold.reset_index(drop=True)
    comments = pd.DataFrame(
        {
            "comment_id": [f"{d}:{r}" for d, r in zip(gold["dataset"], gold["row"], strict=True)],
            "customer_id": [f"g{i}" for i in range(len(gold))],
            "text": gold["text"].map(lambda t: html.unescape(str(t)).strip()),
        }
    )
    found = extract(comments, config.replace(progress=False), nlp)
    seconds = time.perf_counter() - t0
    labels = _gold_mentions(gold, comments["comment_id"])
    out = []
    for name in [*sorted(gold["dataset"].unique()), "all"]:
        ids = (
            comments["comment_id"]
            if name == "all"
            else comments["comment_id"][gold["dataset"] == name]
        )
        keep = set(ids)
        row = _gold_scores(
            labels[labels["comment_id"].isin(keep)], found[found["comment_id"].isin(keep)]
        )
        out.append({"dataset": name, "comments": len(keep), **row, "seconds": round(seconds, 1)})
    return out


def _gold_mentions(gold: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    rows = []
    for cid, interests, channels in zip(ids, gold["interests"], gold["channels"], strict=True):
        rows += [(cid, "interest", k) for k in interests]
        rows += [(cid, "channel", k) for k in channels]
    return pd.DataFrame(rows, columns=["comment_id", "kind", "term"])


def _gold_scores(gold: pd.DataFrame, found: pd.DataFrame) -> dict:
    keys = ["comment_id", "term"]
    gi, fi = gold[gold["kind"] == "interest"], found[found["kind"] == "interest"]
    gc, fc = gold[gold["kind"] == "channel"], found[found["kind"] == "channel"]
    strict = precision_recall(gi, fi, keys)
    lenient = lenient_precision_recall(gi, fi)
    chan = precision_recall(gc, fc, keys)
    return {
        "gold_interests": strict["gold"],
        "found_interests": strict["found"],
        "interest_p": strict["precision"],
        "interest_r": strict["recall"],
        "interest_p_lenient": lenient["precision"],
        "interest_r_lenient": lenient["recall"],
        "gold_channels": chan["gold"],
        "channel_p": chan["precision"],
        "channel_r": chan["recall"],
    }


def loose_match(a: str, b: str) -> bool:
    """True when the keys are equal or one is a word-boundary part of the other.

    >>> loose_match("softball", "lsu softball"), loose_match("ball", "softball")
    (True, False)
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long))


def lenient_precision_recall(gold: pd.DataFrame, found: pd.DataFrame) -> dict:
    """Precision and recall per comment where keys match by :func:`loose_match`.

    >>> g = pd.DataFrame({"comment_id": ["1", "1"], "term": ["lsu softball", "golf"]})
    >>> f = pd.DataFrame({"comment_id": ["1", "1"], "term": ["softball", "flight"]})
    >>> lenient_precision_recall(g, f)
    {'precision': 0.5, 'recall': 0.5}
    """
    g = gold[["comment_id", "term"]].drop_duplicates().groupby("comment_id")["term"].agg(list)
    f = found[["comment_id", "term"]].drop_duplicates().groupby("comment_id")["term"].agg(list)
    hit_f = sum(any(loose_match(t, x) for x in g.get(c, [])) for c, ts in f.items() for t in ts)
    hit_g = sum(any(loose_match(t, x) for x in f.get(c, [])) for c, ts in g.items() for t in ts)
    n_f, n_g = int(f.map(len).sum()), int(g.map(len).sum())
    return {
        "precision": round(hit_f / n_f, 3) if n_f else 1.0,
        "recall": round(hit_g / n_g, 3) if n_g else 1.0,
    }


# --- the whole evaluation ---------------------------------------------------
def evaluate(
    sizes=SIZES,
    seeds=SEEDS,
    config: Config = Config(progress=False),
    nlp: Language | None = None,
    gold_path: Path | None = GOLD,
) -> dict:
    """Run every measure; return ``{"sample", "gold", "generation": DataFrame, "meta": dict}``.

    Parameters
    ----------
    sizes, seeds : iterable of int
        Sample sizes (customers) and seeds; every pair is run.
    config : Config
    nlp : spacy.Language, optional
        Loaded once here when not given.
    gold_path : Path or None
        The hand-labelled comments; ``None`` (or a missing file) skips them.
    """
    t0 = time.perf_counter()
    if nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    rows = [sample_row(n, s, config, nlp) for n in sizes for s in seeds]
    gold = []
    if gold_path is not None and Path(gold_path).is_file():
        gold = gold_rows(read_gold(gold_path), config, nlp)
    inference = inference_rows(sizes, seeds)
    meta = {
        "model": model_name(nlp),
        "config": config.to_dict(),
        "gold": str(gold_path) if gold else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    return {
        "sample": pd.DataFrame(rows, columns=SAMPLE_COLUMNS),
        "gold": pd.DataFrame(gold, columns=GOLD_COLUMNS),
        "generation": pd.DataFrame(inference, columns=INFERENCE_COLUMNS),
        "meta": meta,
    }


def check_targets(results: dict) -> list[dict]:
    """Each target of issue 5 with the worst measured value and whether it is met."""
    out = []
    for column, table, floor in TARGETS:
        frame = results.get(table, pd.DataFrame())
        if table == "gold" and not frame.empty:
            frame = frame[frame["dataset"] == "all"]
        if frame.empty:
            continue
        worst = float(pd.to_numeric(frame[column], errors="coerce").min())
        out.append(
            {"measure": f"{table} {column}", "target": floor, "worst": worst, "met": worst >= floor}
        )
    return out


def to_markdown(results: dict) -> str:
    """The results as Markdown tables (what ``benchmarks/eval_results.md`` holds)."""
    meta = results["meta"]
    lines = [
        "# passionmap quality (`make eval`)",
        "",
        f"Model: {meta['model']}; total {meta['seconds']} s."
        " Written by `python -m passionmap.eval`;"
        " every number is measured.",
        "",
        "## Embedded sample against its planted truth",
        "",
        "ARI/NMI: communities vs planted (unclustered = -1); clustered: share of customers in a "
        "community; found/planted: communities; interest/channel P/R per (comment, key); "
        "generation_acc: customers whose generation matches their true age.",
        "",
        _md_table(results["sample"]),
    ]
    if not results["gold"].empty:
        lines += [
            "",
            "## Hand-labelled real text (benchmarks/gold)",
            "",
            "Per (comment, key). Lenient: one key is a word-boundary part of the other.",
            "",
            _md_table(results["gold"]),
        ]
    if not results.get("generation", pd.DataFrame()).empty:
        lines += [
            "",
            "## Generation inferred from text, ages hidden",
            "",
            "n: customers with a known age; labelled: those the age cues give a generation "
            "(confidence >= 0.5); accuracy: correct / labelled; coverage: labelled / n.",
            "",
            _md_table(results["generation"]),
        ]
    targets = _md_table(pd.DataFrame(check_targets(results)))
    lines += ["", "## Targets (issues 5 and 8)", "", targets]
    return "\n".join(lines) + "\n"


def _md_table(frame: pd.DataFrame) -> str:
    cols = list(frame.columns)
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        out.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(out)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return str(value)


def write_results(results: dict, out: Path = OUT) -> tuple[Path, Path]:
    """Write ``eval_results.json`` and ``eval_results.md`` into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "meta": results["meta"],
        "sample": results["sample"].to_dict("records"),
        "gold": results["gold"].to_dict("records"),
        "generation": results.get("generation", pd.DataFrame()).to_dict("records"),
        "targets": check_targets(results),
    }
    js, md = out / "eval_results.json", out / "eval_results.md"
    js.write_text(json.dumps(data, indent=2, default=_json_default) + "\n", encoding="utf-8")
    md.write_text(to_markdown(results), encoding="utf-8")
    return js, md


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def main(argv=None) -> int:
    """Command line: ``python -m passionmap.eval [--sizes ...] [--seeds ...] [--quick]``."""
    parser = argparse.ArgumentParser(
        prog="python -m passionmap.eval", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="customers")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS), help="sample seeds")
    parser.add_argument("--quick", action="store_true", help="600 customers, seed 0 only")
    parser.add_argument("--model", default=None, help="spaCy model (default: the load order)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="hand-labelled JSONL")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for eval_results.*")
    args = parser.parse_args(argv)
    sizes, seeds = ((600,), (0,)) if args.quick else (args.sizes, args.seeds)
    config = Config(model=args.model, progress=False)
    results = evaluate(sizes, seeds, config, gold_path=args.gold)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(results["sample"].to_string(index=False))
        if not results["gold"].empty:
            print()
            print(results["gold"].to_string(index=False))
        if not results["generation"].empty:
            print()
            print(results["generation"].to_string(index=False))
        print()
        print(pd.DataFrame(check_targets(results)).to_string(index=False))
    js, md = write_results(results, args.out)
    print(f"\nwrote {js} and {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
