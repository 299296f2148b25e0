"""Render the notebooks: papermill runs, self-contained HTML, notebook hygiene.

:func:`render_report` is what ``passionmap report`` and ``make report`` call.
The small display helpers (:func:`bullets`, :func:`heading`, :func:`table`)
keep the notebooks thin and every piece of user text escaped.

Examples
--------
>>> print(bullets(["3 communities", "<b>not bold</b>"])._repr_html_())
<ul class="pm-summary"><li>3 communities</li><li>&lt;b&gt;not bold&lt;/b&gt;</li></ul>
"""

from __future__ import annotations

import contextlib
import html
import numbers
import os
import re
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

import nbformat
import pandas as pd

from passionmap.config import Config
from passionmap.errors import PassionmapError, first_line

#: Where the notebooks live: the repository's notebooks/ (an editable install, where
#: analysts edit them), else the copy every wheel carries (``passionmap/notebooks_data``).
_REPO_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK_DIR = (
    _REPO_NOTEBOOKS
    if (_REPO_NOTEBOOKS / "weekly_report.ipynb").is_file()
    else Path(__file__).resolve().parent / "notebooks_data"
)
WEEKLY = "weekly_report.ipynb"
#: changes.csv beside a report (SPEC "The command line")
CHANGES_COLUMNS = [
    "name", "status", "top_interests", "members_last_week", "members_this_week", "note",
]  # fmt: skip
EXPLORE = "explore.ipynb"

#: Config fields that have their own notebook parameter (the rest go in ``options``).
NAMED = (
    "text_col",
    "customer_col",
    "id_col",
    "time_col",
    "channel_col",
    "age_col",
    "channel",
    "dayfirst",
    "model",
    "resolution",
    "seed",
    "min_mentions",
)
_NONE_AS_EMPTY = ("channel", "model")


# ----------------------------------------------------------- notebooks
def notebook_path(name: str = WEEKLY) -> Path:
    """The path of a bundled notebook (``weekly_report.ipynb``, ``explore.ipynb``).

    Raises
    ------
    PassionmapError
        When the notebook is in neither place (a broken install).

    Examples
    --------
    >>> notebook_path("weekly_report.ipynb").name
    'weekly_report.ipynb'
    """
    path = NOTEBOOK_DIR / name
    if not path.is_file():
        raise PassionmapError(
            f"notebook {name} not found in {NOTEBOOK_DIR}; reinstall passionmap "
            "(pip install passionmap, or make setup in its repository)"
        )
    return path


def config_parameters(config: Config = Config()) -> dict:  # noqa: B008 (frozen)
    """Notebook parameters for a Config: the named fields, plus ``options`` for the rest.

    Examples
    --------
    >>> p = config_parameters(Config(channel="twitter", neighbors=7))
    >>> p["channel"], p["model"], p["options"]
    ('twitter', '', {'neighbors': 7})
    """
    default = Config()
    params = {}
    for name in NAMED:
        value = getattr(config, name)
        params[name] = "" if value is None and name in _NONE_AS_EMPTY else value
    options = {}
    for f in fields(Config):
        value = getattr(config, f.name)
        if f.name in NAMED or value == getattr(default, f.name):
            continue
        options[f.name] = list(value) if isinstance(value, tuple) else value
    params["options"] = options
    return params


def config_from_parameters(options: dict | None = None, **named) -> Config:
    """Rebuild the Config from notebook parameters (inverse of :func:`config_parameters`).

    Empty ``channel``/``model`` mean None; progress bars are off unless
    ``options`` turns them on (they would clutter the report).

    Raises
    ------
    PassionmapError
        On a parameter that is no Config field.

    Examples
    --------
    >>> cfg = config_from_parameters(channel="", model="blank", seed=7,
    ...                              options={"extra_stop_terms": ["flight"]})
    >>> cfg.channel, cfg.model, cfg.seed, cfg.extra_stop_terms, cfg.progress
    (None, 'blank', 7, ('flight',), False)
    """
    known = {f.name for f in fields(Config)}
    values = {"progress": False}
    for name, value in {**named, **(options or {})}.items():
        if name not in known:
            raise PassionmapError(f"unknown notebook parameter / Config field {name!r}")
        if name in _NONE_AS_EMPTY and value == "":
            value = None
        if isinstance(getattr(Config(), name), tuple) and value is not None:
            value = tuple(value)
        values[name] = value
    return Config(**values)


