"""The bundled notebooks: where they are, their papermill parameters, and keeping them clean.

Examples
--------
>>> notebook_path("weekly_report.ipynb").name
'weekly_report.ipynb'
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import fields
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import nbformat

from passionmap.config import Config
from passionmap.errors import PassionmapError
from passionmap.io.files import write_text_atomic

if TYPE_CHECKING:  # pragma: no cover
    from IPython.core.interactiveshell import InteractiveShell

#: Where the notebooks live: the repository's notebooks/ (an editable install, where
#: analysts edit them), else the copy every wheel carries (``passionmap/notebooks_data``).
_REPO_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


NOTEBOOK_DIR = (
    _REPO_NOTEBOOKS
    if (_REPO_NOTEBOOKS / "weekly_report.ipynb").is_file()
    else Path(__file__).resolve().parents[1] / "notebooks_data"
)


WEEKLY = "weekly_report.ipynb"


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
        options[f.name] = _plain(value)
    params["options"] = options
    return params


def _plain(value: object) -> object:
    """Tuples (and pairs in them, ``labels``) as lists: what papermill writes as parameters."""
    return [_plain(v) for v in value] if isinstance(value, (tuple, list)) else value


def config_from_parameters(options: dict | None = None, **named: object) -> Config:
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
            # labels: pairs come back from papermill as lists
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        values[name] = value
    return Config(**values)


def input_or_sample(
    input_path: str | os.PathLike[str] | None,
    folder: str | os.PathLike[str] | None = None,
    **sample: int,
) -> Path:
    """The input file to use: ``input_path``, or the embedded sample written to a folder.

    Parameters
    ----------
    input_path : str or path or None
        The user's file; empty or None means the embedded sample.
    folder : path, optional
        Where to write the sample (default: a new temporary folder).
    **sample
        Options of :func:`passionmap.datasets.sample.write_sample` (``customers``,
        ``weeks``, ``seed``).
    """
    if input_path not in (None, ""):
        return Path(input_path).expanduser()
    from passionmap.datasets.sample import write_sample

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="passionmap-sample-"))
    folder.mkdir(parents=True, exist_ok=True)
    return Path(write_sample(folder / "sample_comments.csv", **sample))


def find_input(
    input_path: str | os.PathLike[str] | None, cwd: str | os.PathLike[str] | None = None
) -> Path:
    """The notebooks' input file: a relative path from the notebook's folder, then the project root.

    JupyterLab runs a kernel in ``notebooks/``, while the README writes paths
    from the project root: both work. Empty means the embedded sample,
    written once to ``data/raw/sample_comments.csv`` under the project root.

    Raises
    ------
    PassionmapError
        When the file is in neither place: one line naming both.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "notebooks").mkdir(); _ = (root / "c.csv").write_text("text\\nhi\\n")
    >>> find_input("c.csv", root / "notebooks") == (root / "c.csv").resolve()
    True
    >>> find_input("nope.csv", root / "notebooks")
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: nope.csv: no such file (looked for ...)
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    root = project_root(here)
    if input_path in (None, ""):
        path = root / "data" / "raw" / "sample_comments.csv"
        return path if path.is_file() else input_or_sample("", path.parent)
    given = Path(input_path).expanduser()
    tried = [given] if given.is_absolute() else [here / given, root / given]
    found = next((p.resolve() for p in tried if p.exists()), None)
    if found is None:
        raise PassionmapError(
            f"{input_path}: no such file (looked for {' and '.join(map(str, tried))})"
        )
    return found


def project_root(cwd: str | os.PathLike[str] | None = None) -> Path:
    """The project folder: the one above ``notebooks/`` when the kernel runs there.

    >>> project_root("/work/project/notebooks").as_posix(), project_root("/work/project").as_posix()
    ('/work/project', '/work/project')
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    return here.parent if here.name == "notebooks" else here


def one_line_errors(shell: InteractiveShell | None = None) -> None:
    """In IPython, show a :class:`PassionmapError` (a problem the user can fix) as one line.

    A missing file or an unknown week then reads ``passionmap: <what>``, not a
    traceback; other errors keep theirs. Outside IPython this does nothing.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None:
        return

    def one_line(
        shell: InteractiveShell,
        etype: type[BaseException],
        err: BaseException,
        tb: TracebackType | None,
        tb_offset: int | None = None,
    ) -> None:
        err._render_traceback_ = lambda: [f"passionmap: {err}"]  # what IPython shows for it
        shell.showtraceback((etype, err, tb))

    shell.set_custom_exc((PassionmapError,), one_line)


def output_folder(output_dir: str | os.PathLike[str] | None) -> Path:
    """The folder for exports: ``output_dir``, or a new temporary one when empty."""
    if output_dir in (None, ""):
        return Path(tempfile.mkdtemp(prefix="passionmap-out-"))
    return Path(output_dir).expanduser()


def notebook_problems(path: str | os.PathLike[str]) -> list[str]:
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


#: What JupyterLab or papermill adds that would only make a noisy git diff (nbstripout's
#: ``extra_keys``), beside the outputs and execution counts nbstripout removes.
STRIP_KEYS = [
    "metadata.papermill",
    "metadata.widgets",
    "cell.metadata.execution",
    "cell.metadata.papermill",
    "cell.metadata.collapsed",
    "cell.metadata.scrolled",
    "cell.metadata.jupyter",
]


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` without outputs, execution counts and run metadata: what git should hold.

    nbstripout's ``strip_output`` (the library behind the git filter of that name; in
    the ``lab`` extra) with :data:`STRIP_KEYS`; cell ids stay. nbstripout leaves
    ``language_info`` alone, which Lab fills with the kernel's Python version: it is
    trimmed to the language name. ``make strip`` (:func:`strip_notebook`) and
    JupyterLab's save hook (``.jupyter/jupyter_server_config.py``) both use it.
    """
    try:
        from nbstripout import strip_output
    except ImportError as e:  # pragma: no cover (the dev and lab extras have it)
        raise PassionmapError(
            "stripping notebooks needs nbstripout: pip install 'passionmap[lab]'"
        ) from e
    nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=STRIP_KEYS)
    info = nb.metadata.get("language_info")
    if isinstance(info, dict):
        nb.metadata["language_info"] = {"name": info.get("name", "python")}
    return nb


def strip_notebook(path: str | os.PathLike[str]) -> bool:
    """Remove outputs, execution counts and run metadata in place (:func:`clean_notebook`);
    True when changed."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    nb = clean_notebook(nbformat.reads(before, as_version=4))
    after = nbformat.writes(nb) + "\n"
    if after == before:
        return False
    write_text_atomic(path, after)
    return True
