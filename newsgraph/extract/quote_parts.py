"""What every quote finder shares: the candidate record, the source of a cue
(its subject), the speech-verb entry of a token, and the confidence scale.

Internal to the quotes stage (``quotes``, ``learned_quotes``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicons import SpeechVerb, speech_verb_forms, speech_verbs
from ..records import Span
from .coref import is_document
from .speakers import Speaker

__all__ = ["Found", "subject", "entry", "confidence"]

#: verbs whose object is the hearer, never the speaker ("told reporters")
_HEARER_OBJECT = frozenset({"tell", "ask", "inform", "remind", "assure", "warn"})
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
#: "X is pleased to announce": over the adjective to its subject
_OVER_ADJECTIVE = frozenset({"acomp"})
_VERB_POS = frozenset({"VERB", "AUX"})
#: from a participle's preposition up to the verb: "aside from", "for ... and for"
_CLIMB_TO_VERB = frozenset({"prep", "conj", "advmod", "pcomp"})
_CONFIDENCE = {"name": 0.92, "group": 0.8, "pronoun": 0.82, "unresolved": 0.45}


@dataclass
class Found:
    kind: str
    span: Span
    speaker: Speaker | None
    cue: str | None
    cue_span: Span | None
    confidence: float
    paragraph: int
    #: may sit inside another quote's content (False: folded into it)
    nested_ok: bool = True
    #: statement | belief | intention | finding (``lexicons.cue_act``)
    act: str = "statement"


def entry(verbs: dict[str, SpeechVerb], token: Token) -> SpeechVerb | None:
    """The speech-verb entry of a token: by lemma, or by its inflected form
    where the lemmatizer errs."""
    return verbs.get(token.lemma_.lower()) or speech_verb_forms().get(token.lower_)


def subject(verb: Token, inversion: bool, participle: bool = False) -> Token | None:
    """The cue's subject, inherited over conj/xcomp/advcl and over an
    adjective ("is pleased to announce"). With ``participle`` (a speech verb
    with a clause; not a learned cue: "before discussing the war") also from
    the clause a participle hangs on ("He pitched himself by telling them
    ...", "she said at a news conference announcing ...", "said these were
    hard times, adding ..."); a participle on a document is the document's
    ("a statement saying ..."). With ``inversion`` ('"...," said X') the
    noun after the verb."""
    if participle and verb.tag_ == "VBG" and verb.dep_ in _INHERIT_DEPS:
        speaking = _speech_above(verb)
        if speaking is not None:  # "X said these were hard times, adding that ...": X adds
            return subject(speaking, False)
    v = verb
    climbed = False  # from a participle: "after saying ..., she was whisked off"
    for _ in range(5):
        subjects = [c for c in v.children if c.dep_ == "nsubj" or (climbed and c.dep_ == "nsubjpass")]
        if subjects:  # the one nearest the verb: "..., the officials said"
            return min(subjects, key=lambda c: abs(c.i - v.i))
        if (v.dep_ in _INHERIT_DEPS or (v.dep_ in _OVER_ADJECTIVE and v.pos_ == "ADJ")) and v.head.i != v.i:
            v = v.head
            continue
        governor = _participle_governor(v) if participle else None
        if governor is None:
            break
        if governor.pos_ not in _VERB_POS:
            return governor  # "a statement saying ...": the document speaks
        v, climbed = governor, True
    if participle and verb.dep_ == "conj":
        speaking = _speech_above(verb)
        if speaking is not None:  # "The media denied an agreement had been reached and said ...": the media
            return subject(speaking, False)
    if inversion and verb.lemma_.lower() not in _HEARER_OBJECT:
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod", "appos", "nsubj") and child.pos_ in ("PROPN", "NOUN", "PRON") and child.ent_type_ not in ("DATE", "TIME"):
                return child
    return None


def _speech_above(verb: Token) -> Token | None:
    """The speech verb a participle's clause sits under, when the parser hung
    the participle inside that verb's reported clause."""
    x = verb
    for _ in range(4):
        if x.head.i == x.i:
            return None
        if x.dep_ == "ccomp" and entry(speech_verbs(), x.head) is not None and x.head.pos_ in _VERB_POS:
            return x.head
        x = x.head
    return None


def _participle_governor(v: Token) -> Token | None:
    """The verb a participle's clause hangs on ("by telling", "after saying",
    "aside from saying"), or for one on a noun ("a conference announcing",
    "a statement saying") the verb of that noun's preposition, else the noun."""
    if v.tag_ != "VBG":
        return None
    if v.dep_ == "pcomp":
        x = v.head
        while x.pos_ not in _VERB_POS and x.dep_ in _CLIMB_TO_VERB and x.head.i != x.i:
            x = x.head
        return x if x.pos_ in _VERB_POS else None
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
        noun = v.head
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in _VERB_POS and noun.ent_type_ == "" and not is_document(noun):
            return noun.head.head
        return noun
    return None


def confidence(speaker: Speaker | None, cue: SpeechVerb | None) -> float:
    """Higher for an explicit speech verb and a named speaker; lower for
    beliefs and evidence, groups without a name, unresolved pronouns."""
    base = _CONFIDENCE[speaker.how] if speaker is not None else 0.35
    if speaker is not None and speaker.how != "unresolved" and not speaker.name:
        base = 0.45
    if cue is not None and not cue.cues_direct and cue.kind != "phrase":
        base -= 0.12
    return max(0.05, min(1.0, base))
