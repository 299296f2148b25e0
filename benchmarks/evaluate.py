"""Quality on real text, each figure beside its anchor: ``make eval``.

Rows (every number measured in this run):

* **newsgroups_dev** (real Usenet authors; ``group`` is the truth, never an
  input): ARI / NMI / share clustered over authors with >= 80% of their posts
  in one group, for those with >= 2 posts and for all, passionmap beside the
  anchor (:mod:`anchor`: TF-IDF, cosine 15-NN, networkx Louvain).
* **planted family** (:mod:`planted`, LFR-like, vocabulary outside the
  pattern files): ARI against the mixing share, passionmap and anchor, as a
  table and ``eval_planted.png``.
* **reddit_hobbies_2013** (one post per customer, 43 subreddits).
* **gold** (``gold/gold_mentions.jsonl``): interest and channel precision /
  recall per comment, each data set run in full so the corpus statistics see
  the whole corpus, as a user's run would.
* **top 30 interests** of the airline tweets and the clothing reviews, each
  marked by hand in ``gold/top_interests.csv`` (passion / noise).

Results: ``eval_results.md`` and ``eval_results.json``. Mentions are cached in
``benchmarks/.cache`` (re-runs skip spaCy for texts already read).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from anchor import agreement, anchor_communities  # noqa: E402
from planted import make_planted  # noqa: E402

import passionmap as pm  # noqa: E402
from passionmap.analysis.metrics import precision_recall  # noqa: E402
from passionmap.config import Config  # noqa: E402
from passionmap.nlp.nlp import load_nlp, model_name  # noqa: E402

DATASETS = HERE.parent.parent / "shared" / "datasets"
GOLD = HERE / "gold" / "gold_mentions.jsonl"
MARKS = HERE / "gold" / "top_interests.csv"
CACHE = HERE / ".cache"
#: how each data set maps onto passionmap's columns (shared/datasets/README.md)
OPTIONS = {
    "airline_tweets": dict(customer_col="name", time_col="tweet_created", dayfirst=True,
                           channel="twitter"),
    "clothing_reviews": dict(text_col="Review Text", customer_col="Unnamed: 0",
                             age_col="Age", channel="website"),
    "newsgroups_dev": dict(channel_col="channel"),
    "reddit_hobbies_2013": dict(customer_col="comment_id"),
}  # fmt: skip
MIXINGS = (0.1, 0.2, 0.3, 0.4, 0.5)
SEEDS = (0, 1, 2, 3, 4)  # seed_spread
PLANTED_SEEDS = (0, 1, 2, 3, 4)  # one planted corpus per seed and mixing
TOP = 30
#: issue 13's targets: (measure, lowest acceptable value or rule)
TARGETS = {
    "newsgroups ari >= anchor + 0.10 (>= 2 posts)": None,
    "newsgroups clustered >= 0.90 (>= 2 posts)": None,
    "planted ari >= 0.90 at mixing <= 0.3": None,
    "gold interest precision >= 0.75": None,
    "gold interest recall >= 0.65": None,
    "airline top 30: no place codes or names, noise <= 20%": None,
}


def run_dataset(name: str, config: Config, nlp, limit: int | None = None):
    """passionmap on one shared data set (optionally its first ``limit`` rows)."""
    path = DATASETS / f"{name}.csv"
    if limit:
        tmp = CACHE / f"{name}_{limit}.csv"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        if not tmp.exists():
            pd.read_csv(path).head(limit).to_csv(tmp, index=False)
        path = tmp
    return pm.run(path, None, config.replace(**OPTIONS[name]), nlp)


# --- communities ------------------------------------------------------------
def newsgroup_truth(posts: pd.DataFrame) -> pd.DataFrame:
    """Authors with >= 80% of their posts in one group: group and number of posts.

    Counted in one groupby (make eval calls it three times; a per-author
    ``value_counts`` took 1.2 s each). A tie for the top group is a share of at
    most 50%, so which group wins a tie never reaches the table.
    """
    counts = posts.groupby(["customer_id", "group"]).size()
    n = counts.groupby(level="customer_id").sum()
    top = counts.sort_values(ascending=False, kind="stable").groupby(level="customer_id").head(1)
    top = top.reset_index(level="group", name="n").sort_index()
    t = pd.DataFrame({"group": top["group"], "posts": n.reindex(top.index)})
    return t[top["n"] / t["posts"] >= 0.8]


def reddit_truth(posts: pd.DataFrame) -> pd.Series:
    """Each reddit post's subreddit, by its id (one post, one customer)."""
    return posts.set_index(posts["comment_id"].astype(str))["community"]


