"""Render a notebook: run it with papermill, convert it to one self-contained HTML file.

:func:`render_report` is what ``passionmap report`` and ``make report`` call.
"""

from __future__ import annotations

import contextlib
import html
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from passionmap.config import Config
from passionmap.errors import PassionmapError, first_line
from passionmap.io.files import check_output_dir, pid_alive, write_text_atomic
from passionmap.viz.notebook import (
    NOTEBOOK_DIR,
    WEEKLY,
    config_parameters,
    input_or_sample,
    notebook_path,
)

if TYPE_CHECKING:  # pragma: no cover
    from jupyter_client.manager import AsyncKernelManager
    from papermill.exceptions import PapermillExecutionError

    from passionmap.io.loaded import Loaded


#: The file in which :func:`render_report` hands the comments it read to the notebook.
HANDED = "loaded.pickle"


def hand_over(loaded: Loaded, folder: str | os.PathLike[str]) -> Path:
    """Keep ``loaded`` in ``folder`` for the report notebook (:func:`read_handed`).

    :func:`render_report` reads the input to pick the week; the notebook then
    takes the same :class:`~passionmap.io.loaded.Loaded` from this file instead
    of reading and parsing the input a second time. Measured: the airline
    tweets (14,640 rows) take 0.93 s to load and 0.05 s to write and read back
    here (0.15 s and 0.01 s for the sample); the file is a pickle because it is
    the exact objects (dtypes, rejects, counts) and is written and read by this
    package only, in a private temporary folder, during one report.

    >>> import pandas as pd, tempfile
    >>> from passionmap.io.loaded import Loaded
    >>> one = Loaded(pd.DataFrame({"text": ["hi"]}), pd.DataFrame(), {"rows_read": 1})
    >>> read_handed(hand_over(one, tempfile.mkdtemp())).stats
    {'rows_read': 1}
    """
    path = Path(folder) / HANDED
    with open(path, "wb") as fh:
        pickle.dump(loaded, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def read_handed(path: str | os.PathLike[str]) -> Loaded:
    """The comments :func:`hand_over` kept (in the notebook, from ``loaded_path``)."""
    with open(path, "rb") as fh:
        return pickle.load(fh)  # noqa: S301 (our own file, see hand_over)


def _this_python_kernel() -> type[AsyncKernelManager]:
    """A kernel manager that starts ipykernel with this very interpreter.

    A user's own ``python3`` kernelspec may point at another Python without
    passionmap; the report must run where passionmap is installed.
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisPythonKernel(AsyncKernelManager):
        @property
        def kernel_spec(self) -> KernelSpec:
            return KernelSpec(
                argv=[
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                    # not the local-TCP warning on every render, nor the ZMQ error
                    # a kernel stopped in mid-cell logs (Ctrl-C); cell errors still
                    # come back through papermill
                    "--log-level=CRITICAL",
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
    progress: bool = False,
) -> Path:
    """Execute a notebook with papermill into ``output``; keep a failure for debugging.

    The notebook is run into a hidden temporary file next to ``output``
    (``.<stem>.<pid>.running.ipynb``) and moved into place only when every
    cell succeeded. On a failing cell the partial notebook is kept as
    ``<output stem>.failed.ipynb``. On Ctrl-C (:class:`KeyboardInterrupt`)
    the temporary file is removed, ``output`` is left as it was and the
    interrupt goes on up. Temporary files of earlier runs that were killed
    (their process is gone) are removed first.

    Parameters
    ----------
    template : Path
        The notebook to run.
    output : Path
        The executed notebook to write.
    parameters : dict
        Papermill parameters.
    timeout : int or None
        Seconds one cell may run.
    progress : bool
        Show papermill's cell progress bar on stderr.

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
    sweep_running(output.parent)
    tmp = output.with_name(f".{output.stem}.{os.getpid()}{RUNNING}")
    try:
        pm.execute_notebook(
            str(template),
            str(tmp),
            parameters=parameters,
            kernel_name="python3",
            kernel_manager_class=_this_python_kernel(),
            progress_bar=progress,
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
    except BaseException:  # Ctrl-C: no temporary file left, the output as it was
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, output)
    failed.unlink(missing_ok=True)
    return output


#: How the notebook being run is named beside its output: ``.<stem>.<pid>.running.ipynb``.
RUNNING = ".running.ipynb"
_RUNNING = re.compile(r"\..+\.(\d+)\.running\.ipynb")


def sweep_running(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the ``.running.ipynb`` files that killed runs left in ``folder``.

    A file whose process still runs (another render into the same folder) is
    left alone.

    Returns
    -------
    list of Path
        The files removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / f".weekly_report_2026-W01.{os.getpid()}.running.ipynb").write_text("{}")
    >>> _ = (d / ".weekly_report_2026-W01.999999999.running.ipynb").write_text("{}")
    >>> [p.name for p in sweep_running(d)]
    ['.weekly_report_2026-W01.999999999.running.ipynb']
    """
    removed = []
    try:
        paths = sorted(Path(folder).iterdir())
    except OSError:
        return removed
    for path in paths:
        m = _RUNNING.fullmatch(path.name)
        if m is None or int(m.group(1)) == os.getpid() or pid_alive(int(m.group(1))):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _say(message: str, progress: bool) -> None:
    """One line on stderr about the stage ``report`` is in (when progress is on)."""
    if progress:
        print(f"passionmap: {message}", file=sys.stderr, flush=True)


def _failing_cell(partial: Path | None, err: PapermillExecutionError) -> str:
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


#: Warnings of the notebook that the person running ``report`` must see (its stderr is
#: left out of the HTML): category name -> said as one line on stderr.
RELAYED = ("UnknownLabels",)


def relay_warnings(notebook: Path) -> list[str]:
    """Say on stderr, one line each, the :data:`RELAYED` warnings an executed notebook gave."""
    said = []
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - a message must not fail the report
        return said
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") != "stream" or o.get("name") != "stderr":
                continue
            for line in str(o.get("text", "")).splitlines():
                for name in RELAYED:
                    if f" {name}: " in line and (msg := line.split(f" {name}: ", 1)[1]):
                        said.append(msg)
    for msg in dict.fromkeys(said):
        print(f"passionmap: warning: {msg}", file=sys.stderr, flush=True)
    return said


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
    return write_text_atomic(html_path, body)


def render_report(
    input_path: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str],
    week: str | None = None,
    config: Config = Config(),  # noqa: B008 (frozen)
    timeout: int | None = 1800,
    progress: bool | None = None,
) -> Path:
    """Render the weekly report of one week to ``<out_dir>/weekly_report_<week>.html``.

    Runs ``notebooks/weekly_report.ipynb`` with papermill into
    ``<out_dir>/weekly_report_<week>.ipynb`` and converts it to a
    self-contained HTML file (code hidden, figures embedded, user text escaped).
    The input is read once, here (the week names the files); the notebook takes
    those comments (:func:`hand_over`) instead of reading the file again.

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
    progress : bool, optional
        Say on stderr what is being done, one line per stage, and show the
        notebook's cell progress (default: ``config.progress``).

    Returns
    -------
    Path
        The HTML file.

    Raises
    ------
    PassionmapError
        When ``out_dir`` cannot be written (said before the input is read: a
        file, a folder under a file), the input cannot be read, the week is not
        in the data, or a cell
        fails; then the partial notebook is kept as
        ``weekly_report_<week>.failed.ipynb`` and no HTML (and no stale
        report of that week) is left.
    KeyboardInterrupt
        On Ctrl-C: no temporary file is left and an earlier report of the
        week is kept as it was.
    """
    from passionmap.pipeline import load_input
    from passionmap.weekly import pick_week

    progress = config.progress if progress is None else bool(progress)
    template = notebook_path(WEEKLY)
    # before the input is read: an --out that is a file used to fail, after the whole
    # load, as "File exists"
    out_dir = check_output_dir(out_dir)
    with contextlib.ExitStack() as stack:
        folder = None
        if input_path in (None, ""):  # the embedded sample, removed afterwards
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="passionmap-"))
            _say("writing the embedded sample...", progress)
        path = input_or_sample(input_path, folder).resolve()
        _say(f"reading comments from {path.name}...", progress)
        loaded = load_input(path, config)  # a folder of parts with --engine dask, as run reads it
        picked = week in (None, "")  # the report then says why it is this week
        week = pick_week(loaded.comments, week)
        # the notebook takes these comments instead of reading the input again
        handed = hand_over(loaded, stack.enter_context(tempfile.TemporaryDirectory(prefix="pm-")))
        del loaded
        out_dir.mkdir(parents=True, exist_ok=True)
        ipynb = out_dir / f"weekly_report_{week}.ipynb"
        html_path = out_dir / f"weekly_report_{week}.html"
        parameters = {
            "input_path": str(path),
            "loaded_path": str(handed),
            "week": week,
            "picked_week": picked,
            "output_dir": str(out_dir / f"weekly_report_{week}_tables"),
            **config_parameters(config),
        }
        try:
            _say(f"running the report notebook for {week} (extraction, communities)...", progress)
            execute(template, ipynb, parameters, timeout=timeout, progress=progress)
            relay_warnings(ipynb)
            _say("writing the HTML...", progress)
            return to_html(ipynb, html_path, title=f"Weekly passion report {week}")
        except KeyboardInterrupt:
            raise  # execute left no temporary file; an earlier report stays as it was
        except BaseException:
            # nothing may look like a finished report of this week
            html_path.unlink(missing_ok=True)
            if ipynb.with_name(ipynb.stem + ".failed.ipynb").exists():
                ipynb.unlink(missing_ok=True)
            raise
