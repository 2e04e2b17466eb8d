"""Places: toponyms found in the article and resolved against the gazetteer.

    candidates  NER place names (GPE, LOC, FAC); other names the NER mislabels
                ("Kursk" as ORG) when the gazetteer knows them well; capitalised
                words the NER missed ("in Kyiv"); "Town, St." abbreviations;
                capital descriptors ("the Ukrainian capital")
    -> resolve  each distinct name against the gazetteer: prior (feature type,
                population, capital) + the article's context (the countries it
                is about, the "Paris, Texas" container, nearness to the other
                places it names); "the Kursk region" prefers the region
    -> records  one Location per place, every mention, in order of appearance

Every mention has a role: ``literal`` (a place named as a place),
``modifier`` (a demonym or area adjective before a noun: "Russian troops",
"European officials" -> Russia, Europe) or ``metonymic`` (the place as the
subject of what governments do: "Moscow rejected the offer"). Nothing is
dropped: the map, the events' places and the GKG export read the literal
ones. A demonym used as a noun ("the Russians") is a group of people, an
actor, not a mention; so is a language ("speaks French") and a demonym inside
a name ("British Airways") unless the name is the state's ("the Turkish
Embassy"). Works in the coordinates of the ``Doc``; the pipeline maps the
spans back to the original text.
"""
from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..geo import Gazetteer, Match, Place
from ..geo.gazetteer import first_words_of
from ..geo.words import area_demonyms, is_common_word, metonymy_verbs, modifier_heads, region_words
from ..lexicons import countries, institutions, key, speech_verbs
from ..records import Entity, Location

__all__ = ["extract_places", "with_place_countries"]

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: name types a small NER model gives places it does not recognise as such
_MISLABELLED = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "PERSON", "NORP", "LAW"})
_FEATURE_PRIOR = {"country": 10.0, "continent": 8.0, "admin1": 7.0, "region": 7.0, "water": 7.0}
_STRONG_CITY_POPULATION = 100_000
_BIG_CITY_POPULATION = 1_000_000
_MAX_NGRAM = 4
_NEAR_KM = 300.0
_MAX_READINGS = 8
#: a town in the state or province the article is set in ("Edmonton" in a
#: Kentucky story; "Paris" after "PARIS, Mo.")
_REGION_BONUS = 2.0


@dataclass
class _Mention:
    start: int  # token range
    end: int
    start_char: int
    end_char: int
    text: str
    matches: list[Match]
    #: how sure we are that this is a place name at all: "ner" (GPE/LOC/FAC),
    #: "weak" (another NER label, or no label), "fixed" (resolved already)
    source: str
    container: Place | None = None  # "Paris, Texas": the place after the comma
    region: bool = False  # "the Kursk region"
    place: Place | None = None
    role: str = "literal"  # literal | modifier | metonymic


@dataclass
class _Context:
    countries: Counter = field(default_factory=Counter)
    anchors: list[Place] = field(default_factory=list)
    #: (country, admin1 code) -> how surely the article is there: a state or
    #: province it names or puts after a town ("COLUMBIA, Ky.") counts 1, a town in it 0.5
    regions: Counter = field(default_factory=Counter)


_EMPTY = _Context()


class _Tokens:
    """What the scans read of each token, taken from the Doc once, as arrays:
    no Token objects and no ``doc.text`` (both cost on every article)."""

    def __init__(self, doc: Doc):
        if len(doc):
            arr = doc.to_array(["IDX", "ORTH", "SPACY"]).tolist()
        else:
            arr = []
        strings = doc.vocab.strings
        self.starts = [a[0] for a in arr]
        self.words = [strings[a[1]] for a in arr]
        self.space = [a[2] for a in arr]
        self.ends = [a + len(w) for a, w in zip(self.starts, self.words)]
        self.lower = [w.lower().replace(".", "") for w in self.words]
        self.caps = [_capitalised(w) for w in self.words]

    def __len__(self) -> int:
        return len(self.starts)

    def slice(self, i: int, j: int) -> str:
        """The tokens' text, one space where the text has any whitespace."""
        if j == i + 1:
            return self.words[i]
        return "".join(w + (" " if sp else "") for w, sp in zip(self.words[i:j - 1], self.space[i:j - 1])) + self.words[j - 1]


