"""Is this the political sense? Checks that keep a trigger word from coding
an event when its participants say it is about something else.

    "Carson hosted the Tonight Show"        host wants someone to host: no CONSULT
    "the number of users exploded"          nobody who can act: no ASSAULT
    "coach X warned his goalkeeper"         a sports actor: no THREATEN
    "the clearance was charged down"        another phrasal verb: no ACCUSE
    "declined to comment"                   refusing to speak is no REJECT

The classes are data: sectors and the object classes a trigger wants come
from ``event_cues.tsv`` and the ``object`` column of ``event_triggers.tsv``.
Pure functions over tokens of a spaCy ``Doc``.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import countries, institutions, key
from ..lexicons.events import EventCues, Trigger, event_triggers
from .event_roles import EntityIndex

__all__ = ["labour_sense", "judgement", "agentive", "apolitical", "report_domain", "object_fits", "wrong_particle", "empty_frame", "alternative", "mute_refusal", "in_name"]

#: entity types that can act
AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "who", "it",
                       "him", "her", "them", "us", "me", "whom"})  # "attacked him": the object is someone too
#: particles that do not change a verb's sense ("fight on", "attack again")
_NEUTRAL_PARTICLES = frozenset({"on", "again", "in", "over"})
_PERSON_ENDINGS = ("ist", "ists", "ian", "ians", "er", "ers", "or", "ors", "ant", "ants", "man", "men", "ee", "ees")
_NOT_PERSONS = frozenset("""number numbers computer computers paper papers order orders water letter letters matter matters
border borders centre center quarter counter weather chapter winter summer offer offers answer manner layer filter server
servers browser browsers sector sectors factor factors floor door motor error errors color colour plant plants restaurant
tender power powers cancer disaster river banner poster posters register meter meters litre liter barrel barrels
dollar dollars sugar silver copper rubber fever hunger anger danger corner shelter tower monster thunder finger lever
leather feather flower flowers character characters charter roster semester trimester november december october
september mirror terror horror labor labour honor honour favour favor humor rumour rumor vapor tumor tractor reactor
elevator indicator calculator radiator indicators ratio variant plant constant instant
restaurants relevant abundant pleasant important significant distant elegant grant grants warrant warrants
human germen omen amen
coffee toffee fee fees tree trees degree degrees knee knees guarantee guarantees jubilee bee bees decree decrees
spree glee lee""".split())
_QUALIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
_PARTITIVE = frozenset({"part", "ton", "tonne", "worth", "some", "most", "all", "much", "many", "dozen",
                        "hundred", "thousand", "million", "billion", "lot", "batch", "shipment", "consignment"})
_FUTURE = frozenset({"will", "would", "shall", "could", "may", "might", "must"})


def agentive(tok: Token | None, index: EntityIndex, cues: EventCues, weapons: bool = False, qualified: bool = True) -> bool:
    """Can the phrase headed by ``tok`` act? A person, organisation, state or
    people; a group word ("troops", "officials"); with ``qualified`` a noun a
    name qualifies ("Palestinian prisoners"); with ``weapons`` also what a
    violent act is done with ("a bomb exploded")."""
    if tok is None:
        return False
    tok = _through_quantity(tok)
    if tok is None:
        return False
    eid = index.at[tok.i]
    if eid is not None:
        return index.by_id[eid].type in AGENT_TYPES
    if tok.ent_type_:
        return tok.ent_type_ in AGENT_TYPES
    if tok.pos_ == "PROPN":
        return True  # a name the tagger does not know ("Borduria agreed")
    lemma = tok.lemma_.lower()
    if (tok.pos_ == "PRON" and tok.lower_ in _PERSONAL) or lemma in cues.sectors or tok.lower_ in cues.sectors or lemma in cues.persons:
        return True
    if qualified and any(c.dep_ in _QUALIFIERS and _named_agent(c, index) for c in tok.children):
        return True  # "Palestinian prisoners", "the APEC forum", "Hamas fighters"
    if tok.pos_ == "NOUN" and (_personal_noun(tok.lower_) or tok.text.rstrip("s").isupper()):
        return True  # "teachers", "donors", "militants", "MLAs"
    if weapons and (lemma in cues.modes or tok.lower_ in cues.modes):
        return True
    return bool(countries().lookup(tok.text) or institutions().get(key(tok.text)))


#: what a judgement verb's words are read in: what it calls its object, not its subject or a clause of its own
_JUDGED = frozenset({"dobj", "oprd", "prep", "attr", "acomp", "xcomp", "ccomp", "dative", "npadvmod", "appos", "advmod"})


def judgement(verb: Token, cues: EventCues) -> str | None:
    """"called the recount a scam" (neg), "called their son a hero" (pos),
    "called him Bob" (None): what the words it calls its object say of it."""
    words = [t for c in verb.children if c.dep_ in _JUDGED for t in c.subtree]
    if verb.dep_ == "acl":  # "Trump called Clinton ..." parsed as a noun's modifier
        words += [t for t in verb.subtree if t.i > verb.i]
    found = {cues.evaluations.get(t.lemma_.lower()) or cues.evaluations.get(t.lower_) for t in words}
    if "neg" in found:
        return "neg"
    return "pos" if "pos" in found else None


def labour_sense(entry: Trigger, tok: Token, actor: Token | None, cues: EventCues) -> Trigger | None:
    """"medical workers' strike began", "union members voted to strike over
    pay": an attack word that is also a protest, in a labour dispute, is the
    protest (its PROTEST entry), with a labour word in its clause or its actor."""
    if entry.type != "ASSAULT":
        return None
    other = next((e for e in event_triggers().get(entry.word, ()) if e.type == "PROTEST" and not (e.particle or e.dependent or e.head)
                  and set(e.pos) & set(entry.pos)), None)
    if other is None:
        return None
    verb = tok if tok.pos_ == "VERB" else tok.head
    words = list(tok.subtree) + list(verb.subtree) + (list(actor.subtree) if actor is not None else [])
    if any(t.lemma_.lower() in cues.labour or t.lower_ in cues.labour for t in words):
        return other
    return None


def _personal_noun(word: str) -> bool:
    """Nouns for people by their ending ("-ist", "-ian", "-er", "-or"...),
    less the common words that only look like them."""
    if word in _NOT_PERSONS:
        return False
    return word.endswith(_PERSON_ENDINGS)


def _named_agent(tok: Token, index: EntityIndex) -> bool:
    eid = index.at[tok.i]
    if eid is not None:
        return index.by_id[eid].type in AGENT_TYPES
    return tok.ent_type_ in AGENT_TYPES or bool(countries().lookup(tok.text))


def _through_quantity(tok: Token) -> Token | None:
    """"thousands of students", "tons of food", "part of the programme": the
    thing counted."""
    for _ in range(2):
        if not (tok.like_num or tok.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY") or tok.lemma_.lower() in _PARTITIVE):
            return tok
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        tok = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if tok is None:
            return None
    return tok


def report_domain(doc, cues: EventCues, min_hits: int = 5, min_share: float = 0.01) -> str | None:
    """"sport" or "entertainment" when the article is dense with that
    domain's words ("match", "season", "album"): there "Scotland defended"
    and "the film was shot" are no political events."""
    hits: dict[str, int] = {}
    words = 0
    for t in doc:
        if not t.is_alpha:
            continue
        words += 1
        d = cues.domains.get(t.lemma_.lower())
        if d is not None:
            hits[d] = hits.get(d, 0) + 1
    if not hits:
        return None
    domain, n = max(hits.items(), key=lambda kv: kv[1])
    return domain if n >= min_hits and n >= min_share * words else None


def apolitical(sector: str | None, cues: EventCues) -> bool:
    """Sport, entertainment: "the coach warned", "the band backed" are not
    political events."""
    return sector is not None and sector in cues.apolitical


def object_fits(entry: Trigger, tok: Token, index: EntityIndex, cues: EventCues) -> bool:
    """The object of a trigger (a verb's direct object or passive subject, a
    noun's "of" phrase) is of a class its entry wants: ``agent`` (someone who
    can act), ``event`` (an act or proposal: "accepted the plan"), ``place``,
    or a class listed in the cues (``aid``, ``site``, ...). Entries with no
    class and triggers without an object pass."""
    if not entry.objects:
        return True
    if tok.pos_ == "VERB":
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    else:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None:
        return True
    obj = _through_quantity(obj) or obj
    return any(_fits(entry, o, index, cues) for o in (obj, *obj.conjuncts))


def _fits(entry: Trigger, obj: Token, index: EntityIndex, cues: EventCues) -> bool:
    for cls in entry.objects:
        if cls == "aid" and obj.ent_type_ == "MONEY":
            return True  # "provided $5 billion in assistance"
        if cls == "agent" and agentive(obj, index, cues, qualified=False):  # "Tory plans" are no Tories
            return True
        if cls == "place" and (obj.ent_type_ in ("GPE", "LOC", "FAC") or countries().lookup(obj.text)):
            return True
        if cls == "event" and (_event_noun(obj) or _in_class(obj, "event", cues)):
            return True
        if _in_class(obj, cls, cues):
            return True
    return False


def alternative(entry: Trigger, tok: Token, index: EntityIndex, cues: EventCues) -> Trigger | None:
    """Another sense of the same word that its object selects: "attacked the
    town" is an ASSAULT, "attacked the plan" an ACCUSE."""
    for other in event_triggers().get(entry.word, ()):
        if other is entry or not other.objects or other.particle or other.dependent or other.head:
            continue
        if ("V" in other.pos) == (tok.pos_ == "VERB") and object_fits(other, tok, index, cues):
            return other
    return None


