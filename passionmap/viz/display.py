"""Small HTML display helpers for the notebooks: every piece of user text escaped.

Examples
--------
>>> print(bullets(["3 communities", "<b>not bold</b>"])._repr_html_())
<ul class="pm-summary"><li>3 communities</li><li>&lt;b&gt;not bold&lt;/b&gt;</li></ul>
"""

from __future__ import annotations

import html
import numbers
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from passionmap.phrases import count, list_text, missing, percent, points, shorten
from passionmap.weekly import weeks_in

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from pandas.io.formats.style import Styler

    from passionmap.io.ingest import Loaded
    from passionmap.weekly.compare import WeeklyReport


# Kept, not IPython.display.HTML (issue 15 asked): that class is this same wrapper (the
# text/html is the markup as given) and escapes nothing either, so every builder below
# would still call html.escape on the user's text; IPython has no heading, list or note
# builder; and IPython is not a core dependency (report extra). Html also keeps the markup
# as its plain-text repr (``.markup``; tests and the executed .ipynb read it) where
# IPython's reads "<IPython.core.display.HTML object>". Tables are pandas' own:
# DataFrame.to_html(escape=True) (:class:`Table`) and Styler (:func:`show`).
class Html:
    """HTML that Jupyter shows as is; build it only with :func:`html.escape`'d text."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.markup


def bullets(sentences: list[str]) -> Html:
    """A bulleted list of plain sentences, escaped."""
    items = "".join(f"<li>{html.escape(str(s))}</li>" for s in sentences)
    return Html(f'<ul class="pm-summary">{items}</ul>')


def heading(text: str, level: int = 2) -> Html:
    """An escaped heading (for titles that contain data, e.g. the week).

    Examples
    --------
    >>> heading("Week <1>", 1).markup
    '<h1>Week &lt;1&gt;</h1>'
    """
    return Html(f"<h{level}>{html.escape(str(text))}</h{level}>")


def paragraph(text: str) -> Html:
    """An escaped paragraph of plain text (e.g. a section's introduction).

    Examples
    --------
    >>> paragraph("at least 3 customers <here>").markup
    '<p>at least 3 customers &lt;here&gt;</p>'
    """
    return Html(f"<p>{html.escape(str(text))}</p>")


def message(text: str) -> Html:
    """A short escaped note (e.g. why a section is empty)."""
    return Html(f'<p class="pm-note"><em>{html.escape(str(text))}</em></p>')


def legend(
    shown: pd.DataFrame | Html | None, meanings: dict[str, str], before: str = "", after: str = ""
) -> Html:
    """What the columns of a table mean, only those it shows, between two escaped sentences.

    ``shown`` is the table as displayed (a :class:`Table`, or the DataFrame given to
    :func:`table`); ``meanings`` maps a column to what it means, in the order to list them.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"community": ["a"], "members": [3], "passion": [0.5]})
    >>> legend(t, {"members": "customers in it", "change": "since last week",
    ...            "passion": "0 to 1"}, "Communities <now>.").markup
    '<p>Communities &lt;now&gt;. <em>members</em>: customers in it; <em>passion</em>: 0 to 1.</p>'
    """
    frame = shown.frame if isinstance(shown, Table) else shown
    cols = set() if frame is None else {str(c) for c in frame.columns}
    parts = [
        f"<em>{html.escape(c)}</em>: {html.escape(m)}" for c, m in meanings.items() if c in cols
    ]
    text = [html.escape(before)] if before else []
    text += ["; ".join(parts) + "."] if parts else []
    text += [html.escape(after)] if after else []
    return Html(f"<p>{' '.join(text)}</p>")


def table(
    df: pd.DataFrame | None,
    columns: list[str] | None = None,
    empty: str = "Nothing.",
    names: dict[str, str] | None = None,
) -> Html:
    """A table for display: selected columns, shares as percentages; a note when empty.

    ``names`` renames columns for readers (``{"size_prev": "last week"}``).
    Shares read as percentages with one decimal below 10% (``0.4%``, never a
    rounded ``0%``), ``rise`` in percentage points, ``p_value`` and ``q_value``
    (``<0.001`` or three decimals), ``z`` and ``passion`` rounded, ``age`` in
    whole years; a missing number is a dash and missing text an empty cell, so
    no ``None``, ``NaN`` or ``<NA>`` reaches a reader.

    pandas escapes every cell when Jupyter shows the DataFrame, so user text
    stays text.

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"term": ["<b>yoga</b>"], "share_curr": [0.256]}))
    >>> t.frame["share_curr"].tolist()
    ['26%']
    >>> "&lt;b&gt;yoga&lt;/b&gt;" in t.markup and "<th>0</th>" not in t.markup
    True
    >>> t = table(pd.DataFrame({"note": [None, "x"], "size_prev": [None, 3],
    ...                         "share_prev": [float("nan"), 0.004]}))
    >>> t.frame.values.tolist()
    [['', '–', '–'], ['x', '3', '0.4%']]
    >>> table(pd.DataFrame({"size": [10268], "customers": [5654.0]})).frame.values.tolist()
    [['10,268', '5,654']]
    >>> t = table(pd.DataFrame({"age": [33.0, None], "passion": [0.25, float("nan")]}))
    >>> t.frame.values.tolist()
    [['33', '0.25'], ['–', '–']]
    >>> t = table(pd.DataFrame({"p_value": [0.0004, 0.0123], "q_value": [0.0312, None]}))
    >>> t.frame.values.tolist()
    [['<0.001', '0.031'], ['0.012', '–']]
    >>> table(pd.DataFrame({"top_interests": [["yoga", "<tea>"], []]})).frame.values.tolist()
    [['yoga; <tea>'], ['']]
    >>> table(None, empty="No data.").markup
    '<p class="pm-note"><em>No data.</em></p>'
    """
    if df is None or df.empty:
        return message(empty)
    return Table(_formatted(df, columns, names))


class Table(Html):
    """A DataFrame shown without its index, missing values blank, every cell escaped.

    ``frame`` is the formatted DataFrame (for code and tests).
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        with pd.option_context("display.max_colwidth", 400):
            markup = frame.to_html(
                index=False, na_rep="", escape=True, border=0, classes="dataframe pm-table"
            )
        super().__init__(markup)


