"""Places: toponyms found and resolved, on hand-written fictional sentences."""
from __future__ import annotations

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.places import extract_places, with_place_countries
from newsgraph.geo.words import region_words


@pytest.fixture(scope="module")
def places(pipeline):
    gaz = pipeline.gazetteer

    def run(text):
        doc = pipeline.nlp(text)
        return doc, extract_places(doc, extract_entities(doc), gaz)

    return run


def by_text(doc, locations):
    return {doc.text[s:e]: loc for loc in locations for s, e in loc.mentions}


def test_exonym_and_capital_descriptor(places):
    doc, locs = places("Drones struck Kiev at night, and officials in the Ukrainian capital said the power failed.")
    found = by_text(doc, locs)
    assert found["Kiev"].name == "Kyiv" and found["Kiev"].country == "UKR"
    assert found["the Ukrainian capital"] is found["Kiev"]
    assert "the Ukrainian capital" in found["Kiev"].aliases


def test_record_fields(places):
    doc, locs = places("The delegation flew from Brussels to Munich on Friday.")
    munich = by_text(doc, locs)["Munich"]
    assert (munich.country, munich.feature, munich.geonameid) == ("DEU", "city", 2867714)
    assert abs(munich.lat - 48.14) < 0.1 and abs(munich.lon - 11.58) < 0.1
    assert [loc.id for loc in locs] == [f"l{i}" for i in range(1, len(locs) + 1)]


@pytest.mark.parametrize("word", sorted(region_words()))
def test_region_words_prefer_the_region(places, word):
    doc, locs = places(f"Fighting continued in the Kursk {word} on Tuesday, the governor said.")
    assert by_text(doc, locs)["Kursk"].name == "Kursk Oblast"


def test_region_of_and_one_sense_per_article(places):
    doc, locs = places("Troops crossed into the region of Kursk last year. Kursk has seen shelling since.")
    kursk = [loc for loc in locs if loc.name == "Kursk Oblast"]
    assert len(kursk) == 1 and len(kursk[0].mentions) == 2


def test_container_after_comma(places):
    doc, locs = places("The singer grew up in Paris, Texas, before moving away.")
    assert by_text(doc, locs)["Paris"].country == "USA"
    doc, locs = places("The singer grew up in Paris before moving to Lyon.")
    assert by_text(doc, locs)["Paris"].country == "FRA"


def test_state_abbreviation_is_a_mention(places):
    doc, locs = places("A bridge collapsed in Columbia, Mo., on Sunday, police said.")
    found = by_text(doc, locs)
    assert found["Mo."].name == "Missouri"
    assert found["Columbia"].country == "USA" and abs(found["Columbia"].lat - 38.95) < 0.5


def test_article_context_chooses_the_reading(places):
    doc, locs = places("Voters in Texas, Ohio and Georgia went to the polls; Atlanta reported long lines.")
    assert by_text(doc, locs)["Georgia"].feature == "admin1"
    doc, locs = places("Protesters gathered in Tbilisi as Georgia and Armenia held talks with Russia.")
    assert by_text(doc, locs)["Georgia"].country == "GEO"


def roles(doc, locations):
    return {doc.text[s:e]: role for loc in locations for (s, e), role in zip(loc.mentions, loc.roles)}


def test_demonyms_before_a_noun_are_modifier_mentions(places):
    doc, locs = places("A Russian rocket hit a depot, Ukrainian officials said.")
    found = by_text(doc, locs)
    assert found["Russian"].name == "Russia" and found["Ukrainian"].name == "Ukraine"
    assert roles(doc, locs) == {"Russian": "modifier", "Ukrainian": "modifier"}
    doc, locs = places("Talks on Turkish-Russian relations resumed as European officials arrived.")
    assert roles(doc, locs) == {"Turkish": "modifier", "Russian": "modifier", "European": "modifier"}
    assert by_text(doc, locs)["European"].name == "Europe"


def test_demonyms_as_people_languages_and_names_are_not_mentions(places):
    doc, locs = places("The Russians left. She speaks French at work. He flew British Airways to Oslo.")
    assert set(by_text(doc, locs)) == {"Oslo"}
    doc, locs = places("Police guarded the Turkish Embassy in Oslo.")
    assert roles(doc, locs) == {"Turkish": "modifier", "Oslo": "literal"}