def extract_places(doc: Doc, entities: list[Entity], gazetteer: Gazetteer) -> list[Location]:
    mentions, taken, blocked, toks = _candidates(doc, entities, gazetteer)
    _resolve(mentions, _context(entities, gazetteer), gazetteer)
    mentions += _same_names(toks, mentions, taken, blocked)
    mentions = [m for m in mentions if m.place is not None]
    for m in mentions:
        m.role = _role(doc, m)
    mentions += _modifiers(doc, toks, entities, gazetteer, taken)
    return _to_records(mentions)


def with_place_countries(entities: list[Entity], locations: list[Location]) -> list[Entity]:
    """GPE/LOC/FAC entities without a country get the country of the place
    their mentions were resolved to ("Kursk" -> RUS)."""
    by_span = {span: loc.country for loc in locations for span in loc.mentions if loc.country}
    out = []
    for e in entities:
        if e.country is None and e.type in _PLACE_TYPES:
            found = Counter(by_span[m] for m in e.mentions if m in by_span)
            if found:
                e = dataclasses.replace(e, country=found.most_common(1)[0][0])
        out.append(e)
    return out


# ------------------------------------------------------------------ candidates

def _candidates(doc: Doc, entities: list[Entity], gaz: Gazetteer) -> tuple[list[_Mention], set[int], set[int], _Tokens]:
    out: list[_Mention] = []
    taken: set[int] = set()  # tokens inside a candidate
    blocked: set[int] = set()  # tokens of person names and institutions
    lex_c, lex_i = countries(), institutions()

    def add(m: _Mention) -> None:
        out.append(m)
        taken.update(range(m.start, m.end))

    for ent in entities:
        for s, e in ent.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not span.text[:1].isupper():
                continue
            k = key(span.text)
            region = gaz.abbreviation(span.text) if span.start > 0 and doc[span.start - 1].text == "," else None
            if region is not None:
                add(_Mention(span.start, span.end, span.start_char, span.end_char, span.text, [Match(region, True)], "fixed", place=region))
            elif ent.type in _PLACE_TYPES and not lex_c.is_demonym(span.text):
                if k in lex_i:
                    blocked.update(range(span.start, span.end))
                    continue
                matches = gaz.lookup(span.text)
                if matches:
                    add(_Mention(span.start, span.end, span.start_char, span.end_char, span.text, matches, "ner"))
            elif ent.type in _MISLABELLED:
                # an embedded or mislabelled toponym may still be found by the scan,
                # but never inside a person's name or a known institution
                person = ent.type == "PERSON" and (len(span) > 1 or len(ent.name.split()) > 1) and _person_like(ent.name)
                if person or k in lex_i or lex_c.is_demonym(span.text):
                    blocked.update(range(span.start, span.end))
    toks = _Tokens(doc)
    _scan(doc, toks, gaz, taken, blocked, add)
    _add_abbreviations(doc, gaz, out, taken, add)
    _add_capital_descriptors(doc, toks, gaz, taken, add)
    for m in out:
        _read_surroundings(doc, gaz, m)
    return sorted(out, key=lambda m: m.start), taken, blocked, toks


