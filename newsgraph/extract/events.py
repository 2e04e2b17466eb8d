"""Events: what happened to whom, coded in PLOVER (type, mode) and CAMEO.

    sentences -> triggers (lexicon, frames, negation, modality)
    -> actor and target (entities, or group phrases with country and sector)
    -> candidates (stage one, for recall): what a rule would drop stays, with
       the rule's reason in ``veto``
    -> the learned decision (stage two, ``event_model``): the probability that
       a candidate is a real event of its type; a candidate the rules pass is
       dropped below ``threshold``, one a rule vetoes on a guess about the
       parse is rescued from ``rescue``; the probability is the confidence
    -> one record per real-world event (a definite "the attack" or a second
       telling of the same act by the same actor folds into the first; the
       event is as sure as its surest telling)
    -> links: the quote that reports it, its date, its place, its casualty figures

Every event points to its evidence (``span``, the clause) and its trigger, so
an analyst can see which words produced the code. Works in doc coordinates;
the pipeline maps spans back to the original text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from ..lexicons.events import EventCues, event_cues
from ..records import Actor, DateRef, Entity, Event, Figure, Location, Quote
from .event_roles import EntityIndex, actor_of, nominal_actor, phrase_actor, speaker_of, target_of
from .doc_cache import sentences
from .event_senses import labour_sense, judgement, agentive, alternative, apolitical, empty_frame, mute_refusal, object_fits, report_domain
from .event_triggers import Found, clause_verb, find_triggers, headline_tokens
from .event_model import candidate_features
from ..lexicons.events import event_model, event_triggers

__all__ = ["extract_events", "event_candidates"]

#: entity types a spokesperson speaks for
_STATES = frozenset({"GPE", "ORG", "NORP", "FAC"})
#: the vetoes the learned decision may overrule: guesses about the parse
#: ("at a meeting": a circumstance; "they" the rules cannot resolve).
#: The others state a sense ("declined to comment", "hosted the show", the
#: coach's warning, a participle that describes) and stand.
RESCUABLE = frozenset({"circumstance", "pronoun", "no-participant", "type"})
#: how many sentences apart two tellings of one event may be
MERGE_WINDOW = 2
#: how many sentences an attacker's campaign carries to an unattributed attack
ATTACK_WINDOW = 3


@dataclass
class _Candidate:
    found: Found
    sent: int
    span: tuple[int, int]
    trigger_span: tuple[int, int]
    actor: Actor | None
    target: Actor | None
    mode: str | None
    type: str
    cameo: str

    actor_head: Token | None = None
    person: bool = False
    veto: str | None = None  # the rule that would drop it; the learned decision weighs it
    confidence: float | None = None
    target_head: Token | None = None
    retyped_from: str | None = None  # a variant: the type the rules gave its trigger

    @property
    def fullness(self) -> tuple[int, int]:
        """The fuller telling: more participants, a named person, more words."""
        roles = (self.actor is not None) + (self.target is not None) + bool(self.actor and self.actor.entity) + self.person
        return roles, self.span[1] - self.span[0]


def extract_events(
    doc: Doc,
    entities: Sequence[Entity],
    quotes: Sequence[Quote] = (),
    dates: Sequence[DateRef] = (),
    figures: Sequence[Figure] = (),
    locations: Sequence[Location] = (),
) -> list[Event]:
    """The events of ``doc``: every candidate weighed by the learned decision
    (``event_model.tsv``; where there is none, the rules' vetoes decide),
    the kept ones folded into one record per real-world event."""
    model = event_model()
    index = EntityIndex.build(doc, entities)
    kept: list[_Candidate] = []
    chosen: dict[tuple[int, int], _Candidate] = {}  # trigger -> its surest reading
    for cand in event_candidates(doc, index):
        if model is None:
            if cand.veto is not None or cand.retyped_from is not None:
                continue
        else:
            cand.confidence = model.probability(candidate_features(doc, cand, index))
            if cand.veto is not None and (cand.veto not in RESCUABLE or cand.actor is None
                                          or not model.keeps(cand.confidence, True)):
                continue  # overruling a rule takes a sure model, a rule that guesses, and someone who acts
        old = chosen.get(cand.trigger_span)
        if old is None or (cand.confidence or 0.0) > (old.confidence or 0.0):
            chosen[cand.trigger_span] = cand
    for cand in sorted(chosen.values(), key=lambda c: (c.sent, c.trigger_span)):
        _fold(kept, cand)
    if model is not None:  # an event told twice is as sure as its surest telling
        kept = [c for c in kept if model.keeps(c.confidence, False)]
    _attribute_attacks(kept)
    cues = event_cues()
    _attribute_authority(doc, kept, index, cues)
    for c in kept:  # a target named by its place stands ("struck ... in Kyiv" -> Kyiv); a thing does not
        if _placed(c, _where(c, locations), locations) is c.target:
            c.target = _participant(c.target, c.target_head, index, cues)
    return [_record(i, c, quotes, dates, figures, locations) for i, c in enumerate(kept, 1)]


def event_candidates(doc: Doc, index: EntityIndex) -> list[_Candidate]:
    """Stage one, tuned for recall: every trigger with its roles, in text
    order; a rule that would drop one leaves its reason in ``veto``."""
    cues = event_cues()
    skip = headline_tokens(doc)
    domain = report_domain(doc, cues)
    out: list[_Candidate] = []
    for n, sent in enumerate(sentences(doc)):
        for found in find_triggers(doc, sent, skip, recall=True):
            cand = _candidate(doc, sent, n, found, index, cues)
            if cand is None:
                continue
            if cand.veto is None:
                cand.veto = _unpolitical(doc, cand, found, index, cues, domain)
            out.append(cand)
            out.extend(_variants(cand, doc[found.token], index, cues))
    return out


def _variants(cand: _Candidate, tok: Token, index: EntityIndex, cues: EventCues) -> list[_Candidate]:
    """The other types the lexicon gives the trigger's word ("strike":
    ASSAULT or PROTEST; "warn": THREATEN or REQUEST... as the lexicon
    lists them): the decision weighs each; a variant overrules the rules'
    type, so it counts as vetoed ("type") unless a rule vetoed it already."""
    entry = cand.found.entry
    if cand.found.anaphoric or cand.type != entry.type or entry.objects or entry.frame == "judge" or _ruled_sense(entry):
        return []  # a framed or negated trigger's type is the frame's; an object or a judgement chose this sense
    out, seen = [], {cand.type}
    for other in event_triggers().get(entry.word, ()):
        if other.type in seen or other.type == "-" or "M" in other.pos or not (set(other.pos) & set(entry.pos)):
            continue
        if other.particle or other.dependent or other.head or other.frame == "judge":
            continue  # "call for" is another phrase, not another sense of "called"; a judgement needs its words
        if other.objects and not object_fits(other, tok, index, cues):
            continue  # "attacked the plan" is no ASSAULT
        seen.add(other.type)
        found = replace(cand.found, entry=other, type=other.type, cameo=other.cameo, mode=other.mode)
        out.append(replace(cand, found=found, type=other.type, cameo=other.cameo, mode=other.mode,
                           veto=cand.veto or "type", retyped_from=cand.type))
    return out


def _ruled_sense(entry) -> bool:
    """A warning's sense is the rules' ("warned them to stay indoors": a
    request; "warned that it would strike": a threat), not a variant's."""
    return entry.frame == "caution" or (entry.frame == "ask" and any(e.frame == "caution" for e in event_triggers().get(entry.word, ())))


