"""Person names the model cut short, repaired in ``mentions``: one case per
phenomenon, on hand-written fictional text."""
from __future__ import annotations

import pytest


def persons(record) -> dict[str, list[str]]:
    return {e.name: [record.text_of(m) for m in e.mentions] for e in record.entities if e.type == "PERSON"}


@pytest.mark.parametrize("text,name", [
    ("An aspiring graduate from Port Wren will fly to Lagos.\nAmber Sinclair-Okoro has studied law at Wren College.", "Amber Sinclair-Okoro"),
    ("The committee met on Monday.\nThomas Brennick said the pier was unsafe.", "Thomas Brennick"),
])
def test_given_name_and_surname_without_a_label_are_a_person(pipeline, text, name):
    assert name in persons(pipeline(text))


def test_given_name_parted_from_its_surname_by_a_line_wrap(pipeline):
    text = ("In a call on Friday, the vice-president of Wren Harbour Holdings Anthony\n"
            "            Brennick said the pier was unsafe. \"We will not reopen it,\" he told reporters.")
    record = pipeline(text)
    names = persons(record)
    assert "Anthony Brennick" in names, names
    assert [q.speaker_name for q in record.quotes][-1] == "Anthony Brennick"


def test_a_place_named_like_a_person_stays_a_place(pipeline):
    record = pipeline("The march ended at Victoria Park Road on Monday.")
    assert not any("Victoria" in n for n in persons(record))
