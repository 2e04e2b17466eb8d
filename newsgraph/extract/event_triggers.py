"""Event triggers: the words in a sentence that code an event, with the
negation and modality that qualify them.

    tokens --lexicon (lemma, particle, dependent, head)--> candidate triggers
    -> filters (participles, circumstantial nouns, headlines)
    -> frames: "agreed to withdraw" is one AGREE, "refused to meet" one REJECT
    -> negation ("did not attack": negated; "will never discuss": REJECT)

Pure functions over a spaCy ``Doc``; positions are token indices.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .doc_cache import doc_text
from ..lexicons.events import EventCues, Trigger, event_cues, event_triggers
from .event_senses import in_name, wrong_particle

__all__ = ["Found", "find_triggers", "clause_verb", "headline_tokens"]

_NOUN_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd", "appos"})
_NOUN_PREPS = frozenset({"on", "for"})
#: nouns that count events: "a series of attacks", "a wave of arrests"
_SERIES = frozenset({"series", "wave", "spate", "string", "round", "flurry", "barrage", "volley", "campaign"})  # "arrived on a visit", "gathered for a rally"
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "compound", "amod", "advcl", "relcl", "nsubj", "nsubjpass", "conj"})
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "PROTEST"})
_NEG_DETS = frozenset({"no"})
_INTENT = frozenset({"future", "intended"})
_COOPERATIVE = frozenset({"SUPPORT", "AID", "COOPERATE", "CONSULT", "RETREAT", "CONCEDE"})
_NEGATORS = frozenset({"fail"})
_WANT = frozenset({"want", "seek", "demand", "request"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their"})


@dataclass(frozen=True)
class Found:
    """One trigger in the doc: the token, the lexicon entry it matched, and
    what the context says about it."""

    token: int  # token index of the trigger word
    end: int  # token index after the trigger (particle included)
    entry: Trigger
    type: str
    cameo: str
    mode: str | None
    negated: bool = False
    modality: str | None = None
    content: int | None = None  # token of the framed event ("agreed to [withdraw]")
    anaphoric: bool = False  # "the conversation": refers back to an event already told
    veto: str | None = None  # the rule that would drop it ("circumstance", "description", "particle", "name")


def find_triggers(doc: Doc, sent: Span, skip: frozenset[int] = frozenset(), recall: bool = False) -> list[Found]:
    """The triggers of one sentence, framed events folded into their frame;
    tokens in ``skip`` (headline lines) are not read. With ``recall`` the
    triggers a rule would drop come too, each with its ``veto`` (they frame
    nothing and are framed by nothing)."""
    lex, cues = event_triggers(), event_cues()
    found: dict[int, Found] = {}
    vetoed: list[Found] = []
    modal: dict[int, Trigger] = {}
    for tok in sent:
        if tok.i in skip:
            continue
        entries = lex.get(tok.lemma_.lower()) or lex.get(tok.lower_)
        if not entries:
            continue
        reported = next((e for e in entries if "M" in e.pos), None)
        if reported is not None:
            if tok.dep_ == "aux" and _reported(tok.head, cues):
                modal[tok.head.i] = reported
            continue
        hit = _match(tok, entries)
        if hit is None:
            continue
        entry, end = hit
        veto = ("description" if tok.pos_ == "VERB" else "circumstance") if not _eventive(tok, cues) else "particle" if wrong_particle(entry, tok) else "name" if in_name(tok) else None
        if veto is not None:  # "at a meeting", "charged down", "the Assault of ... Act": another sense
            if recall and entry.type != "-":
                vetoed.append(Found(tok.i, end, entry, entry.type, entry.cameo, entry.mode, veto=veto))
            continue
        type_, cameo = entry.type, entry.cameo
        if tok.pos_ != "VERB" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _WANT:
            type_, cameo = "REQUEST", "10"  # "wanted access to", "seeks talks"
        found[tok.i] = Found(tok.i, end, entry, type_, cameo, entry.mode,
                             anaphoric=tok.pos_ != "VERB" and _anaphoric(tok))
    for i in modal:  # "said that Iraq must withdraw": a demand, whatever the verb
        e = modal[i]
        found[i] = Found(i, i + 1, e, e.type, e.cameo, e.mode)
    found = _fold_frames(doc, found)
    found.update([(f.token, f) for f in vetoed if f.token not in found and not _framed_token(f.token, found)])
    qualified = (_qualify(doc, f, cues) for f in sorted(found.values(), key=lambda f: f.token))
    return [f for f in qualified if f.type]


def _framed_token(i: int, found: dict[int, Found]) -> bool:
    return any(f.content == i for f in found.values())


def clause_verb(tok: Token) -> Token:
    """The verb whose clause carries ``tok``: itself for a verb, the verb a
    noun trigger is an argument of ("had a [call]" -> had)."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


# ------------------------------------------------------------------ matching