def _attribute_attacks(kept: list[_Candidate]) -> None:
    """"A Russian salvo killed ... An overnight attack also damaged ...": an
    attack told with no attacker, shortly after one with an attacker, on the
    same side, is the same campaign's; the attacker carries over."""
    for i, cand in enumerate(kept):
        if cand.type != "ASSAULT" or cand.actor is not None or cand.found.negated:
            continue
        for old in reversed(kept[:i]):
            if cand.sent - old.sent > ATTACK_WINDOW:
                break
            if old.type != "ASSAULT" or old.actor is None or old.found.negated:
                continue
            side = cand.target.country if cand.target is not None else None
            if side is None or old.actor.country != side:  # nobody attacks their own side
                kept[i] = replace(cand, actor=old.actor)
            break


#: the acts of police and courts, and the sectors that do them
_AUTHORITY_ACTS = frozenset({"COERCE", "ACCUSE"})
_AUTHORITIES = frozenset({"police", "judiciary"})


def _attribute_authority(doc: Doc, kept: list[_Candidate], index: EntityIndex, cues: EventCues) -> None:
    """"Kentucky State Police said ... Goble was arrested Thursday": an arrest,
    a charge or a sentence told in the passive with no one doing it is the
    act of the police or court the article names last before it (within
    ``ATTACK_WINDOW`` sentences: the one that made the last such act, or a
    police or court phrase)."""
    sents = sentences(doc)
    for i, cand in enumerate(kept):
        if cand.type not in _AUTHORITY_ACTS or cand.actor is not None or cand.found.negated:
            continue
        actor = next((old.actor for old in reversed(kept[:i]) if old.type in _AUTHORITY_ACTS and old.actor is not None
                      and old.actor.sector in _AUTHORITIES and cand.sent - old.sent <= ATTACK_WINDOW), None)
        if actor is None:
            lo = sents[max(0, cand.sent - ATTACK_WINDOW)].start
            for t in reversed(doc[lo:doc[cand.found.token].i]):
                if cues.sectors.get(t.lemma_.lower(), cues.sectors.get(t.lower_)) in _AUTHORITIES and t.pos_ in ("NOUN", "PROPN"):
                    found = phrase_actor(_head_of_name(t), index, cues)
                    if found is not None and found.sector in _AUTHORITIES:
                        actor = found
                        break
        if actor is not None and (cand.target is None or actor.span != cand.target.span):
            kept[i] = replace(cand, actor=actor)


