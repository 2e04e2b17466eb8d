"""Noise flags, the article score and confidence, on hand-written fictional
sentences; the seed's seven gold noise items where ../shared is present."""
from __future__ import annotations

import pytest

from newsgraph.extract.confidence import adjust_confidence, filter_confidence, with_confidence
from newsgraph.extract.quality import find_foreign, find_garbled, find_repetitions, merge_flags, parse_anomalies, quality_score, tag_anomalies
from newsgraph.ingest import normalize
from newsgraph.lexicons import read_tsv
from newsgraph.records import Article, Event, Figure, Flag, Quality, Quote, Record


def kinds(flags):
    return [f.kind for f in flags]


# ---------------------------------------------------------------- normalize

@pytest.mark.parametrize("text, flagged, repaired", [
    ("The port wanted the harbour cranes cranes in exchange.", "cranes cranes", "the harbour cranes in exchange"),
    ("The council of the of the valley met.", "of the of the", "council of the valley met"),
    ("Fishermen said the nets the nets were torn.", "the nets the nets", "said the nets were torn"),
])
def test_exact_doubling_is_repaired_and_flagged(text, flagged, repaired):
    n = normalize(text)
    assert [(k, text[s[0]:s[1]]) for k, s in n.repairs] == [("repetition", flagged)]
    assert repaired in n.text
    # offsets still point into the original: the word after the doubling maps back exactly
    last = repaired.split()[-1]
    at = n.text.index(last)
    start, end = n.to_original(at, at + len(last))
    assert text[start:end] == last


@pytest.mark.parametrize("row", [r for r in read_tsv("doubling.tsv")], ids=lambda r: f"{r['role']}-{r['word']}")
def test_english_doubling_is_left_alone(row):
    assert row["word"] in row["example"].lower()
    assert "repetition" not in kinds(Flag(k, s) for k, s in normalize(row["example"]).repairs)


@pytest.mark.parametrize("text", ["They toured Bora Bora and Walla Walla.", "Fans sang Spend Spend Spend again.", "Prices rose more and more and more."])
def test_capitalised_and_idiomatic_doubling_is_left_alone(text):
    assert normalize(text).repairs == ()


def test_hyphen_spacing_flags_the_whole_compound():
    # (two in one sentence read as a pair of dashes that lost a space: see below)
    text = "The high -ranking envoy arrived. He met the Pro -quo panel."
    n = normalize(text)
    assert [text[s[0]:s[1]] for k, s in n.repairs if k == "hyphen-spacing"] == ["high -ranking", "Pro -quo"]
    assert "high-ranking" in n.text


def test_paired_dashes_are_not_hyphen_spacing():
    text = "The harbour economy -which stalled in the winter -may now recover."
    assert normalize(text).repairs == ()


# ---------------------------------------------------------------- detectors

@pytest.mark.parametrize("text, span_text", [
    ("The minister spoke about the river valley and the river valley and the dams.", "the river valley and the river valley"),
    ("The army stayed in the Ostrava region in the Ostrava kept in the Ostrava, officials said.", "in the Ostrava region in the Ostrava kept in the Ostrava"),
])
def test_repeated_phrase(nlp, text, span_text):
    flags = find_repetitions(nlp(text))
    assert [text[f.span[0]:f.span[1]] for f in flags] == [span_text]


@pytest.mark.parametrize("text", [
    "The mayor met the harbour board on Monday and the fishing board on Tuesday.",
    "Step by step, the town rebuilt its bridge, year after year.",
])
def test_no_repetition_in_clean_text(nlp, text):
    assert find_repetitions(nlp(text)) == []


@pytest.mark.parametrize("row", read_tsv("transliterations.tsv"), ids=lambda r: r["pattern"])
def test_transliteration_examples_are_flagged_foreign(nlp, row):
    assert "foreign" in kinds(find_foreign(nlp(row["example"])))


def test_untranslated_german_word_is_foreign(nlp):
    flags = find_foreign(nlp("The minister said the zusammenarbeit with the port would grow."))
    assert [f.detail for f in flags] == ["de"]


def test_known_names_are_not_foreign(nlp):
    assert find_foreign(nlp("Gerhard Schröder met Angela Merkel and the Deutsche Bank board in Munich.")) == []


@pytest.mark.parametrize("row", [r for r in read_tsv("garble.tsv") if r["kind"] == "tags"], ids=lambda r: f"{r['first']}-{r['second']}")
def test_tag_pair_examples_show_their_pair(nlp, row):
    doc = nlp(row["example"])
    pairs = {pair for sent in doc.sents for _, _, pair in tag_anomalies(sent)}
    assert (row["first"], row["second"]) in pairs


@pytest.mark.parametrize("row", [r for r in read_tsv("garble.tsv") if r["kind"] == "select"], ids=lambda r: r["first"])
def test_select_examples_are_clean(nlp, row):
    assert find_garbled(nlp(row["example"])) == []


