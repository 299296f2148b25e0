"""The public API: a small namespace, no name that hides a submodule (SPEC "Library")."""

import importlib
import pkgutil

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
