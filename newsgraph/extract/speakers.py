"""Who a quote's source is: the entity or group behind a subject token.

    named mention          -> its entity ("the Pentagon boss" -> Pete Hegseth,
                              linked by the entities stage)
    he / she / they / it   -> the most recent compatible subject before it:
                              a person for he/she, a group or institution for
                              they/it; subjects inside quotes do not count
    who / which            -> the noun the relative clause hangs on
    any other noun phrase  -> a group speaker ("Ukrainian officials"), no id
    he / they said         -> in a run of quotes, the source of the last
                              attribution when it agrees ("Three rebel
                              spokesmen said ... Rebels would follow, they said")
    the ruling said        -> its author; with none, the institution or group
                              whose attribution it follows

Built once per Doc from the article's entities (in doc coordinates); the
lookups are then index and bisect operations, never scans of the text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .doc_cache import doc_text, sentences
from .coref import document_author, is_document, person_genders, titled_subject
from ..lexicons import non_speakers, speech_verbs
from ..records import Entity, Span

__all__ = ["Speaker", "Speakers"]

_PERSON_PRONOUNS = {"he": "m", "she": "f"}
_GROUP_PRONOUNS = frozenset({"they", "it"})
_UNRESOLVED_PRONOUNS = frozenset({"i", "we", "you", "one", "someone", "somebody", "this", "that", "there", "what", "all", "both"})
_RELATIVE = frozenset({"who", "which", "that"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
#: subjects further back than this many tokens are not antecedents
_MAX_BACK = 400
#: how many sentences back the source of a run of quotes may be
_RUN_SENTENCES = 2
#: prepositional tails kept in a group name ("spokesman for the ministry")
_NAME_PREPS = frozenset({"for", "of", "from", "at", "in"})


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    name: str | None
    #: the local mention (doc chars): "he", "the Pentagon boss", "officials"
    source: Span | None
    #: how it was found: "name", "pronoun", "group", "unresolved"
    how: str


@dataclass(frozen=True)
class _Antecedent:
    token: int
    entity: Entity | None
    name: str
    person: bool
    #: the source of an attribution ("Three rebel spokesmen said")
    source: bool = False


class Speakers:
    """Speaker lookups for one Doc."""

    def __init__(self, doc: Doc, entities: list[Entity], quoted: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc_text(doc)  # built from the tokens on every access: once per doc
        self.by_token: dict[int, Entity] = {}
        self._mention_spans: dict[int, DocSpan] = {}  # person mentions by their last token
        self._types = {e.id: e.type for e in entities}
        #: entity id -> "m" | "f", from honorifics, gendered titles and first names
        self.gender: dict[str, str] = person_genders(doc, entities)
        for entity in entities:
            for s, e in entity.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    self.by_token.setdefault(t.i, entity)
                if entity.type == "PERSON":
                    self._mention_spans.setdefault(span.end - 1, span)
        self._quoted_starts = [s for s, _ in quoted]
        self._quoted = quoted
        self._antecedents: list[_Antecedent] = []
        self._positions: list[int] = []
        self._speech = frozenset(v.lemma for v in speech_verbs().values() if v.cues_direct)
        self._sent_starts = [s.start for s in sentences(doc)]
        self._build()

    # -------------------------------------------------------------- public

    def of(self, token: Token) -> Speaker:
        """The speaker a subject token names or refers to."""
        lower = token.lower_
        if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
            src = (token.idx, token.idx + len(token))
            linked = self.by_token.get(token.i)  # resolved by the coreference stage
            if linked is not None:
                return Speaker(linked.id, linked.name, src, "pronoun")
            ante = None
            if self._speaks(token):  # "Three rebel spokesmen said ... Rebels would follow, they said"
                ante = self._recent_source(token.i, person=lower in _PERSON_PRONOUNS, gender=_PERSON_PRONOUNS.get(lower))
            ante = ante or self._antecedent(token.i, person=lower in _PERSON_PRONOUNS, gender=_PERSON_PRONOUNS.get(lower))
            if ante is None:
                return Speaker(None, None, src, "unresolved")
            return Speaker(ante.entity.id if ante.entity else None, ante.name, src, "pronoun")
        if lower in _RELATIVE and token.head.dep_ == "relcl":
            named = self.of(token.head.head)
            return Speaker(named.entity, named.name, (token.idx, token.idx + len(token)), named.how)
        if lower in _UNRESOLVED_PRONOUNS or token.pos_ == "PRON":
            return Speaker(None, None, (token.idx, token.idx + len(token)), "unresolved")
        entity = self._entity(token)
        start, end = self._phrase(token)
        if entity is not None:
            return Speaker(entity.id, entity.name, (start, end), "name")
        if is_document(token):  # "the statement said": whoever issued it
            author = document_author(token)
            if author is not None:
                named = self.of(author)
                return Speaker(named.entity, named.name, (start, end), named.how)
            # '..., the court said. "...," the written ruling said': the
            # institution whose attribution the document continues
            ante = self._recent_source(token.i, person=False)
            if ante is not None:
                return Speaker(ante.entity.id if ante.entity else None, ante.name, (start, end), "name" if ante.entity else "group")
        if token.lemma_.lower() in non_speakers() or token.lower_ in non_speakers() or token.like_num:
            return Speaker(None, None, (start, end), "unresolved")  # a figure or market term cannot speak
        return Speaker(None, self._group_name(token), (start, end), "group")

    def type_of(self, entity_id: str) -> str | None:
        """The type of one of the article's entities."""
        return self._types.get(entity_id)

    def inside_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, char) - 1
        return i >= 0 and self._quoted[i][0] <= char < self._quoted[i][1]

    # -------------------------------------------------------------- helpers

    def _entity(self, token: Token) -> Entity | None:
        entity = self.by_token.get(token.i)
        if entity is not None:
            return entity
        # "the spokesman, John Doe": a title head with a named apposition;
        # "The head of the fire department, Mohammad Farokhzadeh,": one the
        # parser hung lower in the phrase
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        last = token.doc[token.right_edge.i]
        named = self.by_token.get(last.i)
        if token.dep_ in _SUBJECT_DEPS and named is not None and named.type == "PERSON":
            span = self._mention_at(last.i)
            subject = titled_subject(span) if span is not None else None
            if subject is not None and subject.i == token.i:
                return named  # "Uber's vice-president of Advanced Technologies Anthony Levandowski said"
        if token.pos_ == "NOUN":
            for t in token.subtree:
                if t.i > token.i and t.dep_ == "appos" and t.i in self.by_token and self.by_token[t.i].type == "PERSON":
                    return self.by_token[t.i]
        return None

    def _mention_at(self, i: int) -> DocSpan | None:
        """The person mention (a doc span) that ends at token ``i``."""
        return self._mention_spans.get(i)

    def _phrase(self, token: Token) -> tuple[int, int]:
        """The subject's noun phrase: its left modifiers and head (doc chars),
        plus a short prepositional tail."""
        left = token.left_edge
        right = token
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in _NAME_PREPS and child.right_edge.i - token.i <= 5:
                right = child.right_edge
            break
        if left.i < token.i - 8:
            left = token
        return left.idx, right.idx + len(right)

    def _group_name(self, token: Token) -> str:
        start, end = self._phrase(token)
        words = self.text[start:end].split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        return " ".join(words) or token.text

    def _build(self) -> None:
        """Every subject outside quotes, in order, with what it refers to;
        pronouns are resolved as they are met, so chains carry through."""
        for token in self.doc:
            if token.dep_ not in _SUBJECT_DEPS or self.inside_quote(token.idx):
                continue
            lower = token.lower_
            ante: _Antecedent | None = None
            if token.i in self.by_token:
                entity = self.by_token[token.i]
                ante = _Antecedent(token.i, entity, entity.name, entity.type == "PERSON")
            elif lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
                gender = _PERSON_PRONOUNS.get(lower)
                found = self._antecedent(token.i, person=gender is not None, gender=gender)
                if found is not None:
                    ante = _Antecedent(token.i, found.entity, found.name, found.person)
                    if gender and found.entity is not None:
                        self.gender.setdefault(found.entity.id, gender)
            elif token.pos_ in ("PROPN", "NOUN"):
                entity = self._entity(token)
                if entity is not None:
                    ante = _Antecedent(token.i, entity, entity.name, entity.type == "PERSON")
                elif token.pos_ == "NOUN" and token.tag_ == "NNS":
                    ante = _Antecedent(token.i, None, self._group_name(token), False)
            if ante is not None:
                if self._speaks(token):
                    ante = _Antecedent(ante.token, ante.entity, ante.name, ante.person, True)
                self._antecedents.append(ante)
                self._positions.append(token.i)

    def _speaks(self, token: Token) -> bool:
        """The subject of a speech verb."""
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in self._speech

    def _sent(self, i: int) -> int:
        return bisect.bisect_right(self._sent_starts, i) - 1

    def _recent_source(self, i: int, person: bool, gender: str | None = None) -> _Antecedent | None:
        """The source of the last attribution before token ``i`` in this or
        the previous sentences, when it agrees: a run of quotes is one
        speaker's."""
        k = bisect.bisect_left(self._positions, i) - 1
        sent = self._sent(i)
        while k >= 0 and sent - self._sent(self._positions[k]) <= _RUN_SENTENCES:
            ante = self._antecedents[k]
            if ante.source:
                if ante.person == person and (person or ante.entity is None or ante.entity.type in _GROUP_TYPES) and self._agrees(ante.entity, gender):
                    return ante
                return None  # the last source is someone else
            k -= 1
        return None

    def _agrees(self, entity: Entity | None, gender: str | None) -> bool:
        return gender is None or entity is None or self.gender.get(entity.id, gender) == gender

    def _antecedent(self, i: int, person: bool, gender: str | None = None) -> _Antecedent | None:
        k = bisect.bisect_left(self._positions, i) - 1
        while k >= 0 and i - self._positions[k] <= _MAX_BACK:
            ante = self._antecedents[k]
            if ante.person == person and (person or ante.entity is None or ante.entity.type in _GROUP_TYPES):
                if self._agrees(ante.entity, gender):
                    return ante
            k -= 1
        if person:
            # no person subject: the nearest person named before it at all
            for j in range(i - 1, max(-1, i - _MAX_BACK), -1):
                entity = self.by_token.get(j)
                if entity is not None and entity.type == "PERSON" and self._agrees(entity, gender) and not self.inside_quote(self.doc[j].idx):
                    return _Antecedent(j, entity, entity.name, True)
        return None
