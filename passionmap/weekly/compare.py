"""One week against the week before: the :class:`WeeklyReport` the notebook shows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from passionmap.analysis.audiences import Audience, one_channel
from passionmap.analysis.labels import warn_unknown
from passionmap.analysis.profiles import MIN_MEMBERS, MIN_SUPPORT, shared_by
from passionmap.config import Config
from passionmap.phrases import (
    NO_GENERATIONS,
    count,
    one_channel_text,
    percent,
)
from passionmap.weekly.matching import match_communities
from passionmap.weekly.names import display_names, with_names
from passionmap.weekly.narrative import (
    mentioned_sentence,
    no_channel_sentence,
    stability_sentence,
    summary_sentences,
)
from passionmap.weekly.tables import (
    MIN_KNOWN_GENERATIONS,
    channel_shares,
    community_table,
    interest_shares,
    known_generations,
    start_channels,
)
from passionmap.weekly.trends import active_customers, emerging_interests, no_rise_text, rising
from passionmap.weekly.weeks import (
    Coverage,
    comments_in_week,
    passed_over,
    pick_week,
    previous_week,
    week_coverage,
    week_notes,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from passionmap.pipeline import Result


@dataclass
class WeeklyReport:
    """Everything the weekly report shows for one week.

    ``previous`` and ``changes`` are None when the data has no comments in
    the week before ``week``. ``coverage`` and ``prev_coverage`` say which
    days each week covers (:func:`week_coverage`); ``basis`` is what the
    changes compare (``"members"``, or ``"share"`` of active customers when
    a week is partial); ``notes`` are the sentences about the weeks
    themselves (partial, no complete week, a partial week passed over) that
    open the summary.

    ``names`` is the one name of each of this week's communities
    (:func:`display_names`) that every table, figure and sentence uses;
    :attr:`clusters` is this week's clusters table under those names.
    ``one_channel`` is the channel every comment of the week comes from, if
    one (then there is no channel choice to make); ``audience`` is this
    week's :class:`passionmap.Audience`, its communities under ``names``.
    """

    week: str
    prev_week: str
    current: Result
    previous: Result | None
    changes: pd.DataFrame | None
    emerging: pd.DataFrame
    starts: pd.DataFrame
    channels: pd.DataFrame
    interests: pd.DataFrame
    summary: list[str] = field(default_factory=list)
    coverage: Coverage | None = None
    prev_coverage: Coverage | None = None
    basis: str = "members"
    notes: list[str] = field(default_factory=list)
    names: dict = field(default_factory=dict)
    one_channel: str | None = None
    audience: Audience | None = None
    picked: bool = False

    @property
    def clusters(self) -> pd.DataFrame:
        """This week's clusters table, ``label`` replaced by the report's names."""
        return with_names(self.current.clusters, self.names)

    @property
    def generations_known(self) -> bool:
        """Whether enough community members have a known generation to show a mix.

        At least :data:`MIN_KNOWN_GENERATIONS` of them; below that a generation
        chart is a grey bar per community and says nothing.
        """
        return self.generation_note is None

    @property
    def generation_note(self) -> str | None:
        """The one sentence that replaces generation charts when (almost) no generation is known."""
        known, members = known_generations(self.current.customers)
        if known == 0:
            return NO_GENERATIONS
        if known < MIN_KNOWN_GENERATIONS * members:
            return (
                f"Generations are known for only {count(known)} of {count(members)} community "
                f"members ({percent(known / members)}): too few to show a generation mix."
            )
        return None

    @property
    def passion_note(self) -> str | None:
        """The sentence above the interest charts when no community shares a passion.

        Where no interest reaches :data:`passionmap.analysis.profiles.MIN_SUPPORT` of any
        community's members (brand tweets: the communities form around what people
        talk about, "about: bag"), the bars sit near 0% and would read as a
        broken chart; this says what they show instead, or, where no interest is
        shared by two members of a community either (the chart draws no bar, and
        says so), only why. None otherwise.

        Examples
        --------
        >>> import pandas as pd
        >>> t = pd.DataFrame({"cluster": [0, 1], "interest": ["golf", "dog"],
        ...                   "members": [5, 3], "share": [0.02, 0.01]})
        >>> print(WeeklyReport(*[None] * 8, t).passion_note)
        No interest is shared by 15% of any community's members (at most 2.0%): these communities formed around what they talk about (their names), and the bars show the interests that two or more of their members share.
        >>> print(WeeklyReport(*[None] * 8, t.assign(members=1, share=[0.004, 0.003])).passion_note)
        No interest is shared by 15% of any community's members (at most 0.4%): these communities formed around what they talk about (their names).
        >>> WeeklyReport(*[None] * 8, t.assign(share=[0.4, 0.01])).passion_note is None
        True
        """  # noqa: E501
        t = self.interests
        if t is None or t.empty or float(t["share"].max()) >= MIN_SUPPORT:
            return None
        bars = ", and the bars show the interests that two or more of their members share"
        return (
            f"No interest is shared by {percent(MIN_SUPPORT)} of any community's members "
            f"(at most {percent(float(t['share'].max()))}): these communities formed around "
            f"what they talk about (their names){bars if self.interest_bars else ''}."
        )

    @property
    def interest_bars(self) -> bool:
        """Whether the interests chart draws a bar: some interest shared by 2 members of a community.

        The rule of :func:`passionmap.viz.plots.top_interests_bars`. Where it draws
        none, :attr:`passion_note` already says why, and the report leaves the
        empty chart out.

        >>> import pandas as pd
        >>> t = pd.DataFrame({"cluster": [0], "interest": ["golf"], "members": [1], "share": [0.1]})
        >>> WeeklyReport(*[None] * 8, t).interest_bars, WeeklyReport(*[None] * 8, t.assign(members=2)).interest_bars
        (False, True)
        """  # noqa: E501
        t = self.interests
        if t is None or t.empty:
            return False
        return bool(shared_by(t["members"], (t["members"] / t["share"]).round(), MIN_MEMBERS).any())

    @property
    def mentioned_note(self) -> str | None:
        """The channels customers only name in their comments, as one sentence (None if none).

        :func:`~passionmap.weekly.narrative.mentioned_sentence` of this week's audience.
        """
        return mentioned_sentence(self.audience)

    @property
    def rising(self) -> pd.DataFrame:
        """The emerging interests called rising (q < 0.05): those the report lists.

        :attr:`emerging` keeps every interest that rose (``emerging.csv``);
        :func:`~passionmap.weekly.trends.rising` keeps those that pass.
        """
        return rising(self.emerging)

    @property
    def emerging_note(self) -> str | None:
        """The sentence where interests rose but none passes q < 0.05 (None otherwise)."""
        return no_rise_text(self.emerging)

    @property
    def no_channel_note(self) -> str | None:
        """The sentence above the channel chart when no comment of the week says where it was posted.

        A file without a channel column (an export of tweets): every channel the
        report shows is one customers name, and ``--channel`` can say where the
        file comes from.

        >>> import pandas as pd
        >>> from types import SimpleNamespace
        >>> week = SimpleNamespace(comments=pd.DataFrame({"channel": ["unknown", "unknown"]}))
        >>> print(WeeklyReport(None, None, week, *[None] * 6).no_channel_note[:40])
        No comment says where it was posted (the
        >>> week.comments["channel"] = ["unknown", "email"]
        >>> WeeklyReport(None, None, week, *[None] * 6).no_channel_note is None
        True
        """  # noqa: E501
        return no_channel_sentence(getattr(self.current, "comments", None))

    @property
    def channel_note(self) -> str | None:
        """The one sentence that replaces channel advice when all comments share a channel."""
        return one_channel_text(self.one_channel) if self.one_channel else None

    def community_table(self) -> pd.DataFrame:
        """This week's communities with their names, change and where to start."""
        return community_table(
            self.current.clusters,
            self.changes,
            self.starts,
            customers=self.current.customers,
            one_channel=self.one_channel,
            names=self.names,
            generations=self.generations_known,
        )

    def intro(self) -> str:
        """The report's opening sentence; it promises a comparison only where there is one."""
        what = (
            "What customers are passionate about, where they hang out and which communities "
            f"they form in {self.week}"
        )
        if self.previous is None:
            return f"{what}. {self.prev_week} has no comments, so nothing is compared."
        return f"{what}, and what changed since {self.prev_week}."

    def weeks_text(self) -> list[str]:
        """One line per week compared: the days it covers, comments and their rate."""
        lines = []
        for what, cov, week in (
            ("This week", self.coverage, self.week),
            ("Previous week", self.prev_coverage, self.prev_week),
        ):
            if cov is not None:
                lines.append(f"{what}, {cov.describe()}")
            elif what == "Previous week":
                lines.append(f"{what}, {week}: no comments (no previous week to compare with).")
        return lines


def _audience_named(aud: Audience | None, names: dict[int, str]) -> Audience | None:
    """The audience with its communities under the report's names."""
    if aud is None:
        return None
    out = {}
    for what in ("plan", "channels"):
        df = getattr(aud, what)
        if len(df) and "cluster" in df:
            ids = df["cluster"].astype(int)
            labels = [names.get(c, lab) for c, lab in zip(ids, df["label"], strict=True)]
            df = df.assign(label=labels)
        out[what] = df
    return replace(aud, **out)


def weekly_report(
    comments: pd.DataFrame,
    week: str | None = None,
    config: Config = Config(),  # noqa: B008 (frozen)
    nlp: Language | None = None,
    mentions: pd.DataFrame | None = None,
    min_support: int = 3,
    picked: bool | None = None,
) -> WeeklyReport:
    """Analyse one week and the week before it, and compare them.

    Each week is analysed on its own comments (its own communities); the
    two are then compared by :func:`compare_weeks`.

    Parameters
    ----------
    comments : DataFrame
        Loaded comments with a ``week`` column (``load_comments(...).comments``).
    week : str, optional
        ``"YYYY-Www"``; default: the latest complete week in the data (:func:`pick_week`).
    config : Config
        Settings of both weeks' runs.
    nlp : spacy.Language, optional
        A loaded pipeline (else loaded once here for both weeks).
    mentions : DataFrame, optional
        Mentions already extracted for these comments (skips extraction).
    min_support : int
        Fewest customers behind an emerging interest.
    picked : bool, optional
        Whether ``week`` was picked for the reader rather than asked for
        (default: when ``week`` is None); then a later partial week passed
        over is named in the notes (:func:`passed_over`).

    When either week is partial (:func:`week_coverage`) the communities are
    compared by their share of each week's active customers, not by member
    counts (``basis="share"``), and the summary opens by saying so.

    Examples
    --------
    >>> import tempfile
    >>> from passionmap import Config, load_comments
    >>> from passionmap.datasets.sample import write_sample
    >>> from passionmap.weekly import weeks_in
    >>> cfg = Config(model="blank", progress=False)
    >>> path = write_sample(tempfile.mkdtemp() + "/s.csv", customers=80, weeks=3)
    >>> comments = load_comments(path, cfg).comments
    >>> wr = weekly_report(comments, config=cfg)
    >>> wr.week == weeks_in(comments)[-1], wr.prev_week == weeks_in(comments)[-2]
    (True, True)
    >>> wr.changes.columns[:3].tolist()
    ['name', 'cluster', 'label']
    >>> wr.coverage.partial, wr.basis
    (False, 'members')
    """
    from passionmap.nlp.nlp import load_nlp
    from passionmap.pipeline import analyze

    picked = week in (None, "") if picked is None else bool(picked)
    week = pick_week(comments, week)
    prev_week = previous_week(week)
    curr_comments = comments_in_week(comments, week)
    prev_comments = comments_in_week(comments, prev_week)
    if mentions is None and nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    current = analyze(curr_comments, config, nlp, mentions)
    previous = analyze(prev_comments, config, nlp, mentions) if len(prev_comments) else None
    if config.labels:  # once for the two weeks: a name either week uses is not unknown
        missed = [r.summary.get("labels_unknown", []) for r in (current, previous) if r]
        warn_unknown([c for c in missed[0] if all(c in m for m in missed)], stacklevel=2)
    return compare_weeks(comments, week, current, previous, min_support, picked=picked)


def compare_weeks(
    comments: pd.DataFrame,
    week: str,
    current: Result,
    previous: Result | None = None,
    min_support: int = 3,
    picked: bool = False,
) -> WeeklyReport:
    """Compare the analyses of ``week`` and of the week before it into a :class:`WeeklyReport`.

    Matches the two weeks' communities (:func:`match_communities`), finds
    emerging interests (:func:`emerging_interests`), names every community
    once for all sections (:func:`display_names`), says where to start
    (:func:`start_channels`, from the channels members post on) and sums it
    all up (:func:`summary_sentences`).

    Parameters
    ----------
    comments : DataFrame
        All loaded comments (``week``, ``timestamp``, ``customer_id``, ``comment_id``).
    week : str
        The week reported.
    current, previous : Result
        :func:`passionmap.analyze` of the week's comments and of the week
        before's (None when it has none).
    min_support : int
        Fewest customers behind an emerging interest.
    picked : bool
        ``week`` was picked for the reader (not asked for): a later partial
        week passed over is named in the notes.
    """
    from passionmap.analysis.audiences import audience

    prev_week = previous_week(week)
    coverage = week_coverage(comments, week)
    prev_coverage = week_coverage(comments, prev_week) if previous is not None else None
    partial = coverage.partial or (prev_coverage is not None and prev_coverage.partial)
    basis = "share" if partial else "members"

    changes = None
    both = current.mentions
    if previous is not None:
        changes = match_communities(
            previous.customers,
            previous.clusters,
            current.customers,
            current.clusters,
            basis=basis,
            active_prev=active_customers(comments, prev_week),
            active_curr=active_customers(comments, week),
            prev_mentions=previous.mentions,
            curr_mentions=current.mentions,
        )
        both = pd.concat([previous.mentions, current.mentions], ignore_index=True)
    prev_counts = None
    if previous is not None and previous.terms is not None and len(previous.terms):
        prev_counts = previous.terms.set_index("term")["customers"]
    emerging = emerging_interests(
        both,
        comments,
        week,
        prev_week if previous is not None else None,
        min_support,
        prev_counts=prev_counts,
    )
    names = display_names(current.clusters, changes)
    named = with_names(current.clusters, names)
    channels = channel_shares(current.customers, named, current.comments, current.mentions)
    starts = start_channels(current.customers, named, channels)
    interests = interest_shares(current.mentions, current.customers, named)
    single = one_channel(current.comments)
    aud = current.audience
    if aud is None:
        aud = audience(current.comments, current.mentions, current.customers, named)
    notes = week_notes(comments, coverage, prev_coverage)
    if picked:
        notes = [n for n in [passed_over(comments, week)] if n] + notes
    summary = notes + summary_sentences(changes, emerging, named, starts, one_channel=single)
    runs = current.summary.get("config", {}).get("consensus", 5)
    summary += [s for s in [stability_sentence(current.summary.get("agreement"), runs)] if s]
    return WeeklyReport(
        week=week,
        prev_week=prev_week,
        current=current,
        previous=previous,
        changes=changes,
        emerging=emerging,
        starts=starts,
        channels=channels,
        interests=interests,
        summary=summary,
        coverage=coverage,
        prev_coverage=prev_coverage,
        basis=basis,
        notes=notes,
        names=names,
        one_channel=single,
        audience=_audience_named(aud, names),
        picked=picked,
    )