def _scan(doc: Doc, toks: _Tokens, gaz: Gazetteer, taken: set[int], blocked: set[int], add) -> None:
    """Capitalised token runs the NER missed or mislabelled that name a
    well-known place ("in Kyiv", "the Munich security conference"). A name
    that is only part of a longer run ("Liberty University") must be a big one."""
    n, caps, first = len(toks), toks.caps, gaz.first_words
    i = 0
    while i < n:
        if not caps[i] or i in taken or i in blocked:
            i += 1
            continue
        run_end = i
        while run_end < n and caps[run_end] and run_end not in taken and run_end not in blocked:
            run_end += 1
        k = i
        while k < run_end:
            found = None
            for j in range(min(run_end, k + _MAX_NGRAM), k, -1) if toks.lower[k] in first else ():
                raw = toks.slice(k, j)
                text = raw.title() if raw.isupper() and len(raw) > 3 else raw
                matches = gaz.lookup(text)
                whole = k == i and j == run_end
                if matches and _strong_name(text, matches, doc[k].is_sent_start, whole):
                    found = _Mention(k, j, toks.starts[k], toks.ends[j - 1], raw, matches, "weak")
                    break
            if found is None and k == i and run_end - i <= _MAX_NGRAM:
                found = _before_state(toks, gaz, i, run_end)
            if found is not None:
                add(found)
                k = found.end
            else:
                k += 1
        i = run_end


def _before_state(toks: _Tokens, gaz: Gazetteer, i: int, j: int) -> _Mention | None:
    """"HOLLIDAY, Mo." and "Bantam, Conn.": a name before a comma and a state
    abbreviation is a town there, known to the gazetteer or not (then the
    state places it)."""
    if j + 1 >= len(toks) or toks.words[j] != ",":
        return None
    state = gaz.abbreviation(toks.words[j + 1])
    if state is None:
        return None
    raw = toks.slice(i, j)
    text = raw.title() if raw.isupper() else raw
    matches = gaz.lookup(text) or [Match(state, True)]
    return _Mention(i, j, toks.starts[i], toks.ends[j - 1], raw, matches, "weak")


def _same_names(toks: _Tokens, mentions: list[_Mention], taken: set[int], blocked: set[int]) -> list[_Mention]:
    """One sense per article: a name resolved as a place is that place wherever
    else it is written, inside other names too ("the Danbury police")."""
    names = {key(m.text): m.place for m in mentions if m.place is not None and m.source != "fixed"}
    first = {w for k in names for w in first_words_of(k)}
    out = []
    n, i = len(toks), 0
    while i < n:
        if i in taken or i in blocked or not toks.caps[i] or toks.lower[i] not in first:
            i += 1
            continue
        for j in range(min(n, i + _MAX_NGRAM), i, -1):
            place = names.get(key(toks.slice(i, j)))
            if place is not None and not any(k in taken or k in blocked for k in range(i, j)):
                out.append(_Mention(i, j, toks.starts[i], toks.ends[j - 1], toks.slice(i, j), [], "fixed", place=place))
                taken.update(range(i, j))
                i = j - 1
                break
        i += 1
    return out


def _person_like(name: str) -> bool:
    """A real person's name, not two names run together ("Trump - Wisconsin")."""
    return all(w[:1].isalpha() for w in name.split())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (word.isalpha() or word.endswith(".") and len(word) <= 5)


def _strong_name(text: str, matches: list[Match], sentence_start: bool, whole: bool) -> bool:
    """Is this name, found without the NER's word for it, surely a place?"""
    if countries().is_demonym(text) or key(text) in institutions():
        return False
    common = is_common_word(text)
    for m in matches:
        p = m.place
        big = p.feature in ("country", "continent") or p.population >= _BIG_CITY_POPULATION or p.capital
        if not m.main and (not big or text.isupper()):
            continue  # an exonym ("Kiev") only for places the world writes about; no codes
        if big and not sentence_start:
            return True
        if common or sentence_start and not whole:
            continue
        if p.feature in _FEATURE_PRIOR or p.feature == "city" and p.population >= _STRONG_CITY_POPULATION:
            return True
    return False


def _add_abbreviations(doc: Doc, gaz: Gazetteer, mentions: list[_Mention], taken: set[int], add) -> None:
    """"Columbia, Mo.": the state abbreviation after a place is itself a mention."""
    for m in list(mentions):
        j = m.end
        if j + 1 < len(doc) and doc[j].text == "," and j + 1 not in taken:
            region = gaz.abbreviation(doc[j + 1].text)
            if region is not None:
                tok = doc[j + 1]
                add(_Mention(j + 1, j + 2, tok.idx, tok.idx + len(tok), tok.text, [Match(region, True)], "fixed", place=region))


