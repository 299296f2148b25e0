"""Audiences by network and generation: where to start, and what to say.

The method: list where customers hang out, sub-categorise them under each
network, group them by generation (stated, or inferred from what they write:
see :mod:`passionmap.nlp.age_cues`), find the interests of each group, start
where the majority is, and speak across generations.

:func:`audience` returns an :class:`Audience` with

* ``table``: network x generation. A customer is counted under **every**
  channel they use (post on or mention), so a customer on two networks counts
  in both: shares within a channel add up to 100 %, channel totals add up to
  more than the number of customers. Each channel has an ``all`` row first.
* ``segments``: the distinctive interests of each network x generation cell
  (lift over all customers, with a minimum support).
* ``everyone``: the "speak to everyone" list, interests with a high share in
  three or more generations.
* ``channels``: per community, every channel its members post on ranked by
  members, with the greedy coverage order (each step adds the channel that
  reaches the most members not already reached); ``plan``: the first channel
  (the majority) and the second one, with what it adds. Where to start counts
  the channels members **post on**; a channel they only name in their
  comments ("I called the phone line") is used only for a community none of
  whose members' posting channels is known, and is then marked ``mentioned``.
* ``one_channel``: the channel when every comment comes from it (then there
  is no channel choice to make, and :meth:`Audience.sentences` says so);
  ``mentioned``: channels customers only mention, none posts on.

``channels``, ``plan`` and where to start overall are built by
:mod:`passionmap.analysis.channel_plan` (:func:`greedy_coverage` is importable from here too).

Examples
--------
>>> import pandas as pd
>>> from passionmap.analysis.audiences import audience
>>> comments = pd.DataFrame({"customer_id": list("abcd"),
...     "channel": ["instagram", "instagram", "instagram", "facebook"]})
>>> mentions = pd.DataFrame({"customer_id": ["a", "d"], "kind": ["channel"] * 2,
...     "term": ["facebook", "email"], "label": ["Facebook", "email"]})
>>> customers = pd.DataFrame({"customer_id": list("abcd"), "cluster": [0, 0, 0, 0],
...     "generation": ["Gen Z", "Gen Z", "Millennials", None]})
>>> aud = audience(comments, mentions, customers)
>>> aud.plan[["first_channel", "first_members", "second_channel", "second_adds"]].values.tolist()
[['instagram', 3, 'facebook', 1]]
>>> aud.table.query("channel == 'instagram'")[["generation", "customers", "share"]].values.tolist()
[['all', 3, 1.0], ['Millennials', 1, 0.333333], ['Gen Z', 2, 0.666667]]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..config import Config, require_config
from ..io.columns import require_columns
from ..phrases import NO_GENERATIONS, SEP, channel_name, count, one_channel_text, percent
from ..vocab import GENERATIONS
from .channel_plan import (  # noqa: F401 (where to start: its names, here too)
    CHANNEL_COLUMNS,
    PLAN_COLUMNS,
    UNKNOWN,
    _overall,
    _starts,
    greedy_coverage,
)
from .profiles import MENTIONED, channel_uses

#: An interest is listed for a cell when it has this share of the cell's top interest's customers.
COMMON = 1 / 3
ALL = "all"
#: What the table's counts mean (also :attr:`Audience.note`).
NOTE = (
    "A customer is counted under every channel they use (post on or mention): one on two "
    "networks counts in both, so channel totals add up to more than the customers. "
    "share = share of the channel's customers; share_of_all = share of all customers."
)
TABLE_COLUMNS = [
    "channel", "generation", "customers", "share", "share_of_all", "inferred", "top_interests",
]  # fmt: skip
SEGMENT_COLUMNS = ["channel", "generation", "term", "interest", "customers", "share", "lift"]
EVERYONE_COLUMNS = ["term", "interest", "generations", "min_share", "customers", "by_generation"]


@dataclass
class Audience:
    """The tables of :func:`audience` (see the module docstring)."""

    table: pd.DataFrame
    segments: pd.DataFrame
    everyone: pd.DataFrame
    channels: pd.DataFrame
    plan: pd.DataFrame
    overall: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # customers by generation_source
    note: str = NOTE
    one_channel: str | None = None  # the channel every comment comes from, if one
    mentioned: tuple = ()  # channels customers only mention: nobody posts on them
    generations_known: bool = True  # some customer has a stated or inferred generation

    def to_frame(self) -> pd.DataFrame:
        """The table as written to ``audience.csv``."""
        return self.table.reindex(columns=TABLE_COLUMNS)

    def top_channels(self, n: int = 5) -> pd.DataFrame:
        """The table's rows for the ``n`` channels with the most customers.

        A channel none of whose customers has a known generation keeps only
        its ``all`` row (an ``unknown 100%`` row would only repeat it).
        """
        totals = self.table[self.table["generation"] == ALL]
        keep = totals[totals["channel"] != UNKNOWN]["channel"].head(n)
        out = self.table[self.table["channel"].isin(keep)]
        repeats = (out["generation"] == UNKNOWN) & (out["share"] >= 1)
        return out[~repeats].reset_index(drop=True)

    def channel_label(self, channel: str) -> str:
        """A channel as the report writes it, ``phone (mentioned)`` when nobody posts there.

        Examples
        --------
        >>> Audience(*[pd.DataFrame()] * 5, mentioned=("phone",)).channel_label("phone")
        'phone (mentioned)'
        """
        return channel_name(channel) + (" (mentioned)" if channel in self.mentioned else "")

    def sentences(self, channels: bool = True) -> list[str]:
        """The audience in a few plain sentences (for reports).

        ``channels=False`` leaves out the sentence about where to start (a
        report that already said there is one channel only). Without any
        known generation one sentence says so, instead of counts of unknowns.

        Examples
        --------
        >>> import pandas as pd
        >>> c = pd.DataFrame({"customer_id": list("abc"), "channel": ["email"] * 2 + ["sms"]})
        >>> m = pd.DataFrame(columns=["customer_id", "term", "label", "kind"])
        >>> cu = pd.DataFrame({"customer_id": list("abc"), "cluster": [0, 0, 0],
        ...     "generation": ["Gen X", None, "Gen Z"],
        ...     "generation_source": ["stated", "unknown", "inferred"]})
        >>> for line in audience(c, m, cu).sentences():
        ...     print(line)
        Start on email: 2 of 3 customers (67%) post there; SMS adds 1 more (reaching 100%).
        Generations: 1 stated, 1 inferred from what customers write, 1 unknown.
        No interest reaches three or more generations yet.
        >>> one = c.assign(channel="twitter")
        >>> for line in audience(one, m, cu.assign(generation=None)).sentences():
        ...     print(line)
        All comments come from one channel (Twitter): there is no channel choice to make.
        No customer's generation is known: no ages are given and none can be inferred from what customers write.
        """  # noqa: E501
        o = self.overall
        out = []
        if not channels:
            pass
        elif self.one_channel:
            out.append(one_channel_text(self.one_channel))
        elif o.get("channel"):
            verb = "mention it" if o.get("how") == MENTIONED else "post there"
            line = (
                f"Start on {channel_name(o['channel'])}: {count(o['customers'])} of "
                f"{count(o['of'])} customers ({percent(o['share'])}) {verb}"
            )
            if o.get("second_channel"):
                line += (
                    f"; {channel_name(o['second_channel'])} adds {count(o['second_adds'])} "
                    f"more (reaching {percent(o['reach'])})"
                )
            if o.get("how") == MENTIONED:
                line += "; where they post is not known"
            out.append(line + ".")
        else:
            out.append("No channel is known for these customers.")
        if not self.generations_known:
            out.append(NO_GENERATIONS)
            return out
        src = self.sources
        if src:
            out.append(
                f"Generations: {count(src.get('stated', 0))} stated, "
                f"{count(src.get('inferred', 0))} inferred from what customers write, "
                f"{count(src.get('unknown', 0))} unknown."
            )
        if len(self.everyone):
            names = ", ".join(str(x) for x in self.everyone["interest"].head(5))
            out.append(f"Speak to everyone about: {names} (shared by three or more generations).")
        else:
            out.append("No interest reaches three or more generations yet.")
        return out


def _gen_order(gen: str) -> int:
    return -1 if gen == ALL else GENERATIONS.index(gen) if gen in GENERATIONS else 99


def _labels(mentions: pd.DataFrame) -> pd.Series:
    m = mentions[mentions["kind"] == "interest"]
    return m.groupby("term")["label"].agg(lambda s: s.value_counts().index[0])


def audience(
    comments: pd.DataFrame,
    mentions: pd.DataFrame,
    customers: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    config: Config = Config(),  # noqa: B008 (frozen)
    *,
    min_support: int | None = None,
    top: int = 3,
    everyone_share: float = 0.10,
    min_generations: int = 3,
    min_group: int = 5,
) -> Audience:
    """Audiences by network and generation, their interests, and where to start.

    Parameters
    ----------
    comments, mentions : DataFrame
        As in :class:`passionmap.Result` (channels come from
        :func:`passionmap.customer_channels`: posted on or mentioned).
    customers : DataFrame
        The customers table of :func:`passionmap.profile` (customer_id, cluster,
        generation, and generation_source when present).
    clusters : DataFrame, optional
        The clusters table, for community labels.
    config : Config
        ``min_mentions`` is the default least support of an interest.
    min_support : int, optional
        Least customers of a cell mentioning an interest for it to be listed
        (default ``max(3, config.min_mentions)``).
    top : int
        Interests listed per cell.
    everyone_share : float
        Share of a generation an interest needs to count as reaching it.
    min_generations : int
        Generations an interest must reach to be on the "speak to everyone" list.
    min_group : int
        Least customers of a generation for it to count there.

    Returns
    -------
    Audience

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap.datasets.sample import make_sample
    >>> from passionmap import Config, analyze
    >>> res = analyze(make_sample(customers=120, seed=2).comments,
    ...               Config(model="blank", progress=False))
    >>> aud = audience(res.comments, res.mentions, res.customers, res.clusters)
    >>> list(aud.to_frame().columns)[:5]
    ['channel', 'generation', 'customers', 'share', 'share_of_all']
    >>> bool((aud.plan["first_share"] > 0).all())
    True
    """
    require_columns(comments, ("customer_id", "channel"), "pm.audience")
    require_columns(mentions, ("customer_id", "kind", "term", "label"), "pm.audience", "mentions")
    require_columns(customers, ("customer_id", "generation"), "pm.audience", "customers")
    config = require_config(config, "pm.audience")
    support = max(3, config.min_mentions) if min_support is None else int(min_support)
    cust = customers.assign(customer_id=customers["customer_id"].astype(str))
    gen = cust["generation"].astype(object).where(cust["generation"].notna(), UNKNOWN)
    source = cust["generation_source"] if "generation_source" in cust else pd.Series("", cust.index)
    people = pd.DataFrame(
        {
            "customer_id": cust["customer_id"],
            "generation": gen,
            "inferred": (source == "inferred").astype("int64"),
            "cluster": cust["cluster"].astype("int64") if "cluster" in cust else -1,
        }
    ).drop_duplicates("customer_id")
    n_all = max(len(people), 1)
    uses = channel_uses(
        comments.assign(customer_id=comments["customer_id"].astype(str)),
        mentions.assign(customer_id=mentions["customer_id"].astype(str)),
    )  # one row per customer and channel
    chans = uses.loc[
        uses["customer_id"].isin(people["customer_id"]), ["customer_id", "channel", "posted"]
    ]
    lonely = people.loc[~people["customer_id"].isin(chans["customer_id"]), ["customer_id"]]
    long = pd.concat(
        [chans, lonely.assign(channel=UNKNOWN, posted=False)], ignore_index=True
    ).astype({"posted": bool})
    long = long.merge(people, on="customer_id")
    users = mentions.loc[mentions["kind"] == "interest", ["customer_id", "term"]]
    users = users.astype({"customer_id": str}).drop_duplicates()
    users = users[users["customer_id"].isin(people["customer_id"])]
    labels = _labels(mentions)
    pop = users.groupby("term").size() / n_all

    table, segments = _table(long, users, pop, labels, n_all, support, top)
    everyone = _everyone(people, users, labels, everyone_share, min_generations, min_group)
    channels, plan = _starts(long, clusters)
    overall = _overall(long, n_all)
    sources = {}
    if "generation_source" in cust:
        sources = {str(k): int(v) for k, v in cust["generation_source"].value_counts().items()}
    posted_on = set(long.loc[long["posted"], "channel"])
    mentioned = tuple(sorted(set(long["channel"]) - posted_on - {UNKNOWN}))
    return Audience(
        table,
        segments,
        everyone,
        channels,
        plan,
        overall,
        sources,
        one_channel=one_channel(comments),
        mentioned=mentioned,
        generations_known=bool((people["generation"] != UNKNOWN).any()),
    )


def one_channel(comments: pd.DataFrame) -> str | None:
    """The channel every comment was posted on, None when there are several (or none known).

    Examples
    --------
    >>> import pandas as pd
    >>> one_channel(pd.DataFrame({"channel": ["twitter", "twitter"]}))
    'twitter'
    >>> one_channel(pd.DataFrame({"channel": ["twitter", "unknown"]})) is None
    True
    """
    if comments is None or "channel" not in comments or comments.empty:
        return None
    channels = comments["channel"].astype(object).where(comments["channel"].notna(), UNKNOWN)
    found = set(channels)
    return str(found.pop()) if len(found) == 1 and UNKNOWN not in found else None


def _table(
    long: pd.DataFrame,
    users: pd.DataFrame,
    pop: pd.Series,
    labels: pd.Series,
    n_all: int,
    support: int,
    top: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, segs = [], []
    cells = [(ch, ALL, g) for ch, g in long.groupby("channel")]
    cells += [(ch, gen, g) for (ch, gen), g in long.groupby(["channel", "generation"])]
    for ch, gen, g in cells:
        ids = set(g["customer_id"])
        mine = users[users["customer_id"].isin(ids)].groupby("term").size()
        mine = mine[(mine >= support) & (mine >= mine.max() * COMMON)]
        stats = pd.DataFrame({"customers": mine, "share": mine / len(ids)})
        stats["lift"] = stats["share"] / pop.reindex(stats.index)
        stats = stats.rename_axis("term").reset_index()
        stats = stats.sort_values(["lift", "customers", "term"], ascending=[False, False, True])
        picked = stats.head(top).assign(channel=ch, generation=gen)
        picked["interest"] = picked["term"].map(labels)
        segs.append(picked)
        rows.append(
            {
                "channel": ch,
                "generation": gen,
                "customers": len(ids),
                "inferred": int(g.drop_duplicates("customer_id")["inferred"].sum()),
                "top_interests": [str(x) for x in picked["interest"]],
            }
        )
    table = pd.DataFrame(rows, columns=["channel", "generation", "customers", "inferred",
                                        "top_interests"])  # fmt: skip
    if table.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS), pd.DataFrame(columns=SEGMENT_COLUMNS)
    size = table[table["generation"] == ALL].set_index("channel")["customers"]
    # 6 places: one customer of 100,000 is 1e-05, where 3 places wrote a share of 0.0
    table["share"] = (table["customers"] / table["channel"].map(size)).round(6)
    table["share_of_all"] = (table["customers"] / n_all).round(6)
    table["_n"] = table["channel"].map(size)
    table["_unknown"] = table["channel"] == UNKNOWN
    table["_g"] = table["generation"].map(_gen_order)
    table = table.sort_values(
        ["_unknown", "_n", "channel", "_g"], ascending=[True, False, True, True]
    )
    table = table[TABLE_COLUMNS].reset_index(drop=True)
    segments = pd.concat(segs, ignore_index=True) if segs else pd.DataFrame()
    segments = segments.reindex(columns=SEGMENT_COLUMNS)
    if len(segments):
        segments["share"] = segments["share"].astype(float).round(3)
        segments["lift"] = segments["lift"].astype(float).round(2)
        order = {(r.channel, r.generation): i for i, r in enumerate(table.itertuples())}
        segments["_o"] = [
            order[k] for k in zip(segments["channel"], segments["generation"], strict=True)
        ]
        segments = segments.sort_values(["_o", "lift", "term"], ascending=[True, False, True])
        segments = segments.drop(columns="_o").reset_index(drop=True)
    return table, segments


def _everyone(
    people: pd.DataFrame,
    users: pd.DataFrame,
    labels: pd.Series,
    share: float,
    min_generations: int,
    min_group: int,
) -> pd.DataFrame:
    known = people[people["generation"] != UNKNOWN]
    sizes = known.groupby("generation").size()
    sizes = sizes[sizes >= min_group]
    if len(sizes) < min_generations:
        return pd.DataFrame(columns=EVERYONE_COLUMNS)
    u = users.merge(known, on="customer_id")
    u = u[u["generation"].isin(sizes.index)]
    counts = u.groupby(["term", "generation"]).size().unstack(fill_value=0)
    shares = counts / sizes.reindex(counts.columns)
    gens = sorted(shares.columns, key=_gen_order)
    rows = []
    for term, row in shares.iterrows():
        reached = [g for g in gens if row[g] >= share]
        if len(reached) >= min_generations:
            rows.append(
                {
                    "term": term,
                    "interest": labels.get(term, term),
                    "generations": len(reached),
                    "min_share": round(float(row[reached].min()), 3),
                    "customers": int(counts.loc[term].sum()),
                    "by_generation": SEP.join(f"{g} {percent(row[g])}" for g in gens if row[g] > 0),
                }
            )
    out = pd.DataFrame(rows, columns=EVERYONE_COLUMNS)
    out = out.sort_values(["generations", "min_share", "term"], ascending=[False, False, True])
    return out.reset_index(drop=True)
