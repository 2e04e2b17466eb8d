"""Who did it to whom: the actor and target of a trigger, as entities where
the article names them, else as group phrases with a country and a sector.

    trigger -> its clause verb -> subject / object / dative / "with", "against"...
    (passive: the agent acts, the subject suffers; "agreed to [go]": the
    frame's subject acts) -> the phrase -> entity, country, sector
    -> a pronoun in "X said it ..." is X; an official speaking for their
    state ("Peskov said that Moscow rejected") is the actor who voiced it.

Pure functions over a spaCy ``Doc`` and the entities in doc coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons import countries, institutions, key
from ..lexicons.events import EventCues
from ..records import Actor, Entity

__all__ = ["EntityIndex", "actor_of", "nominal_actor", "target_of", "speaker_of", "phrase_actor"]

_TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "from", "of", "for")
_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "prep_by"})
_RAISING = frozenset({"expect", "say", "believe", "report", "think", "set", "schedule", "due", "likely", "ask", "urge", "invite", "force"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "i", "you", "us", "me"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


@dataclass(frozen=True)
class EntityIndex:
    """Which entity each token belongs to (a mention covering it)."""

    at: tuple[str | None, ...]
    by_id: dict[str, Entity]

    @classmethod
    def build(cls, doc: Doc, entities) -> "EntityIndex":
        at: list[str | None] = [None] * len(doc)
        for ent in entities:
            for start, end in ent.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for i in range(span.start, span.end):
                    if at[i] is None or ent.type == "PERSON":
                        at[i] = ent.id
        return cls(tuple(at), {e.id: e for e in entities})


def actor_of(tok: Token, verb: Token) -> Token | None:
    """The head token of the one who acts."""
    if tok is not verb:
        own = nominal_actor(tok)
        if own is not None:
            return own
    t = verb
    for step in range(4):
        for c in t.children:
            if c.dep_ == "agent":
                return next((p for p in c.children if p.dep_ == "pobj"), None)
            if c.dep_ in ("nsubj", "csubj") and c.lower_ not in ("who", "which", "that"):
                return c
            if c.dep_ == "nsubjpass" and step > 0 and t.lemma_.lower() in _RAISING:
                return c  # "are expected to meet": the subject of "expected" meets
        if step == 0 and any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
            return None  # "was overthrown", "fled and was taken into custody": passive, no agent named
        if t.dep_ == "relcl" or (t.dep_ == "acl" and any(c.dep_ == "dobj" for c in t.children)):
            return t.head
        if t.dep_ in ("xcomp", "conj", "advcl", "acl", "ccomp", "pcomp") or (t.dep_ == "prep" and t.head.pos_ == "VERB"):
            if t.dep_ == "ccomp" and not any(c.dep_ == "mark" for c in t.children) and t.head.pos_ == "VERB":
                pass
            t = t.head
            if t.dep_ == "prep":
                t = t.head
            continue
        break
    return None


_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def target_of(tok: Token, verb: Token, actor: Token | None) -> Token | None:
    """The head token of the one acted on; never a time or an amount ("on
    Tuesday", "for 40 million euros")."""
    found = _target_of(tok, verb, actor)
    return None if found is not None and found.ent_type_ in _NOT_PARTICIPANTS else found


def _target_of(tok: Token, verb: Token, actor: Token | None) -> Token | None:
    cands: list[Token] = []
    holders = [tok] if tok is verb else [tok, verb]
    for h in holders:
        for c in h.children:
            if c.dep_ in ("dative",) and c is not actor:
                return c
    if verb.children:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                cands.append(c)
        if not cands and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
            # "the driver fled and was taken into custody": the subject it shares is acted on
            cands.extend(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") and c is not actor)
    for h in holders:
        for c in h.children:
            if c.dep_ == "dobj" and c is not tok and c is not actor:
                if c.pos_ in ("PROPN", "PRON") or c.ent_type_:
                    return c
                cands.append(c)
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj is not actor:
                    cands.append(pobj)
    named = [c for c in cands if c.ent_type_ or c.pos_ == "PROPN" or any(t.ent_type_ for t in c.subtree)]
    return (named or cands or [None])[0]


def nominal_actor(tok: Token) -> Token | None:
    """"Russia's invasion", "a Russian attack", "NATO strikes", "attack by X"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "his", "her", "their"):
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE", "ORG") or countries().lookup(c.text)):
            return c
    return None


def speaker_of(tok: Token, cues: EventCues) -> Token | None:
    """The subject of the speech verb whose clause holds ``tok``."""
    embedded = False
    for n, anc in enumerate(tok.ancestors):
        if n >= 8:
            break
        child = tok if n == 0 else prev
        embedded = embedded or child.dep_ in ("ccomp", "parataxis")
        if embedded and anc.lemma_.lower() in cues.speech and anc.pos_ == "VERB":
            return next((c for c in anc.children if c.dep_ == "nsubj"), None)
        prev = anc
    return None


def phrase_actor(tok: Token | None, index: EntityIndex, cues: EventCues, speaker: Token | None = None) -> Actor | None:
    """An ``Actor`` for the phrase headed by ``tok``."""
    if tok is None:
        return None
    if tok.lower_ in _PRONOUNS and index.at[tok.i] is None:
        if speaker is not None and speaker is not tok and speaker.lower_ not in _PRONOUNS and tok.lower_ not in _OBJECT_PRONOUNS:
            tok = speaker  # "the company said it would ..."; "police said X attacked him" is not about the police
        else:
            tok = _antecedent(tok, index) or tok
    lo, hi = _phrase(tok)
    doc = tok.doc
    tokens = list(doc[lo:hi])
    text = doc[lo:hi].text
    ent = _entity(tok, tokens, index, cues)
    country = ent.country if ent else None
    if country is None:
        country = _country(tokens)
    if ent is not None and ent.type != "NORP":
        name = ent.name
    else:  # "Russian" stands for Russia
        name = countries().names.get(country) if country else (ent.name if ent else None)
    sector = _sector(tok, tokens, ent, cues)
    if ent is None and tok.lower_ in _PRONOUNS:
        return None
    return Actor(text=text, entity=ent.id if ent else None, country=country, name=name, sector=sector,
                 span=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])))


def _antecedent(tok: Token, index: EntityIndex, window: int = 80) -> Token | None:
    """"he"/"she": the person named last before it (within ``window`` tokens)."""
    if tok.lower_ not in ("he", "she", "him", "her"):
        return None
    for i in range(tok.i - 1, max(-1, tok.i - window), -1):
        eid = index.at[i]
        if eid is not None and index.by_id[eid].type == "PERSON":
            return tok.doc[i]
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    keep = [tok]
    stack = list(tok.children)
    while stack:
        c = stack.pop()
        if c.dep_ in _CUT or (c.dep_ == "prep" and c.head is tok and c.lower_ not in ("of", "from", "in", "for")):
            continue
        keep.append(c)
        stack.extend(c.children)
    idx = sorted(t.i for t in keep)
    lo, hi = idx[0], idx[-1] + 1
    # contiguous around the head only
    while lo < tok.i and tok.doc[lo].is_punct:
        lo += 1
    return lo, hi


def _entity(head: Token, tokens: list[Token], index: EntityIndex, cues: EventCues) -> Entity | None:
    """The entity the phrase names: its head, else a name inside it, unless
    the head is a group word ("the Trump administration", "Russian troops":
    the group acts, not the name that qualifies it)."""
    if index.at[head.i] is not None:
        return index.by_id.get(index.at[head.i])
    if head.lemma_.lower() in cues.sectors or head.lower_ in cues.sectors:
        return None
    for prep in head.children:  # "NATO membership for Ukraine": the one it is for
        if prep.dep_ == "prep" and prep.lower_ == "for" and head.pos_ == "NOUN":
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            eid = index.at[pobj.i] if pobj is not None else None
            if eid is not None and index.by_id[eid].type in ("GPE", "PERSON", "ORG"):
                return index.by_id[eid]
    order = [t for t in tokens if t.dep_ in ("compound", "amod", "poss", "nmod")] + tokens
    for t in order:
        eid = index.at[t.i]
        if eid is not None:
            return index.by_id.get(eid)
    return None


def _country(tokens: list[Token]) -> str | None:
    lex_c, lex_i = countries(), institutions()
    for t in tokens:
        if t.is_alpha and t.text[:1].isupper():
            code = lex_c.lookup(t.text)
            if code:
                return code
            inst = lex_i.get(key(t.text))
            if inst is not None and inst.country:
                return inst.country
    return None


def _sector(head: Token, tokens: list[Token], ent: Entity | None, cues: EventCues) -> str | None:
    for t in [head] + tokens:
        s = cues.sectors.get(t.lemma_.lower()) or cues.sectors.get(t.lower_)
        if s:
            return s
    if ent is not None:
        for title in ent.titles:
            for word in title.lower().split():
                if word in cues.sectors:
                    return cues.sectors[word]
    return None
