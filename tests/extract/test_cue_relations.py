"""Cue relations and the learned cue table: what the learner counts is what
the extractor reads back."""
from __future__ import annotations

import importlib.util
import re

import pytest

from newsgraph.extract.cue_relations import RELATION_POS, region, relations
from newsgraph.lexicons import attribution_cues
from newsgraph.records import Article

from ..conftest import ROOT


def _doc(nlp, text):
    return nlp(text)


@pytest.mark.parametrize("text,cue,relation,content", [
    ("Ana Lind said that the harbour would reopen in May.", "said", "ccomp", "the harbour would reopen in May"),
    ("Ana Lind called the storm damage a disaster.", "called", "dobj+oprd", "the storm damage a disaster"),
    ("Ana Lind called for a new harbour wall.", "called", "prep:for", "a new harbour wall"),
    ("Ana Lind endorsed Tom Berg on Monday.", "endorsed", "dobj", "Tom Berg"),
    ("The harbour will reopen in May, officials said.", "said", "ccomp", "The harbour will reopen in May"),
    ("According to Ana Lind, the harbour will reopen in May.", "According", "head", "the harbour will reopen in May"),
])
def test_relations(nlp, text, cue, relation, content):
    doc = _doc(nlp, text)
    token = next(t for t in doc if t.text == cue)
    found = dict(relations(token))
    assert relation in found, found
    span = region(token, relation)
    assert doc.text[span[0] : span[1]] == content


def test_learned_table_is_well_formed():
    table = attribution_cues()
    assert len(table) > 40
    valid = re.compile(r"^(ccomp|xcomp|dobj|advcl|acl|attr|oprd|dative|relcl|head|prep:\S+|dobj\+(oprd|xcomp|ccomp))$")
    for (lemma, pos), cues in table.items():
        assert pos in RELATION_POS and lemma == lemma.lower()
        assert [c.precision for c in cues] == sorted((c.precision for c in cues), reverse=True)
        for cue in cues:
            assert valid.match(cue.relation), cue
            assert 0.0 < cue.precision <= 1.0


def _learner():
    spec = importlib.util.spec_from_file_location("learn_cues", ROOT / "scripts" / "learn_cues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_learner_counts_cues_and_their_precision(nlp):
    from newsgraph.ingest import normalize

    texts = [
        "Ana Lind praised the new pier. Tom Berg praised the weather on Monday.",
        "Tom Berg praised the fishermen of Port Wren for their work.",
    ]

    def gold(text, content, speaker):
        s = text.index(content)
        return {"span": [s, s + len(content)], "cue": "praised", "speaker": speaker}

    items = [
        {"text": texts[0], "quotes": [gold(texts[0], "the new pier", "Ana Lind")]},
        {"text": texts[1], "quotes": [gold(texts[1], "the fishermen of Port Wren for their work", "Tom Berg")]},
    ]
    examples = [(it, normalize(it["text"]), nlp(normalize(it["text"]).text)) for it in items]
    rows = _learner().learn(examples, min_count=2, min_precision=0.5)
    # two annotated of three seen: kept at 0.667; a stricter floor drops it
    assert ("praise", "VERB", "dobj", 2, 3, 0.667) in rows
    assert _learner().learn(examples, min_count=2, min_precision=0.7) == []
    # an attribution without a source is not "who said what": not counted
    items[1]["quotes"][0]["speaker"] = None
    assert _learner().learn(examples, min_count=2, min_precision=0.5) == []
