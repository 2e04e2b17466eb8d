"""Entities: one per real-world referent in the article.

    mentions (NER, cleaned) -> clusters (names, surnames, lexicon aliases)
    -> one type per cluster (a PERSON once is a PERSON everywhere)
    -> titles and countries -> descriptors ("the Pentagon boss") and
       lower-cased names ("biden") joined to their person.

Works in the coordinates of the ``Doc`` (the normalised text); the pipeline
maps the spans back to the original text.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from typing import Iterator

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..lexicons import countries, gendered_words, honorifics, institutions, key, titles
from ..records import Entity
from .mentions import Mention, find_mentions
from .titles import Office, find_descriptors, leads, office_of, title_after, title_before

__all__ = ["extract_entities"]

_PERSONISH = frozenset({"PERSON"})
_LOWERCASE_POS = frozenset({"PROPN", "NOUN"})
_NO_DET_BEFORE = frozenset({"a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "my", "your"})


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    extra: list[tuple[int, int, str]] = field(default_factory=list)  # (start_char, end_char, text)
    labels: Counter = field(default_factory=Counter)
    type: str = ""
    titles: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    country: str | None = None

    @property
    def first(self) -> int:
        starts = [m.start_char for m in self.mentions] + [e[0] for e in self.extra]
        return min(starts)


def extract_entities(doc: Doc) -> list[Entity]:
    mentions = [_person_after_title(doc, m) for m in find_mentions(doc)]
    clusters = _cluster(doc, mentions)
    name_labels = {i: m.label for m in mentions for i in range(m.start, m.end)}
    for cluster in clusters:
        cluster.type = _vote_type(cluster)
        if cluster.type == "PERSON":
            _add_titles(doc, cluster, name_labels)
        cluster.country = _country(cluster)
    persons = [c for c in clusters if c.type == "PERSON"]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    _add_missed_names(doc, persons, taken)
    _add_descriptors(doc, persons, taken)
    return _to_records(clusters)


# ------------------------------------------------------------------ clustering

def _person_after_title(doc: Doc, m: Mention) -> Mention:
    """"Kremlin spokesman Dmitry Orlov" tagged ORG: a short name right after a
    title word ("spokesman", "President") names a person."""
    if m.label == "PERSON" or not 1 <= m.n_tokens <= 4:
        return m
    words = m.text.split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in honorifics() and all(w[:1].isupper() for w in words[1:]):
        return dataclasses.replace(m, label="PERSON")  # "Dr Okafor" tagged ORG
    if m.start == 0 or m.n_tokens > 3:
        return m
    prev = titles().get(doc[m.start - 1].lower_)
    if prev is None or prev.role == "domain" or countries().lookup(m.text) or institutions().get(m.key):
        return m
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[m.start : m.end]):
        return m
    return dataclasses.replace(m, label="PERSON")


def _cluster(doc: Doc, mentions: list[Mention]) -> list[_Cluster]:
    """Group mentions: full person names anchor their surnames; "Mr Nath"
    joins the one person of that surname ("Kamal Nath"); countries and known
    institutions group by their lexicon identity; the rest by name."""
    lex_c, lex_i, hon = countries(), institutions(), honorifics()
    person_keys = {m.key for m in mentions if m.label == "PERSON"}
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.key, m.start_char)
    anchors: dict[str, _Cluster] = {}  # full person name key -> cluster
    by_part: dict[str, list[str]] = defaultdict(list)  # name part -> anchor keys
    # longest first; ties in order of appearance, then the name: never set order
    full_names = sorted(
        {m.key for m in mentions if m.label == "PERSON" and m.n_tokens >= 2},
        key=lambda k: (-len(k.split()), first_seen[k], k),
    )
    addressed = [k for k in full_names if k.split()[0] in hon]  # "mr nath", "sir alex ferguson"
    for k in [k for k in full_names if k.split()[0] not in hon]:
        _anchor(k, anchors, by_part)
    gender = _known_genders(doc, mentions, set(full_names))
    joined = _join_addressed(addressed, anchors, gender)
    for k in addressed:
        if k not in joined:
            _anchor(k, anchors, by_part)
    clusters: dict[str, _Cluster] = {k: c for k, c in anchors.items()}
    last_anchor_pos: dict[str, int] = {}
    for m in mentions:
        k = m.key
        if k in joined or k in anchors:
            cid = joined.get(k, k)
            last_anchor_pos[cid] = m.start_char
        elif k in by_part and (m.label in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC") and not lex_c.is_demonym(k)):
            # a surname (or first name) of a full name in the article; with
            # two candidates ("Miller"), the one mentioned last before it
            cands = [a for a in by_part[k] if _agrees(gender.get(a), _honorific_gender(doc, m))] or [f"name:{k}"]
            cid = max(cands, key=lambda a: last_anchor_pos.get(a, -1)) if len(cands) > 1 else cands[0]
        elif m.label == "GPE" or (k in lex_c.by_name and m.label != "PERSON"):
            code = lex_c.by_name.get(k)
            cid = f"country:{code}" if code else f"name:{k}"
        elif k in lex_i and k not in person_keys:
            cid = f"inst:{lex_i[k].name}"
        elif m.label == "NORP":
            code = lex_c.by_demonym.get(k)
            cid = f"norp:{code}" if code and k == key(m.text) and not k.startswith(("pro", "anti")) else f"name:{k}"
        else:
            cid = f"name:{k}"
        clusters.setdefault(cid, _Cluster())
        clusters[cid].mentions.append(m)
        clusters[cid].labels[m.label] += 1
    return _merge_acronyms([c for c in clusters.values() if c.mentions])


def _anchor(k: str, anchors: dict[str, _Cluster], by_part: dict[str, list[str]]) -> None:
    # "De Wit" is the surname of "Marieke de Wit", not a person of its own
    longer = [a for a in anchors if (" " + a).endswith(" " + k)]
    if longer:
        by_part[k].extend(longer)
        return
    anchors[k] = _Cluster()
    hon = honorifics()
    for part in k.split():
        if len(part) > 1 and part not in hon:
            by_part[part].append(k)


def _join_addressed(addressed: list[str], anchors: dict[str, _Cluster], gender: dict[str, str]) -> dict[str, str]:
    """"Mr Nath" -> "kamal nath" when exactly one person in the article has
    that surname (or that whole name, "Sir Alex Ferguson") and the gender the
    honorific tells does not contradict what is known of that person."""
    hon = honorifics()
    joined = {}
    for k in addressed:
        word, rest = k.split(" ", 1)
        want = hon[word]
        cands = [a for a in anchors if a == rest or a.endswith(" " + rest)]
        cands = [a for a in cands if _agrees(gender.get(a), want)]
        if len(cands) == 1:
            joined[k] = cands[0]
    return joined


def _known_genders(doc: Doc, mentions: list[Mention], names: set[str]) -> dict[str, str]:
    """Full-name key -> "m" | "f" from a gendered word right before one of its
    mentions ("spokeswoman Jane Doe", "Mrs Jane Doe"); unknown stays out."""
    words = gendered_words()
    out: dict[str, str] = {}
    for m in mentions:
        if m.key not in names:
            continue
        g = words.get(m.key.split()[0]) or (words.get(doc[m.start - 1].lower_.rstrip(".")) if m.start > 0 else None)
        if g is not None:
            out.setdefault(m.key, g)
    return out


def _honorific_gender(doc: Doc, m: Mention) -> str | None:
    """The gender an honorific right before a bare surname tells ("Mr" Brenner)."""
    return honorifics().get(doc[m.start - 1].lower_.rstrip(".")) if m.start > 0 else None


def _agrees(known: str | None, told: str | None) -> bool:
    return known is None or told is None or known == told


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des", "la", "le"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _MINOR_WORDS and w[:1].isalpha()).upper()


def _merge_acronyms(clusters: list[_Cluster]) -> list[_Cluster]:
    """"the International Atomic Energy Agency (IAEA)" and later "IAEA": one
    organisation, when the acronym spells the initials of a longer name."""
    long_names: dict[str, _Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            if m.label in ("ORG", "FAC", "EVENT") and m.n_tokens >= 2:
                long_names.setdefault(_initials(m.text), c)
    if not long_names:
        return clusters
    out = []
    for c in clusters:
        forms = sorted({m.text.replace(".", "") for m in c.mentions})
        target = next((long_names[f] for f in forms if f.isupper() and 2 <= len(f) <= 6 and f in long_names), None)
        if target is not None and target is not c and all(m.label in ("ORG", "FAC", "EVENT", "GPE") for m in c.mentions):
            target.mentions.extend(c.mentions)
            target.labels.update(c.labels)
            continue
        out.append(c)
    return out


def _vote_type(cluster: _Cluster) -> str:
    """A PERSON once (with a full name, or as a name the NER called PERSON) is
    a PERSON everywhere; otherwise the lexicon's type, then the majority."""
    labels = cluster.labels
    if any(m.label == "PERSON" and m.n_tokens >= 2 for m in cluster.mentions):
        return "PERSON"
    k = cluster.mentions[0].key
    if countries().lookup(k) is None and institutions().get(k) is None and labels["PERSON"]:
        return "PERSON"
    ranked = labels.most_common()
    return ranked[0][0]