def test_metonym_stays_a_place_mention_with_its_role(places):
    doc, locs = places("Moscow rejected the proposal on Monday.")
    assert by_text(doc, locs)["Moscow"].country == "RUS"
    assert roles(doc, locs) == {"Moscow": "metonymic"}
    doc, locs = places("Georgia and Armenia agreed to reopen the crossing, which lies in Armenia.")
    assert [r for t, r in sorted(roles(doc, locs).items())] and roles(doc, locs)["Georgia"] == "metonymic"
    armenia = by_text(doc, locs)["Armenia"]
    assert armenia.roles == ("metonymic", "literal") and armenia.literal_mentions == (armenia.mentions[1],)


def test_to_dict_gives_one_role_per_mention(places):
    doc, locs = places("Russian envoys met in Oslo.")
    for loc in locs:
        d = loc.to_dict()
        assert len(d["roles"]) == len(d["mentions"])


def test_dateline_state_places_the_town(places):
    doc, locs = places("COLUMBIA, Ky. (WBKO) - A man of Columbia was arrested on Thursday.")
    found = by_text(doc, locs)
    assert found["COLUMBIA"] is found["Columbia"]
    assert found["Columbia"].country == "USA" and abs(found["Columbia"].lat - 37.10) < 0.1


def test_state_the_article_is_set_in_picks_the_namesake(places):
    doc, locs = places("Police in Kentucky say the man, 26, of Edmonton, was arrested after a shooting.")
    edmonton = by_text(doc, locs)["Edmonton"]
    assert edmonton.country == "USA" and abs(edmonton.lat - 36.98) < 0.1
    doc, locs = places("The man, 26, of Edmonton, was arrested after a shooting.")
    assert by_text(doc, locs)["Edmonton"].country == "CAN"


def test_town_not_in_the_named_state_falls_back_to_the_state(places):
    doc, locs = places("HOLLIDAY, Mo. - A crash closed Route C on Friday.")
    assert by_text(doc, locs)["HOLLIDAY"].name == "Missouri"
    doc, locs = places("A crash near Zyxton, Mo., closed the road.")  # a town the gazetteer does not know
    assert by_text(doc, locs)["Zyxton"].name == "Missouri"


def test_governor_names_the_state(places):
    doc, locs = places("Former New York Gov. Mario Cuomo spoke on Monday.")
    assert by_text(doc, locs)["New York"].feature == "admin1"


def test_person_names_are_not_places(places):
    doc, locs = places("The skater Georgia Whitfield won gold in Calgary. Whitfield thanked her coach.")
    assert [loc.name for loc in locs] == ["Calgary"]


def test_toponym_inside_an_organisation_name(places):
    doc, locs = places("Officers from the Glenmoor Police Department and Kentucky State Police searched the farm.")
    assert by_text(doc, locs)["Kentucky"].name == "Kentucky"


def test_region_without_admin_status_and_sea(places):
    doc, locs = places("Separatists in the Donbas region and ships on the Black Sea were put on alert.")
    found = by_text(doc, locs)
    assert found["Donbas"].feature == "region" and found["Black Sea"].feature == "water"


def test_empty_when_no_places(places):
    doc, locs = places("The committee met for three hours and adjourned without a vote.")
    assert locs == []


def test_pipeline_spans_index_the_original_text(pipeline):
    text = "Officials in \u201cKyiv\u201d said the\u00a0strikes on Kharkiv \u2014 and near Odesa \u2014 continued."
    record = pipeline(text, id="t")
    names = {loc.name: loc for loc in record.locations}
    assert {"Kyiv", "Kharkiv", "Odesa"} <= set(names)
    for loc in record.locations:
        for span in loc.mentions:
            assert record.text_of(span) in (loc.name, *loc.aliases)
    assert record.to_dict()["locations"][0]["mentions"]


def test_place_entities_get_the_country_of_their_place(pipeline):
    doc = pipeline.nlp("Shelling hit Kharkiv again on Sunday.")
    entities = extract_entities(doc)
    locations = extract_places(doc, entities, pipeline.gazetteer)
    kharkiv = next(e for e in with_place_countries(entities, locations) if e.name == "Kharkiv")
    assert kharkiv.country == "UKR"
