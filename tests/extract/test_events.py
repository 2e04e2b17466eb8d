"""Events: hand-written fictional sentences through the real spaCy model."""
from __future__ import annotations

import pytest

from newsgraph.extract import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.lexicons.events import PLOVER_TYPES, event_cues, event_triggers
from newsgraph.records import DateRef, Figure, Location, Quote


def events_of(nlp, text, **links):
    doc = nlp(text)
    entities = extract_entities(doc)
    return doc, entities, extract_events(doc, entities, links.get("quotes", ()), links.get("dates", ()),
                                         links.get("figures", ()), links.get("locations", ()))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Borduria agreed to withdraw its troops from the border.", "AGREE"),
        ("Syldavia offered to hand over two suspects to Borduria.", "AGREE"),
        ("President Karl Ottar invited Prime Minister Lena Varga to visit Klow.", "AGREE"),
        ("Foreign Minister Ana Pell held talks with her Bordurian counterpart in Klow.", "CONSULT"),
        ("President Karl Ottar had a long phone call with President Lena Varga.", "CONSULT"),
        ("The Bordurian premier visited Syldavia on Monday.", "CONSULT"),
        ("The Syldavian government praised Borduria for its help.", "SUPPORT"),
        ("Borduria and Syldavia signed a trade treaty on Friday.", "SUPPORT"),
        ("Syldavian warships launched joint exercises with the Bordurian navy.", "COOPERATE"),
        ("Borduria extradited a suspected smuggler to Syldavia.", "COOPERATE"),
        ("The Syldavian government donated food to refugees in Borduria.", "AID"),
        ("Borduria lifted the curfew in the northern province.", "CONCEDE"),
        ("Bordurian troops withdrew from the disputed valley.", "RETREAT"),
        ("The rebels released twelve hostages on Sunday.", "RETREAT"),
        ("Minister Ana Pell resigned on Tuesday.", "RETREAT"),
        ("Syldavia urged Borduria to release the detained journalists.", "REQUEST"),
        ("The opposition called for new elections in Syldavia.", "REQUEST"),
        ("Syldavia accused Borduria of shelling border villages.", "ACCUSE"),
        ("The Bordurian foreign ministry condemned the Syldavian decision.", "ACCUSE"),
        ("Prosecutors in Klow opened an investigation into the minister.", "ACCUSE"),
        ("Borduria rejected a Syldavian proposal for new talks.", "REJECT"),
        ("Borduria refused to meet the Syldavian envoy.", "REJECT"),
        ("Syldavia threatened to cut off gas supplies to Borduria.", "THREATEN"),
        ("Borduria vowed to attack Syldavian positions.", "THREATEN"),
        ("Thousands of students protested against the government in Klow.", "PROTEST"),
        ("Dock workers in Syldavia went on strike over pay.", "PROTEST"),
        ("Borduria deployed troops along the Syldavian border.", "MOBILIZE"),
        ("Syldavia imposed sanctions on Borduria.", "SANCTION"),
        ("Borduria expelled two Syldavian diplomats.", "SANCTION"),
        ("Police in Klow arrested forty protesters.", "COERCE"),
        ("Bordurian forces occupied the disputed island.", "COERCE"),
        ("Rebels attacked an army base near Klow.", "ASSAULT"),
        ("A Bordurian missile strike killed three civilians in Klow.", "ASSAULT"),
    ],
)
def test_type(nlp, text, kind):
    _, _, events = events_of(nlp, text)
    assert kind in [e.type for e in events], [(e.type, e.cameo) for e in events]


def test_every_type_has_triggers():
    types = {t.type for entries in event_triggers().values() for t in entries}
    assert set(PLOVER_TYPES) <= types


def test_actor_target_and_country(nlp):
    _, entities, events = events_of(nlp, "A Syldavian rocket salvo killed two civilians in Klow.")
    (e,) = events
    assert e.type == "ASSAULT" and e.mode == "aerial"
    assert e.actor.country == "SYL" or e.actor.text.startswith("A Syldavian")
    assert e.actor.sector == "military"
    assert "civilians" in e.target.text


