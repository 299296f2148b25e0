"""Jupyter server settings of this repository, loaded by ``make lab``.

``make lab`` puts this folder on ``JUPYTER_CONFIG_PATH``, beside (not instead of) your own
``~/.jupyter``: your settings still apply, and yours win where both set the same option.

Saving a notebook under ``notebooks/`` (by hand or by autosave) writes it without outputs,
execution counts or run metadata, so ``make test`` and ``make lint`` keep passing however
the notebooks were used. The browser keeps showing the outputs until the page is reloaded.
Save a copy outside ``notebooks/`` (e.g. ``data/interim/``, git-ignored) to keep outputs.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: The folder (relative to Lab's root, the repository) whose notebooks are saved clean.
STRIPPED_FOLDER = "notebooks"

#: Run metadata that ``scripts/strip_notebooks.py --check`` (``make lint``) rejects, and
#: what JupyterLab or papermill adds that would only make a noisy git diff.
EXTRA_KEYS = [
    "metadata.papermill",
    "metadata.widgets",
    "cell.metadata.execution",
    "cell.metadata.papermill",
    "cell.metadata.collapsed",
    "cell.metadata.scrolled",
    "cell.metadata.jupyter",
]


def strip_outputs(model: dict, path: str = "", contents_manager=None, **kwargs) -> None:
    """Pre-save hook: strip a notebook under ``notebooks/`` in place (the model to be written).

    The stripping is nbstripout's ``strip_output`` (the library behind the git filter of
    the same name), called on the model's content: one well-known definition of "clean",
    not a copy of it. nbstripout leaves ``language_info`` alone, which Lab fills with the
    kernel's Python version; it is trimmed to the language name, as in the committed files.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    parts = PurePosixPath(path.lstrip("/")).parts
    if len(parts) < 2 or parts[0] != STRIPPED_FOLDER:
        return
    import nbformat
    from nbstripout import strip_output

    nb = nbformat.from_dict(model["content"])
    nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=EXTRA_KEYS)
    info = nb.metadata.get("language_info")
    if isinstance(info, dict):
        nb.metadata["language_info"] = {"name": info.get("name", "python")}
    model["content"] = nb


try:  # run by Jupyter: get_config exists; imported by tests: it does not
    c = get_config()  # type: ignore[name-defined]  # noqa: F821
except NameError:
    c = None
if c is not None:
    c.ContentsManager.pre_save_hook = strip_outputs
