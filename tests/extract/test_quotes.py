"""Quotes: one case per layout and failure mode, on hand-written fictional text."""
from __future__ import annotations

import pytest

from newsgraph.extract.quote_marks import find_passages
from newsgraph.lexicons import read_tsv, speech_verbs


def quotes(pipeline, text):
    record = pipeline(text)
    return [(q.kind, record.text_of(q.span), q.speaker_name, q.cue) for q in record.quotes], record


def one(pipeline, text, content):
    """The single quote whose span holds ``content``."""
    found, record = quotes(pipeline, text)
    hits = [q for q in found if content in q[1]]
    assert len(hits) == 1, found
    return hits[0]


INTRO = "Mayor Ana Lind visited the flooded docks of Port Wren on Monday.\n"

# (case, text, a phrase of the content, kind, speaker last word, cue)
LAYOUTS = [
    ("comma-he-said", INTRO + '"The harbour will reopen in May," she said.', "harbour will reopen", "direct", "Lind", "said"),
    ("said-X", INTRO + '"We have no money left for the pier," said Ana Lind.', "no money left", "direct", "Lind", "said"),
    ("X-said-colon", 'Ana Lind said: "The harbour will reopen in May."', "harbour will reopen", "direct", "Lind", "said"),
    ("X-said-no-colon", 'Ana Lind said "the harbour will reopen in May" to the crowd.', "harbour will reopen", "direct", "Lind", "said"),
    ("headline-colon", '"We will rebuild the old bridge": Lind\n' + INTRO, "rebuild the old bridge", "direct", "Lind", None),
    ("headline-dash", '"We will rebuild the old bridge" \u2014 Ana Lind\n' + INTRO, "rebuild the old bridge", "direct", "Lind", None),
    ("multi-sentence", INTRO + '"The storm destroyed the pier. We need help now," said Ana Lind.', "pier. We need help", "direct", "Lind", "said"),
    ("curly", INTRO + "\u201cThe harbour will reopen in May,\u201d she said.", "harbour will reopen", "direct", "Lind", "said"),
    ("german", INTRO + "\u201eThe harbour will reopen in May\u201c, said Ana Lind.", "harbour will reopen", "direct", "Lind", "said"),
    ("guillemets", INTRO + "\u00abThe harbour will reopen in May\u00bb, said Ana Lind.", "harbour will reopen", "direct", "Lind", "said"),
    ("reversed-guillemets", INTRO + "\u00bbThe harbour will reopen in May\u00ab, said Ana Lind.", "harbour will reopen", "direct", "Lind", "said"),
    ("single-marks", INTRO + "'The harbour will reopen in May,' said Ana Lind.", "harbour will reopen", "direct", "Lind", "said"),
    ("said-that", "Ana Lind said that the harbour would reopen in May.", "the harbour would reopen in May", "indirect", "Lind", "said"),
    ("said-bare", "Ana Lind said the harbour would reopen in May.", "the harbour would reopen in May", "indirect", "Lind", "said"),
    ("told-Y", "Ana Lind told reporters the harbour would reopen in May.", "the harbour would reopen in May", "indirect", "Lind", "told"),
    ("according-to", "According to Ana Lind, the harbour will reopen in May.", "the harbour will reopen in May", "indirect", "Lind", "According to"),
    ("trailing-X-said", "The harbour will reopen in May, Ana Lind said.", "The harbour will reopen in May", "indirect", "Lind", "said"),
    ("social-media", "Ana Lind said on social media that the harbour would reopen in May.", "the harbour would reopen in May", "indirect", "Lind", "said"),
    ("insisted", "Ana Lind insisted that the harbour would reopen in May.", "the harbour would reopen in May", "indirect", "Lind", "insisted"),
    ("group", "Local officials said the bridge over the river was closed.", "the bridge over the river was closed", "indirect", "officials", "said"),
    ("mixed", "Ana Lind said that the harbour remains \u201cfully open\u201d for fishing boats.", "fully open\u201d for fishing boats", "mixed", "Lind", "said"),
    ("mixed-fragment-first", 'Mayor Ana Lind said that "a storm" had destroyed the pier in Port Wren.', "had destroyed the pier", "mixed", "Lind", "said"),
    ("typewriter-marks", INTRO + "''The harbour will reopen in May,'' said Ana Lind.", "harbour will reopen", "direct", "Lind", "said"),
    ("medial-X-said", "The harbour, Ana Lind said, will reopen in May after the repairs.", "will reopen in May", "indirect", "Lind", "said"),
    ("interrupted-by-cue", INTRO + '"The harbour," Ana Lind said, "will reopen in May after the repairs."', "will reopen in May", "direct", "Lind", "said"),
    ("headline-credit-no-marks", "Lind: Harbour Will Reopen in May\nMayor Ana Lind said on Monday that the pier was safe.", "Harbour Will Reopen", "indirect", "Lind", ":"),
    ("transcript-credit", "LIND: Well, we will rebuild the pier before the summer.\nThe debate between Ana Lind and Tom Berg was broadcast on Monday.", "rebuild the pier", "indirect", "Lind", ":"),
    ("said-after-apposition", INTRO + '"We have no money left for the pier," Ana Lind, the mayor of the small harbour town of Port Wren, said on Monday.', "no money left", "direct", "Lind", "said"),
    ("headline-bar", '"We will rebuild the old bridge" \u2015 Ana Lind\n' + INTRO, "rebuild the old bridge", "direct", "Lind", None),
    ("claims-that", INTRO + "But Lind claims that the harbour will reopen in May.", "the harbour will reopen in May", "indirect", "Lind", "claims"),
    ("passive-by-agent", "The closure of the harbour was first reported by the Port Wren Gazette.", "The closure of the harbour", "indirect", "Gazette", "reported"),
    ("said-adverbial-clause", "Ana Lind said after the meeting she would not reopen the harbour.", "she would not reopen the harbour", "indirect", "Lind", "said"),
    # cues learned from annotated news (attribution_cues.tsv)
    ("learned-called-X-Y", "Mayor Ana Lind called the storm damage a disaster for the fishing town.", "a disaster for the fishing town", "indirect", "Lind", "called"),
    ("learned-called-for", "Mayor Ana Lind called for a new harbour wall in Port Wren.", "a new harbour wall", "indirect", "Lind", "called"),
    ("learned-talked-about", "Mayor Ana Lind talked about the storm damage in Port Wren on Monday.", "the storm damage", "indirect", "Lind", "talked"),
    ("learned-accused-of", "Mayor Ana Lind accused the council of ignoring the fishermen.", "ignoring the fishermen", "indirect", "Lind", "accused"),
]