def input_or_sample(input_path: str | os.PathLike | None, folder=None, **sample) -> Path:
    """The input file to use: ``input_path``, or the embedded sample written to a folder.

    Parameters
    ----------
    input_path : str or path or None
        The user's file; empty or None means the embedded sample.
    folder : path, optional
        Where to write the sample (default: a new temporary folder).
    **sample
        Options of :func:`passionmap.sample.write_sample` (``customers``, ``weeks``, ``seed``).
    """
    if input_path not in (None, ""):
        return Path(input_path).expanduser()
    from passionmap.sample import write_sample

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="passionmap-sample-"))
    folder.mkdir(parents=True, exist_ok=True)
    return Path(write_sample(folder / "sample_comments.csv", **sample))


def output_folder(output_dir: str | os.PathLike | None) -> Path:
    """The folder for exports: ``output_dir``, or a new temporary one when empty."""
    if output_dir in (None, ""):
        return Path(tempfile.mkdtemp(prefix="passionmap-out-"))
    return Path(output_dir).expanduser()


# ----------------------------------------------------------- rendering
def _this_python_kernel():
    """A kernel manager that starts ipykernel with this very interpreter.

    A user's own ``python3`` kernelspec may point at another Python without
    passionmap; the report must run where passionmap is installed.
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisPythonKernel(AsyncKernelManager):
        @property
        def kernel_spec(self):
            return KernelSpec(
                argv=[
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                    "--log-level=ERROR",  # not the local-TCP warning on every render
                ],
                display_name="Python 3 (passionmap)",
                language="python",
                resource_dir=str(NOTEBOOK_DIR),
            )

    return ThisPythonKernel


def execute(
    template: Path,
    output: Path,
    parameters: dict,
    timeout: int | None = 1800,
) -> Path:
    """Execute a notebook with papermill into ``output``; keep a failure for debugging.

    The notebook is run into a hidden temporary file next to ``output`` and
    moved into place only when every cell succeeded. On a failing cell the
    partial notebook is kept as ``<output stem>.failed.ipynb``.

    Raises
    ------
    PassionmapError
        Naming the failing cell's error and the kept partial notebook.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    failed = output.with_name(output.stem + ".failed.ipynb")
    tmp = output.with_name(f".{output.stem}.{os.getpid()}.running.ipynb")
    try:
        pm.execute_notebook(
            str(template),
            str(tmp),
            parameters=parameters,
            kernel_name="python3",
            kernel_manager_class=_this_python_kernel(),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
        )
    except PapermillExecutionError as err:
        where = _keep(tmp, failed)
        raise PassionmapError(
            f"{template.name} failed in cell {_failing_cell(where, err)} with {err.ename}: "
            f"{first_line(err.evalue)}; partial notebook kept in {where}"
        ) from None
    except Exception as err:  # kernel died, timed out, could not start
        where = _keep(tmp, failed)
        kept = f"; partial notebook kept in {where}" if where else ""
        raise PassionmapError(
            f"{template.name} could not run: {type(err).__name__}: {first_line(str(err))}{kept}"
        ) from None
    os.replace(tmp, output)
    failed.unlink(missing_ok=True)
    return output


def _failing_cell(partial: Path | None, err) -> str:
    """``'setup' (In [4])``: the id of the cell that raised, and its execution count."""
    count = f"In [{err.exec_count}]"
    try:
        nb = nbformat.read(partial, as_version=4)
    except Exception:  # noqa: BLE001 - the message must not fail
        return count
    for cell in nb.cells:
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"{cell.get('id', '?')!r} ({count})"
    return count


def _keep(tmp: Path, failed: Path) -> Path | None:
    if tmp.exists():
        os.replace(tmp, failed)
        return failed
    return None