def _head_of_name(tok: Token) -> Token:
    """"Kentucky State Police": the name's last word heads it; "police officers": the head noun."""
    while tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
        tok = tok.head
    return tok


# ------------------------------------------------------------------ one trigger

def _candidate(doc: Doc, sent: Span, n: int, found: Found, index: EntityIndex, cues: EventCues) -> _Candidate | None:
    tok = doc[found.token]
    by_negation = found.type != found.entry.type and found.type == found.entry.negated  # "would not meet demands"
    if not by_negation and not found.entry.objects and found.type == found.entry.type:
        other = alternative(found.entry, tok, index, cues)  # "accepted the demands": a concession
        if other is not None:
            found = replace(found, entry=other, type=other.type, cameo=other.cameo, mode=other.mode)
    veto = found.veto
    if not by_negation and not object_fits(found.entry, tok, index, cues):
        other = alternative(found.entry, tok, index, cues)
        if other is None:
            veto = veto or "object"  # "hosted the Tonight Show", "provides a log-in"
        else:
            found = replace(found, entry=other, type=other.type, cameo=other.cameo, mode=other.mode)
    if empty_frame(found.entry, tok, found.content, index, cues):
        veto = veto or "empty-frame"  # "agreed that it could be popular"
    if mute_refusal(found.entry, tok, cues):
        veto = veto or "mute"  # "declined to comment"
    if found.entry.frame == "judge" and found.type == found.entry.type:
        judged = judgement(tok, cues)  # "called it a scam": ACCUSE; "called him a hero": SUPPORT
        if judged == "pos":
            found = replace(found, type="SUPPORT", cameo="051", mode=None)
        elif judged is None:
            veto = veto or "no-judgement"  # "called him Bob", "described the scene"
    verb = clause_verb(tok)
    if "M" in found.entry.pos:
        return _demand(doc, sent, n, found, tok, index, cues)
    a_tok = actor_of(tok, verb)
    if a_tok is not None and a_tok.i == tok.i:
        a_tok = nominal_actor(tok)  # "a strike on a bus used a bomb": the strike is not its striker
    elif a_tok is not None and a_tok.i in _event_nouns(doc, a_tok):
        # "an overnight attack damaged ...": the attack is not the attacker
        a_tok = nominal_actor(a_tok)
    if found.entry.frame == "caution" and found.type == found.entry.type and _tells_to(tok):
        ask = next((e for e in event_triggers().get(found.entry.word, ()) if e.type == "REQUEST"), None)
        if ask is not None:  # "warned people not to eat it": advice, asked of them
            found = replace(found, entry=ask, type=ask.type, cameo=ask.cameo, mode=ask.mode)
            veto = None if veto == "empty-frame" else veto
    protest = labour_sense(found.entry, tok, a_tok, cues)
    if protest is not None and not by_negation:  # "the nurses' strike over pay": a protest
        found = replace(found, entry=protest, type=protest.type, cameo=protest.cameo, mode=protest.mode)
        veto = None if veto in ("object", "no-participant") else veto
    t_tok = target_of(tok, verb, a_tok)
    if t_tok is not None and t_tok.i == tok.i:
        t_tok = None  # "attended the rally", "carried out a series of attacks": the event's own phrase is no target
    if t_tok is None and found.content is not None:
        content = doc[found.content]
        t_tok = target_of(content, clause_verb(content), a_tok)
    speaker = speaker_of(verb, cues)
    actor = phrase_actor(a_tok, index, cues, speaker)
    target = phrase_actor(t_tok, index, cues, speaker)
    actor = _voiced_by(actor, speaker, index, cues)
    if target is not None and actor is not None and target.span == actor.span:
        target = None
    type_, cameo, mode = found.type, found.cameo, found.mode
    if type_ == "PROTEST" and actor is not None and actor.sector == "military":
        type_, cameo, mode = "MOBILIZE", "154", "troops"  # troops marching in
    if type_ == "ASSAULT" and mode is None:
        mode = _weapon_mode(doc, sent, verb, a_tok, cues)
    if type_ == "ASSAULT" and (actor is None or not agentive(a_tok, index, cues)) and _accident(sent, cues):
        veto = veto or "accident"  # "was killed when his car crashed", "an explosion caused by a gas leak"
    lo, hi = _clause(verb, sent)
    return _Candidate(
        found=found, sent=n, span=(doc[lo].idx, _end(doc[hi - 1])),
        trigger_span=(tok.idx, _end(doc[found.end - 1])),
        actor=actor, target=target, mode=mode, type=type_, cameo=cameo, actor_head=a_tok,
        person=bool(actor and actor.entity and index.by_id[actor.entity].type == "PERSON"), veto=veto,
        target_head=t_tok if target is not None else None,
    )


