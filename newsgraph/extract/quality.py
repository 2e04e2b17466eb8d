"""Trust signals: machine-translation noise in an article, and what it does to
the records extracted from it.

Pure functions over a parsed ``Doc`` (spans in doc coordinates, like every
extractor); the language knowledge is in ``lexicons/data/`` (``doubling.tsv``,
``garble.tsv``, ``transliterations.tsv``) and in ``wordfreq``'s word lists.

Flag kinds, one per phenomenon:

* ``repetition``      a phrase said again within a few words ("the Middle East
                      and the Middle East"); exact doublings ("minerals
                      minerals") are repaired and flagged by ``normalize``
* ``hyphen-spacing``  "high -ranking" (flagged by ``normalize``)
* ``foreign``         a token English does not know, left in another language
                      or its transliteration ("Tschernihiv")
* ``garbled``         a clause whose words do not fit together: tag pairs
                      English does not produce (scrambled order), or a
                      selective modifier on a head it never takes ("the
                      fastest sentence")
* ``encoding``, ``invisible``  repairs made while normalising
* ``unencodable``     a lone surrogate (an unpaired ``\ud800`` escape) the NLP
                      read as U+FFFD (flagged by ``normalize``)
* ``control``         control characters or terminal escape sequences the NLP
                      read as spaces or not at all (flagged by ``normalize``)

``quality_score`` turns the flags into the article's 0..1 score: 1.0 means no
noise found, and the score halves for every ~1.4 weighted flags per 100 words
(``exp(-0.5 * weighted flags per 100 words)``): a clean article scores 1.0, a
typical machine-translated one 0.6-0.8.
"""
from __future__ import annotations

import functools
import re
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_ALPHA, IS_SPACE, LOWER, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span as SpacySpan, Token
from wordfreq import get_frequency_dict, zipf_frequency

from ..lexicons import garble, transliterations
from ..records import Flag, Quality, Span
from .doc_cache import doc_text, sentences

__all__ = ["assess_quality", "detect_noise", "find_repetitions", "find_foreign", "find_garbled", "tag_anomalies", "parse_anomalies", "merge_flags", "quality_score", "WEIGHTS"]

#: how much one flag of each kind lowers the article score
WEIGHTS = {"repetition": 1.0, "garbled": 1.5, "foreign": 0.5, "hyphen-spacing": 0.5, "encoding": 0.25, "invisible": 0.0, "unencodable": 0.25, "control": 0.25, "inconsistent-figures": 0.5}

_MAX_NGRAM = 4      # longest repeated phrase looked for, in tokens
_MAX_GAP = 2        # words allowed between two copies ("and", "region")
_COORDINATORS = frozenset({"and", "or"})
_MIN_ANOMALIES = 3     # parse anomalies that make a sentence garbled
_ARTICLES = frozenset({"the", "a", "an"})
_PIVOT_LANGUAGES = ("de",)  # languages machine translation often pivots through
_COMMON_ELSEWHERE = 3.5     # Zipf frequency of a common word in a pivot language
_RARE_IN_ENGLISH = 1.5      # below this, English text holds the word only as a borrowing or a name
_RARE_FREQUENCY = 10 ** (_RARE_IN_ENGLISH - 9)  # the same as a word frequency


def assess_quality(repairs: tuple[tuple[str, Span], ...], flags: list[Flag] | tuple[Flag, ...], n_words: int) -> Quality:
    """The article's ``Quality``: the repairs normalisation made and the noise
    flags found in the parse, both in original-text coordinates."""
    merged = merge_flags([*(Flag(kind, span, "repaired") for kind, span in repairs), *flags])
    return Quality(score=quality_score(merged, n_words), flags=tuple(merged))


_ALPHA_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}(?![^\W\d_])")
_SUPERLATIVE = re.compile(r"\b[^\W\d_]{3,}est\b")


def detect_noise(doc: Doc) -> list[Flag]:
    """Every noise flag the parsed text shows, in doc coordinates."""
    return merge_flags([*find_repetitions(doc), *find_foreign(doc), *find_garbled(doc)])