def _add_capital_descriptors(doc: Doc, toks: _Tokens, gaz: Gazetteer, taken: set[int], add) -> None:
    """"the Ukrainian capital", "Turkey's capital" -> that country's capital."""
    lex = countries()
    for i, word in enumerate(toks.lower):
        if word != "capital" or i in taken or i == 0:
            continue
        t = doc[i]
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("city", "letter", "gains", "markets"):
            continue
        j = t.i - 1
        if doc[j].tag_ == "POS":
            j -= 1
        code = None
        for start in (j - 1, j):
            if start >= 0 and all(k not in taken for k in range(start, j + 1)):
                code = lex.lookup(doc[start : j + 1].text)
                if code:
                    break
        if not code:
            continue
        capital = gaz.capital(code)
        if capital is None:
            continue
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        span = doc[start : t.i + 1]
        add(_Mention(span.start, span.end, span.start_char, span.end_char, span.text, [Match(capital, True)], "fixed", place=capital))


def _read_surroundings(doc: Doc, gaz: Gazetteer, m: _Mention) -> None:
    """The container after a comma ("Paris, Texas") and a region word around
    the name ("the Kursk region", "the region of Kursk")."""
    j = m.end
    if j + 1 < len(doc) and doc[j].text == ",":
        nxt = doc[j + 1]
        container = gaz.abbreviation(nxt.text)
        if container is None and nxt.text[:1].isupper():
            for end in (j + 4, j + 3, j + 2):
                if end <= len(doc):
                    found = [x.place for x in gaz.lookup(doc[j + 1 : end].text) if x.main and x.place.feature in ("admin1", "country")]
                    if found:
                        container = found[0]
                        break
        m.container = container
    words = region_words()
    after = doc[j].lower_ if j < len(doc) else ""
    before = doc[m.start - 2 : m.start].text.lower() if m.start >= 2 else ""
    m.region = after in words or any(before == f"{w} of" for w in words)


# ------------------------------------------------------------------ roles

def _role(doc: Doc, m: _Mention) -> str:
    """A place as the subject of what governments do ("Moscow rejected",
    "Turkey accused") is metonymic; else literal."""
    root = doc[m.start : m.end].root
    while root.dep_ == "conj" and root.head.i != root.i:  # "Georgia and Armenia agreed"
        root = root.head
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.i != root.i:
        lemma = head.lemma_.lower()
        if lemma in metonymy_verbs() or lemma in speech_verbs():
            return "metonymic"
    return "literal"


def _modifiers(doc: Doc, toks: _Tokens, entities: list[Entity], gaz: Gazetteer, taken: set[int]) -> list[_Mention]:
    """Demonyms and area adjectives before a noun ("Russian troops",
    "Turkish-Russian relations", "European officials"), as modifier mentions
    of the country or area."""
    lex, areas, heads = countries(), area_demonyms(), modifier_heads()
    in_names: set[int] = set()  # tokens of names that are not places: "British Airways"
    for ent in entities:
        if ent.type in _PLACE_TYPES or ent.type == "NORP":
            continue
        for s, e in ent.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span) > 1:
                in_names.update(range(span.start, span.end))
    out: list[_Mention] = []
    n, i = len(doc), 0
    while i < n:
        if not toks.caps[i] and toks.words[i] != "EU" or i in taken:
            i += 1
            continue
        found = None
        for j in (i + 3, i + 2, i + 1):
            if j > n or any(k in taken for k in range(i, j)):
                continue
            text = toks.slice(i, j)
            place = _modifier_place(text, lex, areas, gaz)
            if place is not None:
                found = (j, place)
                break
        if found is None:
            i += 1
            continue
        j, place = found
        if _before_noun(doc, i, j) and (not any(k in in_names for k in range(i, j)) or j < n and doc[j].lower_ in heads):
            out.append(_Mention(i, j, toks.starts[i], toks.ends[j - 1], toks.slice(i, j), [], "fixed", place=place, role="modifier"))
            taken.update(range(i, j))
        i = j
    return out