def _demand(doc: Doc, sent: Span, n: int, found: Found, verb: Token, index: EntityIndex, cues: EventCues) -> _Candidate | None:
    """"X said Y must ...": X asks it of Y; only when Y can act."""
    speaker = speaker_of(verb, cues)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None or subject is None or not agentive(subject, index, cues) or subject.pos_ == "PRON":
        return None
    actor = phrase_actor(speaker, index, cues)
    target = phrase_actor(subject, index, cues)
    if actor is None or target is None or actor.span == target.span:
        return None
    lo, hi = _clause(speaker.head, sent)
    return _Candidate(found=found, sent=n, span=(doc[lo].idx, _end(doc[hi - 1])),
                      trigger_span=(verb.idx, _end(verb)), actor=actor, target=target, mode=None,
                      type=found.type, cameo=found.cameo, actor_head=speaker,
                      person=bool(actor.entity and index.by_id[actor.entity].type == "PERSON"))


def _unpolitical(doc: Doc, cand: _Candidate, found: Found, index: EntityIndex, cues: EventCues,
                 domain: str | None = None) -> str | None:
    """Why the rules would not call ``cand`` a political event, or None."""
    if _political(doc, cand, found, index, cues, domain):
        return None
    if cand.actor is not None and apolitical(cand.actor.sector, cues):
        return "apolitical-actor"
    if domain is not None:
        return "domain"
    if cand.actor is not None:
        return "pronoun" if cand.actor_head is not None and cand.actor_head.pos_ == "PRON" else "not-agent"
    if found.modality == "possible":
        return "possible"
    return "no-participant"


