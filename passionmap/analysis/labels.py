"""The analyst's names for communities: a labels file read by ``--labels FILE``.

Communities are found again each run and each week, so their numbers
(``cluster``) change; what stays is their automatic label, the two interests
most distinctive of them (``sourdough & hiking``): the ``label`` of
clusters.csv, and the stable name of the weekly report (a community matched
to last week's keeps last week's name). A labels file maps those labels onto
the analyst's own names, and :func:`apply_labels` puts them wherever a
community is named: clusters.csv, graph.gexf, the report's tables, sentences
and figures, the notebooks.

The file is CSV with the columns ``community`` (the automatic label) and
``label`` (your name), or YAML (``.yaml``/``.yml``: a mapping
``community: label``, or a list of ``{community: ..., label: ...}``).
Matching ignores case and repeated spaces. The names are used as written:
every output escapes them as it escapes comment text (HTML) and neutralises
them against spreadsheet formulas (CSV).

Examples
--------
>>> import pandas as pd
>>> cl = pd.DataFrame({"cluster": [0, 1], "label": ["sourdough & baking", "trail & running"]})
>>> named, unknown = apply_labels(cl, (("Sourdough  & Baking", "Bakers"), ("chess", "Chess club")))
>>> named["label"].tolist(), unknown
(['Bakers', 'trail & running'], ['chess'])
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..errors import PassionmapError
from ..io.columns import show_columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: What names communities: pairs (or lists of two), a mapping, a labels file, or nothing.
LabelsLike = str | Path | Mapping[object, object] | Iterable[Sequence[object]] | None

COLUMNS = ("community", "label")
YAML_SUFFIXES = (".yaml", ".yml")


class UnknownLabels(UserWarning):
    """A labels file names communities that the run (or the two weeks) did not find."""


def key(name: object) -> str:
    """How a community is matched: case and repeated spaces ignored."""
    return " ".join(str(name).split()).casefold()


def read_labels(path: str | os.PathLike[str]) -> tuple[tuple[str, str], ...]:
    """Read a labels file into ``((community, label), ...)`` pairs, in file order.

    Raises
    ------
    PassionmapError
        One line naming the file and the problem: unreadable, not CSV/YAML,
        no ``community``/``label`` column, an empty cell, a community given
        twice with two names.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "labels.csv"
    >>> _ = p.write_text("community,label\\nsourdough & baking,Bakers\\n")
    >>> read_labels(p)
    (('sourdough & baking', 'Bakers'),)
    """
    path = Path(path).expanduser()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise PassionmapError(f"{path}: cannot read labels file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise PassionmapError(f"{path}: labels file is not UTF-8 text") from None
    if path.suffix.lower() in YAML_SUFFIXES:
        rows = _yaml_rows(text, path)
    else:
        rows = _csv_rows(text, path)
    pairs: dict[str, tuple[str, str, str]] = {}
    for where, community, label in rows:
        community, label = _cell(community), _cell(label)
        if not community or not label:
            what = "community" if not community else "label"
            raise PassionmapError(f"{path}: {where}: empty {what}")
        k = key(community)
        if k in pairs and pairs[k][1] != label:
            raise PassionmapError(
                f"{path}: {where}: community {community!r} already named {pairs[k][1]!r} "
                f"({pairs[k][2]})"
            )
        pairs.setdefault(k, (community, label, where))
    return tuple((c, lab) for c, lab, _ in pairs.values())


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _csv_rows(text: str, path: Path) -> list[tuple[str, str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise PassionmapError(
                f"{path}: empty labels file; expected the columns community,label"
            )
        names = [key(h) for h in header]
        missing = [c for c in COLUMNS if c not in names]
        if missing:
            raise PassionmapError(
                f"{path}: labels file has no {' or '.join(missing)} column "
                f"(columns: {show_columns(header)}); expected community,label"
            )
        ci, li = names.index("community"), names.index("label")
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(header):
                raise PassionmapError(
                    f"{path}: line {reader.line_num}: {len(row)} fields, the header has "
                    f"{len(header)} (quote a name holding a comma)"
                )
            rows.append((f"line {reader.line_num}", row[ci], row[li]))
        return rows
    except csv.Error as exc:
        raise PassionmapError(f"{path}: line {reader.line_num}: not CSV ({exc})") from None


def _yaml_rows(text: str, path: Path) -> list[tuple[str, object, object]]:
    try:
        import yaml
    except ImportError:  # pragma: no cover - papermill depends on PyYAML
        raise PassionmapError(
            f"{path}: YAML needs PyYAML (pip install pyyaml); or use CSV"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise PassionmapError(f"{path}: {where}not YAML ({problem})") from None
    if data is None:
        return []
    if isinstance(data, dict):
        items = list(data.items())
        if set(map(str, data)) == {"community", "label"}:  # one entry written as a mapping
            items = [(data["community"], data["label"])]
        for c, lab in items:
            if isinstance(lab, (dict, list)):
                _bad_yaml(path, f"entry {c!r}")
        return [(f"entry {c!r}", c, lab) for c, lab in items]
    if isinstance(data, list):
        rows = []
        for i, item in enumerate(data, 1):
            if not isinstance(item, dict) or not {"community", "label"} <= set(item):
                _bad_yaml(path, f"item {i}")
            rows.append((f"item {i}", item["community"], item["label"]))
        return rows
    _bad_yaml(path, "top level")
    return []  # pragma: no cover


def _bad_yaml(path: Path, where: str) -> NoReturn:
    raise PassionmapError(
        f"{path}: {where}: expected 'community: label' pairs, or a list of "
        "{community: ..., label: ...}"
    )


def as_pairs(labels: LabelsLike) -> tuple[tuple[str, str], ...]:
    """``Config.labels`` as pairs: pairs (or lists of two), a dict, or a file path."""
    if not labels:
        return ()
    if isinstance(labels, (str, Path)):
        return read_labels(labels)
    if isinstance(labels, dict):
        return tuple((str(c), str(lab)) for c, lab in labels.items())
    return tuple((str(c), str(lab)) for c, lab in labels)


def apply_labels(
    clusters: pd.DataFrame | None, labels: LabelsLike
) -> tuple[pd.DataFrame | None, list[str]]:
    """``clusters`` with ``label`` replaced by the analyst's name where one is given.

    Returns
    -------
    (DataFrame, list of str)
        The clusters (the same object when nothing is named) and the
        communities of ``labels`` that match no automatic label here.
    """
    pairs = as_pairs(labels)
    if not pairs:
        return clusters, []
    names = {key(c): lab for c, lab in pairs}
    if clusters is None or clusters.empty or "label" not in clusters:
        return clusters, [c for c, _ in pairs]
    auto = [key(lab) if isinstance(lab, str) else "" for lab in clusters["label"]]
    found = set(auto)
    unknown = [c for c, _ in pairs if key(c) not in found]
    if len(unknown) == len(pairs):
        return clusters, unknown
    new = [names.get(k, lab) for k, lab in zip(auto, clusters["label"], strict=True)]
    return clusters.assign(label=new), unknown


def unknown_text(unknown: Sequence[str]) -> str:
    """The one warning line about communities a labels file names but the data lacks."""
    shown = ", ".join(repr(c) for c in list(unknown)[:10])
    more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
    return (
        f"labels file: no community has the automatic label {shown}{more}; those names are not used"
    )


def warn_unknown(unknown: Sequence[str] | None, stacklevel: int = 3) -> None:
    """Warn (:class:`UnknownLabels`) about the communities a labels file names in vain."""
    if unknown:
        warnings.warn(unknown_text(unknown), UnknownLabels, stacklevel=stacklevel)
