"""The learned event decision: candidates, features, the model file, and the
phenomena of issue 14 (crime and court vocabulary, non-political senses,
roles), through the real spaCy model on hand-written fictional sentences."""
from __future__ import annotations

import math
import re

import pytest

from newsgraph.extract import extract_entities
from newsgraph.extract.event_model import candidate_features
from newsgraph.extract.event_roles import EntityIndex
from newsgraph.extract.events import RESCUABLE, event_candidates, extract_events
from newsgraph.lexicons.events import EventModel, event_model


def events_of(nlp, text):
    doc = nlp(text)
    entities = extract_entities(doc)
    return extract_events(doc, entities)


def candidates_of(nlp, text):
    doc = nlp(text)
    index = EntityIndex.build(doc, extract_entities(doc))
    return doc, index, event_candidates(doc, index)


# ------------------------------------------------------------------ the model file

def test_model_file_loads_with_thresholds():
    model = event_model()
    assert model is not None and len(model.weights) > 1000
    assert 0.0 < model.threshold < model.rescue <= 1.0


@pytest.mark.parametrize("z, expected", [(0.0, 0.5), (2.0, 1 / (1 + math.exp(-2.0))), (-800.0, 0.0)])
def test_probability_is_the_logistic_of_the_summed_weights(z, expected):
    model = EventModel({"a": z / 2, "b": z / 2}, 0.0, 0.5)
    assert model.probability(["a", "b", "unknown"]) == pytest.approx(expected)


@pytest.mark.parametrize("p, vetoed, kept", [(0.3, False, True), (0.1, False, False), (0.7, True, False), (0.9, True, True)])
def test_keeps_uses_the_rescue_threshold_for_vetoed_candidates(p, vetoed, kept):
    assert EventModel({}, 0.0, 0.2, 0.8).keeps(p, vetoed) is kept


def test_features_are_sorted_unique_and_tsv_safe(nlp):
    doc, index, cands = candidates_of(nlp, 'Police in Klow arrested "two men"\n on Tuesday after a shooting.')
    assert cands
    for cand in cands:
        feats = candidate_features(doc, cand, index)
        assert feats == sorted(set(feats))
        assert not any(re.search(r"\s", f) for f in feats)
        assert f"type:{cand.type}" in feats


def test_features_are_the_same_run_to_run(nlp):
    text = "Syldavia accused Borduria of shelling border villages, officials said."
    doc, index, cands = candidates_of(nlp, text)
    doc2, index2, cands2 = candidates_of(nlp, text)
    assert [candidate_features(doc, c, index) for c in cands] == [candidate_features(doc2, c, index2) for c in cands2]


def test_confidence_is_the_model_probability(nlp):
    (e,) = [e for e in events_of(nlp, "Police in Klow arrested forty protesters on Monday.") if e.type == "COERCE"]
    assert 0.2 <= e.confidence <= 1.0


# ------------------------------------------------------------------ stage one: recall

@pytest.mark.parametrize(
    "text, veto",
    [
        ("Two officers were hurt in the attack on Tuesday.", "circumstance"),  # a noun in a circumstance
        ("The Syldavian ministry declined to comment on the report.", "mute"),
        ("Dan Ostrow hosted the Evening Hour for thirty years.", "object"),
    ],
)
def test_candidates_keep_what_a_rule_vetoes_with_its_reason(nlp, text, veto):
    _, _, cands = candidates_of(nlp, text)
    assert veto in [c.veto for c in cands]


@pytest.mark.parametrize("veto", ["mute", "object", "empty-frame", "apolitical-actor", "domain", "description", "particle", "name"])
def test_vetoes_that_state_a_sense_are_never_rescued(veto):
    assert veto not in RESCUABLE


# ------------------------------------------------------------------ crime and the courts

@pytest.mark.parametrize(
    "text, kind",
    [
        ("Police in Klow arrested two men on Tuesday.", "COERCE"),
        ("Prosecutors charged Otto Brun with fraud on Monday.", "ACCUSE"),
        ("A grand jury indicted the former mayor of Klow on Friday.", "ACCUSE"),
        ("A Klow court convicted Otto Brun of fraud.", "COERCE"),
        ("A judge sentenced Otto Brun to ten years in prison.", "COERCE"),
        ("A man stabbed his neighbour outside a bar in Klow on Friday.", "ASSAULT"),
        ("A gunman shot two police officers in Klow.", "ASSAULT"),
        ("Prosecutors in Klow arraigned Otto Brun on Thursday.", "ACCUSE"),
        ("Prime Minister Lena Varga congratulated President Karl Ottar on his victory.", "SUPPORT"),
    ],
)
def test_crime_and_court_vocabulary(nlp, text, kind):
    events = events_of(nlp, text)
    assert kind in [e.type for e in events], [(e.type, e.cameo) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The couple burned through their savings in a year.",
        "The midwife delivered a baby on Tuesday morning.",
        "The ticket machine accepted the new coins.",
    ],
)
def test_non_political_senses(nlp, text):
    assert events_of(nlp, text) == []


# ------------------------------------------------------------------ roles

def test_speaker_is_not_the_actor_of_what_they_report(nlp):
    events = events_of(nlp, "Mayor Ana Pell said police arrested two men in Klow.")
    (e,) = [e for e in events if e.type == "COERCE"]
    assert e.actor is not None and "police" in e.actor.text.lower()


def test_passive_agent_is_the_actor(nlp):
    events = events_of(nlp, "Otto Brun was sentenced by a federal judge to five years in prison.")
    (e,) = [e for e in events if e.type == "COERCE"]
    assert "judge" in e.actor.text and "Brun" in e.target.text


@pytest.mark.parametrize(
    "text, target",
    [
        ("Police officers fired 48 shots at the car.", None),  # a thing is no target
        ("Rebels attacked the convoy near the river.", "convoy"),  # a site stands
        ("A gunman shot two police officers in Klow.", "officers"),
    ],
)
def test_target_is_someone_acted_on(nlp, text, target):
    events = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert events
    got = events[0].target.text if events[0].target is not None else None
    assert (got is None) if target is None else (got is not None and target in got)
