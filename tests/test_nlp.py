"""Sentence boundaries at line breaks (``nlp.hard_line_breaks``)."""
from __future__ import annotations

_WRAPPED = ("In recent weeks, the harbour master of Port Wren announced he would hold a press conference,\n"
            "         noting that the selling of bait in city stores is a problem for the fishermen.")


def test_a_headline_line_ends_its_sentence(nlp):
    doc = nlp("Fatal storm in Port Wren\nThe harbour master said the pier was lost.")
    starts = [s.text.strip() for s in doc.sents]
    assert any(s.startswith("The harbour master") for s in starts), starts


def test_a_hard_wrapped_line_runs_on(nlp):
    doc = nlp(_WRAPPED)
    noting = next(t for t in doc if t.text == "noting")
    assert noting.sent.start < noting.i
    assert noting.sent.text.lstrip().startswith("In recent weeks")


def test_a_wrapped_participle_keeps_the_speaker(pipeline):
    record = pipeline("Mayor Ryan Holt spoke on Monday. " + _WRAPPED)
    noted = [q for q in record.quotes if record.text_of(q.span).startswith("the selling of bait")]
    assert noted and noted[0].speaker_name is not None