def newsgroup_rows(result, posts: pd.DataFrame, seconds: float) -> list[dict]:
    """passionmap and the anchor over the >= 2-post authors and over all."""
    truth = newsgroup_truth(posts)
    ours = result.customers.set_index("customer_id")["cluster"]
    t0 = time.perf_counter()
    anchor = anchor_communities(posts)
    anchor_s = time.perf_counter() - t0
    rows = []
    for subset, t in (("authors >= 2 posts", truth[truth["posts"] >= 2]), ("all authors", truth)):
        for method, found, s in (("passionmap", ours, seconds), ("anchor", anchor, anchor_s)):
            rows.append({"data": "newsgroups_dev", "subset": subset, "n": len(t),
                         "method": method, **agreement(t["group"], found),
                         "seconds": round(s, 1)})  # fmt: skip
    return rows


def seed_spread(config: Config, nlp, posts: pd.DataFrame, limit: int | None) -> list[dict]:
    """Newsgroups ARI over Leiden seeds ``SEEDS``, ours and the anchor's (networkx Louvain's
    seed): one seed's partition moves ARI by about 0.04 on these 920 authors, so the
    target is judged on the mean. The mentions cache holds the texts after the first run."""
    truth = newsgroup_truth(posts)
    subsets = (("authors >= 2 posts", truth[truth["posts"] >= 2]["group"]),
               ("all authors", truth["group"]))  # fmt: skip
    return _spread("newsgroups_dev", subsets, config, nlp, posts, limit)


def reddit_spread(config: Config, nlp, posts: pd.DataFrame, limit: int | None) -> list[dict]:
    """Reddit ARI over seeds ``SEEDS``, ours and the anchor's: seeds 0-4 gave 0.236-0.242
    (2026-12-02) where the default seed gave 0.230, so one seed is not the figure."""
    subsets = (("all posts", reddit_truth(posts)),)
    anchor_posts = posts.assign(customer_id=posts["comment_id"])
    return _spread("reddit_hobbies_2013", subsets, config, nlp, anchor_posts, limit)


def _spread(name: str, subsets, config: Config, nlp, posts: pd.DataFrame,
            limit: int | None) -> list[dict]:  # fmt: skip
    """ARI per seed of ``SEEDS`` over each (subset, truth), ours and the anchor's."""
    scores: dict[tuple[str, str], list[float]] = {}
    for seed in SEEDS:
        ours = run_dataset(name, config.replace(seed=seed), nlp, limit)
        ours = ours.customers.set_index("customer_id")["cluster"]
        anchor = anchor_communities(posts, seed=seed)
        for subset, t in subsets:
            for method, found in (("passionmap", ours), ("anchor", anchor)):
                scores.setdefault((subset, method), []).append(agreement(t, found)["ari"])
    return [{"data": name, "subset": subset, "method": method,
             "seeds": f"{SEEDS[0]}-{SEEDS[-1]}", "ari_mean": round(statistics.fmean(v), 3),
             "ari_sd": round(statistics.pstdev(v), 3), "ari_min": min(v), "ari_max": max(v),
             "aris": v}
            for (subset, method), v in scores.items()]  # fmt: skip


def reddit_rows(result, posts: pd.DataFrame, seconds: float) -> list[dict]:
    truth = reddit_truth(posts)
    ours = result.customers.set_index("customer_id")["cluster"]
    t0 = time.perf_counter()
    anchor = anchor_communities(posts.assign(customer_id=posts["comment_id"]))
    anchor_s = time.perf_counter() - t0
    return [
        {"data": "reddit_hobbies_2013", "subset": "all posts", "n": len(truth),
         "method": method, **agreement(truth, found), "seconds": round(s, 1)}
        for method, found, s in (("passionmap", ours, seconds), ("anchor", anchor, anchor_s))
    ]  # fmt: skip


def named_rows(data: str, result, truth: pd.Series) -> list[dict]:
    """Each community as a user reads it (label, top interests) beside the real
    group most of its members belong to and that group's share of them (members
    with a known group), largest community first."""
    member = result.customers.set_index("customer_id")["cluster"]
    group = truth.reindex(member.index.astype(str))
    rows = []
    for r in result.clusters.sort_values("cluster").itertuples():
        known = group[(member == r.cluster).to_numpy()].dropna()
        top = known.value_counts()
        rows.append({
            "data": data, "cluster": int(r.cluster), "size": int(r.size), "label": r.label,
            "top_interests": ", ".join(map(str, r.top_interests[:3])),
            "main_group": top.index[0] if len(top) else "",
            "main_share": round(float(top.iloc[0] / len(known)), 2) if len(top) else 0.0,
        })  # fmt: skip
    return rows