def find_repetitions(doc: Doc) -> list[Flag]:
    """A phrase of 2-4 tokens, holding a content word, said again after at
    most ``_MAX_GAP`` words in one sentence (see ``_plausible_gap``): "the Middle East and the Middle East",
    "in the Russia region in the Russia kept in the Russia". The flag runs from
    the first copy to the last."""
    flags = []
    starts = _second_copy_starts(doc)
    if not starts:
        return flags
    for sent in sentences(doc):
        if not any(sent.start <= i < sent.end for i in starts):
            continue  # no word pair said again close enough: no phrase can be
        words = [t for t in sent if not t.is_space]
        lowers = [t.lower_ for t in words]
        if len(set(lowers)) == len(lowers):
            continue  # no word said twice: no phrase can be
        punct = [t.is_punct for t in words]
        content = [t.is_alpha and not t.is_stop for t in words]
        runs: dict[int, list[int]] = {}  # start of a first copy -> [end of the last copy, copies]
        for n in range(_MAX_NGRAM, 1, -1):
            seen: dict[tuple[str, ...], int] = {}
            for i in range(len(words) - n + 1):
                if any(punct[i : i + n]) or not any(content[i : i + n]):
                    continue
                gram = tuple(lowers[i : i + n])
                prev = seen.get(gram)
                if prev is not None and i >= prev + n and _plausible_gap(words[prev + n : i], n):
                    first = _run_start(prev, runs)
                    run = runs.setdefault(first, [0, 1, False])
                    if i + n > run[0]:
                        run[0], run[1] = i + n, run[1] + 1
                    run[2] = run[2] or _coordinated(words[prev + n : i], words[i + n] if i + n < len(words) else None)
                seen[gram] = i
        for first, (last, copies, coordinated) in runs.items():
            if not coordinated and copies < 3:
                continue  # "the politics of fear versus the politics": rhetoric, unless said three times
            while last - 1 > first and (words[last - 1].is_stop or words[last - 1].is_punct):
                last -= 1  # "the Middle East and the Middle East [and]"
            flags.append(Flag("repetition", (words[first].idx, words[last - 1].idx + len(words[last - 1])), "phrase repeated"))
    return flags


def _second_copy_starts(doc: Doc) -> list[int]:
    """Tokens where a second copy of a phrase may start, from the Doc's arrays:
    two words (spaces left out) equal to the two words 2 to
    ``_MAX_NGRAM + _MAX_GAP`` words before them. Every repetition
    ``find_repetitions`` flags starts its second copy at one of them (copies
    of 2-4 words, at most ``_MAX_GAP`` words apart), so only their sentences
    need its closer look; most articles have none."""
    if len(doc) < 4:
        return []
    arr = doc.to_array([LOWER, IS_SPACE])
    words = numpy.flatnonzero(arr[:, 1] == 0)
    lowers = arr[words, 0]
    n = len(lowers)
    hit = numpy.zeros(n, dtype=bool)
    for d in range(2, _MAX_NGRAM + _MAX_GAP + 1):
        if n > d + 1:
            same = lowers[d:] == lowers[:-d]
            hit[d : n - 1] |= same[:-1] & same[1:]
    return words[hit].tolist()


def _plausible_gap(gap: list[Token], n: int) -> bool:
    """At most two words between copies, no punctuation or number ("the
    airlines, the airlines", "barrels a day to 84 million barrels a day" are
    lists and comparisons); a 2-token phrase only around "and"/"or"."""
    if len(gap) > _MAX_GAP or any(t.is_punct or t.like_num for t in gap):
        return False
    return n > 2 or (len(gap) == 1 and gap[0].lower_ in _COORDINATORS)


def _coordinated(gap: list[Token], after: Token | None) -> bool:
    """"the Middle East and the Middle East": two copies joined by "and"/"or",
    the second not opening a parallel phrase ("the politics and the politics
    of hope")."""
    return len(gap) == 1 and gap[0].lower_ in _COORDINATORS and (after is None or after.pos_ != "ADP")


def _run_start(i: int, runs: dict[int, list[int]]) -> int:
    """The start of the run a copy at ``i`` continues ("in the Russia" x3)."""
    for first, (last, _, _) in runs.items():
        if first <= i < last:
            return first
    return i


def find_foreign(doc: Doc) -> list[Flag]:
    """Tokens English does not know (Zipf frequency 0 in wordfreq) that are in
    a non-Latin script or match an untranslated transliteration pattern, and
    lower-case words rare in English but common in a pivot language
    ("zusammenarbeit")."""
    patterns = transliterations()
    english = english_frequencies()
    flags = []
    # words straight from the text: no Token objects for the 95% English knows;
    # each distinct word judged once, and the text walked again only for the foreign ones
    text = doc_text(doc)
    foreign = {}
    for word in set(_ALPHA_WORD.findall(text)):
        lang = _foreign_language(word, english, patterns)
        if lang is not None:
            foreign[word] = lang
    if not foreign:
        return flags
    for m in _ALPHA_WORD.finditer(text):
        lang = foreign.get(m.group())
        if lang is not None:
            flags.append(Flag("foreign", (m.start(), m.end()), lang))
    return flags


