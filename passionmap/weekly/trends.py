"""Emerging interests: shares of active customers week on week, ranked by a z-test."""

from __future__ import annotations

import math

import pandas as pd

from passionmap.phrases import p_text, points

#: An emerging interest is called rising only when its q-value is below this.
ALPHA = 0.05

EMERGING_COLUMNS = [
    "term",
    "label",
    "share_prev",
    "share_curr",
    "rise",
    "customers_curr",
    "customers_prev",
    "z",
    "p_value",
    "q_value",
]


def _interest_customers(
    mentions: pd.DataFrame, comments: pd.DataFrame, week: str | None
) -> pd.DataFrame:
    """Distinct (customer, term, label) interest mentions in one week."""
    if week is None or mentions is None or mentions.empty:
        return pd.DataFrame(columns=["customer_id", "term", "label"])
    ids = comments.loc[comments["week"] == week, "comment_id"].astype(str)
    m = mentions[(mentions["kind"] == "interest") & mentions["comment_id"].astype(str).isin(ids)]
    return m[["customer_id", "term", "label"]].astype({"customer_id": str})


def active_customers(comments: pd.DataFrame, week: str | None) -> int:
    """How many customers commented in ``week``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "a", "b"], "week": ["2026-W01"] * 3})
    >>> active_customers(c, "2026-W01")
    2
    """
    if week is None:
        return 0
    return int(comments.loc[comments["week"] == week, "customer_id"].astype(str).nunique())


def two_proportion_z(x1: int, n1: int, x0: int, n0: int) -> tuple[float, float]:
    """The two-proportion z-test of a rise from ``x0 / n0`` to ``x1 / n1``.

    ``z = (p1 - p0) / sqrt(p (1 - p) (1/n1 + 1/n0))`` with the pooled share
    ``p = (x1 + x0) / (n1 + n0)``; the p-value is one-sided (the chance of a
    rise at least this large when the share did not change). NaN when a week
    has no customers.

    Examples
    --------
    >>> z, p = two_proportion_z(8, 20, 1, 20)
    >>> round(z, 2), round(p, 4)
    (2.65, 0.004)
    >>> two_proportion_z(3, 10, 3, 10)
    (0.0, 0.5)
    """
    if n1 <= 0 or n0 <= 0:
        return float("nan"), float("nan")
    p1, p0 = x1 / n1, x0 / n0
    pooled = (x1 + x0) / (n1 + n0)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if se == 0:
        z = 0.0 if p1 == p0 else math.copysign(math.inf, p1 - p0)
    else:
        z = (p1 - p0) / se
    return z, 0.5 * math.erfc(z / math.sqrt(2))


def emerging_interests(
    mentions: pd.DataFrame,
    comments: pd.DataFrame,
    week: str,
    prev_week: str | None,
    min_support: int = 3,
    top: int = 10,
    prev_counts: pd.Series | None = None,
) -> pd.DataFrame:
    """Interests whose share of active customers rose since the previous week, by z-test.

    The share of an interest in a week is the number of customers who
    mentioned it in that week's comments over the number of customers who
    commented that week at all (shares, not counts, so a partial week compares
    fairly). Each rise is tested with a one-sided two-proportion z-test
    (:func:`two_proportion_z`) and interests are ranked by ``z``, the
    statistic, not by the raw rise: 8 customers of 20 against 1 of 20 is a
    surer rise than 3 of 4,000 against 0 of 8,000. A week tests every interest
    at once, so each p-value comes with its q-value (:func:`_false_discovery`):
    the report calls an interest rising only when that is below 0.05. Only
    interests mentioned by
    at least ``min_support`` customers this week and with a positive rise are
    kept, so one enthusiastic customer is never a trend.

    Without a previous week (``prev_week`` None, or no comments in it)
    nothing can rise: the result is empty, never a rise from 0%.

    Parameters
    ----------
    mentions : DataFrame
        ``comment_id``, ``customer_id``, ``term``, ``label``, ``kind``.
    comments : DataFrame
        ``comment_id``, ``customer_id``, ``week``.
    week, prev_week : str
        ISO weeks ``"YYYY-Www"``; ``prev_week`` None means no previous week.
    min_support : int
        Fewest customers mentioning the interest this week.
    top : int
        How many interests to return.
    prev_counts : Series, optional
        Customers per term last week over every *candidate* term (the
        ``customers`` of last week's :func:`passionmap.nlp.vocabulary.term_table`).
        Each week keeps its own interests, so a term kept this week but not
        last week was still said last week: without these counts it would
        seem to rise from 0.

    Returns
    -------
    DataFrame
        ``term``, ``label``, ``share_prev``, ``share_curr``, ``rise`` (share
        difference, 0..1), ``customers_curr``, ``customers_prev``, ``z`` and
        ``p_value`` (one-sided), ``q_value`` (``p_value`` corrected for testing
        every interest with ``min_support`` customers this week: Benjamini-
        Hochberg's false discovery rate); largest ``z`` first.

    Examples
    --------
    >>> import pandas as pd
    >>> comments = pd.DataFrame({"comment_id": [1, 2, 3, 4, 5, 6],
    ...     "customer_id": list("abcabc"), "week": ["2026-W01"] * 3 + ["2026-W02"] * 3})
    >>> mentions = pd.DataFrame({"comment_id": [1, 4, 5, 6], "customer_id": list("aabc"),
    ...     "term": ["chess"] * 4, "label": ["Chess"] * 4, "kind": ["interest"] * 4})
    >>> e = emerging_interests(mentions, comments, "2026-W02", "2026-W01", min_support=2)
    >>> e[["term", "share_prev", "share_curr", "customers_curr", "z"]].round(2).to_dict("records")
    [{'term': 'chess', 'share_prev': 0.33, 'share_curr': 1.0, 'customers_curr': 3, 'z': 1.73}]
    >>> emerging_interests(mentions, comments, "2026-W02", None).empty  # no previous week
    True
    """
    n_curr = active_customers(comments, week)
    n_prev = active_customers(comments, prev_week)
    curr = _interest_customers(mentions, comments, week)
    if curr.empty or n_curr == 0 or n_prev == 0:
        return pd.DataFrame(columns=EMERGING_COLUMNS)
    prev = _interest_customers(mentions, comments, prev_week)

    c_counts = curr.groupby("term")["customer_id"].nunique()
    p_counts = prev.groupby("term")["customer_id"].nunique() if not prev.empty else pd.Series()
    if prev_counts is not None:  # last week's candidates, kept as interests or not
        p_counts = prev_counts.combine(p_counts, max, fill_value=0)
    labels = curr.groupby("term")["label"].agg(lambda s: s.value_counts().index[0])
    out = pd.DataFrame({"customers_curr": c_counts})
    out["customers_prev"] = p_counts.reindex(out.index).fillna(0).astype(int)
    out["share_curr"] = out["customers_curr"] / n_curr
    out["share_prev"] = out["customers_prev"] / n_prev
    out["rise"] = out["share_curr"] - out["share_prev"]
    out["label"] = labels.reindex(out.index)
    out = out[out["customers_curr"] >= min_support]
    tests = [
        two_proportion_z(int(x1), n_curr, int(x0), n_prev)
        for x1, x0 in zip(out["customers_curr"], out["customers_prev"], strict=True)
    ]
    out["z"] = [z for z, _ in tests]
    out["p_value"] = [p for _, p in tests]
    out["q_value"] = _false_discovery(out["p_value"])  # over every interest tested
    out = out[out["rise"] > 0].rename_axis("term").reset_index()
    out = out.sort_values(["z", "customers_curr", "term"], ascending=[False, False, True])
    out["customers_curr"] = out["customers_curr"].astype(int)
    out = out[EMERGING_COLUMNS].head(top).reset_index(drop=True)
    return out.astype({"z": float, "p_value": float, "q_value": float})


