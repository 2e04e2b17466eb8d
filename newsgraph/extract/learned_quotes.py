"""Attributions beyond the speech-verb rules: cues learned from annotated news,
and credit lines.

    learned cues    ``lexicons/data/attribution_cues.tsv`` (written by
                    ``scripts/learn_cues.py`` from PolNeAR's train split): a
                    word, the relation that holds its content ("called X a
                    liar", "talked about X", "endorsed X") and its precision in
                    training. A cue counts only with a source of its own (its
                    subject; "his claim"; "in a poll") and outside a quote
                    already found (a detail of what was said is part of it).
    credit lines    "Ana Lind: Harbour Will Reopen" / "LIND: Well, ...": a line
                    opening with a known person's or organisation's name and a
                    colon.

Internal to the quotes stage; works in doc coordinates.
"""
from __future__ import annotations

import functools

from spacy.attrs import LEMMA
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..lexicons import attribution_cues, cue_act, speech_verbs
from ..records import Entity
from .cue_relations import region, trim
from .quote_parts import Found, confidence, subject
from .speakers import Speaker, Speakers

__all__ = ["learned", "colon_credits", "colon_leads"]

#: a credit line "Name: ..." names its speaker within this many characters
_CREDIT_CHARS = 40
_CREDIT_TYPES = frozenset({"PERSON", "ORG"})


def learned(doc: Doc, speakers: Speakers, taken: set[int], reported: list[Found]) -> list[Found]:
    """Cues learned from annotated news (``attribution_cues.tsv``): a word and
    the relation that holds its content ("called X a liar", "talked about X",
    "endorsed X"), for words the speech-verb rules did not already cue."""
    cues = attribution_cues()
    lemmas = _cue_lemma_hashes()
    out: list[Found] = []
    # the lemma column first: Token objects only for the few candidates
    for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
        if lemma not in lemmas:
            continue
        token = doc[i]
        entries = cues.get((token.lemma_.lower(), token.pos_))
        if not entries or token.idx in taken or speakers.inside_quote(token.idx):
            continue
        for entry in entries:
            span = region(token, entry.relation)
            if span is not None:
                break
        else:
            continue
        source = _learned_source(token)
        if source is None or _inside(token.idx, reported) or token.head.idx in taken:
            continue  # no source; or a detail of a quote already found
        speaker = speakers.of(source)
        conf = confidence(speaker, None) * (0.6 + 0.4 * entry.precision)
        found = Found("indirect", span, speaker, token.text, (token.idx, token.idx + len(token)), conf, 0)
        verb = speech_verbs().get(entry.lemma)
        found.act = cue_act(entry.lemma, entry.relation, verb.kind if verb else None)
        out.append(found)
    return out


def colon_credits(doc: Doc, text: str, speakers: Speakers, entities: list[Entity]) -> list[Found]:
    """Headline and transcript credits without quote marks: a line opening
    with a named person or organisation and a colon ("Ana Lind: Harbour Will
    Reopen in May", "LIND: Well, we will see")."""
    # headlines confuse the tagger: the name is known by its last word
    known = {e.name.split()[-1].lower(): e for e in entities if e.type in _CREDIT_TYPES}
    out: list[Found] = []
    start = 0
    for line in text.split("\n"):
        colon = line.find(": ", 0, _CREDIT_CHARS)
        if colon > 0 and len(line) - colon > 12 and known:
            found = _colon_credit(doc, start, start + colon, start + len(line.rstrip()), known)
            if found is not None:
                out.append(found)
        start += len(line) + 1
    return out


def colon_leads(text: str, passages, entities: list[Entity], doc: Doc) -> dict[int, tuple[Speaker, int]]:
    """Transcript lines inside quote marks ('"PENCE: Well, look, ...'): the
    start of each quoted passage that opens with a known name and a colon ->
    (that speaker, where the words after the colon start)."""
    known = {e.name.split()[-1].lower(): e for e in entities if e.type in _CREDIT_TYPES}
    out: dict[int, tuple[Speaker, int]] = {}
    if not known:
        return out
    for p in passages:
        colon = text.find(": ", p.start, min(p.end, p.start + _CREDIT_CHARS))
        if colon <= p.start or p.end - colon <= 12:
            continue
        entity = _credited_name(doc, p.start, colon, known)
        if entity is not None:
            out[p.start] = (Speaker(entity.id, entity.name, (p.start, colon), "name"), colon + 2)
    return out


def _credited_name(doc: Doc, start: int, colon: int, known: dict[str, Entity]) -> Entity | None:
    name = doc.char_span(start, colon, alignment_mode="expand")
    if name is None or not 0 < len(name) <= 4 or any(not t.is_title and not t.is_upper and not t.is_punct for t in name):
        return None
    return known.get(name[-1].lower_)


def _colon_credit(doc: Doc, start: int, colon: int, end: int, known: dict[str, Entity]) -> Found | None:
    entity = _credited_name(doc, start, colon, known)
    if entity is None:
        return None
    content = doc.char_span(colon + 2, end, alignment_mode="expand")
    if content is None or len(content) < 3:
        return None
    span = trim(doc, content.start, content.end)
    if span is None:
        return None
    speaker = Speaker(entity.id, entity.name, (start, colon), "name")
    return Found("indirect", span, speaker, ":", (colon, colon + 1), 0.6, 0)


@functools.lru_cache(maxsize=1)
def _cue_lemma_hashes() -> frozenset[int]:
    return frozenset(hash_string(lemma) for lemma, _ in attribution_cues())


def _inside(char: int, found: list[Found]) -> bool:
    return any(f.span[0] <= char < f.span[1] for f in found)


def _learned_source(token: Token) -> Token | None:
    if token.pos_ == "NOUN":  # "his claim that ...", "Trump's call for ..."
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if token.pos_ == "ADP":  # "in a poll, ..."
        return next((c for c in token.children if c.dep_ == "pobj"), None)
    return subject(token, inversion=False)