def _modifier_place(text: str, lex, areas: dict[str, tuple[str, str]], gaz: Gazetteer) -> Place | None:
    area = areas.get(text.lower())
    if area is not None:
        return next((x.place for x in gaz.lookup(area[0]) if x.place.feature == area[1]), None)
    if not lex.is_demonym(text):
        return None
    code = lex.lookup(text)
    return gaz.country(code) if code else None


def _before_noun(doc: Doc, i: int, j: int) -> bool:
    """Is doc[i:j] an adjective before what it qualifies ("Russian troops",
    "the Russian and Turkish leaders", "Turkish-Russian"), not a noun ("the
    Russians", "a Russian") or a language ("in Turkish")?"""
    last = doc[j - 1]
    if last.tag_ in ("NNS", "NNPS"):
        return False
    if j < len(doc):
        nxt = doc[j]
        if nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not nxt.is_sent_start:
            return True
        if nxt.text in ("-", "–") and j + 1 < len(doc) and doc[j + 1].is_alpha:
            return True
    if last.dep_ in ("amod", "compound", "nmod") and last.head.i > last.i:
        return True
    return last.dep_ == "conj" and last.head.dep_ in ("amod", "compound") and last.head.head.i > last.i


# ------------------------------------------------------------------ resolution

def _context(entities: list[Entity], gaz: Gazetteer) -> _Context:
    """The countries the article is about, from its country names and demonyms;
    a name that is also a region elsewhere ("Georgia") does not count."""
    ctx = _Context()
    for e in entities:
        if e.country and e.type in ("GPE", "NORP", "LOC"):
            if any(m.place.feature != "country" and m.place.country != e.country for m in gaz.lookup(e.name) if m.main and (m.place.feature == "admin1" or m.place.population >= _STRONG_CITY_POPULATION)):
                continue
            ctx.countries[e.country] += len(e.mentions)
    return ctx


def _resolve(mentions: list[_Mention], ctx: _Context, gaz: Gazetteer) -> None:
    """Resolve the most certain name first; each resolution is context for the
    rest (greedy by the margin between a name's best and second readings)."""
    groups: dict[tuple, list[_Mention]] = {}
    for m in mentions:
        if m.container is not None and m.container.feature == "admin1" and m.container.admin1:
            ctx.regions[(m.container.country, m.container.admin1)] += 1.0
        if m.place is None:
            groups.setdefault((key(m.text), m.container.id if m.container else None, m.region), []).append(m)
        else:
            _note(m.place, 1, ctx)
    pending = list(groups.values())
    for ms in pending:  # the likeliest readings only: a name can have dozens
        ms[0].matches = sorted(ms[0].matches, key=lambda x: -_score(x, ms[0], _EMPTY))[:_MAX_READINGS]
    while pending:
        best_i, best_margin, best_place = 0, -1.0, None
        for i, ms in enumerate(pending):
            scores = sorted(((_score(x, ms[0], ctx), x.place.id, x.place) for x in ms[0].matches), key=lambda t: (-t[0], t[1]))
            margin = scores[0][0] - scores[1][0] if len(scores) > 1 else 100.0
            if ms[0].source == "ner":
                margin += 0.5
            if margin > best_margin:
                best_i, best_margin, best_place = i, margin, scores[0][2]
        ms = pending.pop(best_i)
        place = _regional(ms[0], _contained(ms[0], best_place), gaz)
        for m in ms:
            m.place = place
        _note(place, len(ms), ctx)
    # one sense per article: "PARIS, Mo." ... "of Paris" is that Paris
    contained = {key(m.text): m.place for m in mentions if m.container is not None and m.place is not None and m.source != "fixed"}
    for m in mentions:
        if m.container is None and m.source != "fixed" and not m.region and key(m.text) in contained:
            m.place = contained[key(m.text)]
    # one sense per article: "the Kursk region" ... "Kursk" is the region too
    regional = {key(m.text): m.place for m in mentions if m.region and m.place is not None and m.place.feature == "admin1"}
    for m in mentions:
        if m.container is None and not m.region and m.place is not None and m.place.feature == "city":
            m.place = regional.get(key(m.text), m.place)


