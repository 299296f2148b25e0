"""The public API: a small namespace, no name that hides a submodule (SPEC "Library")."""

import importlib
import pkgutil

import pytest

import passionmap as pm


def test_no_public_name_hides_a_submodule():
    modules = {m.name for m in pkgutil.iter_modules(pm.__path__)}
    assert [n for n in pm.__all__ if n in modules] == []
    # the stage functions and their modules both import
    for name in ("extraction", "profiles", "audiences", "communities", "vocabulary"):
        assert importlib.import_module(f"passionmap.{name}").__name__ == f"passionmap.{name}"
    assert callable(pm.extract) and callable(pm.profile) and callable(pm.audience)


def test_every_public_name_exists():
    assert all(hasattr(pm, n) for n in pm.__all__)


def test_the_public_names_are_those_of_all():
    import passionmap

    assert sorted(passionmap._SOURCES) == sorted(passionmap.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        passionmap.nope  # noqa: B018


def test_import_passionmap_loads_no_heavy_library():
    """A re-run reused from the cache starts fast: importing the package pulls in none of these."""
    import subprocess
    import sys

    code = (
        "import sys, passionmap, passionmap.cli, passionmap.reuse; "
        "print(sorted(m for m in ('spacy', 'sklearn', 'networkx', 'matplotlib', 'papermill', "
        "'igraph', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