def _match(tok: Token, entries: tuple[Trigger, ...]) -> tuple[Trigger, int] | None:
    is_verb = tok.pos_ == "VERB"
    is_noun = tok.pos_ == "NOUN" and not tok.ent_type_  # not "the London Stock Exchange"
    for e in entries:
        if ("V" in e.pos and is_verb) or ("N" in e.pos and is_noun):
            end = tok.i + 1
            if e.particle is not None:
                end = _particle(tok, e.particle)
                if end is None:
                    continue
            if e.dependent is not None and not any(
                c.lemma_.lower() == e.dependent or c.lower_ == e.dependent
                for c in tok.children if c.dep_ in ("dobj", "compound", "amod", "nsubjpass", "npadvmod", "oprd", "acomp")
            ):
                continue
            if e.head is not None and tok.head.lemma_.lower() != e.head:
                continue
            return e, end
    return None


def _particle(tok: Token, particle: str) -> int | None:
    """End of "call for", "pull out", "hand over": the particle as a child, or
    the next word(s)."""
    words = particle.split()
    doc = tok.doc
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "advmod") and c.lower_ == words[0] and c.i > tok.i:
            between = doc[tok.i + 1 : c.i]
            if c.dep_ == "prep" and any(t.pos_ != "ADV" for t in between) and not any(
                    t.dep_ == "dobj" and t.head.i == tok.i for t in between):
                continue  # "called to the home on the 200 block" is no "call on"; "sees X as Y" is "see as"
            # "taken into custody": every word of a longer particle, not its first
            if [t.lower_ for t in doc[c.i : c.i + len(words)]] == words:
                return c.i + len(words)
    if tok.i + len(words) < len(doc) and [t.lower_ for t in doc[tok.i + 1 : tok.i + 1 + len(words)]] == words:
        return tok.i + 1 + len(words)
    return None


def _reported(verb: Token, cues: EventCues) -> bool:
    """A clause that someone's words carry: "X said (that) Y must ..."."""
    return verb.dep_ in ("ccomp", "parataxis") and verb.head.pos_ == "VERB" and verb.head.lemma_.lower() in cues.speech


def _eventive(tok: Token, cues: EventCues) -> bool:
    """A verb that heads a clause, or a noun in an argument position: not a
    participle modifier ("the occupied territory") nor a circumstance ("at a
    meeting", "in the attack")."""
    if tok.pos_ == "VERB":
        if tok.dep_ in ("amod", "compound"):
            return False
        if tok.dep_ == "relcl" and tok.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            return False  # "the soldiers who fight for X": who they are, not what happened
        # "the territory occupied by X" describes; "a salvo killed civilians" (a
        # misparsed main verb: it has an object) tells
        return not (tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in tok.children))
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        # "held talks", "launched an attack", "rejected the offer" (a trigger
        # itself: folded); "processing asylum claims" tells no event
        forms = _forms(tok.head)
        return any(f in cues.light or f in event_triggers() or f in cues.modality for f in forms)
    if tok.dep_ in _NOUN_DEPS:
        return tok.head.pos_ in ("VERB", "AUX") or tok.head.dep_ == "ROOT" and tok.head.pos_ != "NOUN"
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in _SERIES and prep.head.pos_ == "NOUN":
            return _eventive(prep.head, cues)  # "carried out a series of attacks": the attacks
        return prep.lower_ in _NOUN_PREPS and prep.head.pos_ == "VERB"
    if tok.dep_ == "conj":
        return _eventive(tok.head, cues) if tok.head.pos_ in ("NOUN", "PROPN") else False
    return False


def _forms(tok: Token) -> tuple[str, ...]:
    """The lemma, and the word less its ending where the lemmatiser slips
    ("staged" -> "stag")."""
    low = tok.lower_
    stems = [low[: -len(e)] for e in ("ed", "d", "ing", "s") if low.endswith(e) and len(low) > len(e) + 2]
    return (tok.lemma_.lower(), low, *stems)


def _anaphoric(tok: Token) -> bool:
    """A definite event noun with no participant of its own refers back."""
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    if not dets or dets[0].lower_ not in _DEFINITE:
        return False
    return not any(c.dep_ in ("prep", "compound", "amod") and c.pos_ != "ADJ" for c in tok.children)


def headline_tokens(doc: Doc, max_words: int = 14) -> frozenset[int]:
    """Tokens of title lines ("Fatal attack in Kyiv"): a short line with no
    final stop restates an event the body tells in full."""
    out: set[int] = set()
    text, pos = doc_text(doc), 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body or body[-1] in '.!?"”’\':' or len(body.split()) > max_words:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)


# ------------------------------------------------------------------ frames

