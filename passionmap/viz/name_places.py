"""Where a community map writes each community's name, so that names do not overlap.

Both maps (:func:`passionmap.viz.plots.community_map` and
:func:`passionmap.viz.network_map.interactive_map`) put a name beside its
circle, first on the side away from the community's interests. On a real
corpus of twenty communities those spots collide ("about: wifimixed: crew &
landing" on the airline tweets). :func:`name_places` tries eight spots around
each circle, then the same a line and two lines further out, largest
community first, and keeps the first that covers no other name, circle or
interest; where none is free it says so, and the map
hides that name (the legend and the hover still give it) or, without a
legend, takes the spot that covers least.

Everything here is in screen units (pixels or points, y up); the text's size
is estimated, not measured, so that both maps share one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Average advance of a character in ems: DejaVu Sans (both maps' font) is 0.55-0.63 em
#: on lower-case text, bold the wider; over-estimating only moves a name further away.
CHAR_EM = 0.63
#: Line height in ems.
LINE_EM = 1.2
#: Gap between a circle and its name.
GAP = 3.0
#: Turns of the first direction tried, in order: away from the interests, then beside it.
TURNS = (0, 45, -45, 90, -90, 135, -135, 180)
#: Rings tried, in line heights beyond the gap: right at the circle, then a little further
#: out (a long name beside a crowded circle often clears its neighbours one line away).
RINGS = (0, 1, 2)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Place:
    """A name's offset from its circle's centre, its alignment, and whether it is clear."""

    dx: float
    dy: float
    align: str  # "left", "center" or "right" of the anchor
    baseline: str  # "bottom" (text above the anchor), "middle" or "top"
    clear: bool  # False: every spot covers something; this one covers least


def text_box(x: float, y: float, lines: Sequence[str], font: float, align: str,
             baseline: str) -> Box:  # fmt: skip
    """The estimated box of ``lines`` of text anchored at (x, y).

    >>> text_box(0, 0, ["ab"], 10, "left", "bottom")
    (0.0, 0.0, 12.6, 12.0)
    """
    w = max((len(s) for s in lines), default=0) * CHAR_EM * font
    h = len(lines) * LINE_EM * font
    x0 = {"left": x, "center": x - w / 2, "right": x - w}[align]
    y0 = {"bottom": y, "middle": y - h / 2, "top": y - h}[baseline]
    return (float(x0), float(y0), float(x0 + w), float(y0 + h))


def circle_boxes(xy: np.ndarray, diam: Sequence[float]) -> list[Box]:
    """The boxes of circles of diameters ``diam`` centred at ``xy``.

    >>> circle_boxes(np.array([[10.0, 10.0]]), [4])
    [(8.0, 8.0, 12.0, 12.0)]
    """
    return [
        (float(x - d / 2), float(y - d / 2), float(x + d / 2), float(y + d / 2))
        for (x, y), d in zip(np.asarray(xy).reshape(-1, 2), diam, strict=True)
    ]


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outside(a: Box, frame: Box) -> float:
    area = (a[2] - a[0]) * (a[3] - a[1])
    return area - _overlap(a, frame)


def name_places(
    xy: np.ndarray,
    diam: Sequence[float],
    away: np.ndarray,
    lines: Sequence[Sequence[str]],
    font: float,
    frame: Box,
    avoid: Sequence[Box] = (),
) -> list[Place]:
    """A spot for each community's name that covers nothing else, where there is one.

    Parameters
    ----------
    xy : array (n, 2)
        Circle centres, screen units, y up.
    diam : sequence of float
        Circle diameters.
    away : array (n, 2)
        Unit vectors from each circle towards its interests; its name goes
        the other way first.
    lines : sequence of sequences of str
        Each name's lines of text.
    font : float
        Font size, the same units.
    frame : (x0, y0, x1, y1)
        The drawing area: a name reaching outside it covers that much.
    avoid : sequence of boxes
        What is already drawn there (interest dots and their names).

    Returns
    -------
    list of Place
        In the order given; the largest circles are placed first.

    Examples
    --------
    Two circles side by side, both with their interests on the right: the
    larger one's name goes left, away from them; the other's would cover the
    first circle there, and turns below its own.

    >>> xy = np.array([[100.0, 100.0], [130.0, 100.0]])
    >>> away = np.array([[1.0, 0.0], [1.0, 0.0]])
    >>> a, b = name_places(xy, [24, 20], away, [["one"], ["two"]], 10, (0, 0, 300, 300))
    >>> (a.align, a.baseline, a.clear), (b.align, b.baseline, b.clear)
    (('right', 'middle', True), ('center', 'top', True))
    """
    circles = circle_boxes(xy, diam)
    taken: list[Box] = list(avoid)
    out: list[Place | None] = [None] * len(circles)
    for i in sorted(range(len(circles)), key=lambda i: (-diam[i], i)):
        x, y = (float(v) for v in xy[i])
        base = np.arctan2(-away[i][1], -away[i][0])
        others = [c for j, c in enumerate(circles) if j != i]
        best: tuple[float, Place] | None = None
        spots = [(ring, turn) for ring in RINGS for turn in TURNS]
        for ring, turn in spots:
            r = diam[i] / 2 + GAP + ring * LINE_EM * font
            ux, uy = np.cos(base + np.radians(turn)), np.sin(base + np.radians(turn))
            align = "center" if abs(ux) < 0.4 else ("left" if ux > 0 else "right")
            baseline = "middle" if abs(uy) < 0.4 else ("bottom" if uy > 0 else "top")
            dx, dy = float(ux * r), float(uy * r)
            box = text_box(x + dx, y + dy, lines[i], font, align, baseline)
            cover = _outside(box, frame) + sum(_overlap(box, o) for o in taken + others)
            if best is None or cover < best[0]:
                best = (cover, Place(dx, dy, align, baseline, cover == 0.0))
            if cover == 0.0:
                break
        assert best is not None
        out[i] = best[1]
        p = best[1]
        taken.append(text_box(x + p.dx, y + p.dy, lines[i], font, p.align, p.baseline))
    return [p for p in out if p is not None]


def map_labels(
    comm_xy: np.ndarray,
    diam: Sequence[float],
    away: np.ndarray,
    names: Sequence[Sequence[str]],
    dot_xy: np.ndarray,
    dots: Sequence[float],
    labels: Sequence[Sequence[str]],
    fonts: tuple[float, float],
    frame: Box,
    keep_unclear: bool = False,
) -> tuple[list[Place], list[Place]]:
    """Both maps' rule: the community names first, clear of every interest dot; then the
    interest names, right of their dot first, clear of every circle and written name.

    ``fonts``: the names' and the interests' font sizes. ``keep_unclear``: a name with no
    clear spot is still written (the static map, which has no legend), so the interests
    avoid it too; else it is left off and they need not.

    >>> comm, dot = np.array([[100.0, 100.0]]), np.array([[130.0, 100.0]])
    >>> names, spots = map_labels(comm, [20], np.array([[1.0, 0.0]]), [["bakers"]],
    ...                           dot, [8], [["bread"]], (12, 10), (0, 0, 300, 300))
    >>> names[0].align, spots[0].align, spots[0].dx > 0
    ('right', 'left', True)
    """
    name_font, label_font = fonts
    places = name_places(comm_xy, diam, away, names, name_font, frame, circle_boxes(dot_xy, dots))
    written = [
        text_box(x + p.dx, y + p.dy, lines, name_font, p.align, p.baseline)
        for (x, y), lines, p in zip(comm_xy, names, places, strict=True)
        if p.clear or keep_unclear
    ]
    right_first = np.tile([-1.0, 0.0], (len(dots), 1))  # away from the left: right first
    spots = name_places(
        dot_xy, dots, right_first, labels, label_font, frame, circle_boxes(comm_xy, diam) + written
    )
    return places, spots
