"""The public API: a small namespace, no name that hides a submodule (SPEC "Library")."""

import importlib
import pkgutil
from pathlib import Path

import pytest

import passionmap as pm


def test_no_public_name_hides_a_submodule():
    modules = {m.name for m in pkgutil.iter_modules(pm.__path__)}
    assert [n for n in pm.__all__ if n in modules] == []
    # the stage functions and their modules both import
    for name in (
        "nlp.extraction",
        "analysis.profiles",
        "analysis.audiences",
        "analysis.communities",
        "nlp.vocabulary",
    ):
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


def _imports() -> dict[str, set[str]]:
    """passionmap module -> the passionmap modules it imports (at the top or in a function)."""
    import ast
    from pathlib import Path

    root = Path(pm.__file__).parent
    mods = {}
    for p in root.rglob("*.py"):
        parts = p.with_suffix("").relative_to(root.parent).parts
        mods[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        package = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = [f"{target}.{a.name}" for a in node.names] + [target]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            graph[m] |= {t for t in found if t in mods and t not in (m, "passionmap")}
    return graph


def test_modules_import_one_way():
    """No import cycle among passionmap's modules (issue 15: layers import in one direction)."""
    graph = _imports()
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            assert state.get(n) != 1, " -> ".join([*path, n])
            if n not in state:
                visit(n, [*path, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    # and the layers import downwards only: io -> nlp -> analysis -> pipeline -> weekly -> viz
    layers = [
        ("config", "errors", "phrases", "resources", "datasets", "vocab"),
        ("io",),
        ("nlp",),
        ("analysis",),
        ("pipeline", "reuse", "estimator"),
        ("weekly",),
        ("viz",),
        ("cli",),
    ]
    rank = {name: i for i, names in enumerate(layers) for name in names}

    def layer(m: str) -> int:
        return rank[m.split(".")[1]]

    upwards = [
        f"{m} -> {n}"
        for m in graph
        if m != "passionmap"  # the lazy public API names every layer
        for n in graph[m]
        if layer(n) > layer(m)
    ]
    assert not upwards, upwards
    # the extractor is wrapped by the cache and Dask, never imported back by them
    wrappers = graph["passionmap.nlp.cache"] | graph["passionmap.nlp.engine_dask"]
    assert "passionmap.nlp.extraction" not in wrappers


def test_no_module_is_over_500_lines():
    """Small modules: each one job (issue "One estimator, layered modules")."""
    from conftest import ROOT

    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "passionmap").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, long


def test_docstring_references_resolve_to_where_things_are_defined():
    """`passionmap.x.y` in a docstring or the README names a real object, at its home.

    A function named through a module that only re-exports it (``passionmap.nlp.nlp``
    after the split into lexicon and components) sends readers to the wrong
    file; the package (``passionmap``, ``passionmap.weekly``) may name its
    public API.
    """
    import importlib
    import inspect
    import re

    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"`~?(passionmap(?:\.[A-Za-z_]\w*)+)`")
    files = [*sorted((root / "passionmap").rglob("*.py")), root / "README.md"]
    wrong = []
    for path in files:
        for ref in sorted(set(pattern.findall(path.read_text(encoding="utf-8")))):
            parts = ref.split(".")
            for i in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:i]))
                    break
                except ImportError:
                    continue
            module = obj
            try:
                for name in parts[i:]:
                    obj = getattr(obj, name)
            except AttributeError:
                wrong.append(f"{path.name}: {ref} does not exist")
                continue
            package = hasattr(module, "__path__")
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and not package:
                if obj.__module__ != module.__name__:
                    wrong.append(f"{path.name}: {ref} is defined in {obj.__module__}")
    assert not wrong, wrong