def test_actor_is_entity_and_country_alpha3(nlp):
    _, entities, events = events_of(nlp, "A Russian rocket salvo hit Kharkiv overnight.")
    (e,) = events
    assert e.actor.country == "RUS" and e.actor.name == "Russia" and e.actor.sector == "military"
    _, entities, events = events_of(nlp, "President Karl Ottar met Prime Minister Lena Varga in Klow.")
    (e,) = events
    names = {x.id: x.name for x in entities}
    assert names[e.actor.entity] == "Karl Ottar"
    assert names[e.target.entity] == "Lena Varga"


def test_passive_agent_acts(nlp):
    _, _, events = events_of(nlp, "The convoy was attacked by Bordurian rebels near the river.")
    (e,) = events
    assert "rebels" in e.actor.text and "convoy" in e.target.text and e.actor.sector == "rebels"


@pytest.mark.parametrize(
    "text, kind, negated, modality",
    [
        ("Borduria will never discuss the status of the island.", "REJECT", False, "future"),
        ("The Bordurian army did not attack the village.", "ASSAULT", True, None),
        ("Syldavia wanted to offer Borduria a prisoner exchange.", "AGREE", False, "intended"),
        ("The two sides failed to reach an agreement on the border.", "REJECT", False, None),
        ("Borduria will support the Syldavian plan.", "AGREE", False, "future"),
    ],
)
def test_negation_and_modality(nlp, text, kind, negated, modality):
    _, _, events = events_of(nlp, text)
    assert [(e.type, e.negated, e.modality) for e in events] == [(kind, negated, modality)]


def test_frame_folds_content(nlp):
    _, _, events = events_of(nlp, "Syldavia threatened to impose sanctions on Borduria.")
    assert [e.type for e in events] == ["THREATEN"]


def test_one_event_per_event(nlp):
    text = ("President Karl Ottar had a long phone call with President Lena Varga on Monday. "
            "Officials confirmed the conversation later.")
    _, _, events = events_of(nlp, text)
    assert [e.type for e in events] == ["CONSULT"]
    text = "Rebels killed four soldiers and injured nine more in Klow."
    _, _, events = events_of(nlp, text)
    assert [e.type for e in events] == ["ASSAULT"]


def test_spokesman_voices_the_state(nlp):
    text = "Polish government spokesman Jan Nowak said that Warsaw rejected all offers for new border crossings."
    _, entities, events = events_of(nlp, text)
    (e,) = events
    assert e.type == "REJECT" and e.actor.text == "Warsaw" and e.actor.country == "POL"
    assert {x.id: x.name for x in entities}[e.actor.entity] == "Jan Nowak"


def test_pronoun_in_reported_speech_is_the_speaker(nlp):
    text = "President Karl Ottar said that he had a call with President Lena Varga."
    _, entities, events = events_of(nlp, text)
    (e,) = events
    assert {x.id: x.name for x in entities}[e.actor.entity] == "Karl Ottar"


def test_headline_is_not_an_event(nlp):
    _, _, events = events_of(nlp, "Rebels attack army base\nRebels attacked an army base near Klow on Monday.")
    assert len(events) == 1 and events[0].span[0] >= 24


def test_no_event_without_participants_or_in_circumstances(nlp):
    _, _, events = events_of(nlp, "He spoke at a meeting in the capital about the weather.")
    assert events == []


def test_spans_index_the_doc(nlp):
    doc, _, events = events_of(nlp, "Syldavia accused Borduria of shelling border villages.")
    (e,) = events
    assert doc.text[e.trigger_span[0]:e.trigger_span[1]] == "accused"
    assert doc.text[e.span[0]:e.span[1]].startswith("Syldavia accused")


def test_links_quotes_dates_figures_locations(nlp):
    text = "Officials said a Bordurian missile killed three civilians in Klow on Monday."
    doc = nlp(text)
    start = text.index("a Bordurian")
    quote = Quote(id="q1", kind="indirect", span=(start, len(text) - 1))
    date = DateRef(span=(text.index("Monday"), text.index("Monday") + 6), text="Monday", value="2031-05-05", granularity="day")
    fig = Figure(id="f1", span=(text.index("three"), text.index("three") + 15), text="three civilians", value=3, category="killed")
    other = Figure(id="f2", span=(0, 9), text="Officials", value=None)
    loc = Location(id="l1", name="Klow", country=None, feature="city", lat=None, lon=None,
                   mentions=((text.index("Klow"), text.index("Klow") + 4),))
    entities = extract_entities(doc)
    (e,) = extract_events(doc, entities, (quote,), (date,), (fig, other), (loc,))
    assert e.reported_by == "q1" and e.date == "2031-05-05" and e.figures == ("f1",) and e.location == "l1"


