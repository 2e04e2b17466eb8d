"""Geometry for the server-rendered SVG charts: a timeline of events (stacked
bars per day) and a world map of places (equirectangular, lat/lon graticule,
country outlines from ``basemap``).
Pure functions returning numbers and labels; the templates draw them."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from .basemap import country_paths

__all__ = ["timeline", "world_map", "project"]


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _css(word: Any) -> str:
    return "".join(c for c in str(word or "other") if c.isalnum() or c in "_-") or "other"


def _nice(top: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above ``top``: an axis maximum."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= top:
                return m * step
        step *= 10


def _add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def timeline(rows: Iterable[Mapping[str, Any]], *, date_key: str = "date", group_key: str = "type",
             width: int = 760, height: int = 170, max_cols: int = 120, min_cols: int = 14, max_bar: float = 24.0) -> dict[str, Any] | None:
    """Stacked bars, stacked by ``group_key``: one column per day, per week
    past ``max_cols`` days, per month past ``max_cols`` weeks. A short range
    is padded to ``min_cols`` columns around the data and bars are at most
    ``max_bar`` wide (one date is a bar, not the whole width); the y axis ends
    at a round number. ``None`` when no row has a date."""
    days = [(d, _css(r.get(group_key))) for r in rows if (d := _day(r.get(date_key)))]
    if not days:
        return None
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    span = (last - first).days + 1
    if span <= max_cols:
        step = "day"
    elif span <= max_cols * 7:
        step = "week"
    else:
        step, first = "month", first.replace(day=1)
    if step == "month":
        index = lambda d: (d.year - first.year) * 12 + d.month - first.month  # noqa: E731
        start_of = lambda i: _add_months(first, i)  # noqa: E731
    else:
        size = 1 if step == "day" else 7
        index = lambda d: (d - first).days // size  # noqa: E731
        start_of = lambda i: first + dt.timedelta(days=i * size)  # noqa: E731
    n = index(last) + 1
    pad = max(0, min_cols - n) // 2  # columns of empty axis before the data (and as many after)
    cols = max(n, min_cols)
    counts: dict[int, Counter] = defaultdict(Counter)
    for d, g in days:
        counts[index(d)][g] += 1
    top = max(sum(c.values()) for c in counts.values())
    axis_max = _nice(top)
    left, bottom, right, pad_top = 40, 22, 8, 8
    plot_w, plot_h = width - left - right, height - bottom - pad_top
    col = plot_w / cols
    bar_w = max(min(col * 0.8, max_bar), 1.0)
    label = {"day": "", "week": " (week)", "month": " (month)"}[step]
    fmt = (lambda d: d.isoformat()[:7]) if step == "month" else (lambda d: d.isoformat())  # noqa: E731
    bars = []
    for i, c in sorted(counts.items()):
        y = pad_top + plot_h
        start = start_of(i)
        for group, k in sorted(c.items()):
            h = plot_h * k / axis_max
            y -= h
            bars.append({"x": round(left + (i + pad) * col + (col - bar_w) / 2, 2), "y": round(y, 2), "w": round(bar_w, 2),
                         "h": round(max(h, 0.5), 2), "cls": group, "title": f"{fmt(start)}{label}: {k} {group}"})
    every = max(1, math.ceil(cols / 6))
    ticks = [{"x": round(left + j * col + col / 2, 2), "label": fmt(start_of(j - pad))} for j in range(0, cols, every)]
    yticks = [{"y": round(pad_top + plot_h - plot_h * v / axis_max, 2), "label": f"{v:,}"}
              for v in sorted({0, axis_max // 2 if axis_max >= 2 and axis_max % 2 == 0 else 0, axis_max})]
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "yticks": yticks, "max": axis_max, "top_count": top,
            "left": left, "right": width - right, "base": pad_top + plot_h, "top": pad_top, "groups": sorted({g for _, g in days}),
            "step": step, "points": len(days)}


def project(lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Equirectangular: longitude to x, latitude to y."""
    return round((lon + 180.0) / 360.0 * width, 2), round((90.0 - lat) / 180.0 * height, 2)


def world_map(points: Iterable[Mapping[str, Any]], *, width: int = 760, height: int = 380, weight_key: str = "count") -> dict[str, Any]:
    """Circles for places with ``lat``/``lon`` (area by weight), over a 30-degree graticule."""
    merged: dict[tuple[float, float], dict[str, Any]] = {}
    for p in points:
        lat, lon = p.get("lat"), p.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        key = (round(lat, 2), round(lon, 2))
        slot = merged.setdefault(key, {"lat": lat, "lon": lon, "name": p.get("name") or "", "weight": 0})
        slot["weight"] += p.get(weight_key) or 1
    top = max((m["weight"] for m in merged.values()), default=1)
    circles = []
    for m in sorted(merged.values(), key=lambda m: -m["weight"]):
        x, y = project(m["lat"], m["lon"], width, height)
        circles.append({"x": x, "y": y, "r": round(3 + 9 * math.sqrt(m["weight"] / top), 2), "title": f"{m['name']}: {m['weight']}",
                        "name": m["name"]})
    lines = []
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon, width, height)
        lines.append({"x1": x, "y1": 0, "x2": x, "y2": height, "cls": "meridian" if lon else "prime"})
    for lat in range(-60, 61, 30):
        _, y = project(lat, 0, width, height)
        lines.append({"x1": 0, "y1": y, "x2": width, "y2": y, "cls": "parallel" if lat else "equator"})
    return {"width": width, "height": height, "circles": circles, "lines": lines, "countries": country_paths(width, height)}