def _contained(m: _Mention, place: Place) -> Place:
    """"HOLLIDAY, Mo." with no Holliday in Missouri: the town is somewhere in
    Missouri, so the mention is placed on the state (as GDELT falls back to
    the first-level region), never on a namesake elsewhere."""
    c = m.container
    if c is None or c.feature != "admin1" or not c.admin1 or place.feature != "city" or not place.admin1:
        return place
    return place if (place.country, place.admin1) == (c.country, c.admin1) else c


def _note(place: Place, n: int, ctx: _Context) -> None:
    if place.feature == "country":
        ctx.countries[place.country] += n
    elif place.country:
        ctx.countries[place.country] += n * 0.5
        if place.lat is not None:
            ctx.anchors.append(place)
        if place.admin1:
            ctx.regions[(place.country, place.admin1)] += n * (1.0 if place.feature == "admin1" else 0.5)


def _regional(m: _Mention, place: Place, gaz: Gazetteer) -> Place:
    """"the Kursk region" is Kursk Oblast where the gazetteer has it."""
    if not m.region or place.feature != "city":
        return place
    for name in dict.fromkeys((place.name, m.text)):  # "New York" is New York City, "New York State" the state
        for word in ("Oblast", "Krai", "Province", "Governorate", "State", "Region"):
            for x in gaz.lookup(f"{name} {word}"):
                if x.place.feature == "admin1" and x.place.country == place.country:
                    return x.place
    return place


def _score(match: Match, m: _Mention, ctx: _Context) -> float:
    p = match.place
    if p.feature == "city":
        s = math.log10(p.population + 10) + (1.0 if p.capital else 0.0)
        if m.region:
            s += 1.0
    else:
        s = _FEATURE_PRIOR.get(p.feature, 6.0)
    if not match.main:
        s -= 1.5
    if m.container is not None:
        c = m.container
        if c.feature == "admin1" and c.admin1 and p.admin1:
            inside = p.country == c.country and p.admin1 == c.admin1
        else:
            inside = p.country == c.country and (c.feature == "country" or p.lat is None or _km(p, c) < 800)
        if inside:
            s += 6.0
    if p.admin1 and p.feature == "city" and ctx.regions.get((p.country, p.admin1), 0.0) >= 1.0:
        # not for the city that shares the region's name ("Quebec" is the province)
        if not any(x.place.feature == "admin1" and x.place.country == p.country and x.place.admin1 == p.admin1 for x in m.matches):
            s += _REGION_BONUS
    total = sum(ctx.countries.values())
    if total and p.country in ctx.countries:
        s += 1.5 + 3.0 * ctx.countries[p.country] / total
    if p.feature != "country" and p.lat is not None and any(a.id != p.id and _near(a, p) for a in ctx.anchors):
        s += 1.0
    return s


def _near(a: Place, b: Place) -> bool:
    return abs(a.lat - b.lat) < 3.0 and _km(a, b) < _NEAR_KM


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ------------------------------------------------------------------ records

def _to_records(mentions: list[_Mention]) -> list[Location]:
    by_place: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_place.setdefault(m.place.id, []).append(m)
    out = []
    for n, ms in enumerate(sorted(by_place.values(), key=lambda ms: ms[0].start_char), 1):
        p = ms[0].place
        aliases = []
        for m in ms:
            if m.text != p.name and m.text not in aliases:
                aliases.append(m.text)
        roles = {(m.start_char, m.end_char): m.role for m in sorted(ms, key=lambda m: m.role != "literal", reverse=True)}
        spans = sorted(roles)
        out.append(
            Location(
                id=f"l{n}",
                name=p.name,
                country=p.country,
                feature=p.feature,
                lat=p.lat,
                lon=p.lon,
                geonameid=p.geonameid,
                aliases=tuple(aliases),
                mentions=tuple(spans),
                roles=tuple(roles[sp] for sp in spans),
            )
        )
    return out