# ------------------------------------------------------------------ titles, countries

def _add_titles(doc: Doc, cluster: _Cluster, name_labels: dict[int, str]) -> None:
    seen = set()
    for m in cluster.mentions:
        for rng in (title_before(doc, m.start, name_labels), title_after(doc, m.end)):
            if rng is None:
                continue
            tokens = list(doc[rng[0] : rng[1]])
            text = doc[rng[0] : rng[1]].text
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            cluster.titles.append(text)
            cluster.offices.append(office_of(tokens))


def _country(cluster: _Cluster) -> str | None:
    lex_c, lex_i = countries(), institutions()
    if cluster.type == "PERSON":
        return next((o.country for o in cluster.offices if o.country), None)
    for m in cluster.mentions:
        code = lex_c.lookup(m.text)
        if code:
            return code
        inst = lex_i.get(m.key)
        if inst is not None and inst.country:
            return inst.country
    if cluster.type in ("ORG", "FAC", "EVENT"):
        # "Ukraine Air Force", "Russian Defence Ministry": a country in the name
        for m in cluster.mentions:
            words = m.text.split()
            for n in (2, 1):
                for i in range(len(words) - n + 1):
                    code = lex_c.lookup(" ".join(words[i : i + n]))
                    if code:
                        return code
    return None