def _fold_frames(doc: Doc, found: dict[int, Found]) -> dict[int, Found]:
    """A trigger under another trigger is its content: folded into it.
    "offered to hand over" -> AGREE; "vowed to attack" -> THREATEN;
    "rejected all offers" -> REJECT; "urged X to withdraw" -> REQUEST."""
    out = dict(found)
    for i, f in sorted(found.items(), key=lambda kv: -_depth(doc[kv[0]])):
        gov = _governing_trigger(doc[i], out)
        if gov is None or gov == i or i not in out:
            continue
        g = out[gov]
        if "judge" in (g.entry.frame, out[i].entry.frame):
            continue  # "sentenced him, describing the crime as despicable": a judgement is an act of its own
        if doc[i].dep_ == "conj" and doc[i].pos_ == "VERB" and doc[i].head.i == gov and g.type != out[i].type:
            continue  # "thanked Canada but called for more action": two acts, neither the other's content
        content = out.pop(i)
        if g.type == content.type and doc[i].dep_ == "conj":
            out[gov] = g  # "killed ... and injured": one event
            continue
        out[gov] = _framed(g, content, direct=doc[i].head.i == gov)
    return out


def _governing_trigger(tok: Token, found: dict[int, Found]) -> int | None:
    t = tok
    for _ in range(3):
        if t.dep_ not in _CONTENT_DEPS or t.head is t:
            return None
        t = t.head
        if t.i in found and found[t.i].token != tok.i:
            if tok.dep_ in ("nsubj", "nsubjpass") and found[t.i].type != found.get(tok.i, found[t.i]).type:
                return None  # a subject is a participant, not content ("the attack damaged")
            return t.i
    return None


def _framed(gov: Found, content: Found, direct: bool = True) -> Found:
    frame = gov.entry.frame
    if frame == "say" and content.type in _HOSTILE and direct:
        # "vowed to attack": a threat; "agreed on the number of buses to be deployed" is still an agreement
        return replace(gov, type="THREATEN", cameo="138" if content.type == "ASSAULT" else "13", mode=None, content=content.token)
    if frame == "refuse" and content.entry.negated == "REJECT":
        return replace(gov, content=content.token)
    if gov.type == "REJECT" and content.type == "REJECT":
        return gov
    return replace(gov, content=content.token)


def _depth(tok: Token) -> int:
    d, t = 0, tok
    while t.head is not t and d < 50:
        t, d = t.head, d + 1
    return d


# ------------------------------------------------------------------ negation, modality

def _qualify(doc: Doc, f: Found, cues: EventCues) -> Found:
    if "M" in f.entry.pos:
        return f  # "said they should do all they can": the modal is the demand, not a hedge on it
    tok = doc[f.token]
    carriers = [tok]
    if tok.pos_ != "VERB":
        carriers.append(clause_verb(tok))
    # "wanted to offer", "are expected to meet", "did not want to attack"
    top = carriers[-1]
    while top.dep_ == "xcomp" and (top.head.lemma_.lower() in cues.modality or top.head.lemma_.lower() in _NEGATORS):
        top = top.head
        carriers.append(top)
    # a noun's event is negated by its clause only as that clause's object
    # ("did not hold talks"); "the offer did not cover inflation" and "not
    # going back for a promise" still tell of an offer and a promise
    negated = any(_negated(t) for t in carriers if t is tok or tok.pos_ == "VERB" or tok.dep_ in ("dobj", "attr", "oprd", "xcomp"))
    modality = None
    for t in carriers:
        lemma = t.lemma_.lower()
        if t is not tok and lemma in cues.modality:
            modality = cues.modality[lemma]
        for c in t.children:
            if c.dep_ == "aux" and c.lemma_.lower() in cues.modality and modality is None:
                modality = cues.modality[c.lemma_.lower()]
    if modality == "possible" and any(c.dep_ == "aux" and c.lower_ == "would" for c in top.children) and _reported(top, cues):
        modality = "future"  # "said they would boycott": the future of the past
    if not negated and f.type not in ("THREATEN", "REQUEST") and _unless(top):
        return replace(f, type="THREATEN", cameo="13", mode=None, modality=modality)  # "will withdraw unless ..."
    if negated and f.entry.negated:
        # "will never discuss", "does not accept": a refusal, not a non-event
        return replace(f, type=f.entry.negated, cameo="12" if f.entry.negated == "REJECT" else "11", mode=None, modality=modality)
    if f.type == "-":
        return replace(f, type="", negated=False)  # only an event when negated
    if not negated and modality in _INTENT:
        # an act announced for the future is a commitment or a threat (CAMEO 03, 13)
        if f.type in _COOPERATIVE:
            return replace(f, type="AGREE", cameo="03", mode=None, modality=modality)
        if f.type in _HOSTILE:
            return replace(f, type="THREATEN", cameo="138" if f.type == "ASSAULT" else "13", mode=None, modality=modality)
    return replace(f, negated=negated, modality=modality)


def _unless(verb: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in verb.children)


def _negated(tok: Token) -> bool:
    if tok.lemma_.lower() in _NEGATORS:
        return True  # "failed to reach agreement"
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in _NEG_DETS) for c in tok.children)
