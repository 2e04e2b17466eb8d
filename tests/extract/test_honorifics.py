""""Mr Nath" is "Kamal Nath": honorific forms join the one person of that
surname in the article, unless two people share it or the gender disagrees.
Fictional people, hand-written sentences, through the real pipeline."""
import pytest

from newsgraph.lexicons import honorifics, read_tsv


def persons(pipeline, text):
    record = pipeline(text)
    return record, {e.name: e for e in record.entities if e.type == "PERSON"}


@pytest.mark.parametrize(
    "text, full, form",
    [
        ("Trade minister Kamal Dorai arrived in Beijing on Monday. Mr Dorai said the talks went well.", "Kamal Dorai", "Mr Dorai"),
        ("Economist Helen Varga spoke at the conference. Later Mrs Varga told reporters that rates would rise.", "Helen Varga", "Mrs Varga"),
        ("Health officials named Amina Okafor as the new chief. Dr Okafor said hospitals were ready.", "Amina Okafor", "Dr Okafor"),
        ("Opposition leader Tomas Reyes criticised the plan. President Reyes, as he was later known, said so again.", "Tomas Reyes", "President Reyes"),
    ],
)
def test_honorific_form_joins_the_full_name(pipeline, text, full, form):
    record, by_name = persons(pipeline, text)
    assert full in by_name, list(by_name)
    assert form not in by_name
    person = by_name[full]
    assert form in person.aliases or any(form.split()[-1] == record.text_of(m) for m in person.mentions)
    assert len(person.mentions) >= 2


def test_two_people_of_one_surname_keep_the_honorific_apart(pipeline):
    text = (
        "Brothers Daniel Marsh and Peter Marsh both ran for the seat. "
        "Mr Marsh said on Tuesday he would not concede."
    )
    _, by_name = persons(pipeline, text)
    assert "Daniel Marsh" in by_name and "Peter Marsh" in by_name
    assert "Mr Marsh" not in by_name["Daniel Marsh"].aliases
    assert "Mr Marsh" not in by_name["Peter Marsh"].aliases


@pytest.mark.parametrize(
    "text",
    [
        "Ms Carla Brenner said the company would appeal. Mr Brenner, her husband, declined to comment.",
        "Company spokeswoman Carla Brenner said it would appeal. Mr Brenner, her husband, declined to comment.",
    ],
)
def test_gender_of_the_honorific_must_agree(pipeline, text):
    record, by_name = persons(pipeline, text)
    carla = next(e for name, e in by_name.items() if name.endswith("Carla Brenner"))
    husband = text.index("Mr Brenner")
    assert not [m for m in carla.mentions if husband <= m[0] < husband + len("Mr Brenner")], [record.text_of(m) for m in carla.mentions]


def test_canonical_name_is_the_full_name_not_the_honorific_form(pipeline):
    # same number of words and letters: "Ed Kroll" must still win over "Mr Kroll"
    text = "Mr Kroll spoke first. Ed Kroll, the finance chief, said profits rose. Mr Kroll added that costs fell."
    _, by_name = persons(pipeline, text)
    assert "Ed Kroll" in by_name and "Mr Kroll" not in by_name


@pytest.mark.parametrize("row", read_tsv("honorifics.tsv"), ids=lambda r: r["word"])
def test_every_honorific_row(row):
    assert honorifics()[row["word"]] == (None if row["gender"] == "-" else row["gender"])
