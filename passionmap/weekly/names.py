"""One name per community for every section of a report, told apart when two share one."""

from __future__ import annotations

import pandas as pd

from passionmap.phrases import missing, text_or


def tell_apart(names: dict[int, str], taken: set | None = None, tag: str = "#{}") -> dict[int, str]:
    """Names made unique: every name two communities share gets its community number.

    A name also in ``taken`` (names already given to other communities) is
    tagged too. ``tag`` formats the number.

    Examples
    --------
    >>> tell_apart({3: "fleet & fleek", 5: "fleet & fleek", 6: "yoga"})
    {3: 'fleet & fleek (#3)', 5: 'fleet & fleek (#5)', 6: 'yoga'}
    >>> tell_apart({1: "yoga"}, taken={"yoga"}, tag="#{} last week")
    {1: 'yoga (#1 last week)'}
    """
    taken = set(taken or ())
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    return {
        c: f"{name} ({tag.format(c)})" if seen[name] > 1 or name in taken else name
        for c, name in names.items()
    }


def display_names(clusters: pd.DataFrame, changes: pd.DataFrame | None = None) -> dict[int, str]:
    """The one name of each community, for every section of a report.

    A community matched to last week's keeps last week's name (``changes``,
    from :func:`match_communities`); the others are named by their label.
    Communities that would share a name are told apart by their number
    (:func:`tell_apart`): ``fleet & fleek (#3)`` and ``fleet & fleek (#5)``.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [3, 5, 6], "label": ["fleet", "fleet", "yoga"]})
    >>> display_names(cl)
    {3: 'fleet (#3)', 5: 'fleet (#5)', 6: 'yoga'}
    >>> ch = pd.DataFrame({"cluster": [6], "name": ["yogis"]})
    >>> display_names(cl, ch)[6]
    'yogis'
    """
    if clusters is None or clusters.empty:
        return {}
    cl = clusters[clusters["cluster"] >= 0]
    labels = cl["label"] if "label" in cl else pd.Series(None, index=cl.index)
    names = {
        int(c): text_or(label).strip() or f"community {int(c)}"
        for c, label in zip(cl["cluster"], labels, strict=True)
    }
    if changes is not None and not changes.empty:
        for c, name in zip(changes["cluster"], changes["name"], strict=True):
            if not missing(c) and int(c) in names and text_or(name).strip():
                names[int(c)] = str(name)
    return tell_apart(names)


def with_names(clusters: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """``clusters`` with ``label`` replaced by ``names`` (a community without a name keeps its).

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "label": ["a", "b"]})
    >>> with_names(cl, {0: "A"})["label"].tolist()
    ['A', 'b']
    """
    if clusters is None or clusters.empty or not names:
        return clusters
    ids = clusters["cluster"].astype(int)
    labels = [names.get(c, lab) for c, lab in zip(ids, clusters["label"], strict=True)]
    return clusters.assign(label=labels)
