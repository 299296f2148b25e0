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


def strip_outputs(model: dict, path: str = "", contents_manager=None, **kwargs) -> None:
    """Pre-save hook: strip a notebook under ``notebooks/`` in place (the model to be written).

    The stripping is ``make strip``'s (``passionmap.viz.notebook.clean_notebook``:
    nbstripout's ``strip_output`` with passionmap's extra keys), called on the model's
    content, so a notebook saved in Lab is exactly what ``make strip`` would write.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    parts = PurePosixPath(path.lstrip("/")).parts
    if len(parts) < 2 or parts[0] != STRIPPED_FOLDER:
        return
    import nbformat

    from passionmap.viz.notebook import clean_notebook

    model["content"] = clean_notebook(nbformat.from_dict(model["content"]))


try:  # run by Jupyter: get_config exists; imported by tests: it does not
    c = get_config()  # type: ignore[name-defined]  # noqa: F821
except NameError:
    c = None
if c is not None:
    c.ContentsManager.pre_save_hook = strip_outputs