#: The lab template without its CDN scripts (require.js, MathJax, Mermaid): the
#: report holds no JavaScript, opens offline and sends no request anywhere.
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img alt="{{ output.metadata.get('pm_alt', 'figure') | escape_html }}"
 src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}">
</div>
{% endblock data_png %}
{% block extra_css %}
<style type="text/css">
  main { max-width: 1100px; margin: 0 auto; }
  .pm-summary li { font-size: 1.1em; margin: 0.2em 0; }
  .pm-note { color: #555; }
  .jp-RenderedHTMLCommon table { font-size: 0.85em; }
  .jp-RenderedHTMLCommon table.pm-table td,
  .jp-RenderedHTMLCommon table.pm-table th,
  .jp-RenderedHTMLCommon table.pm-table tr { text-align: left; vertical-align: top; }
</style>
{% endblock extra_css %}
"""


_HEADING = re.compile(r"^<h[1-6]>(.*?)</h[1-6]>")


def to_html(notebook: Path, html_path: Path, title: str | None = None) -> Path:
    """Convert an executed notebook to one self-contained HTML file, atomically.

    Code cells and prompts are hidden, figures stay embedded as base64 PNG
    (alt text: the section they illustrate), stderr output (warnings) is left
    in the notebook only.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if "remove_cell" not in c.metadata.get("tags", [])]
    section = "figure"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            titles = [ln.lstrip("#").strip() for ln in cell.source.splitlines() if ln[:1] == "#"]
            section = titles[-1] if titles else section
            continue
        cell.outputs = [
            o
            for o in cell.get("outputs", [])
            if not (o.output_type == "stream" and o.name == "stderr")
        ]
        for o in cell.outputs:  # alt text of a figure: the section it illustrates
            title = _HEADING.match(str(o.get("data", {}).get("text/html", "")))
            if title:  # a section drawn by code (shown only when it has something to say)
                section = html.unescape(title.group(1))
            if "image/png" in o.get("data", {}):
                o.setdefault("metadata", {})["pm_alt"] = f"Figure: {section}"
    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"passionmap.html.j2": _TEMPLATE})],
        template_file="passionmap.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    resources = {"metadata": {"name": title or Path(notebook).stem}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    html_path = Path(html_path)
    tmp = html_path.with_name(f".{html_path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, html_path)
    finally:
        tmp.unlink(missing_ok=True)
    return html_path


def render_report(
    input_path: str | os.PathLike | None,
    out_dir: str | os.PathLike,
    week: str | None = None,
    config: Config = Config(),  # noqa: B008 (frozen)
    timeout: int | None = 1800,
) -> Path:
    """Render the weekly report of one week to ``<out_dir>/weekly_report_<week>.html``.

    Runs ``notebooks/weekly_report.ipynb`` with papermill into
    ``<out_dir>/weekly_report_<week>.ipynb`` and converts it to a
    self-contained HTML file (code hidden, figures embedded, user text escaped).

    Parameters
    ----------
    input_path : str or path or None
        Comments file; None or empty: the embedded sample (written to a temp folder).
    out_dir : str or path
        Folder for the rendered notebook and HTML (created if needed).
    week : str, optional
        ISO week ``YYYY-Www``; default: the latest complete week in the data
        (the report then names the partial week it passed over, if any).
    config : Config
        Column mapping and run settings (as for ``passionmap run``).
    timeout : int or None
        Seconds one cell may run.

    Returns
    -------
    Path
        The HTML file.

    Raises
    ------
    PassionmapError
        When the input cannot be read, the week is not in the data, or a cell
        fails; then the partial notebook is kept as
        ``weekly_report_<week>.failed.ipynb`` and no HTML (and no stale
        report of that week) is left.
    """
    from passionmap.ingest import load_comments
    from passionmap.weekly import pick_week

    template = notebook_path(WEEKLY)
    with contextlib.ExitStack() as stack:
        folder = None
        if input_path in (None, ""):  # the embedded sample, removed afterwards
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="passionmap-"))
        path = input_or_sample(input_path, folder).resolve()
        loaded = load_comments(path, config)
        picked = week in (None, "")  # the report then says why it is this week
        week = pick_week(loaded.comments, week)
        del loaded
        out_dir = Path(out_dir).expanduser().resolve()
        out_dir.mkdir(parents=True, exist_ok=True)
        ipynb = out_dir / f"weekly_report_{week}.ipynb"
        html_path = out_dir / f"weekly_report_{week}.html"
        parameters = {
            "input_path": str(path),
            "week": week,
            "picked_week": picked,
            "output_dir": str(out_dir / f"weekly_report_{week}_tables"),
            **config_parameters(config),
        }
        try:
            execute(template, ipynb, parameters, timeout=timeout)
            return to_html(ipynb, html_path, title=f"Weekly passion report {week}")
        except BaseException:
            # nothing may look like a finished report of this week
            html_path.unlink(missing_ok=True)
            if ipynb.with_name(ipynb.stem + ".failed.ipynb").exists():
                ipynb.unlink(missing_ok=True)
            raise


