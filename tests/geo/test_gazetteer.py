"""The gazetteer: what it contains, the curated data, the cache."""
from __future__ import annotations

import pickle

import pytest

from newsgraph.geo import load_gazetteer, name_key
from newsgraph.geo.gazetteer import _tsv, data_version


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "name, country, feature",
    [
        ("Kyiv", "UKR", "city"),
        ("Kiev", "UKR", "city"),
        ("Kiew", "UKR", "city"),
        ("München", "DEU", "city"),
        ("Muenchen", "DEU", "city"),
        ("Kharkov", "UKR", "city"),
        ("the U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("Europe", None, "continent"),
        ("Kursk Oblast", "RUS", "admin1"),
        ("Metcalfe County", "USA", "admin2"),
    ],
)
def test_names_and_alternate_names(gaz, name, country, feature):
    assert any(m.place.country == country and m.place.feature == feature for m in gaz.lookup(name))


def test_unknown_name_is_empty(gaz):
    assert gaz.lookup("Xqzzyville") == []
    assert "Xqzzyville" not in gaz


def test_capitals_countries_and_abbreviations(gaz):
    assert gaz.capital("UKR").name == "Kyiv"
    assert gaz.capital("FRA").name == "Paris"
    russia = gaz.country("RUS")
    assert (russia.lat, russia.lon) == (60.0, 100.0) and russia.geonameid == 2017370
    assert gaz.abbreviation("Ky.").name == "Kentucky"
    assert gaz.abbreviation("Ky") is None  # only as written, with the dot


def test_readings_come_biggest_first(gaz):
    paris = [m.place for m in gaz.lookup("Paris") if m.place.feature == "city"]
    assert paris[0].country == "FRA" and paris[0].population > paris[1].population


def test_name_key_folds_accents_and_articles():
    assert name_key("Zürich") == "zurich"
    assert name_key("the Hague") == "hague"


@pytest.mark.parametrize("row", _tsv("exonyms.tsv"), ids=lambda r: r["variant"])
def test_every_exonym_names_its_place(gaz, row):
    assert any(m.place.name == row["name"] and m.place.country == row["alpha3"] for m in gaz.lookup(row["variant"]))


@pytest.mark.parametrize("name", ["admin1.tsv", "regions.tsv"])
def test_every_curated_place_is_found_by_name_and_alias(gaz, name):
    for row in _tsv(name):
        for text in [row["name"]] + [a for a in row["aliases"].split("|") if a not in ("", "-")]:
            assert any(m.place.name == row["name"] for m in gaz.lookup(text)), text


def test_every_country_point_is_used(gaz):
    for row in _tsv("country_points.tsv"):
        place = gaz.country(row["alpha3"])
        assert place is not None, row["alpha3"]
        assert (place.lat, place.lon) == (float(row["lat"]), float(row["lon"]))
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_cache_is_written_once_and_reused(tmp_path, monkeypatch, gaz):
    """A cache directory is filled on first load; a second load reads it and
    does not build (building is patched to fail)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / f"gazetteer-{data_version()}.pickle"
    # seed the cache from the loaded index rather than paying a second build
    state = {k.lstrip("_"): v for k, v in vars(gaz).items()}
    state["countries_"] = state.pop("countries")
    path.write_bytes(pickle.dumps(state))
    import newsgraph.geo.gazetteer as mod

    monkeypatch.setattr(mod, "build_gazetteer", lambda *a, **k: pytest.fail("rebuilt despite a cache"))
    loaded = mod.load_gazetteer.__wrapped__(str(cache))
    assert len(loaded) == len(gaz) and loaded.capital("UKR").name == "Kyiv"


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch, gaz):
    import newsgraph.geo.gazetteer as mod

    (tmp_path / f"gazetteer-{data_version()}.pickle").write_bytes(b"not a pickle")
    monkeypatch.setattr(mod, "build_gazetteer", lambda *a, **k: gaz)
    assert mod.load_gazetteer.__wrapped__(str(tmp_path)) is gaz
    # and the rebuilt index was cached again
    with (tmp_path / f"gazetteer-{data_version()}.pickle").open("rb") as fh:
        assert pickle.load(fh)["version"] == gaz.version
