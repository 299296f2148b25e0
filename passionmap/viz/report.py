"""The notebooks' toolbox (``report.table``, ``report.write_tables``, ...) and the renderer.

:func:`write_tables` (a week's tables as CSV beside its report) lives here; the
rest is gathered from :mod:`passionmap.viz.display` (HTML helpers),
:mod:`passionmap.viz.notebook` (the notebooks, their parameters, input and output
folders, hygiene) and :mod:`passionmap.viz.render` (papermill and HTML), so
notebooks and the command line keep importing it from ``passionmap.viz.report``.

Examples
--------
>>> print(bullets(["3 communities", "<b>not bold</b>"])._repr_html_())
<ul class="pm-summary"><li>3 communities</li><li>&lt;b&gt;not bold&lt;/b&gt;</li></ul>
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from passionmap.io.export import write_csv
from passionmap.viz.display import (
    Html,
    Table,
    bullets,
    data_table,
    files_table,
    graph_table,
    heading,
    legend,
    message,
    paragraph,
    show,
    stats_table,
    table,
    weeks_of,
)
from passionmap.viz.notebook import (
    EXPLORE,
    NAMED,
    NOTEBOOK_DIR,
    WEEKLY,
    config_from_parameters,
    config_parameters,
    find_input,
    input_or_sample,
    notebook_path,
    notebook_problems,
    one_line_errors,
    output_folder,
    project_root,
    strip_notebook,
)
from passionmap.viz.render import execute, read_handed, render_report, to_html
from passionmap.weekly.names import display_names

if TYPE_CHECKING:  # pragma: no cover
    from passionmap.weekly.compare import WeeklyReport

__all__ = [
    "find_input",
    "read_handed",
    "project_root",
    "one_line_errors",
    "show",
    "CHANGES_COLUMNS",
    "EXPLORE",
    "NAMED",
    "NOTEBOOK_DIR",
    "WEEKLY",
    "Html",
    "Table",
    "bullets",
    "config_from_parameters",
    "config_parameters",
    "data_table",
    "execute",
    "files_table",
    "graph_table",
    "heading",
    "input_or_sample",
    "legend",
    "message",
    "notebook_path",
    "notebook_problems",
    "output_folder",
    "paragraph",
    "render_report",
    "stats_table",
    "strip_notebook",
    "table",
    "to_html",
    "weeks_of",
    "write_tables",
]


#: changes.csv beside a report (SPEC "The command line")
CHANGES_COLUMNS = [
    "name", "status", "top_interests", "members_last_week", "members_this_week", "note",
]  # fmt: skip


def write_tables(report: WeeklyReport, output_dir: str | os.PathLike[str] | None) -> Path | None:
    """Write one week's tables as CSV into ``output_dir`` (SPEC "The command line").

    ``communities.csv`` (this week's communities, ``name`` the one the report
    shows them under: the ``names`` of :class:`~passionmap.weekly.compare.WeeklyReport`),
    ``changes.csv`` (name, status, top_interests, members_last_week,
    members_this_week, note), ``emerging.csv`` and ``start_channels.csv`` (``cluster``
    and ``name`` as in ``communities.csv``: join on either).
    Text cells are neutralised against spreadsheet formulas. Nothing is
    written when ``output_dir`` is empty.
    """
    if output_dir in (None, ""):
        return None
    folder = Path(output_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    clusters = report.current.clusters
    changes = report.changes
    has = changes is not None and len(changes) > 0
    # the report's one name of each community, with or without a previous week
    names = report.names or display_names(clusters, changes)
    tops = dict(zip(clusters["cluster"], clusters["top_interests"], strict=True))
    communities = clusters.assign(name=clusters["cluster"].map(lambda c: names.get(c, "")))
    if has:
        changes = pd.DataFrame(
            {
                "name": changes["name"],
                "status": changes["status"],
                "top_interests": changes["cluster"].map(lambda c: tops.get(c, [])),
                "members_last_week": changes["size_prev"],
                "members_this_week": changes["size"],
                "note": changes["note"],
            }
        )
    else:
        changes = pd.DataFrame(columns=CHANGES_COLUMNS)
    tables = {
        "communities": communities,
        "changes": changes,
        "emerging": report.emerging,
        # "name" as in communities.csv: its "label" is the report's name (the two would not join)
        "start_channels": None
        if report.starts is None
        else report.starts.rename(columns={"label": "name"}),
    }
    for name, df in tables.items():
        if df is not None:
            write_csv(df, folder / f"{name}.csv")
    return folder