# ------------------------------------------------------------------ more mentions

def _add_missed_names(doc: Doc, persons: list[_Cluster], taken: set[int]) -> None:
    """Surnames the NER missed ("Later, Kovalenko flew home") and lower-cased
    ones ("discredit biden") join their person: a lower-cased one only when the
    word is used as a noun, not as "the brown" or "rice prices"."""
    surnames: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in sorted(persons, key=lambda c: c.first):
        capitalised = [m for m in cluster.mentions if m.text[:1].isupper()]
        if capitalised:
            surname = max(capitalised, key=lambda m: (m.n_tokens, -m.start_char)).text.split()[-1]
            if len(surname) > 2:
                surnames[surname].append(cluster)
    # "Amber said", after "Amber Sinclair-Alexander": a given name alone names
    # its person where no one else in the article has it as a name
    given: dict[str, list[_Cluster]] = defaultdict(list)
    hon = honorifics()
    for cluster in persons:
        firsts = {m.text.split()[0] for m in cluster.mentions if m.n_tokens >= 2 and m.text[:1].isupper()}
        for word in firsts:
            if len(word) > 2 and word.lower().rstrip(".") not in hon and word not in surnames:
                given[word].append(cluster)
    given = {w: cs for w, cs in given.items() if len(cs) == 1}
    if not surnames and not given:
        return
    lowered = {s.lower(): c for s, c in surnames.items()}

    def nearest(clusters: list[_Cluster], at: int) -> _Cluster:
        # two people of one surname: the one mentioned last before the word
        return max(clusters, key=lambda c: max((m.start_char for m in c.mentions if m.start_char < at), default=-1))

    for token in _tokens_spelled(doc, [*surnames, *given, *lowered]):
        if token.i in taken:
            continue
        cands = surnames.get(token.text)
        if cands is not None:
            if token.pos_ == "PROPN":
                nearest(cands, token.idx).extra.append((token.idx, token.idx + len(token), token.text))
            continue
        cands = given.get(token.text)
        if cands is not None:
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if token.pos_ == "PROPN" and cands[0].first < token.idx and not (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()):
                cands[0].extra.append((token.idx, token.idx + len(token), token.text))
            continue
        cands = lowered.get(token.text)
        if cands is None or token.pos_ not in _LOWERCASE_POS:
            continue
        if token.i > 0 and doc[token.i - 1].lower_ in _NO_DET_BEFORE:
            continue
        if token.dep_ in ("compound", "amod") or any(c.dep_ == "det" for c in token.children):
            continue
        nearest(cands, token.idx).extra.append((token.idx, token.idx + len(token), token.text))


