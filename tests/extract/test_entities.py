"""Entities on hand-written, fictional sentences, through the real pipeline."""
import pytest


def ents(pipeline, text):
    record = pipeline(text)
    return record, {e.name: e for e in record.entities}


def test_full_name_surname_and_descriptor_are_one_person(pipeline):
    text = (
        "US defense secretary Paul Brandt said on Monday that the plan was unrealistic. "
        "Brandt told reporters in Brussels that allies must pay more. "
        "The troops should be European, said the Pentagon boss."
    )
    record, by_name = ents(pipeline, text)
    brandt = by_name["Paul Brandt"]
    assert brandt.type == "PERSON"
    assert brandt.country == "USA"
    assert "US defense secretary" in brandt.titles
    assert "Brandt" in brandt.aliases and "the Pentagon boss" in brandt.aliases
    assert [record.text_of(m) for m in brandt.mentions] == ["Paul Brandt", "Brandt", "the Pentagon boss"]
    assert "Pentagon" in by_name and by_name["Pentagon"].type == "ORG"


def test_a_person_once_is_a_person_everywhere(pipeline):
    text = (
        "Ukrainian President Oleksandr Kovalenko met the prime minister of Poland in Warsaw. "
        "Kovalenko said Kyiv needed more air defence. Later, Kovalenko flew home."
    )
    record, by_name = ents(pipeline, text)
    person = by_name["Oleksandr Kovalenko"]
    assert person.type == "PERSON" and person.country == "UKR"
    assert len(person.mentions) == 3
    assert not [e for e in record.entities if e.name == "Kovalenko"]


def test_span_across_a_line_break_is_split(pipeline):
    text = "Talks end without deal: Harper\nMonroe also said on Friday that the talks had failed. Senator Jane Harper left early."
    record, by_name = ents(pipeline, text)
    for e in record.entities:
        for s, t in e.mentions:
            assert "\n" not in record.article.text[s:t]


def test_possessive_and_determiner_are_not_part_of_the_name(pipeline):
    text = "Critics attacked Maria Lopez’s budget. The White House said the budget was fair, and Lopez agreed."
    record, by_name = ents(pipeline, text)
    assert "Maria Lopez" in by_name
    assert "White House" in by_name and by_name["White House"].country == "USA"
    assert all(not a.endswith(("'s", "’s")) for e in record.entities for a in (e.name, *e.aliases))


def test_lowercased_surname_joins_the_person(pipeline):
    text = (
        "Former governor Tom Hadley lost the vote. Hadley said the count was unfair. "
        "His rivals wanted to discredit hadley before the recount."
    )
    record, by_name = ents(pipeline, text)
    assert "hadley" in by_name["Tom Hadley"].aliases


def test_acronym_and_alliance_alias_are_one_organisation(pipeline):
    text = (
        "NATO ministers met in Brussels on Thursday. The Alliance agreed to send more troops, "
        "and officials said a non-Nato mission was also possible."
    )
    record, by_name = ents(pipeline, text)
    nato = by_name["NATO"]
    assert {"Alliance", "Nato"} <= set(nato.aliases)
    assert not any(e.name in ("Alliance", "Nato") for e in record.entities if e is not nato)


def test_countries_are_merged_under_one_code(pipeline):
    text = "The United States and Britain signed the deal. US officials said the UK would pay half."
    record, by_name = ents(pipeline, text)
    usa = [e for e in record.entities if e.country == "USA" and e.type == "GPE"]
    assert len(usa) == 1 and usa[0].name == "United States" and "US" in usa[0].aliases


@pytest.mark.parametrize(
    "text, name, country, title",
    [
        ("Kremlin spokesman Dmitry Orlov said the talks were over.", "Dmitry Orlov", "RUS", "Kremlin spokesman"),
        ("Russian President Ivan Sokolov called the offer impossible.", "Ivan Sokolov", "RUS", "Russian President"),
        ("French Foreign Minister Claire Dubois flew to Beirut on Sunday.", "Claire Dubois", "FRA", "French Foreign Minister"),
        ("Anna Keller, spokeswoman for the German finance ministry, declined to comment.", "Anna Keller", None, "spokeswoman for the German finance ministry"),
    ],
)
def test_titles_and_countries(pipeline, text, name, country, title):
    record, by_name = ents(pipeline, text)
    person = by_name[name]
    assert title in person.titles
    if country:
        assert person.country == country


def test_descriptor_resolves_by_country(pipeline):
    text = (
        "Ukrainian President Oleksandr Kovalenko and Russian President Ivan Sokolov did not meet. "
        "Aides said the Ukrainian leader would travel to Paris instead."
    )
    record, by_name = ents(pipeline, text)
    assert "the Ukrainian leader" in by_name["Oleksandr Kovalenko"].aliases
    assert "the Ukrainian leader" not in by_name["Ivan Sokolov"].aliases


def test_headline_adjective_is_not_a_group(pipeline):
    record, by_name = ents(pipeline, "Fatal attack in Kharkiv\nA missile hit a school on Monday, officials said.")
    assert "Fatal" not in by_name


def test_seed_entities_match_gold(seed_record, seed_gold):
    """Every gold entity found once, under its name or an alias, with its type."""
    by_name = {}
    for e in seed_record.entities:
        for n in (e.name, *e.aliases):
            by_name.setdefault(n.lower().removeprefix("the "), []).append(e)
    for g in seed_gold["entities"]:
        hits = {id(e): e for n in (g["name"], *g.get("aliases", [])) for e in by_name.get(n.lower().removeprefix("the "), [])}
        assert len(hits) == 1, (g["name"], [e.name for e in hits.values()])
        assert next(iter(hits.values())).type == g["type"]


def test_every_mention_indexes_the_original(seed_record):
    text = seed_record.article.text
    for e in seed_record.entities:
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
            mention = text[s:t]
            assert mention.strip() == mention and mention


def test_acronym_joins_its_full_name(pipeline):
    text = (
        "The International Atomic Energy Agency said on Monday that inspectors had left. "
        "The IAEA added that cameras at the site were switched off."
    )
    record, by_name = ents(pipeline, text)
    agency = by_name["International Atomic Energy Agency"]
    assert "IAEA" in agency.aliases and "IAEA" not in by_name