def _place(text, name, phrase, country="BRD"):
    at = text.index(phrase)
    return Location(id="l1", name=name, country=country, feature="city", lat=None, lon=None,
                    mentions=((at, at + len(phrase)),))


def test_people_struck_in_a_place_are_named_by_the_place(nlp):
    text = "A Syldavian missile killed two civilians in the Bordurian capital on Monday."
    (e,) = events_of(nlp, text, locations=(_place(text, "Klow", "the Bordurian capital"),))[2]
    assert e.target.name == "Klow" and e.target.country == "BRD" and e.target.sector == "civilians"


def test_unnamed_target_of_an_attack_is_its_place(nlp):
    text = "Syldavian troops shelled the power station and injured two people in the Klow region."
    (e,) = events_of(nlp, text, locations=(_place(text, "Klow Oblast", "Klow"),))[2]
    assert e.type == "ASSAULT" and e.target.name == "Klow Oblast"


def test_a_named_target_keeps_its_name_over_the_place(nlp):
    text = "Syldavian troops attacked President Karl Ottar in Klow."
    (e,) = events_of(nlp, text, locations=(_place(text, "Klow", "Klow"),))[2]
    assert "Ottar" in e.target.text and e.target.name != "Klow"


def test_beneficiary_is_the_target_of_an_abstract_noun(nlp):
    _, entities, evs = events_of(nlp, "Syldavia rejected NATO membership for Borduria on Monday.")
    (e,) = [v for v in evs if v.type == "REJECT"]
    assert "Borduria" in {x.name for x in entities if x.id == e.target.entity}


def test_attacker_carries_to_an_unattributed_attack_nearby(nlp):
    text = ("A Syldavian rocket salvo killed three civilians in Klow on Monday. "
            "An overnight attack also damaged a bridge in the east of Borduria.")
    evs = [e for e in events_of(nlp, text)[2] if e.type == "ASSAULT"]
    assert len(evs) == 2 and evs[1].actor is not None and evs[1].actor.country == evs[0].actor.country


def test_attacker_does_not_carry_far(nlp):
    text = ("A Syldavian rocket salvo killed three civilians in Klow on Monday. The weather was mild. "
            "Markets were calm. Schools stayed open. Trains ran late. "
            "An overnight attack also damaged a bridge in the east of Borduria.")
    evs = [e for e in events_of(nlp, text)[2] if e.type == "ASSAULT"]
    assert all(e.actor is None for e in evs[1:])


@pytest.mark.parametrize(
    "text, kind, cameo",
    [
        ("Bordurian authorities imposed a curfew in the town of Klow.", "COERCE", "1723"),
        ("President Karl Ottar declared martial law in Syldavia.", "COERCE", "1724"),
        ("The Syldavian army imposed martial law in the north.", "COERCE", "1724"),
        ("The union reiterated its demand that the Bordurian government raise wages.", "REQUEST", "10"),
        ("The union renewed its demand for talks with the Bordurian government.", "REQUEST", "10"),
        ("The rebels repeated their demand for the release of prisoners.", "REQUEST", "10"),
        ("Bordurian police dispersed the protesters in Klow.", "COERCE", "175"),
        ("Syldavian forces carried out ethnic cleansing against the Bordurian population.", "ASSAULT", "203"),
    ],
)
def test_round_three_lexicon_rows(nlp, text, kind, cameo):
    assert (kind, cameo) in {(e.type, e.cameo) for e in events_of(nlp, text)[2]}


def test_lexicon_rows_are_well_formed():
    for word, entries in event_triggers().items():
        for t in entries:
            assert t.pos in ("V", "N", "VN", "M"), t
            assert all(c in ("agent", "place", "event") or c in event_cues().objects for c in t.objects), t
            assert t.type in PLOVER_TYPES or (t.type == "-" and t.negated), t
            assert t.cameo == "-" or t.cameo[:2].isdigit(), t
    cues = event_cues()
    assert cues.sectors["troops"] == "military" and "say" in cues.speech


def test_pipeline_record_has_events(pipeline):
    record = pipeline("Syldavia imposed sanctions on Borduria on Tuesday.", published="2031-05-06")
    (e,) = record.events
    d = e.to_dict()
    assert d["id"] == "v1" and d["type"] == "SANCTION" and d["cameo"].startswith("16")
    assert record.text_of(e.trigger_span) == "imposed"