def _in_class(tok: Token, cls: str, cues: EventCues) -> bool:
    words = cues.objects.get(cls, ())
    return tok.lemma_.lower() in words or tok.lower_ in words


def _event_noun(tok: Token) -> bool:
    return any("N" in e.pos for e in event_triggers().get(tok.lemma_.lower(), ()))


def wrong_particle(entry: Trigger, tok: Token) -> bool:
    """A phrasal verb the entry does not name is another verb: "charged
    down", "fights back", "backed off"."""
    if entry.particle is not None or tok.pos_ != "VERB":
        return False
    return any(c.dep_ == "prt" and c.lower_ not in _NEUTRAL_PARTICLES for c in tok.children)


def empty_frame(entry: Trigger, tok: Token, content: int | None, index: EntityIndex, cues: EventCues) -> bool:
    """A that-clause with no act in it, or a warning with no clause: "agreed that the film could be
    popular" is an opinion; "warned that jobs could be lost" informs. A
    warning threatens when its clause has someone who will act on someone
    ("warned that police will no longer tolerate rallies")."""
    if entry.frame not in ("say", "warn", "caution") or content is not None:
        return False
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        # "warned people about fraud": a warning with nothing it threatens to do
        return entry.frame == "caution" and not any(c.dep_ == "xcomp" for c in tok.children)
    if entry.frame == "say":
        return True
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    future = any(c.dep_ == "aux" and c.lemma_.lower() in _FUTURE for c in clause.children)
    acts = any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in clause.children)
    return not (future and acts and subject is not None and agentive(subject, index, cues))


def mute_refusal(entry: Trigger, tok: Token, cues: EventCues) -> bool:
    """"declined to comment", "refused to say": no refusal of anything."""
    if entry.frame != "refuse":
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in cues.speech for c in tok.children)


def in_name(tok: Token) -> bool:
    """A capitalised noun mid-sentence is part of a title or a name
    ("the Controlling the Assault of ... Act")."""
    return tok.pos_ != "VERB" and tok.is_title and not tok.is_sent_start and tok.i > 0 and not tok.nbor(-1).is_punct
