"""The whole pipeline: load -> extract -> graph -> communities -> profile -> write."""

from __future__ import annotations

import os
import platform
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd
from spacy.language import Language
from tqdm.auto import tqdm

from . import __version__
from .analysis.audiences import Audience, audience
from .analysis.communities import customer_features, detect
from .analysis.graph import annotate_communities, build_graph, interest_subgraph
from .analysis.labels import apply_labels, warn_unknown
from .analysis.profiles import profile
from .analysis.words import WordTally
from .config import Config, require_config
from .errors import PassionmapError
from .io.columns import require_columns
from .io.dates import keep_within
from .io.export import atomic_dir, check_output_dir, write_csv, write_gexf, write_json
from .io.ingest import input_size, iter_comments
from .io.loaded import REJECT_COLUMNS, Loaded, concat, derived_columns
from .nlp.age_component import AGE_CUE
from .nlp.age_cues import cue_table
from .nlp.extraction import (
    best_labels,
    extract_with_stats,
    finish_mentions,
    label_votes,
    raw_mentions,
    split_cues,
    split_words,
)
from .nlp.models import model_label, model_meta
from .nlp.nlp import Loader, model_name
from .nlp.vocabulary import domain_talk, select_interests
from .resources import Packed, concat_draining, processes_for, release_memory

OUTPUT_MARKER = "summary.json"  # an existing --out folder without it is not replaced
PROGRESS_BYTES = 16 << 20  # files from this size get a bar over the bytes read
MENTIONS_NEEDED = ("comment_id", "customer_id", "term", "label", "kind", "category", "passion")