def term_vote(p) -> pd.Series:
    """A ceiling, not a method: each customer in the community most of its planted terms
    come from (it knows every term's community, which no unsupervised method does)."""
    votes = p.mentions.groupby(["customer_id", "term_community"]).size().rename("n")
    votes = votes.reset_index().sort_values(["customer_id", "n", "term_community"],
                                            ascending=[True, False, True])  # fmt: skip
    return votes.drop_duplicates("customer_id").set_index("customer_id")["term_community"]


def planted_rows(seeds, config: Config, nlp, max_customers: int) -> list[dict]:
    """One planted corpus per (mixing, seed): passionmap and anchor ARI."""
    rows = []
    for mixing in MIXINGS:
        for seed in seeds:
            p = make_planted(seed, mixing=mixing, max_customers=max_customers)
            truth = p.truth.set_index("customer_id")["community"]
            t0 = time.perf_counter()
            result = pm.analyze(p.comments, config, nlp)
            s = time.perf_counter() - t0
            ours = result.customers.set_index("customer_id")["cluster"]
            anchor = anchor_communities(p.comments)
            row = {"mixing": mixing, "seed": seed, "customers": len(truth),
                   "communities": int(truth.nunique()),
                   "smallest": int(truth.value_counts().min()),
                   "largest": int(truth.value_counts().max())}  # fmt: skip
            ours_s, anchor_s = agreement(truth, ours), agreement(truth, anchor)
            ceiling = agreement(truth, term_vote(p))
            row.update({"ari": ours_s["ari"], "nmi": ours_s["nmi"],
                        "clustered": ours_s["clustered"], "found": len(result.clusters),
                        "anchor_ari": anchor_s["ari"], "anchor_nmi": anchor_s["nmi"],
                        "oracle_ari": ceiling["ari"],
                        "seconds": round(s, 1)})  # fmt: skip
            rows.append(row)
            print(f"planted mixing {mixing} seed {seed}: ARI {row['ari']} "
                  f"(anchor {row['anchor_ari']})", file=sys.stderr)  # fmt: skip
    return rows


# --- extraction against the gold set ----------------------------------------
def read_gold(path: Path = GOLD) -> pd.DataFrame:
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x]
    return pd.DataFrame(rows)


def gold_ids(gold: pd.DataFrame) -> pd.Series:
    """The passionmap comment_id of each gold comment in a run of its whole data set.

    Record numbers are 1-based data rows (``row`` + 1), except where the data
    has its own comment ids (newsgroups).
    """
    own = gold.get("comment_id")
    rows = (gold["row"].astype(int) + 1).astype(str)
    return own.where(own.notna(), rows) if own is not None else rows