def _foreign_language(word: str, english: dict[str, float], patterns) -> str | None:
    """The language ``word`` is left in, or None when English has it."""
    lower = word.lower()
    frequency = english.get(lower, 0.0)
    if frequency >= _RARE_FREQUENCY:
        return None
    lang = None
    if frequency == 0:
        lang = next((p.language for p in patterns if p.pattern.search(lower)), None)
    if lang is None and word.islower():
        lang = next((code for code in _PIVOT_LANGUAGES if zipf_frequency(lower, code) >= _COMMON_ELSEWHERE), None)
    return lang


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """wordfreq's English word -> frequency table, read once per process (a
    dict lookup per token, where ``zipf_frequency`` costs ten times more).
    Asked for as ``zipf_frequency`` asks (``"en", "best"``), so that both
    share wordfreq's one cached table instead of building it twice (0.14 s)."""
    return get_frequency_dict("en", "best")


def find_garbled(doc: Doc) -> list[Flag]:
    """Clauses whose words do not fit together."""
    return [*_scrambled(doc), *_misselected(doc)]


def tag_anomalies(sent: SpacySpan) -> list[tuple[Token, Token, tuple[str, str]]]:
    """Adjacent token pairs of ``sent`` whose tags English does not put together."""
    pairs = garble().tag_pairs
    hits = []
    prev = None
    for token in sent:
        if token.is_space:
            continue
        tag = "ART" if token.lower_ in _ARTICLES else token.tag_
        if prev is not None and (prev[1], tag) in pairs:
            hits.append((prev[0], token, (prev[1], tag)))
        prev = (token, tag)
    return hits


def _scrambled(doc: Doc) -> list[Flag]:
    """Sentences whose parse shows ``_MIN_ANOMALIES`` anomalies (see
    ``parse_anomalies``): scrambled word order leaves few impossible tag pairs
    once the tagger re-tags the words, but it also leaves clauses the parser
    cannot attach, splits and dangling ends."""
    flags = []
    at_most = _anomaly_bounds(doc)
    for group in _written_sentences(doc):
        # tag pairs and unattached words are counted from the arrays (an upper
        # bound); a dangling end and verbless parts add at most 1 + one per part
        if at_most[group[-1].end] - at_most[group[0].start] + 1 + len(group) < _MIN_ANOMALIES:
            continue
        hits = parse_anomalies(group)
        if len(hits) >= _MIN_ANOMALIES:
            start, end = min(a.idx for a, _ in hits), max(b.idx + len(b) for _, b in hits)
            flags.append(Flag("garbled", (start, end), "word order"))
    return flags


def _anomaly_bounds(doc: Doc) -> list[int]:
    """Running count, token by token, of the tag-pair and unattached-word
    anomalies ``parse_anomalies`` can find, from the Doc's arrays: element
    ``i`` counts those that end before token ``i``. Pairs are taken across
    sentence ends too, so that a group's count is never below the real one."""
    if not len(doc):
        return [0]
    ids = _anomaly_ids()
    arr = doc.to_array([TAG, DEP, LOWER, IS_ALPHA, IS_SPACE])
    tags, deps, lowers, alpha, space = arr.T
    article = numpy.isin(lowers, ids.articles)
    tags = numpy.where(article, ids.art, tags)
    found = numpy.zeros(len(doc), dtype=numpy.int64)
    words = numpy.flatnonzero(space == 0)
    if len(words) > 1:
        rows = numpy.searchsorted(ids.tags, tags[words]).clip(0, len(ids.tags) - 1)
        rows = numpy.where(ids.tags[rows] == tags[words], rows, len(ids.tags))  # a tag in no pair: the last row
        found[words[1:]] += ids.pairs[rows[:-1], rows[1:]]
    found += (alpha == 1) & ((deps == ids.dep) | (article & (deps != ids.det)))
    return [0, *numpy.cumsum(found).tolist()]


@dataclass(frozen=True)
class _AnomalyIds:
    tags: numpy.ndarray  # sorted ids of the tags in garble.tsv's pairs
    pairs: numpy.ndarray  # bool [first row, second row]; one more row and column for other tags
    art: int
    articles: numpy.ndarray
    dep: int
    det: int


