"""The README's Python example runs as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "README has no python example"
    monkeypatch.chdir(tmp_path)
    code = blocks[0].replace("pm.PassionMap(", "pm.PassionMap(progress=False, ")
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # our own README, not user input
    clusters = scope["model"].communities_
    assert len(clusters[clusters["cluster"] >= 0]) >= 5  # the sample's communities
    assert (tmp_path / "data/processed/sample/clusters.csv").is_file()
    # the step-by-step example, on the same file
    steps = blocks[1].replace("pm.Config(", "pm.Config(progress=False, ")
    exec(compile(steps, "README.md", "exec"), scope)
    assert len(scope["result"].clusters) >= 5 and not scope["terms"].empty
    written = (tmp_path / "out" / "summary.json").read_text(encoding="utf-8")
    assert '"rows_rejected"' in written and (tmp_path / "out" / "rejects.csv").is_file()


def test_readme_chunk_example_runs(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(tmp_path)
    from passionmap.datasets.sample import write_sample

    scope: dict = {"path": write_sample(tmp_path / "s.csv", customers=600)}
    exec(compile("import passionmap as pm\n" + blocks[2], "README.md", "exec"), scope)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1 and all("bytes read" in line for line in lines)


def test_readme_names_every_make_target():
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z]+):.*## ", makefile, re.M)
    text = README.read_text(encoding="utf-8")
    missing = [t for t in targets if f"make {t}" not in text and t != "help"]
    assert not missing, missing


def test_readme_lab_parameters_fit_explore():
    """The JupyterLab example: real parameters of explore.ipynb, a path that needs the root."""
    import ast

    import nbformat

    text = README.read_text(encoding="utf-8")
    lab = text[text.index("### In JupyterLab") :]
    block = re.search(r"```\n(input_path: .*?)```", lab, re.S).group(1)
    nb = nbformat.read(README.parent / "notebooks" / "explore.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    known = {node.target.id: node for node in ast.parse(cell.source).body}
    given = {node.target.id: node for node in ast.parse(block).body}
    assert set(given) <= set(known)
    for name, node in given.items():  # same declared type as the notebook's
        assert ast.dump(node.annotation) == ast.dump(known[name].annotation), name
    path = ast.literal_eval(given["input_path"].value)
    # from notebooks/ (where Lab runs the kernel) the path is not there: the notebook
    # falls back to the project root, where it is whenever ../shared is checked out
    assert not (README.parent / "notebooks" / path).exists()
    if (README.parent.parent / "shared").is_dir():
        assert (README.parent / path).is_file()
    assert 'make lab LAB_ARGS="--port 9999 --no-browser"' in lab