@dataclass
class Result:
    """Everything a run produces, as tidy tables and a graph."""

    comments: pd.DataFrame
    mentions: pd.DataFrame
    graph: nx.Graph
    customers: pd.DataFrame
    clusters: pd.DataFrame
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECT_COLUMNS))
    summary: dict = field(default_factory=dict)
    audience: Audience | None = None  # network x generation (passionmap.analysis.audiences)
    terms: pd.DataFrame | None = None  # every candidate term, judged (passionmap.nlp.vocabulary)

    def write(self, out: str | os.PathLike[str]) -> Path:
        """Write every output file of SPEC "Output" into ``out``, atomically."""
        return write_outputs(self, out)


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Record the seconds a block takes under ``seconds[stage]``."""
    t0 = time.perf_counter()
    yield
    seconds[stage] = round(time.perf_counter() - t0, 3)


def complete(comments: pd.DataFrame) -> pd.DataFrame:
    """Comments with every column of ``load_comments`` (missing optional ones filled).

    Lets a DataFrame built by hand (or by the sample generator) go through
    :func:`analyze`: comment ids become record numbers, channel ``unknown``,
    timestamp/age null, generation from age and the comment's year.

    Examples
    --------
    >>> import pandas as pd
    >>> c = complete(pd.DataFrame({"customer_id": ["a"], "text": ["hi"], "age": [40]}))
    >>> c[["comment_id", "channel", "generation"]].values.tolist()[0][:2]
    ['1', 'unknown']
    """
    require_columns(comments, ("customer_id", "text"), "pm.analyze", filled=("customer_id", "text"))
    out = comments
    fill = {
        "comment_id": lambda: [str(i + 1) for i in range(len(comments))],
        "channel": lambda: "unknown",
        "timestamp": lambda: pd.NaT,
        "age": lambda: float("nan"),
    }
    todo = [c for c in fill if c not in comments.columns]
    if todo or "generation" not in comments.columns or "week" not in comments.columns:
        out = comments.copy()
        for col in todo:
            out[col] = fill[col]()
        out["timestamp"] = pd.to_datetime(out["timestamp"], errors="coerce")
        generation, week = derived_columns(out["timestamp"], out["age"])
        if "generation" not in out.columns:
            out["generation"] = generation.to_numpy()
        if "week" not in out.columns:
            out["week"] = week.to_numpy()
    return out


def analyze(
    comments: pd.DataFrame | Loaded,
    config: Config = Config(),
    nlp: Language | None = None,
    mentions: pd.DataFrame | None = None,
    words: pd.DataFrame | None = None,
    stats: dict | None = None,
) -> Result:
    """Run extraction, graph, communities and profiles on loaded comments.

    Parameters
    ----------
    comments : DataFrame or Loaded
        As returned in ``load_comments(...).comments``; or what
        :func:`passionmap.load_comments` returned, whose rejects and counts
        then come with the result (``result.rejects``, ``rows_read`` ... in
        ``result.summary``), as in :func:`run`.
    config : Config
    nlp : spacy.Language, optional
        Reuse a loaded pipeline (see :func:`passionmap.nlp.nlp.load_nlp`).
    mentions : DataFrame, optional
        Mentions already extracted (e.g. for a subset of weeks); skips extraction.
        Their age cues (kind ``age_cue``, :func:`passionmap.nlp.extraction.split_cues`)
        tell the generations the ages do not; mentions without any (read back from
        mentions.parquet, which keeps none) leave the cues to be found in the text
        (:func:`passionmap.nlp.age_cues.find_cues`).
    words : DataFrame, optional
        Content words already split from ``mentions``: one row per use
        (:func:`passionmap.nlp.extraction.split_words`), or counted per customer
        and word (customer_id, term, n: :func:`passionmap.analysis.words.word_counts`,
        as :func:`stream` returns them); by default the kind ``word`` rows of
        ``mentions``. Rows of comments not in ``comments`` are left out where
        there is a ``comment_id`` column; counts have none: every word counted
        for a customer who has mentions in ``comments`` counts.
    stats : dict, optional
        What extracting ``mentions`` counted (texts, nlp_texts, cached, n_process:
        ``stats`` of :class:`passionmap.nlp.extraction.Extracted`), for ``summary["extract"]``;
        ignored when this call extracts (it counts its own).

    Examples
    --------
    >>> from passionmap import Config, analyze
    >>> from passionmap.datasets.sample import make_sample
    >>> res = analyze(make_sample(customers=60, seed=1).comments,
    ...               Config(model="blank", progress=False))
    >>> sorted(res.clusters.columns)[:3]
    ['cluster', 'generation_mix', 'label']
    """
    config = require_config(config, "pm.analyze")
    seconds: dict[str, float] = {}
    loaded = comments if isinstance(comments, Loaded) else None
    comments = complete(loaded.comments if loaded is not None else comments)
    outside = 0
    if config.since or config.until:  # a DataFrame not read by load_comments (which did it)
        comments, outside = keep_within(comments, config.since, config.until)
    if mentions is not None:  # comments in their place: one clear line, not a KeyError
        require_columns(mentions, MENTIONS_NEEDED, "pm.analyze", "mentions")
    # age cues come with the mentions unless read back from mentions.parquet (none kept there)
    with_cues = mentions is None or bool((mentions["kind"] == AGE_CUE).any())
    if mentions is None:
        get = Loader(config, nlp)  # loaded only if some text is not in the cache
        reading = config.replace(n_process=processes_for(comments["text"], config))
        with timed(seconds, "extract"):
            done = extract_with_stats(comments, reading, get)
        mentions = done.mentions
        stats = {**done.stats, "n_process": reading.n_process}
        seconds["load_model"] = round(get.seconds, 3)
        seconds["extract"] = round(seconds["extract"] - get.seconds, 3)
        nlp = get.nlp
    else:
        keep = comments["comment_id"].astype(str)  # pandas' isin: no Python set of the ids
        mentions = _rows_of(mentions, keep)
        if words is not None and "comment_id" in words.columns:  # counts have no comments
            words = _rows_of(words, keep)
    mentions, found_cues = split_cues(mentions)
    cues = cue_table(found_cues, comments) if with_cues else None
    mentions, found_words = split_words(mentions)
    words = found_words if words is None else words
    with timed(seconds, "communities"):
        features = customer_features(mentions, words, config)
        found = detect(comments["customer_id"].astype(str).unique(), config, features)
        clusters = found.labels
    with timed(seconds, "vocabulary"):
        used = int(words["n"].sum()) if "n" in words.columns else len(words)  # words written
        n_words = 2 * used if used else None  # about half of running text is stop words
        candidates = mentions
        mentions, terms = select_interests(mentions, config, clusters, n_words)
        # what communities talk about where no interest is theirs (profiles: "about: ...")
        talk = domain_talk(candidates, terms)
        subject = next(iter(terms.loc[terms["subject"], "term"]), None)  # judged once
        del candidates
    with timed(seconds, "graph"):
        graph = build_graph(comments, mentions, config)
    with timed(seconds, "profile"):
        prof = profile(comments, mentions, clusters, config, cues=cues, talk=talk)
    # the analyst's names (--labels) before anything shows a community: GEXF, audience, report
    prof.clusters, labels_unknown = apply_labels(prof.clusters, config.labels)
    annotate_communities(graph, comments, prof.customers, prof.clusters)
    with timed(seconds, "audience"):
        aud = audience(comments, mentions, prof.customers, prof.clusters, config)
    summary = {
        "rows_used": len(comments),
        "customers": int(comments["customer_id"].nunique()),
        "comments_with_mentions": int(mentions["comment_id"].nunique()),
        "mentions": len(mentions),
        "extract": dict(stats or {}),  # texts read vs cached
        "candidate_terms": len(terms),
        # the corpus's one subject ("flight"): its words are domain, not passions
        "subject": subject,
        "interests": int(mentions.loc[mentions["kind"] == "interest", "term"].nunique()),
        "interests_in_graph": sum(1 for _, k in graph.nodes(data="kind") if k == "interest"),
        "channels": int(mentions.loc[mentions["kind"] == "channel", "term"].nunique()),
        "channels_used": sum(1 for _, k in graph.nodes(data="kind") if k == "channel"),
        "clusters": len(prof.clusters),
        "clustered_customers": int((clusters >= 0).sum()),
        "modularity": found.modularity,
        "agreement": found.agreement,  # of the consensus's seeded runs (mean ARI)
        "resolution": found.resolution,
        "seconds": seconds,
        "model": run_model(config, nlp),
        "versions": versions(),
        "config": config.to_dict(),
    }
    if config.labels:
        summary["labels_unknown"] = labels_unknown
    if outside:
        summary["rows_outside_dates"] = outside
    result = Result(
        comments=comments,
        mentions=mentions,
        graph=graph,
        customers=prof.customers,
        clusters=prof.clusters,
        summary=summary,
        audience=aud,
        terms=terms,
    )
    return result if loaded is None else with_input(result, loaded)


def _rows_of(frame: pd.DataFrame, comment_ids: pd.Series) -> pd.DataFrame:
    """The rows of ``frame`` whose comment is one of ``comment_ids``; no copy when all are."""
    mask = frame["comment_id"].astype(str).isin(comment_ids).to_numpy()
    return frame.reset_index(drop=True) if mask.all() else frame[mask].reset_index(drop=True)


def with_input(result: Result, loaded: Loaded) -> Result:
    """The input's rejects and counts on ``result``: nothing read is lost from the outputs.

    ``rows_read == rows_used + rows_rejected`` (SPEC) holds in ``result.summary``,
    and ``rejects.csv`` holds every record not used, with its reason.
    """
    stats = dict(loaded.stats)
    result.rejects = loaded.rejects
    result.summary = {
        **stats,
        **result.summary,
        "rows_read": stats["rows_read"],
        "rows_used": stats["rows_used"],
        "rows_rejected": stats["rows_rejected"],
    }
    return result


def run(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    config: Config = Config(),
    nlp: Language | None = None,
) -> Result:
    """Load a comments file, analyse it and (when ``out`` is given) write every output.

    Examples
    --------
    >>> from passionmap import Config, run
    >>> from passionmap.datasets.sample import write_sample
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> res = run(write_sample(d / "s.csv", customers=60), d / "out",
    ...           Config(model="blank", progress=False))
    >>> sorted(p.name for p in (d / "out").iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['audience.csv', 'clusters.csv', 'customers.csv', 'graph.gexf', 'mentions.parquet',
     'rejects.csv', 'summary.json']
    """
    t0 = time.perf_counter()
    if isinstance(out, Config):  # run(path, config): the Config went where out goes
        raise PassionmapError("pm.run(path, out, config): out is a Config; pass config=...")
    config = require_config(config, "pm.run")
    if out is not None:  # fail before the work, not after it
        check_output_dir(out, OUTPUT_MARKER)
    if config.engine == "dask":  # a folder of Parquet/CSV parts, one per worker task
        loaded = load_input(path, config)
        load_s = round(time.perf_counter() - t0, 3)
        result = analyze(loaded.comments, config, nlp)
    else:
        read = stream(path, config, nlp)
        loaded = read.loaded
        load_s = read.seconds["load"]
        result = analyze(
            loaded.comments, config, read.nlp, read.mentions, words=read.words, stats=read.stats
        )
        result.summary["seconds"] = {**read.seconds, **result.summary["seconds"]}
        result.summary["model"] = run_model(config, read.nlp)
    result = with_input(result, loaded)
    result.summary["input"] = str(path)
    result.summary["seconds"] = {"load": load_s, **result.summary["seconds"]}
    warn_unknown(result.summary.get("labels_unknown"))
    if out is not None:
        write_outputs(result, out)
    return result


def load_input(path: str | os.PathLike[str], config: Config = Config()) -> Loaded:
    """Read a comments file, or with ``config.engine == "dask"`` a folder (or glob) of parts.

    What ``run`` and ``report`` read, the same way for both: one file through
    :func:`passionmap.load_comments`; parts on the Dask cluster through
    :func:`passionmap.nlp.engine_dask.load_parts` (records numbered across parts).

    Examples
    --------
    >>> from passionmap import Config
    >>> from passionmap.datasets.sample import write_sample
    >>> import tempfile, pathlib
    >>> path = write_sample(pathlib.Path(tempfile.mkdtemp()) / "s.csv", customers=20)
    >>> load_input(path, Config(progress=False)).stats["rows_used"] > 0
    True
    """
    if require_config(config, "pm.load_input").engine == "dask":
        from .nlp.engine_dask import load_parts

        return load_parts(path, config)
    from .io.ingest import load_comments

    return load_comments(path, config)


@dataclass
class Streamed:
    """What :func:`stream` keeps of a file: comments, mentions (age cues too), timings."""

    loaded: Loaded
    mentions: pd.DataFrame
    nlp: Language | None  # None when every text came from the cache
    seconds: dict
    words: pd.DataFrame | None = None  # content words counted: customer_id, term, n (uses)
    stats: dict = field(default_factory=dict)  # texts, nlp_texts, cached, n_process


def stream(
    path: str | os.PathLike[str], config: Config = Config(), nlp: Language | None = None
) -> Streamed:
    """Read a comments file chunk by chunk, extracting as it goes.

    Each chunk of ``config.chunk_rows`` records is read, cleaned, its mentions
    and age cues found (both by spaCy), and (with ``config.keep_text=False``) its
    text let go, so memory holds one chunk of text at a time plus the compact
    columns and mentions of every comment. Content words are counted per customer and
    word as read (:class:`~passionmap.analysis.words.WordTally`): they grow with the distinct
    (customer, word) pairs, not the comments. The corpus-wide steps (brand handles,
    display labels) run once at the end: the mentions are :func:`extract`'s on the whole file.

    Returns
    -------
    Streamed
        ``loaded`` (as :func:`passionmap.load_comments`; text empty when not
        kept), ``mentions`` (interests and channels, with the age cues: rows of kind
        ``age_cue``), ``seconds`` (load, load_model, extract), ``words``
        (customer_id and term as categoricals, ``n`` the uses: one row per distinct
        pair; :func:`analyze` and :func:`passionmap.customer_features` take them as
        they are) and ``stats`` (texts, nlp_texts, cached, n_process: ``summary["extract"]``).
    """
    config = require_config(config, "pm.stream")
    seconds = {"load": 0.0, "load_model": 0.0, "extract": 0.0}
    size = input_size(path)  # a DataFrame or a list: one clear line
    parts, raw, votes = [], [], []
    tally = WordTally()  # the content words, counted per customer and word
    handles: Counter = Counter()
    counts: Counter = Counter()
    chunks = iter_comments(path, config)
    get = Loader(config, nlp)
    used = 1  # most spaCy processes a chunk was read with
    with tqdm(
        total=size,
        desc="read",
        unit="B",
        unit_scale=True,
        disable=not config.progress or size < PROGRESS_BYTES,
    ) as bar:
        while True:
            t0 = time.perf_counter()
            part = next(chunks, None)
            seconds["load"] += time.perf_counter() - t0
            if part is None:
                break
            t0 = time.perf_counter()
            # the model loads on the first text not in the cache: after the first chunk was
            # read, so a bad file fails before it loads; a fully cached run loads none
            reading = config.replace(n_process=processes_for(part.comments["text"], config))
            used = max(used, reading.n_process)
            found = raw_mentions(part.comments, reading, get)
            handles.update(found.handles)
            counts.update(found.stats)
            votes.append(label_votes(found.mentions))  # content words vote for casings too
            mentions, said = split_words(found.mentions)
            # votes counted, the casings are not needed: finish_mentions sets every label but
            # an age cue's (the words it matched); packed as codes while the file is read
            label = mentions["term"].where(mentions["kind"] != AGE_CUE, mentions["label"])
            raw.append(Packed(mentions.assign(label=label)))
            tally.add(said)
            if not config.keep_text:
                # a copy: the other object columns may still be a view of an array with the text
                part.comments = part.comments.assign(text="").copy()
            parts.append(part)
            del found, part, mentions, said
            release_memory()
            seconds["extract"] += time.perf_counter() - t0
            bar.update(parts[-1].position - bar.n)
    t0 = time.perf_counter()
    best = best_labels(pd.concat(votes).groupby(level=[0, 1]).sum())
    words = tally.counts()  # before the mentions are joined: one peak at a time
    del tally  # its chunks' counts (as many rows again), let go before the mentions are joined
    done = []
    while raw:  # chunk by chunk: one copy of the mentions at a time, the last one handed back
        done.append(finish_mentions(raw.pop(0).frame(), handles, best=best))
        release_memory()
    mentions = concat_draining(done) if len(done) > 1 else done.pop()  # the chunks let go
    seconds["extract"] += time.perf_counter() - t0 - get.seconds
    seconds["load_model"] = get.seconds
    seconds = {k: round(v, 3) for k, v in seconds.items()}
    stats = {**dict(counts), "n_process": used}
    return Streamed(concat(parts), mentions, get.nlp, seconds, words, stats)


def run_model(config: Config, nlp: Language | None = None) -> str | None:
    """summary.json's ``model``: told from its files, or from the loaded pipeline."""
    label = model_label(model_meta(config.model))
    return label if label is not None else (model_name(nlp) if nlp is not None else None)


def write_outputs(result: Result, out: str | os.PathLike[str]) -> Path:
    """Write mentions.parquet, customers.csv, clusters.csv, audience.csv,
    graph.gexf, rejects.csv and summary.json into ``out`` (atomically)."""
    out = Path(out)
    t0 = time.perf_counter()
    with atomic_dir(out, OUTPUT_MARKER) as tmp:
        result.mentions.to_parquet(tmp / "mentions.parquet", index=False)
        write_csv(result.customers, tmp / "customers.csv")
        write_csv(result.clusters, tmp / "clusters.csv")
        aud = result.audience or audience(
            result.comments, result.mentions, result.customers, result.clusters
        )
        write_csv(aud.to_frame(), tmp / "audience.csv")
        gexf, left_out = interest_subgraph(result.graph)
        result.summary["gexf_customers_without_interest"] = left_out  # not drawn in Gephi
        write_gexf(gexf, tmp / "graph.gexf")
        rejects = result.rejects.reindex(columns=REJECT_COLUMNS)
        if result.summary.get("config", {}).get("no_text"):  # --no-text
            rejects = rejects.assign(text="")
        write_csv(rejects, tmp / "rejects.csv")
        result.summary.setdefault("seconds", {})["write"] = round(time.perf_counter() - t0, 3)
        write_json(result.summary, tmp / "summary.json")
    return out


def versions() -> dict[str, str]:
    """summary.json's ``versions``: passionmap, Python and the libraries that shape results."""
    import spacy

    return {
        "passionmap": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "networkx": nx.__version__,
        "pandas": pd.__version__,
    }