# ------------------------------------------------------------------ political senses (event_senses.py)

@pytest.mark.parametrize(
    "text",
    [
        "Dan Ostrow hosted the Evening Hour for thirty years.",  # host wants a guest or a meeting
        "The number of Klowian broadband users has exploded this year.",  # nobody who can act
        "Syldavia coach Otto Brun warned his goalkeeper about his form.",  # a sports actor
        "The clearance by Otto Brun was charged down.",  # another phrasal verb
        "The Syldavian ministry declined to comment on the report.",  # refusing to speak
        "Ana Pell agreed that the new phone could be very popular.",  # an opinion
        "The Klow Water Board warned that prices could rise in winter.",  # informs, threatens no one
        "The Klow Telecom app provides a single log-in for many shops.",  # no aid
        "The ticket machine accepted the new coins.",  # no one who can act
        "The withdrawal did not mean that Syldavia had cut its ties.",  # refers to nothing told
        "Ana Pell is processing all asylum claims this week.",  # a noun not told as an act
        "The soldiers who fight for Syldavia want the war to end soon.",  # who they are, not what happened
    ],
)
def test_non_political_senses_code_nothing(nlp, text):
    _, _, events = events_of(nlp, text)
    assert events == [], [(e.type, e.cameo) for e in events]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Syldavian troops attacked the town of Klow.", "ASSAULT"),
        ("The Syldavian opposition attacked the government's budget plan.", "ACCUSE"),  # the object selects the sense
        ("Hundreds of villagers protested against the dam on Monday.", "PROTEST"),  # the villagers act
        ("Palestinian prisoners rioted at the jail on Monday.", "PROTEST"),  # a named qualifier makes them actors
        ("The Syldavian government provided food aid to the refugees.", "AID"),
        ("The police chief warned that police will no longer tolerate rallies by the group.", "THREATEN"),
        ("The Syldavian ministry would not meet the rebels' demands.", "REJECT"),  # negation wins over the object class
    ],
)
def test_political_senses_still_code(nlp, text, kind):
    _, _, events = events_of(nlp, text)
    assert kind in [e.type for e in events], [(e.type, e.cameo) for e in events]


def test_sport_report_codes_only_political_actors(nlp):
    text = ("Klow United beat Borduria City 3-1 in the cup final on Saturday. The striker scored twice in the match "
            "and the coach praised his players after the game. The club's season ends with the league title. "
            "Klow United attacked from the start and the goalkeeper defended well. "
            "Police arrested twelve fans after the match.")
    _, _, events = events_of(nlp, text)
    assert [e.type for e in events] == ["COERCE"], [(e.type, e.cameo) for e in events]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Syldavia said that Borduria must withdraw its troops from the valley.", "REQUEST"),  # a reported "must"
        ("The Klow rebels said they would boycott the elections.", "THREATEN"),  # reported "would" is a future
        ("Syldavia will withdraw its envoy unless Borduria releases the journalists.", "THREATEN"),
        ("Borduria is willing to withdraw its troops from the valley.", "AGREE"),  # willingness commits
        ("The Syldavian government accepted the demands of the striking miners.", "CONCEDE"),  # the object selects
        ("The Bordurian army demolished twelve houses in the village.", "COERCE"),
    ],
)
def test_commitments_demands_and_conditions(nlp, text, kind):
    _, _, events = events_of(nlp, text)
    assert kind in [e.type for e in events], [(e.type, e.cameo) for e in events]


def test_reported_must_needs_someone_to_ask(nlp):
    _, _, events = events_of(nlp, "Ana Pell said that prices must fall next year.")
    assert "REQUEST" not in [e.type for e in events]


def test_object_classes_and_sectors_load(nlp):
    cues = event_cues()
    assert "sport" in cues.apolitical and cues.sectors["coach"] == "sport"
    assert "food" in cues.objects["aid"] and "police" in cues.political
    host = event_triggers()["host"][0]
    assert "agent" in host.objects


def test_labour_strike_is_a_protest_and_a_day_is_no_target(pipeline):
    record = pipeline("Dock workers at the port extended their strike on Tuesday after talks with the port authority failed.")
    assert not [e for e in record.events if e.type == "ASSAULT"]
    for e in record.events:
        assert e.target is None or e.target.text != "Tuesday"
