"""Coreference: pronouns, definite descriptions and titles linked to the
entity they refer to, across sentences and paragraphs.

    he / him / his, she / her     the most salient person of that gender
    it / its                      the most salient organisation or place
    they / them / their           the most salient organisation, people or
                                  place; a group noun without a name
                                  ("officials said ... they") keeps it
    the company, the province     the organisation or place named before
                                  (``descriptions.tsv``): one whose name holds
                                  the word first ("the court" -> "Court of
                                  Criminal Appeals")
    the senator, the lieutenant   the person holding that title (or the
                                  same words in their apposition: "Ana
                                  Lind, the former sergeant-at-arms, ...";
                                  "the chief" only its one holder)
    ... Technologies Anthony      a name ending a subject its title heads
    Levandowski said              is that subject ("Uber's vice-president
                                  of ... X said": X speaks)
    the statement, the report     the author of that document named before
                                  ("a statement from the directorate")
    Uber's vice-president ... X   the title phrase around a name: X

Salience, after Lappin and Leass (1994): each mention outside quotes gives
its entity a weight for its role (recency 100, subject 80, object 50, ...),
halved with every sentence back; a pronoun takes the most salient entity that
agrees with it. The subject of a speech verb prefers the sources of earlier
attributions (a run of quotes is one speaker's). Gender comes from honorifics
and gendered titles (``gendered_words.tsv``) and first names
(``first_names.tsv``); never from the pronouns linked (one wrong link would
turn every later "she" away from the person).

Pure: entities in, the same entities out with their pronouns and
descriptions added to ``mentions`` (doc coordinates, in text order).
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons import Description, descriptions, first_names, gendered_words, speech_verbs, titles
from ..records import Entity, Span
from .doc_cache import doc_text, sentences
from .quote_marks import find_passages

__all__ = ["resolve_coreference", "person_genders", "document_author", "is_document", "titled_subject"]

#: pronoun -> (what it takes: person | thing | plural, gender)
_PRONOUNS: dict[str, tuple[str, str | None]] = {
    "he": ("person", "m"), "him": ("person", "m"), "his": ("person", "m"), "himself": ("person", "m"),
    "she": ("person", "f"), "her": ("person", "f"), "hers": ("person", "f"), "herself": ("person", "f"),
    "it": ("thing", None), "its": ("thing", None), "itself": ("thing", None),
    "they": ("plural", None), "them": ("plural", None), "their": ("plural", None), "themselves": ("plural", None),
}
_TAKES = {"person": frozenset({"PERSON"}), "thing": frozenset({"ORG", "GPE"}), "plural": frozenset({"ORG", "NORP", "GROUP"})}
#: "it" as the subject of these is mostly expletive ("it is illegal to ...")
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "take", "happen", "remain", "matter", "rain", "snow", "cost", "become", "make", "mean", "look", "sound", "feel"})
_DEFINITE = frozenset({"the", "this"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "conj", "dative", "attr"})
_CLIMB_DEPS = frozenset({"compound", "appos", "flat"})
_NAME_OBJECT_PREPS = frozenset({"from", "by", "of"})
#: how many sentences back an antecedent may be (its weight halves per sentence)
_WINDOW = 6
#: a title description may name someone introduced further back
_TITLE_WINDOW = 30
_SPEAKER_BONUS = 100
_SOURCE_PENALTY = 80


@dataclass(frozen=True)
class _Occurrence:
    token: int  # the head of the noun phrase
    sent: int
    key: str  # entity id, or "group:LEMMA" for a group noun without a name
    weight: int
    speaker: bool  # the source of an attribution


def resolve_coreference(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` with every pronoun and description that refers to one of
    them added to its mentions."""
    if not entities:
        return entities
    found = _Resolver(doc, entities).run()
    out = []
    for entity in entities:
        extra = found.get(entity.id)
        if extra:
            mentions = tuple(sorted(set(entity.mentions) | set(extra)))
            entity = dataclasses.replace(entity, mentions=mentions)
        out.append(entity)
    return out


