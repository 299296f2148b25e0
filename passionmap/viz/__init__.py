"""Figures, the community map and the rendered reports: the top layer beneath the CLI.

The notebooks import from here (``from passionmap.viz import plots, readable, report``). The rooms:

- :mod:`~passionmap.viz.plots`, :mod:`~passionmap.viz.generation_plots`,
  :mod:`~passionmap.viz.figure_base`: matplotlib figures;
- :mod:`~passionmap.viz.community_graph`: the community map's network and layout;
- :mod:`~passionmap.viz.network_map`: the interactive (Bokeh) community map;
- :mod:`~passionmap.viz.community_timeline`: the communities over every week;
- :mod:`~passionmap.viz.display`: HTML helpers for the notebooks;
- :mod:`~passionmap.viz.readable`: readable column names and legends of their tables;
- :mod:`~passionmap.viz.notebook`: the bundled notebooks and their parameters;
- :mod:`~passionmap.viz.render`: papermill and nbconvert, a notebook to one HTML file;
- :mod:`~passionmap.viz.report`: the notebooks' toolbox and the renderer.
"""
