"""Randomised planted benchmark corpora for community detection from text.

In the spirit of the LFR benchmark (Lancichinetti, Fortunato and Radicchi, 2008):
customers belong to planted communities whose sizes follow a truncated power
law; every community has its own topic vocabulary, and a *mixing* parameter
sets the share of topic mentions that a customer borrows from other
communities. The comments are short English sentences around those topic
terms, plus brand chatter that every community writes alike.

The generator is independent of ``passionmap.datasets.sample``. Its vocabulary comes
from ``planted_words.txt`` (next to this file); entries that passionmap's
pattern files name are dropped at load time, so that a pipeline cannot find
the planted topics through its own pattern lists.

Run as a script to write a corpus::

    python benchmarks/planted.py --seed 3 --max-customers 2000 --out /tmp/x.csv
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
WORDS_FILE = HERE / "planted_words.txt"
PATTERNS_DIR = HERE.parent / "passionmap" / "nlp" / "patterns"

CHANNELS = ("forum", "twitter", "facebook", "email")
CHANNEL_P = (0.30, 0.30, 0.25, 0.15)
# comments per customer: p(k) proportional to 1/k on 1..10 (mean about 3.4)
N_COMMENTS_K = np.arange(1, 11)
N_COMMENTS_P = (1.0 / N_COMMENTS_K) / (1.0 / N_COMMENTS_K).sum()
# topic terms per comment: 1, 2 or 3
N_TERMS_P = (0.5, 0.3, 0.2)
VOCAB_MIN, VOCAB_MAX = 12, 25  # topic terms per community
PERSONAL_MIN, PERSONAL_MAX = 3, 6  # a customer's favourite terms
PERSONAL_SHARE = 0.8  # own-community terms drawn from the favourites
N_COMMUNITIES_RANGE = (3, 30)
MIXING_RANGE = (0.1, 0.5)
CHATTER_P = 0.5
HASHTAG_P = 0.1
TYPO_P = 0.02  # per word of four or more letters
SHOUT_P = 0.02

# {a} a term, {A} the same capitalised, {an_a} with its article
TEMPLATES: dict[int, tuple[str, ...]] = {
    1: (
        "Spent the whole afternoon with the {a}.",
        "Does anyone know a good place to get {an_a} fixed?",
        "{A} season again, can't wait!",
        "Finally got around to the {a} this weekend.",
        "Any tips for someone just getting started with {an_a}?",
        "Saw {an_a} on the way home and it made my day.",
        "My neighbour asked about the {a} and we talked for an hour.",
        "Thinking about getting a better {a} before spring.",
        "Rainy day, so the {a} will have to wait.",
        "Took the kids to see the {a}, they were thrilled.",
        "First time trying {an_a} and I'm hooked.",
        "I love my {a} more than is reasonable.",
        "Honestly obsessed with the {a} lately.",
        "Cleaned up the {a}, looks brand new.",
        "Who else here is into {a}?",
        "Borrowed a book about the {a} from the library.",
        "The {a} was absolutely worth the drive.",
        "Quick question: how long does {an_a} usually last?",
    ),
    2: (
        "Spent the whole weekend with my {a} and the new {b}.",
        "Can't decide between {an_a} and {an_b} for my birthday.",
        "Swapped the old {a} for {an_b}, no regrets.",
        "{A} in the morning, {b} in the evening. Perfect Saturday.",
        "Anyone here into {a} and {b}? Looking for people to chat with.",
        "Packed the {a} and the {b}, ready for the trip.",
        "The {a} arrived, now I just need {an_b}.",
        "Nothing better than {an_a} and {an_b} on a quiet Sunday.",
        "Traded stories about the {a} and the {b} with my uncle all evening.",
        "I'm a total nerd about the {a}, and slowly getting into {b} too.",
        "Thinking of joining a group for {a}, maybe {b} later.",
        "The {a} is done, the {b} is next.",
        "My sister sent me a photo of {an_a} next to {an_b}.",
        "Watched a long video about the {a} and now I want {an_b}.",
    ),
    3: (
        "Weekend plan: {a}, {b} and maybe {an_c} if the weather holds.",
        "Went from the {a} to the {b} to the {c} in one afternoon.",
        "If you like the {a}, try the {b}. Then the {c}. Trust me.",
        "Three things that make me happy: {a}, {b}, {c}.",
        "Photos from today: the {a}, the {b} and a very muddy {c}.",
        "Still can't choose between the {a}, the {b} and the {c}.",
        "Our club talked about {a}, {b} and {c} for two hours straight.",
        "New shelf for the {a}, the {b} and my old {c}.",
    ),
}

# brand chatter: the same in every community
CHATTER: tuple[str, ...] = (
    "The order arrived late again.",
    "Customer service finally answered my email.",
    "The app keeps logging me out.",
    "Still waiting on my refund.",
    "Why is the checkout page so slow today?",
    "Got charged twice for the same thing, not happy.",
    "The tracking number doesn't work.",
    "Love the new packaging, by the way.",
    "Had to reset my password three times this week.",
    "Delivery driver left it at the wrong door.",
    "The prices went up again, I noticed.",
    "Your website is down again.",
    "Thanks for the quick reply yesterday.",
    "The discount code didn't work at checkout.",
    "My parcel came with a broken lid.",
    "The newsletter is a bit much, to be honest.",
    "Been on hold for forty minutes.",
    "The new update broke the search bar.",
    "The loyalty points never showed up.",
    "Return label printed fine this time, thanks.",
    "Why do I need an account just to buy something?",
    "Shipping took two weeks.",
    "Great support chat today, very patient agent.",
    "The invoice still has the wrong address on it.",
)


@dataclass
class Planted:
    """A planted corpus and its ground truth.

    Attributes
    ----------
    comments : pandas.DataFrame
        ``comment_id``, ``customer_id``, ``text``, ``channel``; rows shuffled.
    truth : pandas.DataFrame
        ``customer_id``, ``community`` (int): the planted partition.
    params : dict
        The drawn parameters (``seed``, ``n_communities``, ``mixing``,
        ``sizes``, ``n_customers``, ``n_comments``) and a few more
        (``realised_mixing``, ``vocabularies``, ...).
    mentions : pandas.DataFrame or None
        One row per planted topic mention: ``comment_id``, ``customer_id``,
        ``term``, ``term_community``, ``own`` (the term is from the
        customer's own community).
    """

    comments: pd.DataFrame
    truth: pd.DataFrame
    params: dict
    mentions: pd.DataFrame | None = field(default=None, repr=False)


def _pattern_terms(patterns_dir: Path = PATTERNS_DIR) -> set[str]:
    """Lower-cased terms named by passionmap's pattern files.

    Parameters
    ----------
    patterns_dir : Path
        Folder of ``interests.jsonl``, ``channels.jsonl`` and ``stop_terms.txt``.

    Returns
    -------
    set of str
        String ``"pattern"`` values (token-list patterns are skipped) and stop terms.
    """
    terms: set[str] = set()
    for name in ("interests.jsonl", "channels.jsonl"):
        path = patterns_dir / name
        if not path.exists():  # a moved folder must not silently unblock the lexicon's words
            raise FileNotFoundError(f"{path}: passionmap's pattern file is not there")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            pattern = json.loads(line).get("pattern")
            if isinstance(pattern, str):
                terms.add(pattern.lower())
    stop = patterns_dir / "stop_terms.txt"
    if stop.exists():
        for line in stop.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                terms.add(line)
    return terms


def load_words(
    path: Path = WORDS_FILE, patterns_dir: Path = PATTERNS_DIR
) -> tuple[list[str], list[str]]:
    """Read the word list, less entries that passionmap's patterns name.

    An entry is dropped when its text, or any word of it, is a pattern
    string or a stop term.

    Parameters
    ----------
    path : Path
        The word list, one entry per line, ``#`` comments.
    patterns_dir : Path
        Folder of passionmap's pattern files.

    Returns
    -------
    kept : list of str
        Usable entries, in file order, without duplicates.
    dropped : list of str
        Entries dropped because the patterns name them.
    """
    blocked = _pattern_terms(patterns_dir)
    kept: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = " ".join(line.strip().lower().split())
        if not entry or entry.startswith("#") or entry in seen:
            continue
        seen.add(entry)
        if entry in blocked or any(word in blocked for word in entry.split()):
            dropped.append(entry)
        else:
            kept.append(entry)
    return kept, dropped


def _power_law_sizes(
    rng: np.random.Generator, n: int, exponent: float, lo: int, hi: int
) -> np.ndarray:
    """Draw ``n`` integer sizes from p(s) ~ s**-exponent on [lo, hi] (inverse CDF)."""
    u = rng.random(n)
    if abs(exponent - 1.0) < 1e-12:
        x = lo * (hi / lo) ** u
    else:
        e = 1.0 - exponent
        x = (lo**e + u * (hi**e - lo**e)) ** (1.0 / e)
    return np.clip(np.rint(x), lo, hi).astype(np.int64)


def _borrowed_slots(
    keys: np.ndarray, used: np.ndarray, owner: np.ndarray, n_cust: int, mixing: float
) -> np.ndarray:
    """Which topic slots are borrowed: for each customer, ``round(mixing * slots)`` of its
    used slots, those with the smallest random ``keys`` (half rounds up).

    >>> keys = np.array([[0.1, 0.9, 0.5], [0.3, 0.2, 0.8]])
    >>> used = np.array([[True, True, False], [True, True, True]])
    >>> _borrowed_slots(keys, used, np.array([0, 0]), 1, 0.4).astype(int).tolist()
    [[1, 0, 0], [0, 1, 0]]
    """
    n_msg = len(owner)
    slot_owner = np.repeat(owner, 3)
    flat_keys = np.where(used, keys, np.inf).ravel()
    order = np.lexsort((flat_keys, slot_owner))
    start = np.searchsorted(slot_owner[order], slot_owner[order], side="left")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - start
    n_used = np.bincount(owner, weights=used.sum(axis=1), minlength=n_cust)
    quota = np.floor(mixing * n_used + 0.5).astype(np.int64)
    out = (rank < quota[slot_owner]) & used.ravel()
    return out.reshape(n_msg, 3)


def _scale_down(sizes: np.ndarray, total: int, min_size: int) -> np.ndarray:
    """Scale sizes proportionally so they sum to at most ``total``, each >= ``min_size``."""
    if sizes.sum() <= total:
        return sizes
    out = np.maximum(min_size, np.floor(sizes * (total / sizes.sum()))).astype(np.int64)
    # the min_size floor may overshoot: trim the largest, one at a time
    while out.sum() > total:
        out[int(np.argmax(out))] -= 1
    return out


def _article(term: str) -> str:
    """``term`` with "a" or "an" in front."""
    if term.startswith(("hour", "honest", "heir")):
        return "an " + term
    if term[0] in "aeiou" and not term.startswith(("uni", "use", "eu", "one", "ukul")):
        return "an " + term
    return "a " + term


def _hashtag(term: str) -> str:
    """``#TidePool`` from ``tide pool``."""
    return "#" + "".join(w.capitalize() for w in re.split(r"[\s\-']+", term) if w)


def _typo(word: str, r: float) -> str:
    """Misspell ``word``: swap two inner letters, drop one or double one (by ``r`` in [0, 1))."""
    i = 1 + int(r * 1000) % (len(word) - 2)  # an inner position
    kind = int(r * 3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def make_planted(
    seed: int,
    *,
    n_communities: int | None = None,
    mixing: float | None = None,
    min_size: int = 10,
    max_size: int = 2000,
    max_customers: int | None = None,
    exponent: float = 2.0,
) -> Planted:
    """Generate a planted benchmark corpus.

    Parameters
    ----------
    seed : int
        Seed of the one ``numpy.random.default_rng`` behind every draw; the
        same seed and arguments give the same corpus.
    n_communities : int, optional
        Number of planted communities; drawn uniformly in 3..30 when None
        (capped at ``max_customers // min_size``).
    mixing : float, optional
        Probability that a topic mention is borrowed from another community;
        drawn uniformly in [0.1, 0.5) when None.
    min_size, max_size : int
        Bounds of the community sizes (customers).
    max_customers : int, optional
        When the drawn sizes add up to more, all are scaled down
        proportionally (each kept >= ``min_size``).
    exponent : float
        Exponent of the truncated power law p(s) ~ s**-exponent of the sizes.

    Returns
    -------
    Planted
        Comments, the planted partition, the parameters and the mentions.

    Raises
    ------
    ValueError
        When the arguments cannot be met (too many communities for
        ``max_customers`` or for the vocabulary, bad bounds, mixing outside [0, 1]).

    Examples
    --------
    >>> p = make_planted(1, n_communities=4, mixing=0.2, max_customers=100)
    >>> sorted(p.truth["community"].unique().tolist())
    [0, 1, 2, 3]
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size, got {min_size}, {max_size}")
    if mixing is not None and not 0.0 <= mixing <= 1.0:
        raise ValueError(f"mixing must be in [0, 1], got {mixing}")
    rng = np.random.default_rng(seed)
    words, _ = load_words()

    # parameters
    if n_communities is None:
        hi = N_COMMUNITIES_RANGE[1]
        if max_customers is not None:
            hi = min(hi, max_customers // min_size)
        if hi < N_COMMUNITIES_RANGE[0]:
            raise ValueError(f"max_customers={max_customers} leaves room for < 3 communities")
        n_communities = int(rng.integers(N_COMMUNITIES_RANGE[0], hi + 1))
    if n_communities < 2:
        raise ValueError("need at least 2 communities")
    if max_customers is not None and n_communities * min_size > max_customers:
        raise ValueError(
            f"{n_communities} communities of >= {min_size} exceed max_customers={max_customers}"
        )
    if mixing is None:
        mixing = float(rng.uniform(*MIXING_RANGE))
    k = n_communities
    sizes = _power_law_sizes(rng, k, exponent, min_size, max_size)
    if max_customers is not None:
        sizes = _scale_down(sizes, max_customers, min_size)

    # disjoint vocabularies: consecutive chunks of one permutation
    vlen = rng.integers(VOCAB_MIN, VOCAB_MAX + 1, size=k)
    if vlen.sum() > len(words):
        raise ValueError(f"{k} communities need {vlen.sum()} terms, the word list has {len(words)}")
    perm = rng.permutation(len(words))[: vlen.sum()]
    flat = np.array(words, dtype=object)[perm]
    offset = np.concatenate([[0], np.cumsum(vlen)[:-1]])

    # customers
    n_cust = int(sizes.sum())
    comm = np.repeat(np.arange(k), sizes)
    width = len(str(n_cust))
    cust_ids = np.array([f"c{i + 1:0{width}d}" for i in rng.permutation(n_cust)], dtype=object)
    channel = np.array(CHANNELS, dtype=object)[rng.choice(len(CHANNELS), n_cust, p=CHANNEL_P)]
    n_com = rng.choice(N_COMMENTS_K, n_cust, p=N_COMMENTS_P)
    # favourites: the first m of a random order of the community's terms
    keys = rng.random((n_cust, VOCAB_MAX))
    keys[np.arange(VOCAB_MAX)[None, :] >= vlen[comm][:, None]] = np.inf
    fav = np.argsort(keys, axis=1)[:, :PERSONAL_MAX]
    n_fav = rng.integers(PERSONAL_MIN, PERSONAL_MAX + 1, size=n_cust)

    # comments and their topic slots (up to 3 each)
    n_msg = int(n_com.sum())
    owner = np.repeat(np.arange(n_cust), n_com)
    n_terms = rng.choice(3, n_msg, p=N_TERMS_P) + 1
    used = np.arange(3)[None, :] < n_terms[:, None]
    own_c = comm[owner][:, None].repeat(3, axis=1)
    # LFR fixes each node's share of outside links (its mixing) exactly; so here: each
    # customer borrows round(mixing x its topic mentions) of them, slots picked at random.
    # Drawing each slot alone (as before) gave customers of 1-2 mentions a share of 0 or 1,
    # noise no method can undo: the term-vote ceiling was 0.71 at mixing 0.3.
    borrowed = _borrowed_slots(rng.random((n_msg, 3)), used, owner, n_cust, mixing)
    # another community, uniformly among the k - 1 others
    other = (own_c + 1 + rng.integers(0, k - 1, size=(n_msg, 3))) % k
    src = np.where(borrowed, other, own_c)
    u_any = rng.random((n_msg, 3))
    local = np.floor(u_any * vlen[src]).astype(np.int64)
    from_fav = ~borrowed & (rng.random((n_msg, 3)) < PERSONAL_SHARE)
    fav_pick = np.floor(rng.random((n_msg, 3)) * n_fav[owner][:, None]).astype(np.int64)
    fav_local = fav[owner[:, None], fav_pick]
    local = np.where(from_fav, fav_local, local)
    term = offset[src] + local
    # no term twice in a comment: redraw from the same community
    for j in (1, 2):
        dup = used[:, j] & (term[:, :j] == term[:, j : j + 1]).any(axis=1)
        for i in np.nonzero(dup)[0]:
            c = src[i, j]
            pool = np.setdiff1d(np.arange(offset[c], offset[c] + vlen[c]), term[i, :j])
            term[i, j] = pool[rng.integers(len(pool))]

    # per-comment draws for the text
    tpl_u = rng.random(n_msg)
    chat = rng.random(n_msg) < CHATTER_P
    chat_i = rng.integers(0, len(CHATTER), size=n_msg)
    chat_first = rng.random(n_msg) < 0.5
    tag = rng.random(n_msg) < HASHTAG_P
    tag_j = np.floor(rng.random(n_msg) * n_terms).astype(np.int64)
    shout = rng.random(n_msg) < SHOUT_P

    texts: list[str] = []
    for i in range(n_msg):
        n = int(n_terms[i])
        group = TEMPLATES[n]
        terms = [flat[t] for t in term[i, :n]]
        fill = {}
        for name, t in zip("abc", terms, strict=False):
            fill[name] = t
            fill[name.upper()] = t[0].upper() + t[1:]
            fill["an_" + name] = _article(t)
        text = group[int(tpl_u[i] * len(group))].format(**fill)
        if chat[i]:
            c = CHATTER[chat_i[i]]
            text = f"{c} {text}" if chat_first[i] else f"{text} {c}"
        if tag[i]:
            text += " " + _hashtag(terms[tag_j[i]])
        texts.append(text)

    # typos: a binomial count per comment over its words of 4+ letters
    split = [t.split(" ") for t in texts]
    eligible = [[j for j, w in enumerate(ws) if len(w) >= 4 and w.isalpha()] for ws in split]
    n_typo = rng.binomial([len(e) for e in eligible], TYPO_P)
    for i in np.nonzero(n_typo)[0]:
        ws = split[i]
        for j, r in zip(
            rng.choice(eligible[i], n_typo[i], replace=False), rng.random(n_typo[i]), strict=True
        ):
            ws[j] = _typo(ws[j], float(r))
        texts[i] = " ".join(ws)
    for i in np.nonzero(shout)[0]:
        texts[i] = texts[i].upper()

    # shuffle the comments, then number them
    order = rng.permutation(n_msg)
    comment_id = np.empty(n_msg, dtype=object)
    comment_id[order] = [f"p{i + 1}" for i in range(n_msg)]
    comments = pd.DataFrame(
        {
            "comment_id": comment_id[order],
            "customer_id": cust_ids[owner][order],
            "text": np.array(texts, dtype=object)[order],
            "channel": channel[owner][order],
        }
    )
    truth = pd.DataFrame({"customer_id": cust_ids, "community": comm.astype(int)}).sort_values(
        "customer_id", ignore_index=True
    )
    rows, cols = np.nonzero(used)
    mentions = pd.DataFrame(
        {
            "comment_id": comment_id[rows],
            "customer_id": cust_ids[owner[rows]],
            "term": flat[term[rows, cols]],
            "term_community": src[rows, cols].astype(int),
            "own": ~borrowed[rows, cols],
        }
    )
    mentions = mentions.assign(_o=mentions["comment_id"].str[1:].astype(int))
    mentions = mentions.sort_values(["_o"], kind="stable", ignore_index=True).drop(columns="_o")

    params = {
        "seed": int(seed),
        "n_communities": int(k),
        "mixing": float(mixing),
        "sizes": [int(s) for s in sizes],
        "n_customers": n_cust,
        "n_comments": n_msg,
        "exponent": float(exponent),
        "min_size": int(min_size),
        "max_size": int(max_size),
        "max_customers": None if max_customers is None else int(max_customers),
        "n_mentions": len(mentions),
        "realised_mixing": float(1.0 - mentions["own"].mean()),
        "vocabularies": [
            [str(w) for w in flat[o : o + n]] for o, n in zip(offset, vlen, strict=True)
        ],
    }
    return Planted(comments=comments, truth=truth, params=params, mentions=mentions)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a corpus, write its comments CSV, print its parameters."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n-communities", type=int)
    ap.add_argument("--mixing", type=float)
    ap.add_argument("--min-size", type=int, default=10)
    ap.add_argument("--max-size", type=int, default=2000)
    ap.add_argument("--max-customers", type=int)
    ap.add_argument("--exponent", type=float, default=2.0)
    ap.add_argument("--out", type=Path, help="comments CSV to write")
    ap.add_argument("--truth", type=Path, help="planted partition CSV to write")
    args = ap.parse_args(argv)

    kept, dropped = load_words()
    print(
        f"word list: {len(kept) + len(dropped)} entries, {len(dropped)} dropped "
        f"(named by passionmap's patterns), {len(kept)} usable"
    )
    p = make_planted(
        args.seed,
        n_communities=args.n_communities,
        mixing=args.mixing,
        min_size=args.min_size,
        max_size=args.max_size,
        max_customers=args.max_customers,
        exponent=args.exponent,
    )
    shown = {key: v for key, v in p.params.items() if key not in ("sizes", "vocabularies")}
    print(json.dumps(shown, indent=2))
    print("community sizes:", " ".join(str(s) for s in p.params["sizes"]))
    if args.out:
        p.comments.to_csv(args.out, index=False)
        print(f"wrote {len(p.comments)} comments to {args.out}")
    if args.truth:
        p.truth.to_csv(args.truth, index=False)
        print(f"wrote {len(p.truth)} customers to {args.truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
