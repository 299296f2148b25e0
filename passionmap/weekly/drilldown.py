"""Drill into one community: its members, its comments, its most passionate voices."""

from __future__ import annotations

import pandas as pd

from passionmap.errors import PassionmapError
from passionmap.phrases import shorten


def pick_community(clusters: pd.DataFrame, community: int | None = None) -> int:
    """The community to drill into: ``community`` when it exists, else the largest.

    Raises
    ------
    PassionmapError
        When there are no communities, or ``community`` (>= 0) is not one of them.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [3, 9]})
    >>> pick_community(cl), pick_community(cl, 0), pick_community(cl, -1)
    (1, 0, 1)
    """
    known = clusters.loc[clusters["cluster"] >= 0]
    if known.empty:
        raise PassionmapError("no communities were found, so there is none to drill into")
    if community is None or int(community) < 0:
        return int(
            known.sort_values(["size", "cluster"], ascending=[False, True])["cluster"].iloc[0]
        )
    if int(community) not in set(known["cluster"].astype(int)):
        ids = ", ".join(str(c) for c in sorted(known["cluster"].astype(int)))
        raise PassionmapError(f"no community {community}; the communities are {ids}")
    return int(community)


def community_members(customers: pd.DataFrame, cluster: int) -> pd.DataFrame:
    """The members of one community, most comments first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b", "c"], "cluster": [0, 0, 1],
    ...                    "n_comments": [1, 5, 2]})
    >>> community_members(cu, 0)["customer_id"].tolist()
    ['b', 'a']
    >>> cu = pd.DataFrame({"customer_id": ["10", "107", "9"], "cluster": 0, "n_comments": 1})
    >>> community_members(cu, 0)["customer_id"].tolist()
    ['9', '10', '107']
    """
    out = customers[customers["cluster"] == cluster]
    if "n_comments" in out:
        out = _by(out, ["n_comments"], [False], "customer_id")
    return out.reset_index(drop=True)


def _by(frame: pd.DataFrame, cols: list[str], ascending: list[bool], id_col: str) -> pd.DataFrame:
    """``frame`` sorted by ``cols``, then by ``id_col`` in number order where ids are numbers
    (9, 10, 107, not 10, 107, 9), else as text; missing values last."""
    num = pd.to_numeric(frame[id_col], errors="coerce")
    order = frame.assign(_num=num, _text=frame[id_col].astype(str))
    order = order.sort_values([*cols, "_num", "_text"], ascending=[*ascending, True, True],
                              kind="stable", na_position="last")  # fmt: skip
    return order.drop(columns=["_num", "_text"])


def community_comments(
    comments: pd.DataFrame,
    customers: pd.DataFrame,
    cluster: int,
    mentions: pd.DataFrame | None = None,
    limit: int | None = 20,
) -> pd.DataFrame:
    """The comments written by one community's members, most passionate first.

    Parameters
    ----------
    comments, customers : DataFrame
        The run's comments and customers tables.
    cluster : int
        The community.
    mentions : DataFrame, optional
        When given, comments are ranked by the passion of their interest
        mentions (their mean: 0..1, like every passion) and gain ``interests``
        (what they mention).
    limit : int or None
        Most comments returned (None: all).

    Returns
    -------
    DataFrame
        ``customer_id``, ``comment_id``, ``channel``, ``timestamp``, ``text``
        (and ``interests``, ``passion`` with mentions: missing where a comment
        mentions no interest). Ids that are numbers sort as numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 1]})
    >>> co = pd.DataFrame({"comment_id": [1, 2, 3], "customer_id": ["a", "b", "a"],
    ...     "text": ["meh", "hi", "love yoga!"], "channel": "twitter", "timestamp": pd.NaT})
    >>> me = pd.DataFrame({"comment_id": [3], "kind": ["interest"], "label": ["yoga"],
    ...                    "passion": [0.9]})
    >>> community_comments(co, cu, 0, me)[["text", "interests"]].values.tolist()
    [['love yoga!', ['yoga']], ['meh', []]]
    """
    members = set(customers.loc[customers["cluster"] == cluster, "customer_id"].astype(str))
    cols = [
        c for c in ["customer_id", "comment_id", "channel", "timestamp", "text"] if c in comments
    ]
    out = comments.loc[comments["customer_id"].astype(str).isin(members), cols].copy()
    if mentions is not None and not mentions.empty:
        m = mentions[mentions["kind"] == "interest"]
        key = m["comment_id"].astype(str)
        said = m.groupby(key)["label"].apply(lambda s: list(dict.fromkeys(map(str, s))))
        passion = m.groupby(key)["passion"].mean()
        ids = out["comment_id"].astype(str)
        # a list (as every list cell in memory); shown joined with "; "
        out["interests"] = ids.map(said).map(lambda v: v if isinstance(v, list) else [])
        out["passion"] = ids.map(passion).round(3)  # no interest mentioned: none (NaN), last
        out = _by(out, ["passion"], [False], "comment_id")
    out = out.reset_index(drop=True)
    return out if limit is None else out.head(limit)


def voices(
    comments: pd.DataFrame,
    customers: pd.DataFrame,
    clusters: pd.DataFrame,
    mentions: pd.DataFrame,
    per: int = 2,
    max_chars: int = 200,
) -> pd.DataFrame:
    """A few of the most passionate comments of each community, cut to ``max_chars``.

    Returns
    -------
    DataFrame
        ``community``, ``channel``, ``interests``, ``comment``; largest community first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a"], "cluster": [0]})
    >>> cl = pd.DataFrame({"cluster": [0], "size": [1], "label": ["yoga"]})
    >>> co = pd.DataFrame({"comment_id": [1], "customer_id": ["a"], "text": ["love yoga!"],
    ...                    "channel": ["twitter"]})
    >>> me = pd.DataFrame({"comment_id": [1], "kind": ["interest"], "label": ["yoga"],
    ...                    "passion": [0.9]})
    >>> voices(co, cu, cl, me).values.tolist()
    [['yoga', 'twitter', ['yoga'], 'love yoga!']]

    The same text twice is shown once:

    >>> co2 = pd.concat([co, co.assign(comment_id=2, text="Love  yoga!")])
    >>> me2 = pd.concat([me, me.assign(comment_id=2)])
    >>> len(voices(co2, cu, cl, me2))
    1
    """
    cols = ["community", "channel", "interests", "comment"]
    rows = []
    order = clusters[clusters["cluster"] >= 0].sort_values(
        ["size", "cluster"], ascending=[False, True]
    )
    for c, label in zip(order["cluster"], order["label"], strict=True):
        top = community_comments(comments, customers, int(c), mentions, limit=None)
        top = top[top.get("passion", pd.Series(0.0, index=top.index)) > 0]
        # a comment posted twice (a retweet, a repeated complaint) is one voice
        said = top["text"].astype(str).map(lambda t: " ".join(t.split()).casefold())
        top = top[~said.duplicated()].head(per)
        for r in top.to_dict("records"):
            text = shorten(" ".join(str(r["text"]).split()), max_chars)
            rows.append((label, r.get("channel"), r.get("interests", []), text))
    return pd.DataFrame(rows, columns=cols)
