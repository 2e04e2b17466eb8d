"""Coreference: one case per phenomenon, on hand-written fictional text; and a
sentence per row of the data it reads (descriptions, first names)."""
from __future__ import annotations

import pytest

from newsgraph.lexicons import read_tsv, titles


def mentions_of(record, name_part: str) -> list[str]:
    """The texts of every mention of the entity whose name holds ``name_part``."""
    hits = [e for e in record.entities if name_part in e.name]
    assert len(hits) == 1, [(e.name, e.type) for e in record.entities]
    return [record.text_of(m) for m in hits[0].mentions]


def speakers(record) -> list[str | None]:
    return [q.speaker_name for q in record.quotes]


# (case, text, name part of the entity, the mention it must have, a name part of an entity that must not have it)
CASES = [
    ("pronoun-next-sentence", "Mayor Ana Lind visited the docks on Monday. She said the harbour would reopen in May.",
     "Lind", "She", None),
    ("pronoun-across-paragraphs", "Mayor Ana Lind visited the docks on Monday.\nThe storm had broken the old pier.\n"
     "She said the harbour would reopen in May.", "Lind", "She", None),
    ("chain", "Tom Berg arrived in Port Wren on Monday. He met the fishermen. Later he said the pier was lost.",
     "Berg", "he", None),
    ("gender-first-name", "Mary Holt met Tom Berg in Port Wren on Monday. He said the talks had failed.",
     "Berg", "He", "Holt"),
    ("gender-honorific", "Mr Holt met Ms Berg in Port Wren on Monday. She said the talks had failed.",
     "Berg", "She", "Holt"),
    ("gender-title", "The chairwoman, Robin Holt, met Tom Berg on Monday. She said the talks had failed.",
     "Holt", "She", "Berg"),
    ("object-is-not-its-subject", "Tom Berg met Mark Holt in Port Wren. Holt told him the pier was unsafe.",
     "Berg", "him", "Holt"),
    ("object-is-not-its-pronoun-subject", "Mark Holt met Tom Berg in Port Wren. He told him the pier was unsafe.",
     "Berg", "him", "Holt"),
    ("organisation-it", "Harbor Freight Ltd. opened a depot in Port Wren. It said forty people would work there.",
     "Harbor Freight", "It", None),
    ("description-company", "Harbor Freight Ltd. opened a depot in Port Wren. The company said it would hire forty people.",
     "Harbor Freight", "company", None),
    ("description-name-word", "Harbor Freight Ltd. went to the Wren Court of Appeals. The court said the suit had no merit.",
     "Court of Appeals", "court", "Harbor Freight"),
    ("title-description", "Senator Ana Lind visited Port Wren on Monday. The senator said the harbour would reopen.",
     "Lind", "senator", None),
    ("title-before-name", "State Police Lt. Tom Berg spoke on Monday. The lieutenant said the pier was unsafe.",
     "Berg", "lieutenant", None),
]


@pytest.mark.parametrize("case,text,name,mention,other", CASES, ids=[c[0] for c in CASES])
def test_phenomenon(pipeline, case, text, name, mention, other):
    record = pipeline(text)
    assert mention in mentions_of(record, name)
    if other is not None:
        wrong = [e for e in record.entities if other in e.name]
        assert all(mention not in [record.text_of(m) for m in e.mentions] for e in wrong)


def test_expletive_it_is_no_mention(pipeline):
    record = pipeline("Harbor Freight Ltd. opened a depot in Port Wren. It is unclear whether the depot will stay open.")
    assert "It" not in mentions_of(record, "Harbor Freight")


def test_they_keeps_an_unnamed_group(pipeline):
    record = pipeline("Harbor Freight Ltd. opened a depot in Port Wren. Fishermen protested on Monday. They said the depot was too big.")
    assert "They" not in mentions_of(record, "Harbor Freight")


def test_two_people_of_one_surname_keep_their_pronouns(pipeline):
    text = ("Jerome Faulkner and his wife, Dora Faulkner, run a farm near Port Wren. "
            "Dora Faulkner said the harvest was poor. She said the rain came too late. He said the farm would survive.")
    assert speakers(pipeline(text))[-3:] == ["Dora Faulkner", "Dora Faulkner", "Jerome Faulkner"]


def test_run_of_quotes_is_one_speaker(pipeline):
    text = ("Tom Berg met Mark Holt in Port Wren on Monday. The pier will reopen in May, according to Holt. "
            "He said the work would cost $4 million.")
    assert speakers(pipeline(text))[-1] == "Mark Holt"


