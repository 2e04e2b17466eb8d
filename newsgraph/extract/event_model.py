"""The learned decision over event candidates: what a candidate looks like
to the model (``candidate_features``) and how the model weighs it
(``EventModel.probability``).

    candidate (trigger, lexicon entry, roles, negation, modality, veto)
    -> sparse binary features: the trigger's lemma and type, its place in
       the parse, the words around it, who acts on whom, what qualifies it
    -> a linear model (weights in ``lexicons/data/event_model.tsv``, written
       by ``scripts/train_event_model.py``) -> the probability that the
       candidate is a real event of its type: the event's ``confidence``

Scoring is a sum of weights and a logistic, in plain Python: no
scikit-learn at run time. Pure functions over a spaCy ``Doc``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicons.events import EventModel, event_cues
from .event_roles import EntityIndex

__all__ = ["EventModel", "candidate_features"]

_SPACE = re.compile(r"\s+")
#: words around the trigger that the model reads, either side
WINDOW = 3
_AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_HEDGES = frozenset({"would", "could", "should", "might", "may", "must", "can", "will", "if", "unless",
                     "whether", "possible", "possibly", "impossible", "likely", "allegedly", "reportedly"})


def candidate_features(doc: Doc, cand, index: EntityIndex) -> list[str]:
    """The features of one candidate (an ``events._Candidate``), sorted and
    without duplicates."""
    cues = event_cues()
    f = cand.found
    tok = doc[f.token]
    lemma = tok.lemma_.lower()
    t = cand.type
    out = {
        "bias:1",
        f"type:{t}",
        f"lemma:{lemma}",
        f"lemma_type:{lemma}|{t}",
        f"entry:{f.entry.key}|{f.entry.type}",
        f"pos:{tok.pos_}",
        f"pos_type:{tok.pos_}|{t}",
        f"dep:{tok.dep_}",
        f"dep_lemma:{tok.dep_}|{lemma}",
        f"tag:{tok.tag_}",
        f"head:{tok.head.lemma_.lower()}",
        f"head_lemma:{tok.head.lemma_.lower()}|{lemma}",
        f"veto:{cand.veto or '-'}",
        f"veto_type:{cand.veto or '-'}|{t}",
        f"negated:{f.negated}",
        f"modality:{f.modality or '-'}",
        f"modality_type:{f.modality or '-'}|{t}",
        f"anaphoric:{f.anaphoric}",
        f"framed:{f.content is not None}",
        f"retyped:{t != f.entry.type}",
        f"mode:{cand.mode or '-'}",
        f"sent:{min(cand.sent, 5)}",
        f"sent_type:{min(cand.sent, 5)}|{t}",
    }
    if cand.retyped_from is not None:
        out.add(f"retyped_from:{cand.retyped_from}>{t}")
        out.add(f"retyped_lemma:{lemma}|{t}")
    if f.content is not None:
        out.add(f"content:{doc[f.content].lemma_.lower()}")
    for c in tok.children:
        out.add(f"child:{c.dep_}")
        if c.dep_ in ("dobj", "pobj", "nsubjpass", "prt", "neg", "aux", "auxpass", "prep", "det", "amod", "compound", "poss"):
            out.add(f"child_lemma:{c.dep_}|{c.lemma_.lower()}")
            if c.dep_ in ("dobj", "nsubjpass", "amod", "compound"):
                out.add(f"child_lemma_of:{c.dep_}|{c.lemma_.lower()}|{lemma}")
        if c.dep_ == "prep":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                out.add(f"prep_obj:{c.lower_}|{_kind(pobj, index)}")
    for i in range(max(0, tok.i - WINDOW), min(len(doc), f.end + WINDOW)):
        if f.token <= i < f.end:
            continue
        w = doc[i]
        if w.is_alpha:
            side = "L" if i < f.token else "R"
            out.add(f"near:{side}|{w.lemma_.lower()}")
            out.add(f"near:{w.lemma_.lower()}")
        if w.ent_type_:
            out.add(f"near_ent:{w.ent_type_}")
    sent = tok.sent
    for w in sent:
        low = w.lower_
        if low in _HEDGES:
            out.add(f"sent_word:{low}")
        if w.ent_type_ in ("PERCENT", "MONEY"):
            out.add(f"sent_ent:{w.ent_type_}")
    out.add(f"sent_quoted:{any(w.is_quote for w in sent)}")
    for role, actor, head in (("actor", cand.actor, cand.actor_head), ("target", cand.target, None)):
        if actor is None:
            out.add(f"{role}:none")
            out.add(f"{role}_type:none|{t}")
            continue
        kind = index.by_id[actor.entity].type if actor.entity else ("sector" if actor.sector else "phrase")
        out.add(f"{role}:{kind}")
        out.add(f"{role}_type:{kind}|{t}")
        out.add(f"{role}_sector:{actor.sector or '-'}")
        out.add(f"{role}_sector_type:{actor.sector or '-'}|{t}")
        out.add(f"{role}_country:{actor.country is not None}")
        span = doc.char_span(*actor.span, alignment_mode="expand") if actor.span else None
        if span is not None:
            h = span.root
            out.add(f"{role}_head:{h.lemma_.lower()}")
            out.add(f"{role}_agent:{_kind(h, index)}")
    if cand.actor_head is not None:
        out.add(f"actor_head_pos:{cand.actor_head.pos_}")
    speech = _speech_ancestor(tok, cues.speech)
    out.add(f"reported:{speech is not None}")
    if speech is not None:
        out.add(f"reported_by:{speech.lemma_.lower()}")
    return sorted({_SPACE.sub("_", f) for f in out})


def _kind(tok: Token, index: EntityIndex) -> str:
    """What a participant's head is: an entity type, a group word, a person
    word, a pronoun, or a thing."""
    eid = index.at[tok.i]
    if eid is not None:
        return index.by_id[eid].type
    if tok.ent_type_:
        return tok.ent_type_
    cues = event_cues()
    if tok.lemma_.lower() in cues.sectors or tok.lower_ in cues.sectors:
        return "group"
    if tok.lemma_.lower() in cues.persons:
        return "person"
    if tok.pos_ == "PRON":
        return "pron"
    return "thing" if tok.pos_ == "NOUN" else tok.pos_.lower()


def _speech_ancestor(tok: Token, speech: frozenset[str]) -> Token | None:
    for n, anc in enumerate(tok.ancestors):
        if n >= 6:
            break
        if anc.pos_ == "VERB" and anc.lemma_.lower() in speech:
            return anc
    return None
