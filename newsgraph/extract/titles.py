"""Titles and offices: "US defense minister Pete Hegseth", "Matthew Miller,
spokesman for ...", and descriptors that stand for a titled person ("the
Pentagon boss", "the Ukrainian leader").

Pure functions over a parsed ``Doc``; the words come from ``lexicons``.
"""
from __future__ import annotations

from dataclasses import dataclass

import functools
from typing import Iterator

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..lexicons import countries, institutions, key, titles

__all__ = ["title_before", "title_after", "Office", "office_of", "find_descriptors", "Descriptor"]

_MAX_TITLE_TOKENS = 8
_STOP_DEPS = frozenset({"det", "punct", "cc", "prep", "case"})
_LEADING_OFFICES = frozenset({"presidency", "government"})


def _is_title_word(token: Token) -> bool:
    return token.lower_ in titles()


def _may_extend_title(token: Token, name_labels: dict[int, str]) -> bool:
    if token.is_punct and token.text != "-":
        return False
    if token.lower_ in titles() or token.i in name_labels:
        return True
    # words that qualify an office without naming one (title words themselves are in titles.tsv)
    if token.text == "-" or token.lower_ in ("vice", "acting", "former", "interim"):
        return True
    # modifiers of the office: "union negotiator", "civil protection chief", "Foreign Minister"
    if token.pos_ in ("NOUN", "ADJ", "PROPN") and token.dep_ in ("compound", "amod", "nmod"):
        return True
    return token.pos_ in ("PROPN", "ADJ", "NOUN") and token.is_title and not token.is_sent_start


def title_before(doc: Doc, start: int, name_labels: dict[int, str]) -> tuple[int, int] | None:
    """Token range of the title right before the name starting at ``start``;
    also "the authority's chief executive, Hendrik Baas," (title, comma, name)."""
    if start >= 2 and doc[start - 1].text == "," and _is_title_word(doc[start - 2]):
        return title_before(doc, start - 1, name_labels) or (start - 2, start - 1)
    i = start - 1
    while i >= 0 and start - i <= _MAX_TITLE_TOKENS and _may_extend_title(doc[i], name_labels):
        i -= 1
        if doc[i + 1].is_sent_start:
            break
    first = i + 1
    # the possessor belongs to the office: "the authority's chief executive"
    if first >= 2 and first < start and doc[first - 1].tag_ == "POS" and doc[first - 2].pos_ in ("NOUN", "PROPN"):
        first -= 2
    while first < start and (doc[first].is_punct or doc[first].pos_ in ("DET", "ADP", "CCONJ")):
        first += 1
    if not any(_is_title_word(doc[j]) and titles()[doc[j].lower_].role != "domain" for j in range(first, start)):
        return None
    return first, start


def title_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of an appositive title: "Matthew Miller, spokesman for the Ministry"."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    head = doc[end + 1]
    # the appositive's head word may follow a modifier or two ("Kremlin spokesman")
    for j in range(end + 1, min(end + 5, len(doc))):
        if doc[j].dep_ == "appos" and _is_title_word(doc[j]):
            head = doc[j]
            break
    else:
        return None
    last = head.i
    for t in head.subtree:
        if t.i < end + 1:
            continue
        if t.text in (",", ";", ".") or "\n" in t.text:
            break
        if t.i > last and t.i - (end + 1) < 12:
            last = t.i
    # stop before a trailing preposition or determiner
    while last > head.i and doc[last].dep_ in _STOP_DEPS:
        last -= 1
    return end + 1, last + 1


@dataclass(frozen=True)
class Office:
    """What a title says about its holder."""

    country: str | None
    domain: str | None
    words: frozenset[str]


def office_of(text_tokens: list[Token]) -> Office:
    """Country and domain of a title: "US defense minister" -> USA, defense."""
    lex_c, lex_i, lex_t = countries(), institutions(), titles()
    country = domain = None
    words = set()
    for t in text_tokens:
        words.add(t.lower_)
        entry = lex_t.get(t.lower_)
        if entry is not None and entry.domain and domain is None:
            domain = entry.domain
        if country is None:
            code = lex_c.lookup(t.text)
            inst = lex_i.get(key(t.text))
            if code:
                country = code
            elif inst is not None and inst.country:
                country = inst.country
    if country is None:
        # multi-word institutions and countries inside the title ("White House", "North Korean")
        for n in (3, 2):
            for i in range(len(text_tokens) - n + 1):
                phrase = " ".join(t.text for t in text_tokens[i : i + n])
                inst = lex_i.get(key(phrase))
                country = lex_c.lookup(phrase) or (inst.country if inst else None)
                if country:
                    break
            if country:
                break
    return Office(country, domain, frozenset(words))


@dataclass(frozen=True)
class Descriptor:
    """A definite description of a titled person: "the Pentagon boss"."""

    start: int  # token range, determiner excluded
    end: int
    head: str
    country: str | None
    domain: str | None


def _title_words(doc: Doc) -> Iterator[Token]:
    """The tokens whose lower-case form is a title word, in order, found in
    the Doc's LOWER array: the others never become Token objects."""
    if not len(doc):
        return
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _title_ids())).tolist():
        yield doc[i]


@functools.lru_cache(maxsize=1)
def _title_ids() -> numpy.ndarray:
    """The string ids (symbols or hashes, as a Doc stores them) of the title words."""
    return numpy.array([get_string_id(w) for w in titles()], dtype=numpy.uint64)


def find_descriptors(doc: Doc, taken: set[int]) -> list[Descriptor]:
    """Definite noun phrases whose head is a title word and whose modifiers say
    whose office it is: country, institution or domain ("the Kremlin chief",
    "the Ukrainian leader", "the US defence secretary")."""
    lex_t, lex_i, lex_c = titles(), institutions(), countries()
    out = []
    for token in _title_words(doc):
        entry = lex_t.get(token.lower_)
        if entry is None or entry.role == "domain" or token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
            continue  # a title before a name, not a descriptor
        i = token.i - 1
        while i >= 0 and doc[i].lower_ not in ("the",) and token.i - i <= 4 and (doc[i].pos_ in ("PROPN", "ADJ", "NOUN") or doc[i].text == "-"):
            i -= 1
        if i < 0 or doc[i].lower_ != "the" or i + 1 == token.i:
            continue
        mods = doc[i + 1 : token.i]
        office = office_of(list(mods))
        domain = entry.domain or office.domain
        joined = key(mods.text)
        inst = lex_i.get(joined)
        if inst is not None:
            domain = domain or inst.domain
        if office.country is None and domain is None:
            continue
        country = office.country or (inst.country if inst else None) or lex_c.lookup(joined)
        out.append(Descriptor(i + 1, token.i + 1, token.lower_, country, domain))
    return out


def leads(office: Office) -> bool:
    """Is this the office of someone a "leader"/"boss" descriptor could mean?"""
    return office.domain in _LEADING_OFFICES or office.domain is not None and not ({"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor"} & office.words)
