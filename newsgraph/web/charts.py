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


def timeline(rows: Iterable[Mapping[str, Any]], *, date_key: str = "date", group_key: str = "type",
             width: int = 760, height: int = 170, max_days: int = 400) -> dict[str, Any] | None:
    """Stacked bars: one column per day (per week when the range is long),
    stacked by ``group_key``. ``None`` when no row has a date."""
    days = [(d, _css(r.get(group_key))) for r in rows if (d := _day(r.get(date_key)))]
    if not days:
        return None
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    step = 1 if (last - first).days < max_days // 7 * 3 else 7
    bucket = lambda d: (d - first).days // step  # noqa: E731
    n = bucket(last) + 1
    counts: dict[int, Counter] = defaultdict(Counter)
    for d, g in days:
        counts[bucket(d)][g] += 1
    top = max(sum(c.values()) for c in counts.values())
    left, bottom, pad = 34, 22, 8
    plot_w, plot_h = width - left - pad, height - bottom - pad
    col = plot_w / n
    bars = []
    for i, c in sorted(counts.items()):
        y = pad + plot_h
        start = first + dt.timedelta(days=i * step)
        for group, k in sorted(c.items()):
            h = plot_h * k / top
            y -= h
            label = f"{start.isoformat()}{' (week)' if step == 7 else ''}: {k} {group}"
            bars.append({"x": round(left + i * col + col * 0.1, 2), "y": round(y, 2), "w": round(max(col * 0.8, 1.0), 2),
                         "h": round(h, 2), "cls": group, "title": label})
    ticks = []
    every = max(1, math.ceil(n / 6))
    for i in range(0, n, every):
        ticks.append({"x": round(left + i * col + col / 2, 2), "label": (first + dt.timedelta(days=i * step)).isoformat()})
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "max": top, "left": left, "base": pad + plot_h,
            "top": pad, "groups": sorted({g for _, g in days}), "step": "week" if step == 7 else "day"}


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
        circles.append({"x": x, "y": y, "r": round(3 + 9 * math.sqrt(m["weight"] / top), 2), "title": f"{m['name']}: {m['weight']}"})
    lines = []
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon, width, height)
        lines.append({"x1": x, "y1": 0, "x2": x, "y2": height, "cls": "meridian" if lon else "prime"})
    for lat in range(-60, 61, 30):
        _, y = project(lat, 0, width, height)
        lines.append({"x1": 0, "y1": y, "x2": width, "y2": y, "cls": "parallel" if lat else "equator"})
    return {"width": width, "height": height, "circles": circles, "lines": lines, "countries": country_paths(width, height)}
