"""Name mentions from the NER, cleaned: one span per name, in doc coordinates.

The small models' spans need repair before they can be grouped into entities:
a span that crosses a line break ("Trump\\nHegseth") is two names; "the White
House" is the name "White House"; "Joe Biden’s" is "Joe Biden"; "non-Nato" is a
mention of "Nato". Types are corrected from the lexicons where the word is
known ("Ukrainian" is a NORP, not a GPE).

Person names the model cut short or missed: a hyphenated surname ("Amber
Sinclair-Alexander", tagged "Amber"); a given name that a line wrap parted
from its surname ("Advanced Technologies Anthony\\n Levandowski" tagged ORG
"Advanced Technologies Anthony"); a given name (``first_names.tsv``) and a
capitalised surname with no label at all.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicons import countries, first_names, institutions, key

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
    in_ent = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    consumed = 0
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or ent.end <= consumed:
            continue
        for start, end in _split_on_breaks(ent):
            if end <= consumed:
                continue
            start = max(start, consumed)
            wrapped = _wrapped_surname(doc, start, end, in_ent)
            if wrapped is not None:  # "... Anthony\n Levandowski": the rest, then the person
                rest = _trim(doc, start, end - 1, ent.label_) if end - 1 > start else None
                given, surname = doc[end - 1], doc[wrapped - 1]
                person = Mention(end - 1, wrapped, given.idx, surname.idx + len(surname),
                                 f"{given.text} {surname.text}", "PERSON", "PERSON")
                out.extend(m for m in (rest, person) if m is not None)
                consumed = wrapped
                continue
            if ent.label_ == "PERSON":
                end = _hyphenated_surname(doc, end, in_ent)
            mention = _trim(doc, start, end, ent.label_)
            if mention is not None:
                out.append(mention)
    out.extend(_unlabelled_names(doc, in_ent))
    out.sort(key=lambda m: m.start)
    return out


def _unlabelled_names(doc: Doc, in_ent: set[int]) -> list[Mention]:
    """"Amber Sinclair-Alexander" with no label at all: a given name
    (``first_names.tsv``) before a capitalised surname, neither in a name."""
    names, out = first_names(), []
    i = 0
    while i + 1 < len(doc):
        token = doc[i]
        if token.lower_ not in names or not _capitalised_name(token) or token.whitespace_ != " " or i in in_ent or (i + 1) in in_ent:
            i += 1
            continue
        end = _hyphenated_surname(doc, i + 1, in_ent)
        if end == i + 1 and _capitalised_name(doc[i + 1]) and doc[i + 1].lower_ not in names:
            end = i + 2
        if end == i + 1 or (end < len(doc) and doc[end - 1].whitespace_ and _capitalised_name(doc[end])):
            i += 1
            continue  # no surname, or a longer name ("Victoria Park Road") than this rule knows
        if any(countries().lookup(t.text) or institutions().get(key(t.text)) for t in doc[i:end]):
            i = end
            continue
        span = doc[i:end]
        out.append(Mention(i, end, span.start_char, span.end_char, span.text, "PERSON", "PERSON"))
        i = end
    return out


def _capitalised_name(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text[1:2].islower()


def _hyphenated_surname(doc: Doc, end: int, in_ent: set[int]) -> int:
    """The end of a person's name extended over a hyphenated surname the
    model left out: "Amber" + " Sinclair-Alexander"."""
    if end >= len(doc) or doc[end - 1].whitespace_ != " " or end in in_ent:
        return end
    i = end
    if not _capitalised_name(doc[i]) or doc[i].whitespace_:
        return end
    while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_ and _capitalised_name(doc[i + 2]):
        i += 2
    return i + 1 if i > end else end


def _wrapped_surname(doc: Doc, start: int, end: int, in_ent: set[int]) -> int | None:
    """The end of the surname on the next line when the part ends in a given
    name at a line wrap, and the next line opens with a capitalised word no
    other name holds."""
    last = doc[end - 1]
    if last.lower_ not in first_names() or "\n" not in (last.whitespace_ + (doc[end].text if end < len(doc) else "")):
        return None
    j = end
    while j < len(doc) and doc[j].is_space:
        j += 1
    if j >= len(doc) or j == end and "\n" not in last.whitespace_:
        return None
    if not _capitalised_name(doc[j]) or (j in in_ent and doc[j].ent_iob_ != "I" and doc[j].ent_type_ != "PERSON"):
        return None
    if doc[j].lower_ in first_names() or countries().lookup(doc[j].text) or institutions().get(key(doc[j].text)):
        return None
    return j + 1


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