def show(
    df: pd.DataFrame,
    columns: list[str] | None = None,
    names: dict[str, str] | None = None,
    empty: str = "Nothing to show.",
    max_chars: int | None = None,
) -> Html | Styler:
    """A table to read in JupyterLab: no index, text left-aligned and in full, escaped.

    Like :func:`table` (the same names and formatting), as a pandas ``Styler``:
    line breaks in comments are kept, missing values are blank (no "nan").
    An empty table is one line saying ``empty``. ``max_chars`` cuts longer
    texts, the cut marked with an ellipsis: a preview of forum posts or
    e-mails, some of which run to pages.

    >>> frame = pd.DataFrame({"text": ["Flew with my guitar again", "ok"], "n": [1, 2]})
    >>> show(frame, max_chars=12).data["text"].tolist()
    ['Flew with m\u2026', 'ok']
    """
    shown = table(df, columns, empty=empty, names=names)
    if not isinstance(shown, Table):
        return shown  # one line saying why there is no table
    frame = shown.frame
    if max_chars:
        frame = frame.apply(
            lambda col: col.map(lambda v: shorten(v, max_chars) if isinstance(v, str) else v)
        )
    return (
        frame.style.hide(axis="index")
        .format(escape="html", precision=2, na_rep="")
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_properties(**{"white-space": "pre-wrap"})
        .set_table_styles([{"selector": "th", "props": "text-align: left;"}])
    )


def _formatted(
    df: pd.DataFrame, columns: list[str] | None, names: dict[str, str] | None
) -> pd.DataFrame:
    dash = "\u2013"

    def fmt(series: pd.Series, f: Callable[[Any], str]) -> pd.Series:
        return series.map(lambda v: dash if missing(v) else f(v)).astype(object)

    out = df[columns].copy() if columns else df.copy()
    for col in out.columns:
        name = str(col)
        if out[col].dtype == object and out[col].map(_is_list).any():
            out[col] = out[col].map(list_text)  # lists (top_interests, ...) as in the CSV files
        elif name.startswith("share") or name.endswith("_share"):  # start_share: 100%
            out[col] = fmt(out[col], percent)
        elif name == "rise":
            out[col] = fmt(out[col], points)
        elif name in ("member_jaccard", "interest_similarity"):
            out[col] = fmt(out[col], lambda v: f"{v:.0%}")
        elif name == "change_pct":
            out[col] = fmt(out[col], lambda v: f"{v:+.0f}%")
        elif name == "passion":  # no interest mention: no passion (a dash), not 0.00
            out[col] = fmt(out[col], lambda v: f"{v:.2f}")
        elif name == "age":  # years: 33, not 33.00
            out[col] = fmt(out[col], lambda v: f"{v:.0f}")
        elif name == "z":
            out[col] = fmt(out[col], lambda v: f"{v:.1f}")
        elif name in ("p_value", "q_value"):  # q: p corrected for testing every interest
            out[col] = fmt(out[col], lambda v: "<0.001" if v < 0.001 else f"{v:.3f}")
        elif _is_count(name, out[col]):
            out[col] = fmt(out[col], count)  # counts: 10,268, not 10268 or 10268.0
        elif not pd.api.types.is_float_dtype(out[col].dtype) and out[col].isna().any():
            # None, NaN, <NA> in text or nullable columns: an empty cell
            out[col] = out[col].astype(object).map(lambda v: "" if missing(v) else v)
    return out.rename(columns=names or {}).reset_index(drop=True)


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple)


#: Columns that count things (shown with thousands separators), and integer
#: columns that do not (ids and numbers, shown as they are).
_COUNTS = ("size", "customers", "members", "inferred", "first_members", "second_adds", "n_")


_NOT_COUNTS = ("cluster", "prev_cluster", "comment_id", "customer_id", "record", "rank", "step")


