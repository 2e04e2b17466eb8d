"""Language knowledge as data: the TSV files in ``data/`` and their loaders.

Loaders are cached: each file is read once per process. Keys are matched
case-insensitively after ``key()`` (lower case, "the " dropped, dots and
possessives removed), so the data can be written the way people write it.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

import pycountry

__all__ = ["key", "Countries", "countries", "Institution", "institutions", "Title", "titles", "SpeechVerb", "speech_verbs", "speech_verb_forms", "gendered_words", "honorifics", "denial_cues", "read_tsv", "Doubling", "doubling", "Garble", "garble", "Transliteration", "transliterations", "AttributionCue", "attribution_cues", "ACTS", "cue_act", "first_names", "Description", "descriptions", "non_speakers"]


_POSSESSIVE = re.compile(r"'s$")
_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


#: cached: the extractors ask for the keys of the same few thousand names over
#: and over (each is three regex passes), and the answer never changes
@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """Lookup key: ``"the U.S."`` -> ``"us"``, ``"Russia’s"`` -> ``"russia"``."""
    k = text.strip().lower().replace("\u2019", "'")
    k = _POSSESSIVE.sub("", k)
    k = _THE.sub("", k)
    k = k.replace(".", "")
    return _SPACES.sub(" ", k).strip()


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/NAME`` as dicts; lines starting with ``#`` are comments."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip() and p.strip() != "-"]


@dataclass(frozen=True)
class Countries:
    #: key(name or alias) -> alpha-3
    by_name: dict[str, str]
    #: key(demonym) -> alpha-3
    by_demonym: dict[str, str]
    #: alpha-3 -> the common English name
    names: dict[str, str]

    def lookup(self, text: str) -> str | None:
        """Alpha-3 of a country name, alias or demonym (``"Ukrainian"`` -> ``"UKR"``)."""
        k = key(text)
        return self.by_name.get(k) or self.by_demonym.get(k)

    def is_demonym(self, text: str) -> bool:
        k = key(text)
        return k in self.by_demonym and k not in self.by_name


@functools.lru_cache(maxsize=1)
def countries() -> Countries:
    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                by_name.setdefault(key(value), c.alpha_3)
        names[c.alpha_3] = getattr(c, "common_name", None) or c.name
    by_demonym: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        code = row["alpha3"]
        aliases = _split(row["aliases"])
        for alias in aliases:
            by_name[key(alias)] = code
        if aliases:
            names[code] = aliases[0]
        for demonym in _split(row["demonyms"]):
            by_demonym[key(demonym)] = code
    return Countries(by_name, by_demonym, names)


@dataclass(frozen=True)
class Institution:
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    domain: str | None


@functools.lru_cache(maxsize=1)
def institutions() -> dict[str, Institution]:
    """key(name or alias) -> Institution."""
    out: dict[str, Institution] = {}
    for row in read_tsv("institutions.tsv"):
        inst = Institution(
            name=row["name"],
            aliases=tuple(_split(row["aliases"])),
            type=row["type"],
            country=None if row["country"] in ("", "-") else row["country"],
            domain=None if row["domain"] in ("", "-") else row["domain"],
        )
        for name in (inst.name, *inst.aliases):
            out[key(name)] = inst
    return out


@dataclass(frozen=True)
class Title:
    word: str
    domain: str | None
    #: "generic" (boss, leader: whoever heads something), "domain" (defense,
    #: foreign: qualifies another title word), or "title" (president, minister)
    role: str


@functools.lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    out = {}
    for row in read_tsv("titles.tsv"):
        role = {"yes": "generic", "domain": "domain"}.get(row["generic"], "title")
        out[row["word"].lower()] = Title(row["word"].lower(), None if row["domain"] in ("", "-") else row["domain"], role)
    return out


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    #: speech | written | cognition | evidence | phrase (see the data file)
    kind: str
    #: the form used in the test sentence that exercises the entry
    form: str
    #: also reports with a to-infinitive ("vowed to stay")
    infinitive: bool = False

    @property
    def cues_direct(self) -> bool:
        """Whether the verb can introduce a direct quote ("...," he said)."""
        return self.kind in ("speech", "written")


@functools.lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    """lemma (lower case; phrases with their spaces) -> SpeechVerb."""
    out = {}
    for row in read_tsv("speech_verbs.tsv"):
        verb = SpeechVerb(row["lemma"].lower(), row["kind"], row["form"], row.get("to") == "yes")
        out[verb.lemma] = verb
    return out


@functools.lru_cache(maxsize=1)
def speech_verb_forms() -> dict[str, SpeechVerb]:
    """Inflected form (the data file's ``form``, first word) -> SpeechVerb: a
    fallback where the lemmatizer errs ("hoped" -> "hop")."""
    return {v.form.split()[0].lower(): v for v in speech_verbs().values() if v.kind != "phrase"}


@functools.lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    """Honorific or title word (lower case, no dot) -> "m" | "f"."""
    return {row["word"].lower(): row["gender"] for row in read_tsv("gendered_words.tsv")}


@dataclass(frozen=True)
class Doubling:
    #: words English says twice in a row ("had had", "bye bye")
    doubles: frozenset[str]
    #: middle words of a reduplication ("back to back", "side by side")
    links: frozenset[str]


@functools.lru_cache(maxsize=1)
def honorifics() -> dict[str, str | None]:
    """Honorific -> the gender it tells ("m" | "f") or None: ``"mr"`` -> ``"m"``."""
    return {row["word"].lower(): (None if row["gender"] == "-" else row["gender"]) for row in read_tsv("honorifics.tsv")}


@functools.lru_cache(maxsize=1)
def denial_cues() -> dict[str, str]:
    """Cue word -> ``"deny"`` | ``"reject"``: ``"denied"`` -> ``"deny"``."""
    return {row["cue"].lower(): row["kind"] for row in read_tsv("denial_cues.tsv")}


@functools.lru_cache(maxsize=1)
def doubling() -> Doubling:
    """Doubling that is English, not noise: ``data/doubling.tsv``."""
    rows = read_tsv("doubling.tsv")
    pick = lambda role: frozenset(r["word"].lower() for r in rows if r["role"] == role)  # noqa: E731
    return Doubling(pick("doubles"), pick("link"))


@dataclass(frozen=True)
class Garble:
    #: adjacent tag pairs English does not produce ("ART" = the/a/an)
    tag_pairs: frozenset[tuple[str, str]]
    #: selective modifier lemma -> the head lemmas it combines with
    selects: dict[str, frozenset[str]]
    #: tags a clause does not end on (a determiner, preposition, conjunction)
    dangling: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def garble() -> Garble:
    """Signals of a garbled clause: ``data/garble.tsv``."""
    pairs, selects, dangling = set(), {}, set()
    for row in read_tsv("garble.tsv"):
        if row["kind"] == "tags":
            pairs.add((row["first"], row["second"]))
        elif row["kind"] == "select":
            selects[row["first"].lower()] = frozenset(_split(row["second"].lower()))
        elif row["kind"] == "end":
            dangling.add(row["first"])
    return Garble(frozenset(pairs), selects, frozenset(dangling))


@dataclass(frozen=True)
class Transliteration:
    pattern: re.Pattern
    language: str


@functools.lru_cache(maxsize=1)
def transliterations() -> tuple[Transliteration, ...]:
    """Letter patterns of untranslated transliterations: ``data/transliterations.tsv``."""
    return tuple(Transliteration(re.compile(row["pattern"]), row["language"]) for row in read_tsv("transliterations.tsv"))


@dataclass(frozen=True)
class AttributionCue:
    lemma: str
    #: VERB | NOUN | ADP | AUX: the cue word's part of speech
    pos: str
    #: where the content is (see ``extract.cue_relations``)
    relation: str
    #: share of the cue's occurrences that were attributions in training
    precision: float


@functools.lru_cache(maxsize=1)
def attribution_cues() -> dict[tuple[str, str], tuple[AttributionCue, ...]]:
    """(lemma, pos) -> its learned cues, the most precise relation first."""
    out: dict[tuple[str, str], list[AttributionCue]] = {}
    for row in read_tsv("attribution_cues.tsv"):
        cue = AttributionCue(row["lemma"].lower(), row["pos"], row["relation"], float(row["precision"]))
        out.setdefault((cue.lemma, cue.pos), []).append(cue)
    return {k: tuple(sorted(v, key=lambda c: -c.precision)) for k, v in out.items()}


#: the acts of an attribution; "statement" is "who said what"
ACTS = ("statement", "belief", "intention", "finding")
_KIND_ACTS = {"cognition": "belief", "evidence": "finding"}


@functools.lru_cache(maxsize=1)
def _cue_acts() -> dict[tuple[str, str], str]:
    out = {}
    for row in read_tsv("cue_acts.tsv"):
        if row["act"] not in ACTS:
            raise ValueError(f"cue_acts.tsv: unknown act {row['act']!r} for {row['lemma']!r}")
        out[(row["lemma"].lower(), row["relation"])] = row["act"]
    return out


def cue_act(lemma: str, relation: str = "*", kind: str | None = None) -> str:
    """The act of a cue (``cue_acts.tsv``): its row for this relation, else its
    row for any relation, else its speech-verb kind's (cognition: belief,
    evidence: finding), else statement."""
    acts = _cue_acts()
    lemma = lemma.lower()
    return acts.get((lemma, relation)) or acts.get((lemma, "*")) or _KIND_ACTS.get(kind or "", "statement")


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Given name (lower case) -> "m" | "f" (``first_names.tsv``)."""
    return {row["name"].lower(): row["gender"] for row in read_tsv("first_names.tsv")}


@dataclass(frozen=True)
class Description:
    word: str
    #: ORG | GPE | DOCUMENT | PERSON: what "the WORD" refers to
    refers: str
    #: abbreviations of a PERSON title ("lt" for lieutenant)
    also: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def descriptions() -> dict[str, Description]:
    """Head noun of a definite description -> what it refers to
    (``descriptions.tsv``)."""
    out = {}
    for row in read_tsv("descriptions.tsv"):
        out[row["word"].lower()] = Description(row["word"].lower(), row["refers"], tuple(_split(row["also"])))
    return out


@functools.lru_cache(maxsize=1)
def non_speakers() -> frozenset[str]:
    """Head nouns (lemmas) that cannot speak (``non_speakers.tsv``)."""
    return frozenset(row["word"].lower() for row in read_tsv("non_speakers.tsv"))
