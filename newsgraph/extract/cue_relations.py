"""Where a cue's content sits relative to the cue in the parse.

One shared definition for the learner (``scripts/learn_cues.py``, which counts
these relations on annotated text) and the extractor (``quotes``, which reads
them back from ``lexicons/data/attribution_cues.tsv``):

    ccomp, xcomp, dobj, advcl, ...  the subtree of the cue's child with that label
    dobj+oprd, dobj+xcomp, ...      a direct object and the predicate after it
                                    ("called X a liar", "urged X to leave")
    prep:WORD                       the object of the cue's preposition WORD
                                    ("talked about X", "called for X")
    head                            the clause the cue hangs on, the cue's own
                                    phrase left out ("..., X said", "according
                                    to X, ...")

Spans are doc character offsets, trimmed of a leading "that"/"whether" and of
punctuation at either end; a region with fewer than two words is no content.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

__all__ = ["RELATION_POS", "relations", "region", "trim"]

RELATION_POS = frozenset({"VERB", "NOUN", "ADP", "AUX"})
_CHILD_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "acl", "attr", "oprd", "dative", "relcl"})
_HEAD_DEPS = frozenset({"parataxis", "ccomp", "conj", "advcl", "prep", "advmod", "npadvmod"})
_OBJECT_DEPS = ("pobj", "pcomp")
#: a predicate after a direct object: the object and it are the content
#: ("called X a liar", "urged X to leave")
_PREDICATE_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
_LEADING_SKIP = frozenset({"that", "whether", "if", ",", ":", "-", "\u2014", "\u2013"})

Span = tuple[int, int]


def trim(doc: Doc, start: int, end: int) -> Span | None:
    """Token range -> char span without the leading complementiser and the
    punctuation at either end; None below two words."""
    while start < end and (doc[start].lower_ in _LEADING_SKIP or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != '"')):
        end -= 1
    if sum(1 for t in doc[start:end] if t.is_alpha) < 2:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def relations(token: Token) -> Iterator[tuple[str, Span]]:
    """Every (relation, content span) the token offers."""
    for rel in _names(token):
        span = region(token, rel)
        if span is not None:
            yield rel, span


def _names(token: Token) -> Iterator[str]:
    has_object = False
    for child in token.children:
        if child.dep_ in _CHILD_DEPS:
            yield child.dep_
            if child.dep_ == "dobj":
                has_object = True
            elif has_object and child.dep_ in _PREDICATE_DEPS:
                yield "dobj+" + child.dep_
        elif child.dep_ == "prep" and any(c.dep_ in _OBJECT_DEPS for c in child.children):
            yield "prep:" + child.lower_
    if token.dep_ in _HEAD_DEPS and token.head.i != token.i:
        yield "head"


def region(token: Token, rel: str) -> Span | None:
    """The content span of one relation of ``token``, or None."""
    doc = token.doc
    if rel == "head":
        head = token.head
        if token.i > head.i:  # "A happened, officials said": the clause before
            return trim(doc, head.left_edge.i, token.left_edge.i)
        return trim(doc, token.right_edge.i + 1, head.right_edge.i + 1)
    if rel.startswith("prep:"):
        word = rel[5:]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == word:
                objs = [c for c in child.children if c.dep_ in _OBJECT_DEPS]
                if objs:
                    return trim(doc, objs[0].left_edge.i, objs[-1].right_edge.i + 1)
        return None
    if rel.startswith("dobj+"):  # "called the charges unsubstantiated"
        objects = [c for c in token.children if c.dep_ == "dobj"]
        predicates = [c for c in token.children if c.dep_ == rel[5:] and objects and c.i > objects[0].i]
        if not predicates:
            return None
        return trim(doc, objects[0].left_edge.i, predicates[-1].right_edge.i + 1)
    kids = [c for c in token.children if c.dep_ == rel]
    if not kids:
        return None
    kid = max(kids, key=lambda c: c.right_edge.i - c.left_edge.i)
    return trim(doc, kid.left_edge.i, kid.right_edge.i + 1)