@pytest.mark.parametrize("case,text,content,kind,speaker,cue", LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_layout(pipeline, case, text, content, kind, speaker, cue):
    got_kind, got_text, got_speaker, got_cue = one(pipeline, text, content)
    assert got_kind == kind
    assert got_speaker is not None and got_speaker.split()[-1] == speaker
    assert got_cue == cue
    if kind != "direct":
        # the reported clause, not the whole sentence
        assert not got_text.startswith(("Ana", "According", "Local", "that"))


def test_quote_interrupted_by_its_cue_is_one_quote(pipeline):
    found, _ = quotes(pipeline, INTRO + '"The harbour," Ana Lind said, "will reopen in May after the repairs."')
    assert len(found) == 1 and found[0][1].startswith("The harbour") and found[0][1].endswith("repairs.")


def test_quote_after_a_full_stop_is_a_follow_on_quote(pipeline):
    found, _ = quotes(pipeline, INTRO + '"The pier is gone," Ana Lind said. "The town needs help from everyone in the region."')
    assert [q[2] for q in found] == ["Ana Lind", "Ana Lind"] and [q[3] for q in found] == ["said", None]


@pytest.mark.parametrize("text", [
    "A: The harbour will reopen in May after the repairs.",
    "Read more: The harbour will reopen in May after the repairs.",
])
def test_colon_lines_without_a_known_name_are_not_credits(pipeline, text):
    found, _ = quotes(pipeline, text)
    assert all(q[3] != ":" for q in found)


def test_learned_cue_needs_a_source_and_is_not_nested(pipeline):
    # no subject: not an attribution; inside a reported clause: part of it
    found, _ = quotes(pipeline, "Called a disaster by many, the storm damage reached Port Wren. "
                                "Ana Lind said the council had talked about the storm damage for weeks.")
    assert [q[3] for q in found] == ["said"], found


def test_belief_inside_reported_speech_is_part_of_it(pipeline):
    found, _ = quotes(pipeline, "Ana Lind said the pier was unsafe and that she knew the harbour would stay closed.")
    assert [q[3] for q in found] == ["said"], found


def test_indirect_content_is_the_clause(pipeline):
    _, text, _, _ = one(pipeline, "Ana Lind said that the harbour would reopen in May.", "harbour")
    assert text == "the harbour would reopen in May"


def test_mixed_is_one_quote(pipeline):
    found, _ = quotes(pipeline, "Ana Lind said that the harbour remains \u201cfully open\u201d for fishing boats.")
    assert len(found) == 1 and found[0][0] == "mixed"


@pytest.mark.parametrize("text", [
    "The so-called \u201cmiracle cure\u201d was sold in the market on Tuesday.",
    "Ana Lind watched \u201cThe Long Night\u201d at the cinema in Port Wren.",
    "The voters' choice and Tom's car were both in the news on Friday.",
])
def test_scare_quotes_and_titles_are_not_quotes(pipeline, text):
    found, _ = quotes(pipeline, text)
    assert found == []


def test_floating_quote_continues_the_speaker(pipeline):
    text = INTRO + '"The pier is gone," Lind said. "The town needs help from everyone in the region."'
    _, _, speaker, cue = one(pipeline, text, "town needs help")
    assert speaker.endswith("Lind") and cue is None


def test_quote_spanning_paragraphs(pipeline):
    text = 'Ana Lind said: "The storm destroyed the pier and three boats.\n"The fishermen lost everything and the town needs help."'
    found, _ = quotes(pipeline, text)
    assert [q[0] for q in found] == ["direct", "direct"]
    assert all(q[2] == "Ana Lind" for q in found)


def test_pronoun_chain_across_paragraphs(pipeline):
    text = (INTRO + "She said the harbour would reopen in May.\n"
            "Mr Tom Berg, the harbour master, was not there.\n"
            "Lind spoke to the fishermen later.\n"
            '"We will rebuild everything," she added.')
    found, record = quotes(pipeline, text)
    assert [q[2] for q in found] == ["Ana Lind", "Ana Lind"]
    assert record.quotes[0].source_span is not None and record.text_of(record.quotes[0].source_span) == "She"


def test_two_speakers_in_one_paragraph(pipeline):
    found, _ = quotes(pipeline, "Ana Lind said the harbour would reopen soon, but Tom Berg said the pier was unsafe.")
    speakers = {q[1]: q[2] for q in found}
    assert any("pier was unsafe" in t and s == "Tom Berg" for t, s in speakers.items()), found
    assert any("harbour would reopen" in t and s == "Ana Lind" for t, s in speakers.items()), found


def test_they_resolves_to_a_group(pipeline):
    text = "Local fishermen met the mayor on Monday. They said the harbour was too dangerous."
    _, _, speaker, _ = one(pipeline, text, "harbour was too dangerous")
    assert speaker == "Local fishermen"


def test_unbalanced_marks_never_pair_across_paragraphs(pipeline):
    text = 'Ana Lind said the "harbour would reopen in May.\nTom Berg said the pier was unsafe for boats.'
    found, record = quotes(pipeline, text)
    assert all("\n" not in q[1] for q in found)
    assert any(q[2] == "Tom Berg" and "pier was unsafe" in q[1] for q in found), found
    assert all(0 <= q.span[0] < q.span[1] <= len(text) for q in record.quotes)


def test_ids_in_text_order_and_confidence(pipeline):
    text = INTRO + "She said the harbour would reopen. Officials said the road was closed."
    _, record = quotes(pipeline, text)
    assert [q.id for q in record.quotes] == [f"q{i}" for i in range(1, len(record.quotes) + 1)]
    assert [q.span for q in record.quotes] == sorted(q.span for q in record.quotes)
    assert all(0.0 < q.confidence <= 1.0 for q in record.quotes)


# ------------------------------------------------------------ quote marks

@pytest.mark.parametrize("text,expected", [
    ('He said "yes and no" twice.', ["yes and no"]),
    ('"One," she said, "two."', ["One,", "two."]),
    ('A 12" pipe and a "real" fix.', ["real"]),
    ('Open "without end\nnext line', ["without end"]),
    ("It's the voters' choice.", []),
    ("'Go home now,' he said.", ["Go home now,"]),
    ("''Go home now,'' he said, ''and stay there.''", ["Go home now,", "and stay there."]),
    ("The ''rock'n'roll'' years and the voters' choice.", ["rock'n'roll"]),
])
def test_passages(text, expected):
    assert [text[p.start : p.end] for p in find_passages(text)] == expected


def test_continuation_paragraph():
    text = '"First part of it.\n"Second part."'
    passages = find_passages(text)
    assert [p.closed for p in passages] == [False, True]
    assert passages[1].continues


# ------------------------------------------------------------ lexicon

def _lexicon_sentence(form: str) -> str:
    if form == "according to":
        return "According to Mayor Ana Lind, the harbour would reopen in May."
    if form.split()[0] in ("wanted", "planned", "intended", "refused", "declined", "urged", "encouraged"):
        return f"Mayor Ana Lind {form} to reopen the harbour in May."
    glue = "" if form.endswith("whether") else " that"
    return f"Mayor Ana Lind {form}{glue} the harbour would reopen in May."


@pytest.mark.parametrize("text,speaker", [
    (INTRO + "Mr Tom Berg arrived later.\n\"We will rebuild everything,\" she said.", "Ana Lind"),
    ("Mr Tom Berg visited the docks.\nMrs Eva Holm arrived later.\n\"We will rebuild everything,\" he said.", "Tom Berg"),
])
def test_gender_agreement(pipeline, text, speaker):
    _, _, got, _ = one(pipeline, text, "rebuild everything")
    assert got == speaker


def test_every_speech_verb_cues_a_quote(pipeline):
    entries = list(speech_verbs().values())
    assert len(entries) > 50
    records = list(pipeline.pipe([_lexicon_sentence(v.form) for v in entries]))
    for entry, record in zip(entries, records):
        hits = [q for q in record.quotes if "harbour" in record.text_of(q.span)]
        assert hits, f"{entry.lemma!r}: no quote in {record.article.text!r}"
        assert hits[0].cue.lower() == entry.form.split()[0].lower() or hits[0].cue.lower() == entry.lemma, entry
        assert hits[0].speaker_name == "Ana Lind", entry


# ------------------------------------------------------------------ acts

@pytest.mark.parametrize("row", read_tsv("cue_acts.tsv"), ids=lambda r: f"{r['lemma']}-{r['relation']}")
def test_every_cue_act_row(pipeline, row):
    """Each row's sentence gives an attribution whose cue has that act."""
    record = pipeline(row["sentence"])
    acts = {q.act for q in record.quotes}
    assert acts == {row["act"]}, [(q.cue, q.act, record.text_of(q.span)) for q in record.quotes]


@pytest.mark.parametrize("text,act", [
    ("Ana Lind said the harbour would reopen in May.", "statement"),
    ("Ana Lind wrote that the harbour would reopen in May.", "statement"),
    ("According to Ana Lind, the harbour will reopen in May.", "statement"),
    ("Ana Lind vowed to reopen the harbour in May.", "statement"),
    ("Ana Lind agreed that the harbour should reopen in May.", "statement"),
    ("Ana Lind agreed to reopen the harbour in May.", "intention"),
    ("Ana Lind believes the harbour will reopen in May.", "belief"),
    ("A survey by the council found the pier had rotted away.", "finding"),
])
def test_act_of_an_attribution(pipeline, text, act):
    record = pipeline(text)
    assert [q.act for q in record.quotes] == [act]


def test_act_is_in_the_contract_json(pipeline):
    record = pipeline("Ana Lind plans to reopen the harbour in May.")
    assert [q["act"] for q in record.to_dict()["quotes"]] == ["intention"]


def test_quote_without_a_cue_is_the_person_just_introduced(pipeline):
    text = ('"The harbour will reopen in May," Ana Lind said.\n'
            "Mark Holt, the harbour master, spoke to reporters after the meeting.\n"
            '"We have waited three years for this pier and nobody has paid for it yet."')
    found, _ = quotes(pipeline, text)
    assert found[-1][2] == "Mark Holt"


def test_quote_marks_pair_over_hard_wrapped_lines(pipeline):
    text = ('    Ana Lind visited the flooded docks of Port Wren on Monday with the engineers of the city.\n'
            '    "The harbour will reopen in May, once the new pier has been built and the engineers\n'
            '    have checked it," Ana Lind said on Monday.')
    found, _ = quotes(pipeline, text)
    assert [(k, s) for k, _, s, _ in found] == [("direct", "Ana Lind")]
    assert found[0][1].endswith("have checked it,")


@pytest.mark.parametrize("row", read_tsv("non_speakers.tsv"), ids=lambda r: r["word"])
def test_figures_and_market_terms_do_not_speak(pipeline, row):
    record = pipeline(row["sentence"])
    assert record.quotes and all(q.speaker_name is None for q in record.quotes), [(q.speaker_name, q.cue) for q in record.quotes]


@pytest.mark.parametrize("text,content,speaker", [
    ("Mayor Ana Lind pitched her plan to the fishermen by telling them that the pier would reopen in May.",
     "the pier would reopen in May", "Ana Lind"),
    ("Mayor Ana Lind spoke at a news conference on Monday announcing that the pier would reopen in May.",
     "the pier would reopen in May", "Ana Lind"),
    ("After saying that the pier would reopen in May, Mayor Ana Lind was driven to the harbour.",
     "the pier would reopen in May", "Ana Lind"),
])
def test_participle_cue_takes_its_clause_subject(pipeline, text, content, speaker):
    record = pipeline(text)
    hits = [q for q in record.quotes if record.text_of(q.span).startswith(content)]
    assert hits and hits[0].speaker_name == speaker, [(record.text_of(q.span), q.speaker_name) for q in record.quotes]


def test_infinitive_after_a_passive_is_not_its_subjects_speech(pipeline):
    record = pipeline("Mayor Ana Lind is expected to meet the fishermen later this week to discuss the pier.")
    assert not [q for q in record.quotes if q.act == "statement" and "pier" in record.text_of(q.span)]


def test_they_in_a_run_of_quotes_is_the_source_of_the_run(pipeline):
    text = ("Three harbour pilots said the first ships were to leave Port Wren on Thursday. "
            "Fishing boats would follow, they said.")
    record = pipeline(text)
    assert [q.speaker_name for q in record.quotes] == ["Three harbour pilots", "Three harbour pilots"]


def test_document_without_author_continues_the_institution_it_follows(pipeline):
    text = ("The Wren Court of Appeals said no reasonable juror could have convicted the fishermen. "
            "\"Those defendants have won the right to proclaim that they did not commit a crime,\" the written ruling said.")
    record = pipeline(text)
    assert record.quotes[-1].speaker_name == "Wren Court of Appeals"


def test_document_after_a_person_is_not_theirs(pipeline):
    text = ("The pier is unsafe, Mayor Ana Lind said on Monday. "
            "\"Repairs will take a year,\" the written ruling said.")
    record = pipeline(text)
    assert record.quotes[-1].speaker_name != "Ana Lind"


@pytest.mark.parametrize("text,content,speaker", [
    ("Mayor Ana Lind said these were \"desperate times\" for the harbour, adding that more boats were expected to sink.",
     "more boats were expected", "Ana Lind"),
    ("The Wren Port Authority is pleased to announce that Tom Berg has accepted the position of harbour master.",
     "Tom Berg has accepted", "Wren Port Authority"),
])
def test_cue_inherits_its_speaker_over_the_parse(pipeline, text, content, speaker):
    record = pipeline(text)
    hits = [q for q in record.quotes if record.text_of(q.span).startswith(content)]
    assert hits and hits[0].speaker_name == speaker, [(record.text_of(q.span), q.speaker_name) for q in record.quotes]


@pytest.mark.parametrize("text,speakers", [
    ("\u201cThe pier must reopen. The fishermen need it.\u201d \u2015 Ana Lind\n"
     "\u201cWe cannot wait until May.\u201d \u2015 Tom Berg.\n", ["Ana Lind", "Tom Berg"]),
    ("\u201cThe pier must reopen. The fishermen need it.\u201d\u2015 Ana Lind \n"
     "\u201cWe cannot wait until May, not one more week.\u201d \u2015 Tom Berg\n", ["Ana Lind", "Tom Berg"]),
])
def test_dash_credit_after_the_quote(pipeline, text, speakers):
    record = pipeline(text)
    assert [q.speaker_name for q in record.quotes] == speakers


def test_transcript_line_inside_quote_marks(pipeline):
    text = ('Ana Lind spoke to Tom Berg on Sunday.\n\n'
            '"BERG: Will the pier reopen in May, as the council promised last year?\n\n'
            '"LIND: Well, look, the pier will reopen when the engineers say it is safe.')
    record = pipeline(text)
    assert [(q.speaker_name, record.text_of(q.span)[:4]) for q in record.quotes] == [("Tom Berg", "Will"), ("Ana Lind", "Well")]


def test_according_to_after_a_coordination_takes_both_clauses(pipeline):
    record = pipeline("His brother, Tom Berg, is now in a Port Wren hospital but will face the same charges, according to Holt.")
    assert [record.text_of(q.span) for q in record.quotes] == [
        "His brother, Tom Berg, is now in a Port Wren hospital but will face the same charges"]


def test_speaker_between_the_quote_and_a_subjectless_verb(pipeline):
    text = ("Retired Lt. Gen. Tom Berg spoke on Thursday.\n\n"
            "\u201cThere is a severe disconnect between this council and frankly the mayor and our fishermen,\u201d "
            "Berg, a top harbour official, said Thursday morning on Wren Radio.")
    record = pipeline(text)
    assert record.quotes[-1].speaker_name == "Tom Berg"


def test_quote_paragraph_after_a_line_ending_in_a_colon(pipeline):
    text = ("Pollster Ana Lind spoke on Thursday.\n\nLind continued:\n\n"
            "\"The harbour issue overall is very much a partisan issue, but that does not account for the numbers.\"")
    record = pipeline(text)
    assert [q.speaker_name for q in record.quotes] == ["Ana Lind"]


@pytest.mark.parametrize("verb", ["demanded", "retorted", "exclaimed", "scoffed", "remarked"])
def test_more_verbs_cue_direct_quotes(pipeline, verb):
    record = pipeline(f"\u201cWhy is the pier still closed?\u201d Mayor Ana Lind {verb}.")
    assert [q.speaker_name for q in record.quotes] == ["Ana Lind"]


def test_coordinated_speech_verb_inside_a_reported_clause_keeps_the_source(pipeline):
    record = pipeline("The Wren Port Authority denied an agreement had been reached and said in a statement "
                      "that the talks were \"complicated.\"")
    hits = [q for q in record.quotes if record.text_of(q.span).startswith("the talks")]
    assert hits and hits[0].speaker_name == "Wren Port Authority", [(record.text_of(q.span), q.speaker_name) for q in record.quotes]