def rising(emerging: pd.DataFrame | None, alpha: float = ALPHA) -> pd.DataFrame:
    """The emerging interests called rising: their q-value below ``alpha``.

    Judged on ``q_value`` (the p-value corrected for every interest tested),
    on ``p_value`` in a table without one; a row without either is kept
    (nothing says it is not a rise), as the summary judges its top row.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"label": ["dog", "tea"], "p_value": [0.001, 0.01],
    ...                   "q_value": [0.002, 0.161]})
    >>> rising(e)["label"].tolist()
    ['dog']
    >>> rising(e.drop(columns="q_value"))["label"].tolist()  # no q: judged on p
    ['dog', 'tea']
    """
    if emerging is None:
        return pd.DataFrame(columns=EMERGING_COLUMNS)
    judged = next((emerging[c] for c in ("q_value", "p_value") if c in emerging), None)
    if judged is None:
        return emerging.reset_index(drop=True)
    judged = pd.to_numeric(judged, errors="coerce")
    return emerging[judged.isna() | (judged < alpha)].reset_index(drop=True)


def no_rise_text(emerging: pd.DataFrame | None, alpha: float = ALPHA) -> str | None:
    """The sentence for interests that rose, none of them significantly (None otherwise).

    Names the surest rise (the first row: largest z) with its q-value, so a
    reader sees how far it is from a rise.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"label": ["harvest"], "rise": [0.004], "p_value": [0.038],
    ...                   "q_value": [0.1612]})
    >>> print(no_rise_text(e))
    No interest rose significantly this week (q < 0.05); the surest rise was harvest (+0.4 pts, q = 0.161).
    >>> no_rise_text(e.assign(q_value=0.01)) is None, no_rise_text(e.iloc[:0]) is None
    (True, True)
    """  # noqa: E501
    if emerging is None or emerging.empty or not rising(emerging, alpha).empty:
        return None
    top = emerging.iloc[0]
    name = "q" if "q_value" in emerging else "p"
    return (
        f"No interest rose significantly this week ({name} < {alpha:g}); the surest rise was "
        f"{top['label']} ({points(top['rise'])}, {p_text(top[f'{name}_value'], name)})."
    )


def _false_discovery(p_values: pd.Series) -> pd.Series:
    """Benjamini-Hochberg q-values (scipy): each week tests hundreds of interests.

    At p < 0.05 one in twenty unchanged interests would look like it rose
    (the reddit weeks listed "harvest 0 -> 3, p 0.038"); a q-value below 0.05
    keeps the share of false rises among those called rising under 5%.
    """
    from scipy.stats import false_discovery_control

    ok = p_values.notna()
    q = pd.Series(float("nan"), index=p_values.index)
    if ok.any():
        q[ok] = false_discovery_control(p_values[ok].clip(0.0, 1.0).to_numpy(), method="bh")
    return q