def loose_match(a: str, b: str) -> bool:
    """Equal keys, or one a word-boundary part of the other.

    >>> loose_match("softball", "lsu softball"), loose_match("ball", "softball")
    (True, False)
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long))


def lenient_precision_recall(gold: pd.DataFrame, found: pd.DataFrame) -> dict:
    """Precision and recall per comment where keys match by :func:`loose_match`."""
    g = gold[["comment_id", "term"]].drop_duplicates().groupby("comment_id")["term"].agg(list)
    f = found[["comment_id", "term"]].drop_duplicates().groupby("comment_id")["term"].agg(list)
    hit_f = sum(any(loose_match(t, x) for x in g.get(c, [])) for c, ts in f.items() for t in ts)
    hit_g = sum(any(loose_match(t, x) for x in f.get(c, [])) for c, ts in g.items() for t in ts)
    n_f, n_g = int(f.map(len).sum()), int(g.map(len).sum())
    return {"precision": round(hit_f / n_f, 3) if n_f else 1.0,
            "recall": round(hit_g / n_g, 3) if n_g else 1.0}  # fmt: skip


def gold_rows(gold: pd.DataFrame, results: dict) -> list[dict]:
    """Per data set and for all: interest and channel P/R, strict and lenient."""
    gold = gold.assign(comment_id=gold_ids(gold))
    labels, found = [], []
    for name, part in gold.groupby("dataset"):
        ids = set(part["comment_id"])
        m = results[name].mentions
        m = m[m["comment_id"].astype(str).isin(ids)]
        found.append(m.assign(dataset=name, comment_id=name + ":" + m["comment_id"].astype(str)))
        for cid, interests, channels in zip(part["comment_id"], part["interests"],
                                            part["channels"], strict=True):  # fmt: skip
            labels += [(name, f"{name}:{cid}", "interest", k) for k in interests]
            labels += [(name, f"{name}:{cid}", "channel", k) for k in channels]
    labels = pd.DataFrame(labels, columns=["dataset", "comment_id", "kind", "term"])
    found = pd.concat(found, ignore_index=True)
    out = []
    counts = gold["dataset"].value_counts()
    for name in [*sorted(counts.index), "all"]:
        g = labels if name == "all" else labels[labels["dataset"] == name]
        f = found if name == "all" else found[found["dataset"] == name]
        keys = ["comment_id", "term"]
        gi, fi = g[g["kind"] == "interest"], f[f["kind"] == "interest"]
        gc, fc = g[g["kind"] == "channel"], f[f["kind"] == "channel"]
        strict, lenient = precision_recall(gi, fi, keys), lenient_precision_recall(gi, fi)
        chan = precision_recall(gc, fc, keys)
        out.append({"dataset": name, "comments": int(counts.sum() if name == "all"
                                                      else counts[name]),
                    "gold_interests": strict["gold"], "found_interests": strict["found"],
                    "interest_p": strict["precision"], "interest_r": strict["recall"],
                    "interest_p_lenient": lenient["precision"],
                    "interest_r_lenient": lenient["recall"],
                    "channel_p": chan["precision"], "channel_r": chan["recall"]})  # fmt: skip
    return out


# --- the top interests, marked by hand --------------------------------------
def top_rows(results: dict, marks_path: Path = MARKS) -> list[dict]:
    """The top interests (by customers) of the airline tweets and clothing reviews."""
    marks = pd.read_csv(marks_path) if Path(marks_path).is_file() else pd.DataFrame(
        columns=["dataset", "term", "mark", "why"])  # fmt: skip
    rows = []
    for name in ("airline_tweets", "clothing_reviews"):
        if name not in results:
            continue
        terms = results[name].terms
        top = terms[terms["interest"]].head(TOP)
        mine = marks[marks["dataset"] == name].set_index("term")
        for rank, r in enumerate(top.itertuples(), start=1):
            mark = mine["mark"].get(r.term, "unmarked") if len(mine) else "unmarked"
            why = mine["why"].get(r.term, "") if len(mine) else ""
            rows.append({"dataset": name, "rank": rank, "term": r.term,
                         "customers": int(r.customers), "mark": mark,
                         "why": "" if pd.isna(why) else why})  # fmt: skip
    return rows


# --- generation inferred from text -----------------------------------------
def generation_rows() -> list[dict]:
    """Generation inferred from text with the ages hidden (issue 8): the clothing reviews.

    A real ``Age`` per review; one review, one customer.
    """
    from passionmap.nlp.age_cues import evaluate_generation_inference

    path = DATASETS / "clothing_reviews.csv"
    if not path.is_file():
        return []
    df = pd.read_csv(path)
    comments = pd.DataFrame({"customer_id": df.iloc[:, 0].astype(str),
                             "text": df["Review Text"].fillna(""), "age": df["Age"]})  # fmt: skip
    return [{"data": "clothing reviews", **evaluate_generation_inference(comments)}]


# --- report -----------------------------------------------------------------
def md_table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)\n"
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def targets(res: dict) -> list[dict]:
    """Each target of issue 13 with the measured value and whether it is met."""
    out = []
    news = [r for r in res["communities"] if r["data"] == "newsgroups_dev"
            and r["subset"] == "authors >= 2 posts"]  # fmt: skip
    if news:
        ours = next(r for r in news if r["method"] == "passionmap")
        anchor = next(r for r in news if r["method"] == "anchor")
        # the per-seed values: their rounded means could meet the target where the means do not
        spread = {r["method"]: statistics.fmean(r.get("aris") or [r["ari_mean"]])
                  for r in res.get("seed_spread", [])
                  if r["subset"] == "authors >= 2 posts"}  # fmt: skip
        if spread:  # judged on the mean over seeds: one seed's figure moves by about 0.04
            lead = spread["passionmap"] - spread["anchor"]
            out.append({"target": "newsgroups ARI >= anchor + 0.10 (>= 2 posts; mean of seeds)",
                        "measured": f"{spread['passionmap']:.4f} vs anchor {spread['anchor']:.4f}, "
                                    f"lead {lead:.4f} (seed 42: {ours['ari']} vs {anchor['ari']})",
                        "met": lead >= 0.10})  # fmt: skip
        else:
            out.append({"target": "newsgroups ARI >= anchor + 0.10 (>= 2 posts)",
                        "measured": f"{ours['ari']} vs anchor {anchor['ari']}",
                        "met": ours["ari"] >= anchor["ari"] + 0.10})  # fmt: skip
        out.append(
            {
                "target": "newsgroups clustered >= 0.90 (>= 2 posts)",
                "measured": ours["clustered"],
                "met": ours["clustered"] >= 0.90,
            }
        )
    low = [r for r in res["planted"] if r["mixing"] <= 0.3]
    if low:
        worst = min(r["ari"] for r in low)
        out.append(
            {
                "target": "planted ARI >= 0.90 at every size, mixing <= 0.3",
                "measured": f"worst {worst}",
                "met": worst >= 0.90,
            }
        )
    gold_all = [r for r in res["gold"] if r["dataset"] == "all"]
    if gold_all:
        g = gold_all[0]
        out.append(
            {
                "target": "gold interest precision >= 0.75",
                "measured": f"{g['interest_p']} (lenient {g['interest_p_lenient']})",
                "met": g["interest_p"] >= 0.75,
            }
        )
        out.append(
            {
                "target": "gold interest recall >= 0.65",
                "measured": f"{g['interest_r']} (lenient {g['interest_r_lenient']})",
                "met": g["interest_r"] >= 0.65,
            }
        )
    top = [r for r in res["top"] if r["dataset"] == "airline_tweets"]
    if top:
        marked = [r for r in top if r["mark"] != "unmarked"]
        noise = sum(r["mark"] != "passion" for r in marked) / max(len(marked), 1)
        places = sum(r["mark"] == "place" for r in marked)
        out.append(
            {
                "target": "airline top 30: no place codes or names, noise <= 20%",
                "measured": f"noise {noise:.0%} of {len(marked)} marked, {places} places",
                "met": noise <= 0.20 and places == 0 and len(marked) == len(top),
            }
        )
    return out


def to_markdown(res: dict) -> str:
    meta = res["meta"]
    parts = [
        "# passionmap quality on real text (`make eval`)\n",
        f"Model: {meta['model']}; {meta['seconds']} s in all. Written by "
        "`benchmarks/evaluate.py`; every number is measured in this run, the anchor "
        "(TF-IDF of the raw text, cosine 15-NN, networkx Louvain, resolution 1) "
        "beside each passionmap figure.\n",
        "## Targets (issue 13)\n", md_table(res["targets"]),
        "## Communities on real forums and posts\n",
        "ARI / NMI against the real group; clustered: share of customers in a community "
        "(unclustered count as one label).\n", md_table(res["communities"]),
        "Seed spread: the newsgroups and the reddit posts again with Leiden (ours) and "
        "networkx Louvain (the anchor) seeded 0-4; the newsgroups target above is judged on "
        "these means.\n",
        md_table(res.get("seed_spread", [])),
        "What a user reads: each community's label and top interests beside the real "
        "group most of its members belong to (`main_share`: of its members with a known "
        "group; newsgroups: the authors with >= 80% of their posts in one group).\n",
        md_table(res.get("named", [])),
        "## Planted family (LFR-like)\n",
        "Power-law community sizes (10-2,000 members), 3-30 communities, 1-10 comments "
        "per customer, vocabulary outside the pattern files; `mixing`: share of a "
        "customer's topic mentions drawn from other communities. `oracle_ari`: a ceiling, "
        "each customer put in the community most of its planted terms come from (it knows "
        "every term's community). Plot: `eval_planted.png`. Means per mixing first, then "
        "each corpus.\n", md_table(planted_means(res["planted"])), md_table(res["planted"]),
        "## Gold set (hand-labelled comments, each data set run in full)\n",
        "Per (comment, key); lenient: one key a word-boundary part of the other.\n",
        md_table(res["gold"]),
        "## Top 30 interests, marked by hand (`gold/top_interests.csv`)\n",
        md_table(res["top"]),
        "## Generation inferred from text, ages hidden\n",
        "labelled: customers the age cues give a generation (confidence >= 0.5).\n",
        md_table(res.get("generation", [])),
    ]  # fmt: skip
    return "\n".join(parts)


def plot_planted(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    df = pd.DataFrame(rows)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    lines = (("oracle_ari", "ceiling (knows each term's community)", "^:"),
             ("ari", "passionmap", "o-"), ("anchor_ari", "anchor", "s--"))  # fmt: skip
    for col, name, style in lines:
        mean = df.groupby("mixing")[col].mean()
        ax.plot(mean.index, mean.values, style, label=name)
        ax.scatter(df["mixing"], df[col], s=10, alpha=0.4)
    ax.set_xlabel("mixing (share of topic mentions from other communities)")
    ax.set_ylabel("ARI against planted communities")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def planted_means(rows: list[dict]) -> list[dict]:
    """Mean ARI per mixing over the planted corpora (one per seed), ours beside the anchor."""
    if not rows:
        return []
    df = pd.DataFrame(rows).groupby("mixing")[["ari", "anchor_ari", "oracle_ari"]]
    means, worst, count = df.mean().round(3), df.min().round(3), df.size()
    return [{"mixing": m, "corpora": int(count[m]), "ari_mean": means.loc[m, "ari"],
             "ari_worst": worst.loc[m, "ari"], "anchor_mean": means.loc[m, "anchor_ari"],
             "oracle_mean": means.loc[m, "oracle_ari"]} for m in means.index]  # fmt: skip


def evaluate(seeds=PLANTED_SEEDS, max_customers: int = 3000, quick: bool = False) -> dict:
    """Every row of the evaluation; ``quick``: small slices (for a smoke run)."""
    t0 = time.perf_counter()
    config = Config(progress=False, cache_dir=str(CACHE))
    nlp = load_nlp()
    limit = 1500 if quick else None
    results, seconds = {}, {}
    for name in OPTIONS:
        if not (DATASETS / f"{name}.csv").is_file():
            print(f"skipped {name}: not in {DATASETS}", file=sys.stderr)
            continue
        s = time.perf_counter()
        results[name] = run_dataset(name, config, nlp, limit)
        seconds[name] = time.perf_counter() - s
        print(f"{name}: {seconds[name]:.0f} s", file=sys.stderr)
    communities, spread, named = [], [], []
    if "newsgroups_dev" in results:
        posts = pd.read_csv(DATASETS / "newsgroups_dev.csv")
        posts = posts.head(limit) if limit else posts
        communities += newsgroup_rows(results["newsgroups_dev"], posts, seconds["newsgroups_dev"])
        named += named_rows("newsgroups_dev", results["newsgroups_dev"],
                            newsgroup_truth(posts)["group"])  # fmt: skip
        spread = seed_spread(config, nlp, posts, limit)
    if "reddit_hobbies_2013" in results:
        posts = pd.read_csv(DATASETS / "reddit_hobbies_2013.csv")
        posts = posts.head(limit) if limit else posts
        communities += reddit_rows(results["reddit_hobbies_2013"], posts,
                                   seconds["reddit_hobbies_2013"])  # fmt: skip
        named += named_rows("reddit_hobbies_2013", results["reddit_hobbies_2013"],
                            reddit_truth(posts))  # fmt: skip
        spread += reddit_spread(config, nlp, posts, limit)
    planted = planted_rows(seeds[:1] if quick else seeds, config, nlp,
                           600 if quick else max_customers)  # fmt: skip
    gold = read_gold()
    gold = gold[gold["dataset"].isin(results)]
    res = {
        "communities": communities,
        "named": named,
        "seed_spread": spread,
        "planted": planted,
        "gold": gold_rows(gold, results) if len(gold) else [],
        "top": top_rows(results),
        "generation": generation_rows(),
        "meta": {
            "model": model_name(nlp),
            "seconds": round(time.perf_counter() - t0, 1),
            "quick": quick,
            "version": pm.__version__,
        },  # fmt: skip
    }
    res["targets"] = targets(res)
    return res


def write_results(res: dict, out: Path = HERE) -> None:
    (out / "eval_results.json").write_text(json.dumps(res, indent=2, default=str) + "\n")
    (out / "eval_results.md").write_text(to_markdown(res), encoding="utf-8")
    if res["planted"]:
        plot_planted(res["planted"], out / "eval_planted.png")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small slices, for a smoke run")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    res = evaluate(quick=args.quick)
    write_results(res, args.out)
    print(md_table(res["targets"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