def test_misselected_modifier_is_garbled(nlp):
    text = "Last year the rebels in the valley received the soil with the quickest blanket since 2019."
    flags = find_garbled(nlp(text))
    assert len(flags) == 1 and "quickest blanket" in text[flags[0].span[0]:flags[0].span[1]]


def test_scrambled_sentence_is_garbled(nlp):
    text = "The harbour of the in board met the the their with of port officials on Monday."
    assert "garbled" in kinds(find_garbled(nlp(text)))


def test_clean_sentence_is_not_garbled(nlp):
    assert find_garbled(nlp("The harbour board met port officials on Monday to discuss the fastest route north.")) == []


# ---------------------------------------------------------------- score and merging

def test_merge_joins_overlapping_flags_of_one_kind():
    merged = merge_flags([Flag("repetition", (0, 10)), Flag("repetition", (5, 20)), Flag("garbled", (5, 8))])
    assert [(f.kind, f.span) for f in merged] == [("repetition", (0, 20)), ("garbled", (5, 8))]


def test_quality_score():
    assert quality_score([], 500) == 1.0
    one = quality_score([Flag("repetition", (0, 5))], 500)
    two = quality_score([Flag("repetition", (0, 5)), Flag("garbled", (9, 20))], 500)
    assert 1.0 > one > two > 0.0
    assert quality_score([Flag("repetition", (0, 5))], 2000) > one  # the same flag weighs less in a longer text


# ---------------------------------------------------------------- confidence

QUOTE = Quote("q1", "direct", (100, 150), cue="said", cue_span=(152, 156), confidence=0.9)
FIGURE = Figure("f1", (200, 210), "12 boats", 12, "boats")
EVENT = Event("v1", "ASSAULT", "19", (300, 360), trigger_span=(310, 316), confidence=0.8)


def test_confidence_untouched_without_flags():
    assert adjust_confidence([QUOTE], [], 1.0)[0].confidence == pytest.approx(0.9)
    assert adjust_confidence([FIGURE], [], 1.0)[0].confidence == pytest.approx(1.0)


def test_confidence_lowered_by_overlapping_flags_only():
    flags = [Flag("garbled", (120, 140)), Flag("repetition", (400, 420))]
    quote, figure, event = (adjust_confidence([item], flags, 1.0)[0] for item in (QUOTE, FIGURE, EVENT))
    assert quote.confidence == pytest.approx(0.45)
    assert figure.confidence == pytest.approx(1.0)
    assert event.confidence == pytest.approx(0.8)


def test_confidence_counts_cue_and_trigger_spans():
    flags = [Flag("hyphen-spacing", (153, 155)), Flag("repetition", (311, 314))]
    assert adjust_confidence([QUOTE], flags)[0].confidence == pytest.approx(0.81)
    assert adjust_confidence([EVENT], flags)[0].confidence == pytest.approx(0.6)


def test_confidence_lowered_by_a_noisy_article():
    assert adjust_confidence([QUOTE], [], 0.6)[0].confidence < adjust_confidence([QUOTE], [], 0.9)[0].confidence


def test_record_confidence_and_filter():
    record = Record(Article("a", "x" * 500), quotes=(QUOTE,), figures=(FIGURE,), events=(EVENT,),
                    quality=Quality(1.0, (Flag("garbled", (120, 140)),)))
    adjusted = with_confidence(record)
    kept = filter_confidence(adjusted, 0.6)
    assert [q.id for q in kept.quotes] == [] and [f.id for f in kept.figures] == ["f1"] and [e.id for e in kept.events] == ["v1"]


# ---------------------------------------------------------------- the seed

def test_seed_noise_items_are_all_flagged(seed_record, seed_gold):
    flags = seed_record.quality.flags
    missed = [
        item for item in seed_gold["noise"]
        if not any(f.kind == item["kind"] and f.span[0] < item["span"][1] and item["span"][0] < f.span[1] for f in flags)
    ]
    assert missed == []
    assert 0.0 < seed_record.quality.score < 1.0


@pytest.mark.parametrize("row", [r for r in read_tsv("garble.tsv") if r["kind"] == "end"], ids=lambda r: r["first"])
def test_dangling_end_examples_are_anomalies(nlp, row):
    doc = nlp(row["example"])
    last = [t for t in doc if not t.is_punct][-1]
    assert (last, last) in parse_anomalies(list(doc.sents))


def test_clean_sentence_has_no_parse_anomaly(nlp):
    doc = nlp("The mayor of Marren said the bridge would reopen in the spring after the repairs.")
    assert parse_anomalies(list(doc.sents)) == []


def test_scramble_without_impossible_tag_pairs_is_garbled(nlp):
    # the tagger re-tags these words into plausible pairs; the parse still fails
    text = "Said from the regional a reserves own the for money council would come spokeswoman the port's."
    assert "garbled" in kinds(find_garbled(nlp(text)))
