"""Name mentions from the NER, cleaned: one span per name, in doc coordinates.

The small models' spans need repair before they can be grouped into entities:
a span that crosses a line break ("Trump\\nHegseth") is two names; "the White
House" is the name "White House"; "Joe Biden’s" is "Joe Biden"; "non-Nato" is a
mention of "Nato". Types are corrected from the lexicons where the word is
known ("Ukrainian" is a NORP, not a GPE).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicons import countries, institutions, key

__all__ = ["Mention", "find_mentions", "NAME_LABELS"]

#: NER labels that name things (numbers, dates and amounts are other stages' work)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_NEGATING_PREFIXES = frozenset({"non", "anti", "ex", "post", "pre"})
_TRAILING = frozenset({"'s", "'", "’s", "’"})


@dataclass(frozen=True)
class Mention:
    start: int  # token index in the doc
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    #: the label the NER gave, before lexicon correction
    ner_label: str

    @property
    def key(self) -> str:
        return key(self.text)

    @property
    def n_tokens(self) -> int:
        return self.end - self.start


def find_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for start, end in _split_on_breaks(ent):
            mention = _trim(doc, start, end, ent.label_)
            if mention is not None:
                out.append(mention)
    return out


def _split_on_breaks(ent: Span) -> list[tuple[int, int]]:
    parts, start = [], ent.start
    for token in ent:
        if token.is_space or "\n" in token.text:
            if token.i > start:
                parts.append((start, token.i))
            start = token.i + 1
        elif "\n" in token.whitespace_:
            parts.append((start, token.i + 1))
            start = token.i + 1
    if ent.end > start:
        parts.append((start, ent.end))
    return parts


def _trim(doc: Doc, start: int, end: int, label: str) -> Mention | None:
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if label != "NORP" and end - start >= 3 and doc[start].lower_ in _NEGATING_PREFIXES and doc[start + 1].text == "-":
        start += 2
    if start >= end:
        return None
    span = doc[start:end]
    text = span.text
    if not any(c.isalpha() for c in text):
        return None
    if label == "NORP" and end - start == 1 and span[0].is_sent_start and span[0].pos_ == "ADJ" and not countries().lookup(text):
        return None  # a headline's first adjective ("Fatal attack in Kyiv"), not a group
    return Mention(start, end, span.start_char, span.end_char, text, _corrected_label(text, label), label)


def _corrected_label(text: str, label: str) -> str:
    lex = countries()
    k = key(text)
    if k in lex.by_demonym and k not in lex.by_name:
        return "NORP"
    if k in lex.by_name and label in ("GPE", "LOC", "ORG", "NORP", "PERSON", "PRODUCT", "FAC"):
        # a country name is a place; a lone demonym-and-name ("US") follows the NER
        return "GPE" if label != "NORP" else label
    inst = institutions().get(k)
    if inst is not None:
        return inst.type
    return label