def _political(doc: Doc, cand: _Candidate, found: Found, index: EntityIndex, cues: EventCues,
               domain: str | None = None) -> bool:
    """An event needs someone who can act: the head of the actor phrase names
    a person, organisation or state, or is a group word ("troops",
    "officials"); "the number of users exploded" codes nothing. Violence
    needs no named actor; an act told of sport or entertainment is no
    political event (nor, in a sport or arts report, any act but a political
    actor's); an active verb with no one doing it ("consulting her")
    and a passive that only might happen ("could be hit") tell no event."""
    if found.anaphoric:
        return True
    roles = [a for a in (cand.actor, cand.target) if a is not None]
    if cand.actor is not None and apolitical(cand.actor.sector, cues):
        return False  # "the coach warned"; "police arrested an actor" stands
    if domain is not None and not any(a.sector in cues.political for a in roles):
        return False  # a sport or arts report: only police, troops, governments... act politically
    if cand.actor is not None:
        head = cand.actor_head
        if head is not None and head.pos_ == "PRON":
            # resolved to the speaker or a person named before, or "they"/"we"
            # (the coreference stage links a pronoun to its entity: then the actor's entity is set)
            return cand.actor.entity is not None or cand.actor.text.lower() != head.lower_ or head.lower_ in ("they", "we")
        return agentive(head, index, cues, weapons=cand.type == "ASSAULT")
    tok = doc[found.token]
    if found.modality == "possible" or _subjectless(tok):
        return False
    if cand.type in ("ASSAULT", "COERCE"):
        return cand.target is not None
    return cand.target is not None and _agentive(doc, cand.target)


def _participant(target: Actor | None, head: Token | None, index: EntityIndex, cues: EventCues) -> Actor | None:
    """The target is someone acted on: "fired 48 shots", "forced the
    elevator doors" name a thing, no target. A phrase with a name, a country
    or a group word in it stands, and so does a site ("the convoy", "a base")."""
    if target is None or head is None or target.entity or target.country or target.sector:
        return target
    if agentive(head, index, cues, weapons=False):
        return target
    lemma = head.lemma_.lower()
    if lemma in cues.objects.get("site", ()) and lemma not in cues.objects.get("weapon", ()):
        return target  # "attacked the convoy", "raided the building": where the people acted on are
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in head.subtree):
        return target
    return None


def _accident(sent: Span, cues: EventCues) -> bool:
    return any(t.lemma_.lower() in cues.accidents or t.lower_ in cues.accidents for t in sent)


def _tells_to(tok: Token) -> bool:
    """"warned residents to stay indoors": someone told to do something."""
    return any(c.dep_ == "dobj" for c in tok.children) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children)


def _subjectless(tok: Token) -> bool:
    """A gerund or a fragment with no one doing it: "even consulting her"."""
    if tok.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "agent") for c in tok.children):
        return False
    if tok.dep_ == "pcomp":  # "by consulting her"; not "commitment to supporting X"
        return tok.tag_ in ("VBG", "VBN") and tok.head.head.pos_ == "VERB"
    return tok.dep_ == "ROOT" or (tok.tag_ in ("VBG", "VBN") and tok.dep_ == "advcl")


def _agentive(doc: Doc, actor: Actor) -> bool:
    if actor.entity or actor.country or actor.sector:
        return True
    span = doc.char_span(*actor.span, alignment_mode="expand") if actor.span else None
    return span is not None and any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in span)


def _event_nouns(doc: Doc, tok: Token) -> set[int]:
    return {tok.i} if tok.pos_ in ("NOUN", "PROPN") and any("N" in e.pos for e in event_triggers().get(tok.lemma_.lower(), ())) else set()


def _voiced_by(actor: Actor | None, speaker: Token | None, index: EntityIndex, cues: EventCues) -> Actor | None:
    """"Kremlin spokesman Peskov said that Moscow rejected ...": the state
    acts through the official who voiced it; the actor is that person, for
    that state."""
    if actor is None or speaker is None:
        return actor
    if actor.entity is None or index.by_id[actor.entity].type not in _STATES:
        return actor
    voice = phrase_actor(speaker, index, cues)
    if voice is None or voice.entity is None or index.by_id[voice.entity].type != "PERSON":
        return actor
    if actor.country is not None and voice.country != actor.country:
        return actor
    return replace(actor, entity=voice.entity, name=voice.name, country=actor.country or voice.country,
                   sector=actor.sector or voice.sector)


def _weapon_mode(doc: Doc, sent: Span, verb: Token, actor: Token | None, cues: EventCues) -> str | None:
    words = list(verb.subtree) + (list(actor.subtree) if actor is not None else [])
    for t in words:
        mode = cues.modes.get(t.lemma_.lower()) or cues.modes.get(t.lower_)
        if mode:
            return mode
    return None


def _clause(verb: Token, sent: Span) -> tuple[int, int]:
    """The evidence: the clause of the verb, inside its sentence."""
    sub = [t.i for t in verb.subtree if sent.start <= t.i < sent.end]
    lo, hi = min(sub), max(sub) + 1
    doc = verb.doc
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