def _tokens_spelled(doc: Doc, texts: list[str]) -> Iterator[Token]:
    """The tokens whose text is one of ``texts``, in order: found in the Doc's
    ORTH array (string ids, as the Doc stores them), so that the other tokens
    never become Token objects."""
    if not texts or not len(doc):
        return
    ids = numpy.array([get_string_id(t) for t in texts], dtype=numpy.uint64)
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), ids)).tolist():
        yield doc[i]


def _add_descriptors(doc: Doc, persons: list[_Cluster], taken: set[int]) -> None:
    """Link "the Pentagon boss" to the person whose office it names."""
    if not persons:
        return
    for d in find_descriptors(doc, taken):
        start_char = doc[d.start].idx
        candidates = []
        for cluster in persons:
            for office in cluster.offices:
                if d.country and office.country and office.country != d.country:
                    continue
                if d.country and not office.country:
                    continue
                if d.head in ("boss", "chief", "head", "leader"):
                    ok = (office.domain == d.domain) if d.domain else leads(office) and office.domain in ("presidency", "government")
                else:
                    ok = d.head in office.words and (d.domain is None or office.domain in (None, d.domain))
                if ok:
                    candidates.append(cluster)
                    break
        if not candidates:
            continue

        def last_before(c: _Cluster) -> int:
            return max((m.start_char for m in c.mentions if m.start_char < start_char), default=-1)

        best = max(candidates, key=last_before) if len(candidates) > 1 else candidates[0]
        span = doc[d.start - 1 : d.end] if d.start > 0 and doc[d.start - 1].lower_ == "the" else doc[d.start : d.end]
        best.extra.append((span.start_char, span.end_char, span.text))


# ------------------------------------------------------------------ records

def _canonical(cluster: _Cluster) -> str:
    """The fullest proper-name form: most tokens, then longest, capitalised
    first; a known institution's own name when the article uses it."""
    forms = [m.text for m in cluster.mentions]
    inst = institutions().get(cluster.mentions[0].key)
    if inst is not None and any(f == inst.name for f in forms):
        return inst.name
    capitalised = [f for f in forms if f[:1].isupper()] or forms
    hon = honorifics()

    def core(f: str) -> int:  # words of the name itself: "Mr Nath" has one
        words = f.split()
        return len(words) - (words[0].lower().rstrip(".") in hon)

    return max(capitalised, key=lambda f: (core(f), len(f.split()), f[:1].isupper() and not f.isupper(), len(f)))


def _to_records(clusters: list[_Cluster]) -> list[Entity]:
    out = []
    for n, cluster in enumerate(sorted(clusters, key=lambda c: c.first), 1):
        name = _canonical(cluster)
        aliases = []
        for text in [m.text for m in cluster.mentions] + [e[2] for e in cluster.extra]:
            if text != name and text not in aliases:
                aliases.append(text)
        spans = sorted({(m.start_char, m.end_char) for m in cluster.mentions} | {(s, e) for s, e, _ in cluster.extra})
        out.append(
            Entity(
                id=f"e{n}",
                type=cluster.type,
                name=name,
                aliases=tuple(aliases),
                titles=tuple(cluster.titles),
                country=cluster.country,
                mentions=tuple(spans),
            )
        )
    return out