class _Resolver:
    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        text = doc_text(doc)
        self.quoted = [(p.open_at, (p.close_at + 1) if p.closed else p.end) for p in find_passages(text)]
        self.quoted_starts = [s for s, _ in self.quoted]
        self.by_id = {e.id: e for e in entities}
        self.sent_starts = [s.start for s in sentences(doc)]
        #: token -> entity id; the start token of each name mention -> its end
        self.at: dict[int, str] = {}
        self.starts: dict[int, tuple[int, str]] = {}
        self.occurrences: list[_Occurrence] = []
        self.found: dict[str, list[Span]] = {}
        #: a surname alone that two people share -> their ids
        self.shared: dict[int, frozenset[str]] = {}
        for entity in entities:
            for s, e in entity.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for i in range(span.start, span.end):
                    if i not in self.at or entity.type == "PERSON":
                        self.at[i] = entity.id
                self.starts.setdefault(span.start, (span.end, entity.id))
        #: person id -> the words right before its mentions ("Lt." Tom Berg)
        self.before: dict[str, set[str]] = {}
        for i, (end, eid) in self.starts.items():
            if self.by_id[eid].type == "PERSON":
                words = {t.lower_.strip(".") for t in doc[max(0, i - 3) : i]}
                self.before.setdefault(eid, set()).update(words)
        self._repeated_names(entities)
        self.gender = person_genders(doc, entities)
        self.speech = frozenset(v.lemma for v in speech_verbs().values() if v.cues_direct)

    def _repeated_names(self, entities: list[Entity]) -> None:
        """"Starbucks already owns ...", "Baylous said": a name the NER missed
        where it names an entity again: an organisation's or place's name
        anywhere, a person's surname alone after the full name, each only
        where no other entity has that name."""
        owners: dict[tuple[str, ...], set[str]] = {}
        surnames: set[tuple[str, ...]] = set()
        for entity in entities:
            words = tuple(entity.name.split())
            if not words:
                continue
            if entity.type == "PERSON":
                if len(words) > 1:
                    owners.setdefault(words[-1:], set()).add(entity.id)
                    surnames.add(words[-1:])
            elif entity.type in ("ORG", "GPE", "NORP"):
                owners.setdefault(words, set()).add(entity.id)
        if not owners:
            return
        first: dict[str, int] = {}
        for i in sorted(self.starts):
            first.setdefault(self.starts[i][1], i)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(owners, key=lambda w: (-len(w), w)):  # longest first
            by_first.setdefault(words[0], []).append(words)
        doc = self.doc
        texts = [t.text for t in doc]
        i = 0
        while i < len(doc):
            for words in by_first.get(texts[i], ()):
                n = len(words)
                if tuple(texts[i : i + n]) != words:
                    continue
                ids = owners.get(words)
                if not ids or any(j in self.at for j in range(i, i + n)) or not _nominal(doc[i + n - 1]):
                    continue
                if len(ids) > 1:  # two people of one surname: the walk decides by salience
                    if words in surnames and n == 1 and min(first.get(e, len(doc)) for e in ids) < i:
                        self.shared[i] = frozenset(ids)
                    break
                (eid,) = ids
                if words in surnames and first.get(eid, len(doc)) > i:
                    continue  # a surname names its person only after the full name
                for j in range(i, i + n):
                    self.at[j] = eid
                self.starts[i] = (i + n, eid)
                self.found.setdefault(eid, []).append((doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1])))
                i += n - 1
                break
            i += 1

    # ------------------------------------------------------------------ walk

    def run(self) -> dict[str, list[Span]]:
        doc = self.doc
        skip_to = 0
        for token in doc:
            i = token.i
            if i < skip_to or self._inside_quote(token.idx):
                continue
            if i in self.starts:
                end, eid = self.starts[i]
                skip_to = end
                self._name(doc[i:end], eid)
                continue
            if i in self.shared:
                self._surname(token, self.shared[i])
                continue
            lower = token.lower_
            if lower in _PRONOUNS and token.pos_ in ("PRON", "DET") and i not in self.at:
                self._pronoun(token, *_PRONOUNS[lower])
            elif token.pos_ == "NOUN" and i not in self.at:
                if token.tag_ == "NN" or (token.tag_ == "NNS" and is_document(token)):
                    self._description(token)
                if token.tag_ == "NNS" and token.dep_ in _SUBJECT_DEPS and i not in self.at:
                    self._add(token, "group:" + token.lemma_.lower())
        return self.found

    def _name(self, span, eid: str) -> None:
        head = span.root
        person = self.by_id[eid].type == "PERSON"
        if person and self._titled_name(span, eid):
            return
        if head.dep_ in ("amod", "nmod") and head.head.i not in self.at:
            return  # "North Korean troops": the troops, not a mention of North Korea
        while head.dep_ in _CLIMB_DEPS and head.head.i != head.i and head.head.i not in self.at:
            if head.dep_ == "compound" and not (person and _is_title(head.head.lower_)):
                return  # a modifier ("a CBC team"), not a mention of the team
            head = head.head  # "Uber's vice-president ... Anthony Levandowski", "His father, X"
        outside = not span.start <= head.i < span.end
        if outside and person and head.pos_ == "NOUN" and _is_title(head.lower_):
            self._link(head, eid, (head.idx, head.idx + len(head)))
        else:
            self._add(head, eid)

    def _titled_name(self, span, eid: str) -> bool:
        """"Uber's vice-president of Advanced Technologies Anthony Levandowski
        said": the name ends a subject headed by its title; the subject is
        the person's occurrence (a speaker, if the verb speaks)."""
        subject = titled_subject(span)
        if subject is None or subject.i in self.at:
            return False
        self._add(subject, eid)
        return True

    def _surname(self, token: Token, ids: frozenset[str]) -> None:
        """"Fodge said": of two Fodges, the one an honorific before it allows
        ("Mrs Fodge"), else the more salient."""
        before = token.nbor(-1).lower_.rstrip(".") if token.i else ""
        gender = gendered_words().get(before)

        def agrees(key: str) -> bool:
            return key in ids and (gender is None or self.gender.get(key, gender) == gender)

        key = self._most_salient(token, agrees, _TITLE_WINDOW)
        if key is not None:
            self._link(token, key, (token.idx, token.idx + len(token)))

    def _pronoun(self, token: Token, takes: str, gender: str | None) -> None:
        if token.lower_ == "it" and (token.dep_ in ("expl", "nsubjpass") or token.head.lemma_.lower() in _EXPLETIVE_HEADS):
            return
        if token.lower_ == "her" and token.dep_ not in ("poss", "dobj", "pobj", "dative", "nsubj"):
            return
        bound = self._bound_subject(token)
        # the subject's entity, however it was named there ("She sent the Pope a letter asking him")
        bound_keys = frozenset(o.key for o in self.occurrences[-40:] if o.token in bound)
        speaking = token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in self.speech

        def agrees(key: str) -> bool:
            if key in bound_keys:
                return False
            kind = "GROUP" if key.startswith("group:") else self.by_id[key].type
            if kind not in _TAKES[takes]:
                return False
            return gender is None or self.gender.get(key, gender) == gender

        key = None
        if speaking:  # "..., according to Baylous. He said ...": a run of quotes is one speaker's
            key = self._most_salient(token, lambda k: agrees(k), 1, True, bound, sources_only=True)
        key = key or self._most_salient(token, agrees, _WINDOW, speaking, bound)
        if key is None or key.startswith("group:"):
            if key is not None:
                self._add(token, key)
            return
        self._link(token, key, (token.idx, token.idx + len(token)))

    def _description(self, token: Token) -> None:
        word = _compound_title(token) or token.lower_
        entry = descriptions().get(word) or descriptions().get(token.lemma_.lower())
        title = _is_title(word) or _is_generic_title(word)
        if entry is None and not title:
            return
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
            return
        nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.i in self.at):
            return  # a title before a name ("the mayor Ryan Bingham"): the name's
        if any(c.dep_ == "appos" for c in token.children) or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return  # "the head of the centre, X": described where it stands
        refers = entry.refers if entry is not None else "PERSON"
        if refers in ("ORG", "GPE") and token.dep_ not in _SUBJECT_DEPS:
            return  # "a fire in the city": too often a place of its own
        if refers == "DOCUMENT":
            key = self._author(token)
        elif refers == "PERSON":
            key = self._titled(token, entry, word)
        else:
            key = self._named(token, refers)
        if key is not None:
            mods = [c for c in token.lefts if c.dep_ != "det"]
            start = min(c.left_edge.idx for c in mods) if mods else token.idx
            self._link(token, key, (start, token.idx + len(token)))

    # ------------------------------------------------------------ antecedents

    def _most_salient(self, token: Token, agrees, window: int, speaking: bool = False, bound: frozenset[int] = frozenset(),
                      sources_only: bool = False) -> str | None:
        sent = self._sent(token.i)
        scores: dict[str, float] = {}
        last: dict[str, int] = {}
        for occ in reversed(self.occurrences):
            distance = sent - occ.sent
            if distance > window:
                break
            if occ.token in bound or (sources_only and not occ.speaker) or not agrees(occ.key):
                continue
            weight = occ.weight
            if occ.speaker and speaking:
                weight += _SPEAKER_BONUS  # a run of quotes is one speaker's
            elif occ.speaker and distance > 0:
                weight -= _SOURCE_PENALTY  # "X is held, Officer Y said. He ...": X
            scores[occ.key] = scores.get(occ.key, 0.0) + weight * 0.5 ** min(distance, 8)
            last.setdefault(occ.key, occ.token)
        if not scores:
            return None
        return max(scores, key=lambda k: (scores[k], last[k]))

    def _titled(self, token: Token, entry: Description | None, word: str | None = None) -> str | None:
        word = word or token.lower_
        words = {word, *(entry.also if entry else ())}

        def agrees(key: str) -> bool:
            entity = self.by_id.get(key)
            if entity is None or entity.type != "PERSON":
                return False
            held = {w.strip(".,").lower() for t in entity.titles for w in t.replace("-", " ").split()} | self.before.get(key, set())
            return bool(words & held)

        key = self._most_salient(token, agrees, _TITLE_WINDOW) or self._described(token)
        if key is None and _is_title(word) and token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in self.speech:
            # '"...," Baylous said. "...," the lieutenant added': the source of the run

            def untitled(k: str) -> bool:
                entity = self.by_id.get(k)
                return entity is not None and entity.type == "PERSON" and not entity.titles

            key = self._most_salient(token, untitled, 1, True, sources_only=True)
        return key

    def _described(self, token: Token) -> str | None:
        """"The mayor of Port Wren, Ana Lind, ... the mayor said" / "Ana Lind,
        the mayor, ... the mayor said": the person the same description stood
        beside before."""
        for j in range(token.i - 1, -1, -1):
            other = self.doc[j]
            if other.lower_ == token.lower_:
                holder = self._apposed(other)  # "Kevin Vickers, the former sergeant-at-arms, ..."
                if holder is not None:
                    return holder
            if other.lower_ == token.lower_:
                for near in self.doc[other.i + 1 : min(other.i + 10, token.i)]:
                    if near.dep_ == "appos" and near.i in self.at and self.by_id[self.at[near.i]].type == "PERSON":
                        return self.at[near.i]
        return None

    def _apposed(self, word: Token) -> str | None:
        """The person whose apposition holds ``word`` ("Ana Lind, the former
        mayor of Port Wren,"), however the parser hung the word in it."""
        x = word
        for _ in range(3):
            if x.pos_ in ("VERB", "AUX") or x.head.i == x.i:
                return None
            if x.dep_ == "appos" and x.head.i in self.at and self.by_id[self.at[x.head.i]].type == "PERSON":
                return self.at[x.head.i]
            x = x.head
        return None

    def _named(self, token: Token, refers: str) -> str | None:
        word = token.lower_
        classes = frozenset(w for w, d in descriptions().items() if d.refers == refers)

        def named(key: str) -> bool:
            entity = self.by_id.get(key)
            return entity is not None and entity.type == refers and word in _words(entity.name)

        def plain(key: str) -> bool:
            entity = self.by_id.get(key)
            return entity is not None and entity.type == refers and not (classes & _words(entity.name))

        return self._most_salient(token, named, _TITLE_WINDOW) or self._most_salient(token, plain, _WINDOW)

    def _author(self, token: Token) -> str | None:
        author = document_author(token)
        return self.at.get(author.i) if author is not None else None

    def _bound_subject(self, token: Token) -> frozenset[int]:
        """An object pronoun is not its own verb's subject ("Lind told him"):
        the subject's tokens."""
        if token.dep_ not in ("dobj", "dative", "pobj") or token.lower_.endswith("self"):
            return frozenset()
        verb = token.head.head if token.dep_ == "pobj" else token.head
        return frozenset(t.i for c in verb.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree)

    # ---------------------------------------------------------------- record

    def _link(self, token: Token, key: str, span: Span) -> None:
        self.found.setdefault(key, []).append(span)
        self._add(token, key)

    def _add(self, head: Token, key: str) -> None:
        self.occurrences.append(_Occurrence(head.i, self._sent(head.i), key, _weight(head), self._is_source(head)))

    def _is_source(self, head: Token) -> bool:
        if head.dep_ in _SUBJECT_DEPS and head.head.lemma_.lower() in self.speech:
            return True
        # "according to X"
        return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according"

    def _sent(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def _inside_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and self.quoted[k][0] <= char < self.quoted[k][1]


def _weight(head: Token) -> int:
    """Lappin and Leass's salience factors for a noun phrase's role."""
    dep = head.dep_
    weight = 100  # recency
    if dep in _SUBJECT_DEPS:
        weight += 80
    elif dep in _OBJECT_DEPS:
        weight += 50
    elif dep == "dative":
        weight += 40
    elif dep == "pobj":
        weight += 30
    if dep != "poss" and not (dep == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN")):
        weight += 80  # not embedded in another noun phrase
    if dep != "pobj":
        weight += 50  # not adverbial
    return weight


def titled_subject(span) -> Token | None:
    """The subject a person's name ends when that subject is headed by a
    title ("Uber's vice-president of Advanced Technologies Anthony
    Levandowski said"): its head token, or None. Not a name after a
    preposition ("the lawyer for Ana Lind said": the lawyer speaks)."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    if start == 0 or doc[start - 1].pos_ in ("ADP", "PART", "PUNCT", "CCONJ", "DET") or doc[start - 1].tag_ == "POS":
        return None
    node = span.root
    for _ in range(6):
        if node.dep_ in _SUBJECT_DEPS:
            break
        if node.head.i == node.i:
            return None
        node = node.head
    else:
        return None
    if node.dep_ not in _SUBJECT_DEPS or node.right_edge.i != span.end - 1 or span.start <= node.i < span.end:
        return None
    words = doc[node.left_edge.i : start]
    if not any(_is_title(t.lower_) or _is_title(t.lower_.split("-")[-1]) for t in words if t.pos_ == "NOUN"):
        return None
    return node


def _nominal(token: Token) -> bool:
    """A capitalised word in a noun's place (the tagger calls "Baylous" an adjective)."""
    if not token.text[:1].isupper():
        return False
    return token.pos_ == "PROPN" or (token.pos_ in ("NOUN", "ADJ") and token.dep_ in _NOUN_DEPS)


def _is_title(word: str) -> bool:
    entry = titles().get(word)
    return entry is not None and entry.role == "title"


def _is_generic_title(word: str) -> bool:
    """"chief", "boss": a title that names only whoever holds it here."""
    entry = titles().get(word)
    return entry is not None and entry.role == "generic"


def _compound_title(token: Token) -> str | None:
    """"the sergeant-at-arms", "the editor-in-chief": the title word that
    opens a hyphenated compound whose last word is the token."""
    doc, i = token.doc, token.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    if i == token.i:
        return None
    first = doc[i].lower_
    return first if _is_title(first) or first in descriptions() else None


def _words(name: str) -> frozenset[str]:
    return frozenset(w.strip(".,'").lower() for w in name.split())


def person_genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """Person entity id -> "m" | "f": honorifics and gendered titles first,
    then the first name."""
    gendered, names = gendered_words(), first_names()
    out: dict[str, str] = {}
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for word in " ".join(entity.titles).lower().replace(".", "").split():
            if word in gendered:
                out[entity.id] = gendered[word]
        for s, e in entity.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for t in (doc[span.start - 1] if span.start else span[0], span[0]):
                word = t.lower_.rstrip(".")
                if word in gendered:
                    out[entity.id] = gendered[word]
        if entity.id not in out:
            first = entity.name.split()[0].lower().strip(".,") if entity.name.split() else ""
            if first in names and len(entity.name.split()) > 1:
                out[entity.id] = names[first]
    return out


def is_document(token: Token) -> bool:
    """"statement", "reports", "guidelines": a noun that names a document."""
    entry = descriptions().get(token.lemma_.lower()) or descriptions().get(token.lower_)
    return entry is not None and entry.refers == "DOCUMENT" and token.pos_ == "NOUN"


def document_author(token: Token, back: int = 600) -> Token | None:
    """The head of whoever a document is credited to: its own "by X", "X's",
    "from X"; else that of the same document named before ("a statement by
    the directorate ... the statement said"); else the subject of the verb
    that issued it ("the department issued guidelines")."""
    own = _credited(token)
    if own is not None or token.i == 0:
        return own
    lemma = token.lemma_.lower()
    doc = token.doc
    for j in range(token.i - 1, max(-1, token.i - back), -1):
        other = doc[j]
        if other.lemma_.lower() == lemma and other.pos_ == "NOUN":
            author = _credited(other)
            if author is not None:
                return author
    return None


def _credited(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in _NAME_OBJECT_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("PROPN", "NOUN") and not is_document(obj):
                    return obj
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child  # "a Pentagon statement"
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":  # "the department issued guidelines"
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN") and not is_document(subject):
            return subject
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)  # "X said in a statement"
        if subject is not None and subject.pos_ in ("PROPN", "NOUN") and not is_document(subject):
            return subject
    return None