# ----------------------------------------------------------- notebook hygiene
def notebook_problems(path: str | os.PathLike) -> list[str]:
    """What keeps a notebook from being clean for git: outputs, execution counts.

    Examples
    --------
    >>> notebook_problems(notebook_path("explore.ipynb"))
    []
    """
    nb = nbformat.read(path, as_version=4)
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{Path(path).name}: cell {i} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{Path(path).name}: cell {i} has an execution count")
        if "execution" in cell.get("metadata", {}) or "papermill" in cell.get("metadata", {}):
            problems.append(f"{Path(path).name}: cell {i} has execution metadata")
    if "papermill" in nb.metadata:
        problems.append(f"{Path(path).name}: has papermill metadata")
    return problems


def strip_notebook(path: str | os.PathLike) -> bool:
    """Remove outputs, execution counts and run metadata in place; True when changed."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled", "jupyter"):
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    if "language_info" in nb.metadata:
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    after = nbformat.writes(nb) + "\n"
    if after == before:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(after, encoding="utf-8")
    os.replace(tmp, path)
    return True


# ----------------------------------------------------------- display helpers
class Html:
    """HTML that Jupyter shows as is; build it only with :func:`html.escape`'d text."""

    def __init__(self, markup: str):
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


def table(
    df: pd.DataFrame | None,
    columns: list[str] | None = None,
    empty: str = "Nothing.",
    names: dict[str, str] | None = None,
):
    """A table for display: selected columns, shares as percentages; a note when empty.

    ``names`` renames columns for readers (``{"size_prev": "last week"}``).
    Shares read as percentages with one decimal below 10% (``0.4%``, never a
    rounded ``0%``), ``rise`` in percentage points, ``p_value`` and ``z``
    rounded; a missing number is a dash and missing text an empty cell, so no
    ``None``, ``NaN`` or ``<NA>`` reaches a reader.

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

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        with pd.option_context("display.max_colwidth", 400):
            markup = frame.to_html(
                index=False, na_rep="", escape=True, border=0, classes="dataframe pm-table"
            )
        super().__init__(markup)


def _formatted(df: pd.DataFrame, columns, names) -> pd.DataFrame:
    from passionmap.phrases import count, missing, percent
    from passionmap.weekly import points

    dash = "\u2013"

    def fmt(series: pd.Series, f) -> pd.Series:
        return series.map(lambda v: dash if missing(v) else f(v)).astype(object)

    out = df[columns].copy() if columns else df.copy()
    for col in out.columns:
        name = str(col)
        if name.startswith("share"):
            out[col] = fmt(out[col], percent)
        elif name == "rise":
            out[col] = fmt(out[col], points)
        elif name in ("member_jaccard", "interest_similarity"):
            out[col] = fmt(out[col], lambda v: f"{v:.0%}")
        elif name == "change_pct":
            out[col] = fmt(out[col], lambda v: f"{v:+.0f}%")
        elif name == "z":
            out[col] = fmt(out[col], lambda v: f"{v:.1f}")
        elif name == "p_value":
            out[col] = fmt(out[col], lambda v: "<0.001" if v < 0.001 else f"{v:.3f}")
        elif _is_count(name, out[col]):
            out[col] = fmt(out[col], count)  # counts: 10,268, not 10268 or 10268.0
        elif not pd.api.types.is_float_dtype(out[col].dtype) and out[col].isna().any():
            # None, NaN, <NA> in text or nullable columns: an empty cell
            out[col] = out[col].astype(object).map(lambda v: "" if missing(v) else v)
    return out.rename(columns=names or {}).reset_index(drop=True)


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


def _value_text(value) -> str:
    """A value of an information table: counts with thousands separators, missing as empty."""
    from passionmap.phrases import count, missing

    if value is None or (not isinstance(value, str | dict | list) and missing(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return count(value)
    return str(value)


def stats_table(stats: dict) -> pd.DataFrame:
    """A two-column table of the scalar entries of a stats/summary dict.

    Examples
    --------
    >>> stats_table({"rows_read": 10268, "seconds": {"load": 1.0}}).values.tolist()
    [['rows_read', '10,268']]
    """
    rows = [(k, _value_text(v)) for k, v in stats.items() if not isinstance(v, dict | list)]
    return pd.DataFrame(rows, columns=["measure", "value"])


def data_table(loaded, report, path=None) -> pd.DataFrame:
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
        ("model", report.current.summary.get("model")),
        ("passionmap", report.current.summary.get("versions", {}).get("passionmap")),
    ]
    return pd.DataFrame([(k, _value_text(v)) for k, v in rows], columns=["", "value"])


def weeks_of(comments: pd.DataFrame) -> list[str]:
    """The weeks of the comments, first and last shown when there are many."""
    from passionmap.weekly import weeks_in

    weeks = weeks_in(comments)
    return weeks if len(weeks) <= 6 else [weeks[0], "...", weeks[-1]]


def graph_table(graph) -> pd.DataFrame:
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


def files_table(folder: str | os.PathLike) -> pd.DataFrame:
    """The files written to a folder, with their sizes."""
    folder = Path(folder)
    rows = [(p.name, p.stat().st_size) for p in sorted(folder.iterdir()) if p.is_file()]
    return pd.DataFrame(rows, columns=["file", "bytes"]).assign(folder=str(folder))


def write_tables(report, output_dir: str | os.PathLike | None) -> Path | None:
    """Write one week's tables as CSV into ``output_dir`` (SPEC "The command line").

    ``communities.csv`` (this week's communities with their stable names),
    ``changes.csv`` (name, status, top_interests, members_last_week,
    members_this_week, note), ``emerging.csv`` and ``start_channels.csv``.
    Text cells are neutralised against spreadsheet formulas. Nothing is
    written when ``output_dir`` is empty.
    """
    if output_dir in (None, ""):
        return None
    import pandas as pd

    from passionmap.export import write_csv

    folder = Path(output_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    clusters = report.current.clusters
    changes = report.changes
    has = changes is not None and len(changes) > 0
    names = dict(zip(changes["cluster"], changes["name"], strict=True)) if has else {}
    tops = dict(zip(clusters["cluster"], clusters["top_interests"], strict=True))
    communities = clusters.assign(name=clusters["cluster"].map(lambda c: names.get(c, "")))
    if has:
        changes = pd.DataFrame(
            {
                "name": changes["name"],
                "status": changes["status"],
                "top_interests": changes["cluster"].map(lambda c: tops.get(c, "")),
                "members_last_week": changes["size_prev"],
                "members_this_week": changes["size"],
                "note": changes["note"],
            }
        )
    else:
        changes = pd.DataFrame(columns=CHANGES_COLUMNS)
    tables = {
        "communities": communities,
        "changes": changes,
        "emerging": report.emerging,
        "start_channels": report.starts,
    }
    for name, df in tables.items():
        if df is not None:
            write_csv(df, folder / f"{name}.csv")
    return folder
