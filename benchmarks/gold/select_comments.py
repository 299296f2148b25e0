"""Pick the comments of the hand-labelled gold set (reproducible, seed 2026).

Run from the project root: ``python benchmarks/gold/select_comments.py``. It
prints one JSON line per picked comment (dataset, row, text; comment_id for the
newsgroup posts) for labelling.
A purely random sample of airline tweets holds almost no passions, so part of
each dataset is drawn at random among comments that *might* talk about life
beyond the brand (family words, hobbies, events, hashtags); see README.md.
The newsgroup posts (:func:`pick_newsgroups`) are a plain random draw per
newsgroup: forum posts are about their topic by nature, so no hint is needed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
SEED = 2026
HINT_1 = re.compile(  # round 1: broad (hashtags match most tweets: few passions found)
    r"\b(?:my (?:son|daughter|kids?|wife|husband|family|mom|dad|dog|cat|team)|wedding|vacation|"
    r"concert|game|music|band|festival|marathon|ski|golf|hik\w*|yoga|beach|garden\w*|church|"
    r"cruise|disney|birthday|honeymoon|surf\w*|bike|gym|run(?:ning)?|dance|book|baby|puppy)\b|#\w+",
    re.I,
)
HINT_2 = re.compile(  # round 2: hobbies, teams, travel; no hashtags
    r"\b(?:my (?:son|daughter|kids?|wife|husband|family|dog|cat|team|band)|wedding|concert|"
    r"music|band|festival|marathon|ski(?:ing)?|golf|hik(?:e|ing)|yoga|beach|garden(?:ing)?|church|"
    r"cruise|disney|honeymoon|surf(?:ing)?|bike|gym|running|dance|dancing|books?|puppy|game|"
    r"football|baseball|basketball|hockey|soccer|nba|nfl|team|travel(?:ing)?|trip|photograph\w*|"
    r"charity|volunteer\w*|hobby|knit\w*|cook(?:ing)?|wine|coffee|vacation)\b",
    re.I,
)
# hint rounds, in the order the set was built: (hint, earlier hint rounds whose picks it
# excludes besides the random ones). Rounds 2 and 3 were added when the set still held
# few passions; duplicates across rounds are kept once.
ROUNDS = ((HINT_1, ()), (HINT_2, ()), (HINT_2, (1,)))
PLAN = {  # dataset: (file, text column, random picks, picks of each hint round)
    "airline_tweets": ("airline_tweets.csv", "text", 70, (32, 35, 35)),
    "clothing_reviews": ("clothing_reviews.csv", "Review Text", 40, (22, 22, 22)),
}


def pick(name: str) -> pd.DataFrame:
    """Random and hinted picks of one dataset, with 0-based row numbers."""
    file, col, n_random, n_hinted = PLAN[name]
    df = pd.read_csv(DATASETS / file)
    texts = df[col].dropna().astype(str)
    texts = texts[texts.str.len() > 0]
    picked = [texts.sample(n_random, random_state=SEED)]
    for (hint, also), n in zip(ROUNDS, n_hinted, strict=True):
        taken = pd.concat([picked[0], *(picked[r] for r in also)]).index.unique()
        rest = texts.drop(taken)
        picked.append(rest[rest.str.contains(hint)].sample(n, random_state=SEED))
    both = pd.concat(picked)
    both = both[~both.index.duplicated()].sort_index()
    return pd.DataFrame({"dataset": name, "row": both.index, "text": both.to_numpy()})


# newsgroups_dev.csv: N_PER_GROUP posts at random in each newsgroup, among the posts
# of MIN_CHARS..MAX_CHARS characters (short enough to be read and labelled with care).
# The `group` column only stratifies the draw; labels come from the text alone.
NEWSGROUPS = "newsgroups_dev.csv"
N_PER_GROUP = 9
MIN_CHARS, MAX_CHARS = 80, 700


def pick_newsgroups(n: int = N_PER_GROUP) -> pd.DataFrame:
    """``n`` random posts of each newsgroup (80 to 700 characters), with row and id."""
    df = pd.read_csv(DATASETS / NEWSGROUPS)
    length = df["text"].fillna("").astype(str).str.len()
    fit = df[length.between(MIN_CHARS, MAX_CHARS)]
    picked = [
        fit[fit["group"] == group].sample(n, random_state=SEED)
        for group in sorted(fit["group"].unique())
    ]
    both = pd.concat(picked).sort_index()
    return pd.DataFrame(
        {
            "dataset": "newsgroups_dev",
            "row": both.index,
            "comment_id": both["comment_id"].to_numpy(),
            "text": both["text"].to_numpy(),
        }
    )


if __name__ == "__main__":
    for name in PLAN:
        for rec in pick(name).to_dict("records"):
            print(json.dumps({**rec, "row": int(rec["row"])}, ensure_ascii=False))
    for rec in pick_newsgroups().to_dict("records"):
        print(json.dumps({**rec, "row": int(rec["row"])}, ensure_ascii=False))
