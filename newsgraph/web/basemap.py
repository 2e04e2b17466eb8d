"""Country outlines for the offline map, drawn server-side as SVG paths.

The outlines are Natural Earth's 1:110m countries from the npm package
``world-atlas`` (TopoJSON), installed by ``make`` into
``newsgraph/web/basemap/node_modules`` from its lockfile; nothing is fetched at
run time. Without it the map still draws its graticule and places.
"""
from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

__all__ = ["TOPOJSON", "country_paths", "topojson_paths"]

log = logging.getLogger(__name__)

TOPOJSON = Path(__file__).with_name("basemap") / "node_modules" / "world-atlas" / "countries-110m.json"


def topojson_paths(topology: dict[str, Any], obj: str, width: float, height: float) -> list[str]:
    """SVG path data, one per geometry of ``topology["objects"][obj]``, in an
    equirectangular projection of ``width`` x ``height``."""
    transform = topology.get("transform")
    arcs = [_decode(arc, transform) for arc in topology["arcs"]]

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def d(rings: list[list[int]]) -> str:
        parts = []
        for r in rings:
            pts = ring(r)
            if len(pts) < 3:
                continue
            xy = [((lon + 180.0) / 360.0 * width, (90.0 - lat) / 180.0 * height) for lon, lat in pts]
            # a ring crossing the antimeridian (Russia, Fiji) is cut there, not
            # drawn as a stroke across the whole map
            runs, run = [], [xy[0]]
            for a, b in zip(xy, xy[1:]):
                if abs(b[0] - a[0]) > width / 2:
                    runs.append(run)
                    run = []
                run.append(b)
            runs.append(run)
            for run in runs:
                if len(run) > 1:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run) + ("Z" if len(runs) == 1 else ""))
        return "".join(parts)

    out = []
    for geom in topology["objects"][obj]["geometries"]:
        if geom.get("type") == "Polygon":
            path = d(geom["arcs"])
        elif geom.get("type") == "MultiPolygon":
            path = "".join(d(polygon) for polygon in geom["arcs"])
        else:
            continue
        if path:
            out.append(path)
    return out


def _decode(arc: list[list[float]], transform: dict[str, Any] | None) -> list[tuple[float, float]]:
    """Delta-decode a quantized TopoJSON arc (or pass absolute ones through)."""
    if not transform:
        return [(float(x), float(y)) for x, y, *_ in arc]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0
    out = []
    for dx, dy, *_ in arc:
        x, y = x + dx, y + dy
        out.append((x * sx + tx, y * sy + ty))
    return out


@functools.lru_cache(maxsize=4)
def country_paths(width: int, height: int) -> tuple[str, ...]:
    """The world's country outlines for a map of this size (cached)."""
    try:
        topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    except OSError:
        log.warning("no country outlines at %s (run `make` to install them); the map shows places only", TOPOJSON)
        return ()
    return tuple(topojson_paths(topology, "countries", width, height))
