"""Figures over parsed fictional sentences: what is a figure and what is not,
the counted noun, the casualty category, part-whole links and the
``inconsistent-figures`` flag."""
from __future__ import annotations

import pytest

from newsgraph.extract.dates import extract_dates
from newsgraph.extract.figures import extract_figures
from newsgraph.lexicons.quantities import casualty_words, counted_nouns, identifier_words, populated_places


@pytest.fixture(scope="module")
def figures(nlp):
    def run(text: str, published: str | None = None):
        doc = nlp(text)
        return extract_figures(doc, extract_dates(doc, published))

    return run


def texts(found) -> list[str]:
    return [f.text for f in found[0]]


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("The navy said it shot down 123 drones over Velmora.", "123 drones", 123, "drone"),
        ("Police found seven ballistic rockets near Tarnow.", "seven ballistic rockets", 7, "rocket"),
        ("The storm left at least one civilian dead in Orlin.", "at least one civilian", 1, "people"),
        ("Officials said 2,000 troops arrived in Marsk.", "2,000 troops", 2000, "people"),
        ("More than 100 Varnians were evacuated.", "More than 100", 100, None),
        ("Revenue at Kettle Corp rose to $1.13bn.", "$1.13bn", 1_130_000_000, "USD"),
        ("The fund lost £600m in the crash.", "£600m", 600_000_000, "GBP"),
        ("Aid to Velmora was estimated at 65 billion US dollars.", "65 billion US dollars", 65_000_000_000, "USD"),
        ("The rebels control almost 20 percent of Velmora.", "almost 20 percent", 20, "percent"),
        ("The flood covered 300 square miles of farmland.", "300 square miles", 777.0, "km2"),
        ("Tens of thousands of residents fled the valley.", "Tens of thousands of residents", 20_000, "people"),
        ("Orlin is a city of three million.", "three million", 3_000_000, "people"),
        ("Half of the harvest was lost.", "Half", 50, "percent"),
        ("The court heard that 40 more boats were seized.", "40 more boats", 40, "boat"),
        ("Rates were cut by 50 basis points.", "50 basis points", 50, "point"),
        ("The rebels hold just under a fifth of Velmora.", "just under a fifth", 20, "percent"),
        ("The shelling killed two people and wounded 11.", "11", 11, "people"),
        ("The surplus widened to 8.1 billion dlrs from 6.5 billion.", "6.5 billion", 6_500_000_000, "USD"),
        ("Net profit was 15.5 mln euros vs 12.3 mln.", "12.3 mln", 12_300_000, "EUR"),
        ("The stake is valued at about 1.2 billion Australian dlrs.", "about 1.2 billion Australian dlrs", 1_200_000_000, "AUD"),
        ("Officials said about 2000 troops arrived.", "about 2000 troops", 2000, "people"),
        ("The state spent tens of millions of dollars.", "tens of millions of dollars", 20_000_000, "USD"),
        ("Forecasters expect 10 to 15 centimetres of snow.", "10", 10, "centimetre"),
        ("The furnaces use between 5 500 kWh and 8 000 kWh.", "5 500 kWh", 5500, "kwh"),
    ],
)
def test_figure_found(figures, text, span, value, unit):
    found, _ = figures(text)
    hit = [f for f in found if span in f.text or f.text in span]
    assert hit, texts((found, []))
    f = hit[0]
    assert f.text.startswith(span.split()[0])
    assert f.value == pytest.approx(value, rel=1e-3)
    if unit is not None:
        assert f.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2014 and resumed after 2022.",  # years
        "Talks resumed on 24 February 2022 in Orlin.",  # a date
        "They met at 10:30 in the hall.",  # a clock time
        "He finished 1st in the race.",  # an ordinal
        "Troops would not be covered under Article 5 of the treaty.",  # identifiers
        "Flight 17 was delayed, and Resolution 2231 was cited.",
        "Call +44 20 7946 0958 for details.",  # a phone number
        "Install version 3.8.1 of the tool.",  # a version
        "One of the main points was lost.",  # pronoun-like "one"
        "One day you will see it.",
        "The two countries signed a deal.",  # a reference, not a count
        "Schroeder began a three-day visit.",  # a duration
        "He served five years in prison.",
        "The 45-year-old was arrested.",  # an age
        "The Boeing 737 landed safely.",  # a model name
        "Profits rose in the first quarter of 2024.",  # a period
        "The FTSE 100 index fell.",  # an index name
        "Gas transit fell to zero in January.",  # nothing counted
        "The company said 1987 earnings rose.",  # a year as a modifier
        "Police charged Anna Berg, 34, on Monday.",  # an age
        "The children, ages 7 and 9, were found.",
        "Smith was seen at 69 Wooster St. last night.",  # an address
        "Have Radio 2 listeners heard it?",  # a station name
        "England lost the Six Nations game 18-12.",  # a name and a score
        "The song reached the top 20 in May.",  # a rank
    ],
)
def test_not_a_figure(figures, text):
    assert texts(figures(text)) == []


@pytest.mark.parametrize(
    "text, span, category",
    [
        ("A rocket salvo killed at least one civilian in Orlin and injured four more.", "at least one civilian", "killed"),
        ("A rocket salvo killed at least one civilian in Orlin and injured four more.", "four more", "injured"),
        ("At least 12 people were killed in the blast.", "At least 12 people", "killed"),
        ("Twelve people died in the blast.", "Twelve people", "killed"),
        ("The attack left 12 dead.", "12", "killed"),
        ("The death toll rose to 35.", "35", "killed"),
        ("The strikes hit Orlin, bringing the death toll to more than 4,000.", "more than 4,000", "killed"),
        ("Gunmen wounded 30 people.", "30 people", "injured"),
        ("Police arrested 23 people in Marsk.", "23 people", "arrested"),
        ("Troops detained dozens of protesters.", "dozens of protesters", "arrested"),
        ("The floods displaced 300,000 people.", "300,000 people", "displaced"),
        ("Some 1.2 million people have fled.", "Some 1.2 million people", "displaced"),
        ("Four sailors are missing.", "Four sailors", "missing"),
        ("About 3.7 million people remain displaced.", "About 3.7 million people", "displaced"),
        ("Gunmen kidnapped 12 students.", "12 students", "kidnapped"),
        ("Gunmen abducted 12 students.", "12 students", "kidnapped"),
        ("The camps hold 200 refugees.", "200 refugees", "displaced"),
        ("Three soldiers killed two civilians.", "Three soldiers", None),  # the killers
        ("Three soldiers killed two civilians.", "two civilians", "killed"),
        ("The navy shot down 40 drones.", "40 drones", None),
        ("The blast hit a market, killing one and injuring five.", "one", "killed"),
        ("The blast hit a market, killing one and injuring five.", "five", "injured"),
    ],
)
def test_category(figures, text, span, category):
    found, _ = figures(text)
    f = next(f for f in found if f.text == span)
    assert f.category == category


def test_part_whole_out_of(figures):
    found, flags = figures("The air force said it shot six out of seven ballistic rockets.")
    six, seven = found
    assert (six.text, seven.text) == ("six", "seven ballistic rockets")
    assert six.whole == seven.id and seven.whole is None
    assert six.unit == "rocket"
    assert flags == []


def test_part_whole_sentence_opener(figures):
    found, flags = figures("Of 123 drones, the military shot 71 and used jamming against 40 more.")
    whole, shot, more = found
    assert (whole.text, shot.text, more.text) == ("123 drones", "71", "40 more")
    assert shot.whole == whole.id and more.whole == whole.id
    assert shot.unit == more.unit == "drone"
    assert flags == []


@pytest.mark.parametrize(
    "text, part, whole, category",
    [
        ("Another 60 people were wounded, 14 of them critically.", "14", "60 people", "injured"),
        ("Airstrikes killed at least 27 people, including 10 children.", "10 children", "at least 27 people", "killed"),
        ("Two of the three victims were women.", "Two", "three victims", None),
    ],
)
def test_part_of_a_figure_before_or_after(figures, text, part, whole, category):
    found, _ = figures(text)
    by_text = {f.text: f for f in found}
    assert by_text[part].whole == by_text[whole].id
    assert by_text[part].category == category
    assert by_text[part].unit == "people"


def test_parts_exceeding_whole_are_flagged(figures):
    text = "Of 100 drones, the military shot 71 and used jamming against 40 more."
    found, flags = figures(text)
    assert [f.whole for f in found] == [None, "f1", "f1"]
    assert [f.kind for f in flags] == ["inconsistent-figures"]
    start, end = flags[0].span
    assert text[start:end].startswith("100 drones") and text[start:end].endswith("40 more")


def test_ids_in_text_order(figures):
    found, _ = figures("Officials said 12 boats, 40 trucks and 7 planes were lost.")
    assert [f.id for f in found] == ["f1", "f2", "f3"]
    assert [f.value for f in found] == [12, 40, 7]


@pytest.mark.parametrize(
    "text, measures",
    [
        ("The navy shot down 40 drones.", ["drones shot down"]),
        ("Rebels hold almost 20 percent of Velmora or more than 9,000 square kilometers.", ["share of Velmora", "area of Velmora"]),
        ("The sum was estimated at 65 billion US dollars.", ["sum"]),
    ],
)
def test_measures_from_the_sentence(figures, text, measures):
    found, _ = figures(text)
    assert [f.measures for f in found] == measures


def test_every_casualty_word_gives_its_category(figures):
    forms = {
        "kill": "were killed", "killed": "were killed", "die": "died", "dead": "are dead", "death": None,
        "fatality": None, "toll": None, "slay": "were slain", "murder": "were murdered", "perish": "perished",
        "execute": "were executed", "injure": "were injured", "injured": "are injured", "wound": "were wounded",
        "wounded": "were wounded", "hurt": "were hurt", "hospitalize": "were hospitalized",
        "hospitalise": "were hospitalised", "injury": None, "arrest": "were arrested", "detain": "were detained",
        "imprison": "were imprisoned", "apprehend": "were apprehended", "jail": "were jailed",
        "displace": "were displaced", "displaced": "were displaced", "flee": "fled", "evacuate": "were evacuated",
        "uproot": "were uprooted", "refugee": None, "missing": "are missing", "disappear": "disappeared",
        "kidnap": "were kidnapped", "abduct": "were abducted", "hostage": None,
    }
    nouns = {"death": "40 deaths were recorded", "fatality": "40 fatalities were recorded",
             "toll": "The toll rose to 40", "injury": "40 injuries were recorded",
             "refugee": "40 refugees arrived", "hostage": "40 hostages remain"}
    assert set(forms) == set(casualty_words())
    for lemma, category in casualty_words().items():
        text = nouns.get(lemma) or f"Officials said 40 villagers {forms[lemma]} on the island."
        found, _ = figures(text + ".")
        assert [f.category for f in found] == [category], (lemma, text)


def test_every_counted_noun_normalises(figures):
    plural = {"people": "people", "person": "persons", "child": "children", "man": "men", "woman": "women",
              "casualty": "casualties"}
    for lemma, unit in counted_nouns().items():
        word = plural.get(lemma, lemma + "s")
        found, _ = figures(f"Officials counted 40 {word} on the island.")
        assert [f.unit for f in found] == [unit], lemma


def test_every_identifier_word_names(figures):
    for word in identifier_words():
        found, _ = figures(f"They spoke about {word.title()} 41.")
        assert found == [], word


def test_every_populated_place_counts_people(figures):
    for lemma in populated_places():
        article = "an" if lemma[0] in "aeiou" else "a"
        found, _ = figures(f"Orlin is {article} {lemma} of 40,000.")
        assert [f.unit for f in found] == ["people"], lemma