@functools.lru_cache(maxsize=1)
def _anomaly_ids() -> _AnomalyIds:
    """The string ids (symbols or hashes, as the Doc stores them) of what
    ``parse_anomalies`` compares."""
    pairs = garble().tag_pairs
    names = sorted({tag for pair in pairs for tag in pair}, key=get_string_id)
    ids = numpy.array([get_string_id(n) for n in names], dtype=numpy.uint64)
    row = {n: i for i, n in enumerate(names)}
    table = numpy.zeros((len(names) + 1, len(names) + 1), dtype=bool)
    for first, second in pairs:
        table[row[first], row[second]] = True
    return _AnomalyIds(
        tags=ids,
        pairs=table,
        art=get_string_id("ART"),
        articles=numpy.array(sorted(get_string_id(a) for a in _ARTICLES), dtype=numpy.uint64),
        dep=get_string_id("dep"),
        det=get_string_id("det"),
    )


def parse_anomalies(group: list[SpacySpan]) -> list[tuple[Token, Token]]:
    """The tokens where the parse of one written sentence (the spaCy sentences
    it was split into) goes wrong, as (first, last) tokens: each tag pair
    English does not produce, each word left with the unclassified ``dep``
    relation, each article the parser could not attach as a determiner, an
    end on a tag no clause ends on ("the", "of", "and"), and each part with
    no verb at all. (Splits inside a sentence are not counted: quotes,
    brackets and colons make them in clean text.)"""
    dangling = garble().dangling
    hits: list[tuple[Token, Token]] = []
    for n, sent in enumerate(group):
        hits.extend((a, b) for a, b, _ in tag_anomalies(sent))
        hits.extend((t, t) for t in sent if t.is_alpha and (t.dep_ == "dep" or (t.lower_ in _ARTICLES and t.dep_ != "det")))
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words:
            continue
        last = words[-1]
        if n == len(group) - 1 and ("ART" if last.lower_ in _ARTICLES else last.tag_) in dangling:
            hits.append((last, last))
        if len(words) > 3 and not any(t.pos_ in ("VERB", "AUX") for t in words):
            hits.append((words[0], words[-1]))
    return hits


def _written_sentences(doc: Doc):
    """spaCy's sentences, joined where one does not end the written sentence
    (no closing punctuation and no line break after it): a scrambled sentence
    is often cut in two."""
    group: list[SpacySpan] = []
    for sent in sentences(doc):
        group.append(sent)
        last = sent[-1]
        if last.is_punct or last.is_space or "\n" in last.whitespace_ or last.i + 1 >= len(doc) or doc[last.i + 1].is_space:
            yield group
            group = []
    if group:
        yield group


def _misselected(doc: Doc) -> list[Flag]:
    """A selective modifier, as a superlative, on a head it does not take
    ("the fastest sentence"); the flag covers the clause from its verb to the head."""
    selects = garble().selects
    if not any(_positive(w.lower()) in selects for w in _SUPERLATIVE.findall(doc_text(doc))):
        return []
    flags = []
    for token in doc:
        if token.dep_ != "amod" or token.tag_ != "JJS":  # comparatives and plain forms stray too often
            continue
        accepted = selects.get(token.lemma_.lower()) or selects.get(_positive(token.lower_))
        head = token.head
        if accepted is None or head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in accepted:
            continue
        start = _clause_verb(head)
        flags.append(Flag("garbled", (min(start.idx, token.idx), head.idx + len(head)), f"{token.lower_} {head.lower_}"))
    return flags


def _positive(word: str) -> str:
    """"fastest" -> "fast", "quicker" -> "quick" (the lemmatiser keeps them)."""
    for suffix in ("est", "er"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def _clause_verb(token):
    """The verb governing ``token``'s clause, or the token itself."""
    node = token
    while node.head is not node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else token


def merge_flags(flags: list[Flag]) -> list[Flag]:
    """Flags in text order, overlapping flags of one kind joined into one."""
    by_kind: dict[str, list[Flag]] = defaultdict(list)
    for flag in sorted(flags, key=lambda f: (f.kind, f.span)):
        group = by_kind[flag.kind]
        if group and flag.span[0] < group[-1].span[1]:
            last = group[-1]
            group[-1] = Flag(last.kind, (last.span[0], max(last.span[1], flag.span[1])), last.detail)
        else:
            group.append(flag)
    return sorted((f for group in by_kind.values() for f in group), key=lambda f: (f.span, f.kind))


def quality_score(flags: list[Flag] | tuple[Flag, ...], n_words: int) -> float:
    """The article's 0..1 score: ``exp(-0.5 * weighted flags per 100 words)``."""
    weight = sum(WEIGHTS.get(f.kind, 1.0) for f in flags)
    if weight == 0:
        return 1.0
    per_100 = 100.0 * weight / max(n_words, 100)
    return round(math.exp(-0.5 * per_100), 3)