def _is_count(name: str, series: pd.Series) -> bool:
    if name in _NOT_COUNTS or name.endswith("_id"):
        return False
    if name.startswith(_COUNTS) or name in ("count", "bytes", "adds"):
        return True
    return pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
        series.dtype
    )


def _value_text(value: object) -> str:
    """A value of an information table: counts with thousands separators, missing as empty."""
    if value is None or (not isinstance(value, str | dict | list) and missing(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return count(value)
    return str(value)


def stats_table(stats: dict, names: dict[str, str] | None = None) -> pd.DataFrame:
    """A two-column table of the scalar entries of a stats/summary dict.

    ``names`` gives the measures readable names (``rows_read`` -> ``records read``;
    :data:`passionmap.viz.readable.STATS`); with it, a measure it does not list reads
    with spaces for underscores. The dict itself is left as it is.

    Examples
    --------
    >>> stats_table({"rows_read": 10268, "seconds": {"load": 1.0}}).values.tolist()
    [['rows_read', '10,268']]
    >>> stats_table({"subject": None}).values.tolist()  # as the report says it
    [['subject', 'many subjects: words one community shares can be its interests']]
    >>> stats_table({"rows_read": 10268, "bad_ages": 0}, {"rows_read": "records read"}).values
    array([['records read', '10,268'],
           ['bad ages', '0']], dtype=object)
    """
    rows = [
        (k, _subject_text(v) if k == "subject" else _value_text(v))  # None: many subjects
        for k, v in stats.items()
        if not isinstance(v, dict | list)
    ]
    if names is not None:
        rows = [(names.get(k, k.replace("_", " ")), v) for k, v in rows]
    return pd.DataFrame(rows, columns=["measure", "value"])


def data_table(
    loaded: Loaded, report: WeeklyReport, path: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """What the weekly report is based on: file, records, the two weeks, model."""
    stats = loaded.stats
    prev = report.previous
    cov, prev_cov = getattr(report, "coverage", None), getattr(report, "prev_coverage", None)
    rows = [
        ("input file", Path(path).name if path else ""),
        ("format", stats.get("format")),
        ("records read", stats.get("rows_read")),
        ("records used", stats.get("rows_used")),
        ("records rejected", stats.get("rows_rejected")),
        *(
            [("of them outside the dates", stats["rows_outside_dates"])]
            if stats.get("rows_outside_dates")
            else []
        ),
        ("weeks in the data", ", ".join(weeks_of(loaded.comments))),
        (f"days of {report.week}", f"{cov.span()}; {cov.days_text()}" if cov else None),
        (
            f"days of {report.prev_week}",
            f"{prev_cov.span()}; {prev_cov.days_text()}" if prev_cov else "no comments",
        ),
        (f"comments in {report.week}", len(report.current.comments)),
        (f"customers in {report.week}", report.current.summary.get("customers")),
        (f"comments in {report.prev_week}", len(prev.comments) if prev is not None else 0),
        (f"customers in {report.prev_week}", prev.summary.get("customers") if prev else 0),
        ("subject of the comments", _subject_text(report.current.summary.get("subject"))),
        ("model", report.current.summary.get("model")),
        ("passionmap", report.current.summary.get("versions", {}).get("passionmap")),
    ]
    return pd.DataFrame([(k, _value_text(v)) for k, v in rows], columns=["", "value"])


def _subject_text(subject: str | None) -> str:
    """The corpus's one subject (passionmap.nlp.vocabulary.corpus_subject), in words."""
    if not subject:
        return "many subjects: words one community shares can be its interests"
    return f"{subject!r}: words about it are its parts, not interests"


def weeks_of(comments: pd.DataFrame) -> list[str]:
    """The weeks of the comments, first and last shown when there are many."""
    weeks = weeks_in(comments)
    return weeks if len(weeks) <= 6 else [weeks[0], "...", weeks[-1]]


def graph_table(graph: nx.Graph) -> pd.DataFrame:
    """Nodes per kind and edges of the customer-interest-channel graph.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("customer:a", "interest:yoga")])
    >>> g.nodes["customer:a"]["kind"] = "customer"
    >>> g.nodes["interest:yoga"]["kind"] = "interest"
    >>> graph_table(g).values.tolist()
    [['customer nodes', 1], ['interest nodes', 1], ['channel nodes', 0], ['edges', 1]]
    """
    kinds = pd.Series([k for _, k in graph.nodes(data="kind")], dtype=object).value_counts()
    rows = [(f"{k} nodes", int(kinds.get(k, 0))) for k in ("customer", "interest", "channel")]
    rows.append(("edges", graph.number_of_edges()))
    return pd.DataFrame(rows, columns=["part", "count"])


def files_table(folder: str | os.PathLike[str]) -> pd.DataFrame:
    """The files written to a folder, with their sizes."""
    folder = Path(folder)
    rows = [(p.name, p.stat().st_size) for p in sorted(folder.iterdir()) if p.is_file()]
    return pd.DataFrame(rows, columns=["file", "bytes"]).assign(folder=str(folder))
