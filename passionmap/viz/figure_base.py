"""What every matplotlib figure of passionmap shares.

User text (community names, interests) wrapped for a figure and kept from
starting mathtext (:func:`_wrap`), and the figure drawn when there is
nothing to draw (:func:`_empty`). The figures are :mod:`passionmap.viz.plots`,
:mod:`passionmap.viz.generation_plots` and
:func:`passionmap.viz.community_timeline.communities_over_time`.

Examples
--------
>>> _wrap("sourdough & baking on $5 flour", 18)
'sourdough & baking\\non \\\\$5 flour'
>>> _empty("Communities", "No communities found").axes[0].get_title()
'Communities'
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure


def _wrap(text: object, width: int = 18) -> str:
    """Wrap user text for a figure; ``$`` is escaped so it never starts mathtext."""
    text = str(text).replace("$", r"\$")
    return "\n".join(textwrap.wrap(text, width)) or text


def _empty(title: str, message: str, figsize: tuple[float, float] = (6, 2)) -> Figure:
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig
