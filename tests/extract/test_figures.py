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
        ("Rates were cut by 50 basis points.", "50 basis points", 50, "basis point"),
        ("The rebels hold just under a fifth of Velmora.", "just under a fifth", 20, "percent"),
        ("The shelling killed two people and wounded 11.", "11", 11, "people"),
        ("The surplus widened to 8.1 billion dlrs from 6.5 billion.", "6.5 billion", 6_500_000_000, "USD"),
        ("Net profit was 15.5 mln euros vs 12.3 mln.", "12.3 mln", 12_300_000, "EUR"),
        ("The stake is valued at about 1.2 billion Australian dlrs.", "about 1.2 billion Australian dlrs", 1_200_000_000, "AUD"),
        ("Officials said about 2000 troops arrived.", "about 2000 troops", 2000, "people"),
        ("The state spent tens of millions of dollars.", "tens of millions of dollars", 20_000_000, "USD"),
        ("Forecasters expect 10 to 15 centimetres of snow.", "10 to 15 centimetres", 10, "cm"),
        ("The furnaces use between 5 500 kWh and 8 000 kWh.", "between 5 500 kWh and 8 000 kWh", 5500, "kWh"),
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
        "The Boeing 737 landed safely.",  # a model name
        "Profits rose in the first quarter of 2024.",  # a period
        "The FTSE 100 index fell.",  # an index name
        "Gas transit fell to zero in January.",  # nothing counted
        "The company said 1987 earnings rose.",  # a year as a modifier
        "Smith was seen at 69 Wooster St. last night.",  # an address
        "Have Radio 2 listeners heard it?",  # a station name
        "England lost the Six Nations game 18-12.",  # a name and a score
        "Chelsea beat Arsenal 3-1 on Sunday.",  # a score
        "The league ran from 2014-2022.",  # years
        "Two years ago he left Orlin.",  # a date, not a duration
        "One day you can be Varnian, or you may not be Varnian one day, he said.",  # an idiom
        "He has done it three times.",
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


@pytest.mark.parametrize(
    "text, span, value, unit, kind",
    [
        ("Officers knelt on him for 8 minutes and 46 seconds.", "8 minutes and 46 seconds", 526, "second", "duration"),
        ("Rebels fired rockets in the past 48 hours.", "48 hours", 48, "hour", "duration"),
        ("Schroeder began a three-day visit.", "three-day", 3, "day", "duration"),
        ("He served five years in prison.", "five years", 5, "year", "duration"),
        ("Talks went on for two long weeks.", "two long weeks", 2, "week", "duration"),
        ("A 13-year-old child was killed.", "13-year-old", 13, "year", "age"),
        ("The 45-year-old was arrested.", "45-year-old", 45, "year", "age"),
        ("A man aged 62 was hurt.", "62", 62, "year", "age"),
        ("Police charged Anna Berg, 34, on Monday.", "34", 34, "year", "age"),
        ("Officials counted 40 drones.", "40 drones", 40, "drone", "count"),
        ("Revenue rose to $1.13bn.", "$1.13bn", 1_130_000_000, "USD", "money"),
        ("The rebels control almost 20 percent of Velmora.", "almost 20 percent", 20, "percent", "percent"),
        ("The flood covered 300 square miles.", "300 square miles", 777.0, "km2", "measure"),
    ],
)
def test_every_figure_has_a_kind(figures, text, span, value, unit, kind):
    (f,) = figures(text)[0]
    assert (f.text, f.unit, f.kind) == (span, unit, kind)
    assert f.value == pytest.approx(value, rel=1e-3)
    assert f.category is None or kind == "count"


def test_ages_are_not_casualties_and_not_event_figures(figures):
    found, _ = figures("The children, ages 7 and 9, were killed, and a 13-year-old was hurt.")
    assert [(f.text, f.kind, f.category) for f in found] == [("7", "age", None), ("9", "age", None), ("13-year-old", "age", None)]


@pytest.mark.parametrize(
    "text, span, low, high, unit",
    [
        ("Rebels fired 3-4 mortars at the base.", "3-4 mortars", 3, 4, "mortar"),
        ("Between 30 and 40 people were arrested.", "Between 30 and 40 people", 30, 40, "people"),
        ("The deal is worth between 5 and 10 million dollars.", "between 5 and 10 million dollars", 5_000_000, 10_000_000, "USD"),
        ("The talks lasted two to three days.", "two to three days", 2, 3, "day"),
        ("It costs 3-4 million dollars.", "3-4 million dollars", 3_000_000, 4_000_000, "USD"),
        ("They got terms ranging from 15 to 37 years.", "15 to 37 years", 15, 37, "year"),
    ],
)
def test_a_range_is_one_figure_with_low_and_high(figures, text, span, low, high, unit):
    (f,) = figures(text)[0]
    assert (f.text, f.low, f.high, f.unit) == (span, low, high, unit)
    assert f.value == f.low


@pytest.mark.parametrize("text", ["Exports rose from 10 to 15 percent.", "Crude lost more than $2 to $43.25 on Friday."])
def test_a_change_is_not_a_range(figures, text):
    found, _ = figures(text)
    assert len(found) == 2 and all(f.high is None for f in found)


def test_a_year_earlier_is_not_a_duration(figures):
    found, _ = figures("Profit was $700m, from $639m year-earlier.")
    assert [(f.text, f.kind) for f in found] == [("$700m", "money"), ("$639m", "money")]


def test_a_vote_tally_is_two_counts_of_votes(figures):
    text = "The House voted 543-21 to approve the bill."
    found, _ = figures(text)
    assert [(f.text, f.value, f.unit, f.kind, f.high) for f in found] == [("543", 543, "vote", "count", None), ("21", 21, "vote", "count", None)]
    assert [text[f.span[0] : f.span[1]] for f in found] == ["543", "21"]


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("The company reported revenues of 3.39 billion against 2.74 billion dlrs.", "3.39 billion", 3_390_000_000, "USD"),
        ("Sales were 12.5 mln compared with 10.1 mln euros.", "12.5 mln", 12_500_000, "EUR"),
        ("Turnout was 45 versus 52 percent.", "45", 45, "percent"),
    ],
)
def test_a_unit_written_once_is_shared_backwards(figures, text, span, value, unit):
    f = next(f for f in figures(text)[0] if f.text == span)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    "text, span, value, unit, qualifier",
    [
        ("The strike hit over two-and-a-half-million workers.", "over two-and-a-half-million workers", 2_500_000, "people", "more than"),
        ("More than half voted for him.", "More than half", 50, "percent", "more than"),
        ("Nearly a third of the staff left.", "Nearly a third", 33.3333, "percent", "almost"),
    ],
)
def test_halves_and_fractions(figures, text, span, value, unit, qualifier):
    (f,) = figures(text)[0]
    assert (f.text, f.unit, f.qualifier) == (span, unit, qualifier)
    assert f.value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize(
    "text, span, unit",
    [
        ("The army lost 20 anti-aircraft guns.", "20 anti-aircraft guns", "anti-aircraft gun"),
        ("The army moved 12 brigades and battalions.", "12 brigades and battalions", "brigade and battalion"),
        ("Airstrikes killed 40 soldiers and civilians.", "40 soldiers and civilians", "people"),
        ("The navy sent 6 fighter jets.", "6 fighter jets", "fighter jet"),
        ("Police found seven ballistic rockets.", "seven ballistic rockets", "rocket"),
        ("Officials said 12 boats, 40 trucks and 7 planes were lost.", "40 trucks", "truck"),
    ],
)
def test_counted_nouns_of_several_words(figures, text, span, unit):
    f = next(f for f in figures(text)[0] if f.text == span)
    assert f.unit == unit


def test_offsets_index_the_original_text(pipeline):
    text = "Rebels fired 3\u20134 mortars\u00a0and, over 8\u00a0minutes and 46 seconds, between 30 and 40 people fled."
    record = pipeline(text, published="2025-02-12", id="offsets")
    got = [text[f.span[0] : f.span[1]] for f in record.figures]
    assert got == ["3\u20134 mortars", "over 8\u00a0minutes and 46 seconds", "between 30 and 40 people"]
    # the normaliser writes a no-break space as a space, one character for one: the record's text is the NLP's
    assert [f.text for f in record.figures] == [g.replace("\u00a0", " ") for g in got]