# ------------------------------------------------------------------ one event per event

def _fold(kept: list[_Candidate], cand: _Candidate) -> None:
    """Add ``cand`` unless it tells an event already kept: a definite event
    noun with no actor ("the conversation") refers to the last event of its
    type; a nearby telling by the same actor (or of the same target) is the
    same event, and the fuller telling stands for both."""
    for i in range(len(kept) - 1, -1, -1):
        old = kept[i]
        if old.type != cand.type or old.found.negated != cand.found.negated:
            continue
        if cand.found.anaphoric:
            return
        if cand.sent - old.sent > MERGE_WINDOW:
            continue
        if _same_event(old, cand):
            best = max(old.confidence or 0.0, cand.confidence or 0.0) if old.confidence is not None else None
            if cand.fullness > old.fullness:
                kept[i] = cand
            kept[i].confidence = best
            return
    if cand.actor is None and (cand.found.anaphoric or cand.target is None):
        return  # "the withdrawal did not mean ...": nothing told before it refers to
    kept.append(cand)


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    actor = _same(a.actor, b.actor)
    target = _same(a.target, b.target)
    if actor is False or target is False:
        return False
    if actor is True or (target is True and (a.actor is None or b.actor is None)):
        return True
    # the same verb again, nobody contradicting: "it shot six ... the military shot 71"
    return a.found.entry.key == b.found.entry.key and b.sent - a.sent <= 1


def _same(a: Actor | None, b: Actor | None) -> bool | None:
    """True: the same participant; False: different ones; None: can't tell."""
    if a is None or b is None:
        return None
    if a.entity and b.entity and a.entity == b.entity:
        return True
    if a.country and b.country:
        return a.country == b.country
    return None


# ------------------------------------------------------------------ links

def _placed(c: _Candidate, where: str | None, locations) -> Actor | None:
    """People or things struck in a place are named by the place: "killed a
    civilian in the Ukrainian capital" -> Kyiv; "damaged the infrastructure
    ... in the Chernihiv region" -> Chernihiv. A place inside the target
    phrase names it; for an attack on an unnamed target, the event's place."""
    t = c.target
    if t is None or t.entity is not None:
        return t
    if t.span is not None:
        for loc in locations:
            if any(t.span[0] <= m[0] and m[1] <= t.span[1] for m in loc.literal_mentions):
                return replace(t, name=loc.name, country=loc.country or t.country)
    if c.type in ("ASSAULT", "COERCE") and t.country is None and where is not None:
        loc = next(l for l in locations if l.id == where)
        return replace(t, name=loc.name, country=loc.country)
    return t


def _where(c: _Candidate, locations) -> str | None:
    """The place of the event: a place its clause names as a place (not
    "Russian troops", not "Moscow said"), the one inside the target phrase first."""
    lo, hi = c.span
    where = None
    inside = c.target.span if c.target is not None and c.target.span else None
    for loc in locations:
        hits = [m for m in loc.literal_mentions if lo <= m[0] and m[1] <= hi]
        if hits and (where is None or (inside and any(inside[0] <= m[0] < inside[1] for m in hits))):
            where = loc.id
    return where


def _record(i: int, c: _Candidate, quotes, dates, figures, locations) -> Event:
    lo, hi = c.span
    trig = c.trigger_span[0]
    reported = next((q.id for q in quotes if q.span[0] <= trig < q.span[1]), None)
    date = next((d.value for d in dates if d.value and lo <= d.span[0] < hi), None)
    figs = tuple(f.id for f in figures if f.category and lo <= f.span[0] and f.span[1] <= hi)
    where = _where(c, locations)
    target = _placed(c, where, locations)
    f = c.found
    confidence = c.confidence
    if confidence is None:  # no learned decision: how many roles the rules found
        confidence = 0.5 + 0.25 * (c.actor is not None) + 0.15 * (c.target is not None) - 0.1 * (f.modality is not None)
    confidence = round(confidence, 3)
    return Event(
        id=f"v{i}", type=c.type, cameo=c.cameo, span=c.span, trigger_span=c.trigger_span, mode=c.mode,
        actor=c.actor, target=target, location=where, date=date, negated=f.negated, modality=f.modality,
        reported_by=reported, figures=figs, confidence=confidence,
    )