def test_document_speaks_for_its_author(pipeline):
    text = "The Wren Port Authority issued a statement on Monday. The statement said the pier was unsafe."
    assert speakers(pipeline(text))[-1] == "Wren Port Authority"


def test_mentions_are_sorted_and_exact(pipeline):
    text = "Mayor Ana Lind visited the docks on Monday.\nShe said the harbour would reopen in May. Her deputy agreed."
    record = pipeline(text)
    entity = next(e for e in record.entities if "Lind" in e.name)
    assert list(entity.mentions) == sorted(entity.mentions)
    assert [record.text_of(m) for m in entity.mentions] == ["Ana Lind", "She", "Her"]


@pytest.mark.parametrize("row", read_tsv("descriptions.tsv"), ids=lambda r: r["word"])
def test_every_description_row(pipeline, row):
    """The row's description is a mention of the entity named before it."""
    record = pipeline(row["sentence"])
    holders = [e for e in record.entities if any(record.text_of(m).lower().split()[-1] in (row["word"], row["word"] + "s")
                                                 for m in e.mentions if m[0] > 0)]
    assert holders, [(e.name, [record.text_of(m) for m in e.mentions]) for e in record.entities]
    if row["refers"] == "DOCUMENT":
        assert speakers(record)[-1] == holders[0].name
    elif row["refers"] != "PERSON":
        assert holders[0].type == row["refers"]


@pytest.mark.parametrize("word", sorted(w for w, t in titles().items() if t.role == "title" and w in ("mayor", "senator", "governor", "sheriff", "judge")))
def test_title_words_describe_their_holder(pipeline, word):
    record = pipeline(f"The {word}, Ana Lind, arrived in Port Wren on Monday. The {word} said the pier was unsafe.")
    assert speakers(record)[-1] == "Ana Lind"


@pytest.mark.parametrize("row", read_tsv("first_names.tsv"), ids=lambda r: r["name"])
def test_every_first_name_row(pipeline, row):
    """A pronoun of the other gender skips the person with that first name."""
    other = "She" if row["gender"] == "m" else "He"
    name = row["name"].capitalize()
    record = pipeline(f"{name} Holt met Robin Okoro in Port Wren on Monday. {other} said the talks had failed.")
    assert speakers(record) == ["Robin Okoro"], [(e.name, e.type) for e in record.entities]


def test_name_ending_a_titled_subject_is_the_speaker(pipeline):
    text = ("\"The pier is unsafe,\" said Mark Holt from the port authority in a letter.\n"
            "On Friday, Wren Harbour's vice-president of Marine Operations Tom Berg said the pier was sound. "
            "\"We will reopen it,\" he told reporters.")
    assert speakers(pipeline(text))[-2:] == ["Tom Berg", "Tom Berg"]


def test_name_after_a_preposition_is_not_the_titled_subject(pipeline):
    record = pipeline("The lawyer for Ana Lind said the pier was unsafe.")
    assert record.quotes[-1].speaker_name != "Ana Lind"


def test_given_name_alone_names_its_person(pipeline):
    text = ("A graduate from Port Wren will fly to Lagos next month.\nAmber Sinclair-Okoro has studied law at Wren College.\n"
            "Amber said she was shocked when she heard the news.")
    record = pipeline(text)
    assert "Amber" in mentions_of(record, "Sinclair-Okoro")
    assert speakers(record)[-1] == "Amber Sinclair-Okoro"



@pytest.mark.parametrize("text,speaker", [
    ("Police Chief Tom Berg spoke on Monday. \"We have never seen anything like this,\" the chief said.", "Tom Berg"),
    ("Ana Lind, the former sergeant-at-arms of the Wren Assembly, arrived in Dublin. "
     "The former sergeant-at-arms said she was honoured.", "Ana Lind"),
    ("Tom Berg met Ana Lind, the former mayor of Port Wren, on Monday. The former mayor said the pier was unsafe.", "Ana Lind"),
])
def test_title_description_names_its_holder(pipeline, text, speaker):
    assert speakers(pipeline(text))[-1] == speaker


def test_generic_title_without_a_holder_stays_unresolved(pipeline):
    record = pipeline("Tom Berg met the fishermen on Monday. \"We have never seen anything like this,\" the chief said.")
    assert speakers(record)[-1] != "Tom Berg"
